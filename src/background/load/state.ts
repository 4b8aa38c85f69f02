/**
 * The loader's only memory, all of which may die with the worker (MV3 stops it at will):
 * the thread keys on screen (their panels' ports die with the worker too), and the last
 * thread loaded, kept so context clicks do not gunzip the cached mbox each time.
 * Everything a later call needs is in idb (cache/).
 *
 * Non-goals: anything that must survive the worker (cache/, browser/tab-state.ts).
 */
import type { Prior } from '../../core/incremental.ts';

/**
 * One loaded thread as one object: its key, raw mbox, analysis and per-message heads, and,
 * when it was analysed in this worker, what the analysis read (split, texts, trailers), so a
 * refresh merges the new mail into it (core/incremental.ts) instead of reading it all again.
 */
export interface LoadedThread extends Prior {
  key: string;
}

/** Threads on screen, by how many loads show them; released when a load's signal aborts. */
const onScreen = new Map<string, number>();

export function pin(key: string, signal: AbortSignal): void {
  if (signal.aborted) return;
  onScreen.set(key, (onScreen.get(key) ?? 0) + 1);
  signal.addEventListener(
    'abort',
    () => {
      const n = (onScreen.get(key) ?? 1) - 1;
      if (n <= 0) onScreen.delete(key);
      else onScreen.set(key, n);
    },
    { once: true },
  );
}

/** The keys eviction must spare. */
export function pinnedKeys(): Set<string> {
  return new Set(onScreen.keys());
}

let last: LoadedThread | null = null;

/** The last thread loaded or read for context, if it is `key`. */
export function lastThread(key: string): LoadedThread | null {
  return last?.key === key ? last : null;
}

export function rememberThread(t: LoadedThread | null): void {
  last = t;
}
