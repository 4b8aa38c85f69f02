/**
 * "New since your last visit", as the panel words and walks it. The worker remembers, per
 * thread and only in this browser's IndexedDB, which messages the reader has seen and when they
 * were last there; this module turns that record and the thread on screen into the set of new
 * messages, the header's words and the `n` key's next stop.
 *
 * The first visit marks nothing: every message there is the baseline, or a 98-message thread
 * would open as 98 new. A message stays new until the reader opens it (or marks all read).
 *
 * Non-goals: storage (the worker's cache room), drawing.
 */
import type { ThreadMessage } from '../core/types.ts';
import type { Visits } from '../protocol.ts';
import { plural, stamp } from '../core/format.ts';

export type { Visits };

/** The real messages not seen before; none on a first visit. */
export function newIds(messages: ThreadMessage[], v: Visits | null): Set<string> {
  const out = new Set<string>();
  if (!v?.seen) return out;
  const seen = new Set(v.seen);
  for (const m of messages) if (!m.ghost && !seen.has(m.id)) out.add(m.id);
  return out;
}

/** "2 new since 2026-12-03 10:40 UTC", or '' when nothing is new. */
export function newSinceText(count: number, lastVisit: number | null, timeZone?: string): string {
  if (count === 0) return '';
  return `${plural(count, 'new', 'new')}${lastVisit !== null ? ` since ${stamp(lastVisit, timeZone)}` : ''}`;
}

/** The next new message after `current` in `order` (tree order), wrapping; null when none. */
export function nextNew(order: readonly string[], fresh: ReadonlySet<string>, current: string | null): string | null {
  if (fresh.size === 0) return null;
  const i = current ? order.indexOf(current) : -1;
  for (let k = 1; k <= order.length; k++) {
    const id = order[(i + k + order.length) % order.length] as string;
    if (fresh.has(id) && id !== current) return id;
  }
  return null;
}
