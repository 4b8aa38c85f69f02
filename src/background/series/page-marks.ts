/**
 * The marks the content script puts beside message links on an archive page (its
 * `page-marks` request), from what the worker already knows of the thread:
 * review trailers per patch (the series analysis), new since the reader's last visit, and a
 * reply below the patch saying it was applied. Pure, so it is tested without a browser.
 *
 * Non-goals: reading the page (the content script), storage (cache/visits.ts, cache/threads.ts).
 */
import type { Analysis } from '../../core/types.ts';
import type { ReplyMarks } from '../../core/thread/reply-marks.ts';
import type { PageMark } from '../../protocol.ts';

/** One link's status; fields left out when nothing is known. */
export type LinkMark = PageMark;

/** The page may name at most this many messages; more are not looked at. */
export const MAX_IDS = 2000;

/**
 * Marks for `ids` (bare Message-IDs). `seen`: the messages the reader has seen (null: first
 * visit or marks off, so nothing is new). `replyMarks`: marks of replies by id, if known.
 */
export function linkMarks(ids: readonly string[], analysis: Analysis, seen: ReadonlySet<string> | null, replyMarks: ReadonlyMap<string, ReplyMarks> | null): Record<string, LinkMark> {
  const byId = new Map(analysis.messages.map((m) => [m.id, m]));
  const counts = new Map<string, { reviewed: number; acked: number; tested: number }>();
  for (const s of analysis.series) for (const v of s.versions) for (const p of v.patches) counts.set(p.id, p.counts);
  // A reply saying "applied" marks the patch it answers (its nearest ancestor that is a patch).
  const applied = new Set<string>();
  for (const [id, m] of replyMarks ?? []) {
    if (!m.applied) continue;
    const hops = new Set<string>();
    for (let cur = byId.get(id)?.parent ?? null; cur && !hops.has(cur); cur = byId.get(cur)?.parent ?? null) {
      hops.add(cur);
      if (counts.has(cur)) {
        applied.add(cur);
        break;
      }
    }
  }
  const out: Record<string, LinkMark> = {};
  for (const id of ids.slice(0, MAX_IDS)) {
    if (typeof id !== 'string') continue;
    const m = byId.get(id);
    if (!m || m.ghost) continue;
    const mark: LinkMark = {};
    const c = counts.get(id);
    if (c?.reviewed) mark.reviewed = c.reviewed;
    if (c?.acked) mark.acked = c.acked;
    if (c?.tested) mark.tested = c.tested;
    if (seen && !seen.has(id)) mark.isNew = true;
    if (applied.has(id)) mark.applied = true;
    if (Object.keys(mark).length) out[id] = mark;
  }
  return out;
}
