/**
 * Every series a thread holds, as ledgers, the page's first: the one answer the panel's
 * header and matrix, the lore-page badges, the tree's marks and the CLI all read.
 *
 *   seriesAnchor(analysis: Analysis, page: string | null): string | null
 *   threadSeries(threads: ThreadFacts[], opts: ThreadSeriesOptions): Ledger[]
 *   heldSeries(threads, opts): SeriesVersions[]   (the same, before the ledgers: for the finder)
 *
 * `threads` are the facts of the thread on screen and of every other thread at hand (other
 * versions, unthreaded postings); version-group.ts groups them. A series is kept when the
 * thread on screen holds one of its versions (`held`), or when it is the series the thread
 * only answers (the seed's case: a reply that lost its References). The page's series comes
 * first: the one holding the page's message or the nearest version message above it, else
 * the version its subject names (`seriesAnchor`).
 *
 * Each ledger carries its bots' findings placed on the versions they are about
 * (ledger-findings.ts).
 *
 * Non-goals: finding or fetching threads (the worker), the rules of grouping (version-group.ts)
 * or of the ledger (ledger.ts); changelogs (kept per version key beside the facts).
 */
import type { Analysis } from '../types.ts';
import { parseSubject } from '../mail/subject.ts';
import { buildLedger, type Ledger, type LedgerOptions } from './ledger.ts';
import { withFindings } from './ledger-findings.ts';
import { strippedTitle } from './patch-match.ts';
import type { ThreadFacts } from './series-facts.ts';
import { groupVersions, type GroupOptions, type SeriesVersions } from './version-group.ts';

export interface ThreadSeriesOptions extends GroupOptions, LedgerOptions {
  /**
   * Version keys of the thread on screen: only the series holding one of them (or the one
   * the thread only answers) are kept. Absent: every series of `threads` (the CLI's inputs).
   */
  held?: readonly string[];
}

/**
 * The message that names the page's series: the page's own message or the nearest cover or
 * patch above it; else, for a reply that lost its way up (ghosts, a lost "re:"), the cover or
 * first patch of the version its subject names, when the thread holds it; else null.
 */
export function seriesAnchor(analysis: Analysis, page: string | null): string | null {
  if (!page) return null;
  const lead = new Map<string, string>();
  for (const s of analysis.series) {
    for (const v of s.versions) {
      const key = v.cover ?? v.patches[0]?.id;
      if (!key) continue;
      if (v.cover) lead.set(v.cover, v.cover);
      for (const p of v.patches) lead.set(p.id, p.id);
    }
  }
  const byId = new Map(analysis.messages.map((m) => [m.id, m]));
  const seen = new Set<string>();
  for (let cur: string | null = page; cur && !seen.has(cur); cur = byId.get(cur)?.parent ?? null) {
    seen.add(cur);
    if (lead.has(cur)) return cur;
  }
  const own = byId.get(page);
  const s = own ? parseSubject(own.subject) : null;
  if (!s?.isPatch || !s.base) return null;
  const title = strippedTitle(s.base);
  for (const series of analysis.series) {
    for (const v of series.versions) {
      if (v.version !== s.version || strippedTitle(parseSubject(v.subject).base) !== title) continue;
      const key = v.cover ?? v.patches[0]?.id;
      if (key) return key;
    }
  }
  return null;
}

function holdsAnchor(g: SeriesVersions, anchor: string | undefined): boolean {
  if (!anchor) return false;
  return g.members.some((m) => m.facts.key === anchor || m.facts.messages.includes(anchor) || m.confirmedBy.includes('answer'));
}

/** The series groups the thread holds (version-group.ts), the page's first. */
export function heldSeries(threads: ThreadFacts[], opts: ThreadSeriesOptions = {}): SeriesVersions[] {
  const groups = groupVersions(threads, opts);
  const held = opts.held ? new Set(opts.held) : null;
  return groups.filter((g) => !held || g.members.some((m) => held.has(m.facts.key)) || holdsAnchor(g, opts.anchor));
}

export function threadSeries(threads: ThreadFacts[], opts: ThreadSeriesOptions = {}): Ledger[] {
  return heldSeries(threads, opts).map((g) => withFindings(buildLedger(g, opts)));
}
