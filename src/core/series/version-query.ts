/**
 * The public-inbox search that finds candidate versions of a series, as a query string:
 *
 *   versionSearchQuery(seed: VersionSearchSeed): string | null
 *
 * Better than b4's exact-subject search (`s:"<subject>" AND f:<addr>`), which loses every
 * version whose title changed: the query ORs
 * - `nq:"change-id: <id>"` when the series has one (every b4 revision);
 * - `patchid:<id>` of its patches (resends and other versions of an unchanged patch);
 * - the author (`f:`) AND any of the title's three rarest words (`s:` terms, the longest
 *   words once the subsystem prefix and common words are dropped), so a title extended,
 *   shortened, re-cased or re-prefixed (`mm:` → `mm/hmm:`) still matches while one of them
 *   survives; Xapian has no "k of n", and a broad candidate list is cheap to confirm;
 * all within a date window (`d:YYYYMMDD..YYYYMMDD`, a year either side by default).
 * The hits are candidates only: version-group.ts confirms each.
 *
 * Non-goals: the URL (the sites' public-inbox module builds it from the inbox and this query)
 * and running the search.
 */
import { searchDay } from '../mail/date.ts';
import { strippedTitle } from './patch-match.ts';

export interface VersionSearchSeed {
  /** The series title (subject without tags). */
  title: string;
  /** The author's address; '' when unknown (then no author/title term). */
  author: string;
  changeId?: string | null;
  /** patch-ids of the known patches (a few are enough; at most 8 are used). */
  patchIds?: string[];
  /** ISO dates of the known versions. */
  dates: Array<string | null>;
  /** Days either side of the known dates; 365 by default (b4 looks one year back). */
  windowDays?: number;
}

/** Words too common in kernel titles to narrow a search. */
const STOP = new Set(['a', 'an', 'the', 'to', 'of', 'in', 'on', 'for', 'and', 'or', 'with', 'from', 'by', 'is', 'be', 'at', 'as', 'v1', 'v2', 'v3', 'patch', 'rfc', 'resend', 'fix', 'fixes', 'use', 'add', 'remove']);

/** The title's search words: the subsystem prefix dropped, common words dropped, longest first. */
export function titleWords(title: string, max = 6): string[] {
  const words = strippedTitle(title)
    .split(/[^a-z0-9_]+/)
    .filter((w) => w.length > 2 && !STOP.has(w));
  const unique = [...new Set(words)];
  // the longest words are the rarest: they narrow best
  return unique.sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, max);
}

const clean = (s: string): string => s.replace(/["()]/g, '').trim();

export function versionSearchQuery(seed: VersionSearchSeed): string | null {
  const terms: string[] = [];
  if (seed.changeId) terms.push(`nq:"change-id: ${clean(seed.changeId)}"`);
  for (const id of (seed.patchIds ?? []).filter((x) => /^[0-9a-f]{40}$/.test(x)).slice(0, 8)) terms.push(`patchid:${id}`);
  const words = titleWords(seed.title, 3);
  const author = clean(seed.author);
  if (author && words.length) terms.push(`(f:"${author}" AND ${words.length > 1 ? `(${words.map((w) => `s:${w}`).join(' OR ')})` : `s:${words[0]}`})`);
  if (!terms.length) return null;
  const q = terms.length > 1 ? `(${terms.join(' OR ')})` : terms[0]!;
  const times = seed.dates.map((d) => (d ? Date.parse(d) : NaN)).filter((t) => !Number.isNaN(t));
  if (!times.length) return q;
  const span = (seed.windowDays ?? 365) * 864e5;
  return `${q} AND d:${searchDay(Math.min(...times) - span)}..${searchDay(Math.max(...times) + span)}`;
}
