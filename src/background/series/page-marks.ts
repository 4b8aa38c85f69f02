/**
 * The marks the content script puts beside message links on an archive page (its
 * `page-marks` request), from what the worker already knows of the thread: review trailers
 * and "applied" per patch as the ledger counts them (core/series/ledger-marks.ts, the same
 * numbers the panel's matrix shows), and new since the reader's last visit. Nothing is
 * fetched; a thread not in the cache gets no marks.
 *
 * Non-goals: reading the page (the content script), storage (cache/visits.ts, cache/threads.ts).
 */
import { patchMarks, type PatchMark } from '../../core/series/ledger-marks.ts';
import type { PageMark } from '../../protocol.ts';
import { findThreadKey, threadMessageIds } from '../cache/threads.ts';
import { readVisits } from '../cache/visits.ts';
import { cachedSeries } from './ledgers.ts';

/** The page may name at most this many messages; more are not looked at. */
export const MAX_IDS = 2000;

/**
 * Marks for `ids` (bare Message-IDs) among the thread's messages (`inThread`). `seen`: the
 * messages the reader has seen (null: first visit or marks off, so nothing is new).
 * `patches`: the ledger's marks by patch.
 */
export function linkMarks(ids: readonly string[], inThread: ReadonlySet<string>, seen: ReadonlySet<string> | null, patches: ReadonlyMap<string, PatchMark>): Record<string, PageMark> {
  const out: Record<string, PageMark> = {};
  for (const id of ids.slice(0, MAX_IDS)) {
    if (typeof id !== 'string') continue;
    const p = patches.get(id);
    if (!inThread.has(id) && !p) continue;
    const mark: PageMark = {};
    if (p?.reviewed) mark.reviewed = p.reviewed;
    if (p?.acked) mark.acked = p.acked;
    if (p?.tested) mark.tested = p.tested;
    if (p?.applied) mark.applied = true;
    if (seen && inThread.has(id) && !seen.has(id)) mark.isNew = true;
    if (Object.keys(mark).length) out[id] = mark;
  }
  return out;
}

/**
 * Answers `page-marks`: `threadIds` may name the page's thread (the page's own first, then its
 * links), the first one cached names it. `marksOn`: the "new since the last visit" setting.
 */
export async function pageMarks(inboxUrl: string, threadIds: readonly string[], ids: readonly string[], marksOn: boolean): Promise<Record<string, PageMark>> {
  let key: string | null = null;
  for (const id of threadIds.slice(0, 20)) {
    key = await findThreadKey(inboxUrl, id).catch(() => null);
    if (key) break;
  }
  if (!key) return {};
  const [inThread, visits, series] = await Promise.all([
    threadMessageIds(key).catch(() => [] as string[]),
    marksOn ? readVisits(key).catch(() => null) : null,
    cachedSeries(key).catch(() => []),
  ]);
  return linkMarks(ids, new Set(inThread), visits ? new Set(visits.seen) : null, patchMarks(series.map((s) => s.ledger)));
}
