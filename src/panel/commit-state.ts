/**
 * The commit the panel was opened on (a git web's commit page, issue 19), as the worker's
 * `commit` events describe it: its own slice, apart from the thread's (panel-state.ts) and the
 * series' (series-state.ts), reset with them when another page is opened.
 *
 * Non-goals: the words shown (commit-model.ts), the port (connection.ts).
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { CommitEvent, CommitView } from '../protocol.ts';

export function createCommitStore() {
  const view = signal<CommitView | null>(null);
  return {
    view: view as ReadonlySignal<CommitView | null>,
    /** An event for another page than the one opened (a late answer) is dropped. */
    apply(e: CommitEvent, url: string | null): void {
      if (url !== null && e.view.url !== url) return;
      view.value = e.view;
    },
    reset(): void {
      view.value = null;
    },
  };
}
