/**
 * Where a commit was discussed, strongest signal first (issue 19):
 *   1. its `Link:` / `Message-ID:` trailers (b4's `patch.msgid.link/<id>` links first, then
 *      the last link written, which is where `b4 am` and `git am` tools append theirs);
 *   2. its `git patch-id --stable`, searched with public-inbox's `patchid:` prefix (every
 *      posting of an identical diff: resends, unchanged versions);
 *   3. its subject and author within a date window: the only signal left when the applied
 *      diff differs from every posting, and an uncertain one.
 * This module builds the queries and picks among the hits; it also builds the search for
 * later fixes (`Fixes: <sha prefix>` or `commit <sha prefix> ("…")` in a message's own text).
 *
 * Non-goals: URLs and fetching (the worker and the CLI run the searches through the sites'
 * public-inbox grammar), reading a Link: URL (sites/msgid-link.ts).
 */
import { searchDay } from '../mail/date.ts';
import { parseSubject } from '../mail/subject.ts';
import { strippedTitle } from '../series/patch-match.ts';
import { titleWords } from '../series/version-query.ts';
import type { CommitPatch } from './commit-patch.ts';
import { MIN_CITED_DIGITS } from './citations.ts';

/** Which signal found the discussion. `subject` alone is uncertain. */
export type DigSignal = 'link' | 'message-id' | 'patch-id' | 'subject';

/** One hit of an archive search, as public-inbox's Atom feed gives it. */
export interface SearchHit {
  messageId: string;
  subject: string;
  date: string | null;
  isReply: boolean;
}

/** A search result taken as the commit's discussion. */
export interface Found {
  messageId: string;
  signal: DigSignal;
  uncertain: boolean;
  /** What matched, in words: `Link: https://…`, `patchid:1a2b…`, `subject and author, 2 days before`. */
  evidence: string;
}

/** Days before the commit's author date a posting of it is looked for (a v1 a year before a v5), and after. */
export const WINDOW_BEFORE_DAYS = 365;
export const WINDOW_AFTER_DAYS = 7;

const B4_LINK = /^https?:\/\/(patch\.)?msgid\.link\//i;

/** `Link:` values in the order to try: b4's patch links first, then the last written first. */
export function orderedLinks(c: CommitPatch): string[] {
  const rev = [...c.links].reverse();
  return [...rev.filter((l) => B4_LINK.test(l)), ...rev.filter((l) => !B4_LINK.test(l))];
}

export function patchIdQuery(c: CommitPatch): string | null {
  return c.patchId ? `patchid:${c.patchId}` : null;
}

/**
 * `s:<word> AND … AND f:"<address>" AND d:<a>..<b>`: the title's words (subsystem prefix and
 * common words aside, series/version-query.ts `titleWords`) rather than b4's `s:"<subject>"`
 * phrase, which public-inbox's Xapian missed for one of three identical subjects in the
 * tests; `pickBySubject` then wants the whole title.
 */
export function subjectQuery(c: CommitPatch): string | null {
  const words = titleWords(c.subject, 6);
  if (!words.length) return null;
  const parts = words.map((w) => `s:${w}`);
  const who = (c.author.address || c.author.name).replace(/"/g, ' ').trim();
  if (who) parts.push(`f:"${who}"`);
  const t = c.date ? Date.parse(c.date) : NaN;
  if (!Number.isNaN(t)) parts.push(`d:${searchDay(t - WINDOW_BEFORE_DAYS * 864e5)}..${searchDay(t + WINDOW_AFTER_DAYS * 864e5)}`);
  return parts.join(' AND ');
}

/**
 * Messages whose own (unquoted) text cites the commit with 8 digits or more:
 * `nq:<8 digits> OR nq:<9 digits> OR … OR nq:<every digit>`, one exact term per length a
 * citation can have. public-inbox indexes a body with Xapian's term generator, where a cited
 * id is one lowercased term of its own length, so each term finds the citations of that
 * length alone. One wildcard, `nq:<8 digits>*`, would cover every length, but public-inbox
 * lets a wildcard expand to at most 100 terms and answers HTTP 500 beyond (1.9, tried here:
 * 100 answered, 101 not); lore's `nq:` holds every word of millions of messages' own text
 * (ids cited, bisect logs, register dumps), so a prefix of 8 digits can start more than 100
 * of them, and the search failed. Exact terms expand to nothing: no limit, and other ids
 * sharing the first digits are not found. Xapian stems a term that starts with a letter (an
 * ending `e` or `ed` may go), so a term also finds words that stem alike, another commit's
 * id perhaps; later-fixes.ts checks every hit against the full sha. A SHA-1 makes 33 terms,
 * 1.1 kB of URL on lore; a SHA-256 (64 digits, the longest later-fixes.ts takes) 57, 2.6 kB.
 */
export function fixesQuery(sha: string): string | null {
  if (!/^[0-9a-f]{12,64}$/i.test(sha)) return null;
  const id = sha.toLowerCase();
  const terms: string[] = [];
  for (let n = MIN_CITED_DIGITS; n <= id.length; n++) terms.push(`nq:${id.slice(0, n)}`);
  return terms.join(' OR ');
}

const DAY = 864e5;

function dayGap(a: string | null, b: string | null): number {
  const x = a ? Date.parse(a) : NaN;
  const y = b ? Date.parse(b) : NaN;
  return Number.isNaN(x) || Number.isNaN(y) ? Infinity : Math.abs(x - y) / DAY;
}

/**
 * Postings only: patch subjects that are no replies. Judged by the subject alone: patch 2/3 of
 * a threaded series answers its cover letter, so the feed marks it a reply (`isReply`).
 */
function postings(hits: readonly SearchHit[]): SearchHit[] {
  return hits.filter((h) => {
    const s = parseSubject(h.subject);
    return s.isPatch && !s.isReply;
  });
}

function sameTitle(a: string, b: string): boolean {
  return strippedTitle(parseSubject(a).base) === strippedTitle(b);
}

/**
 * The posting an identical diff was found in: among the patch postings (no replies), those
 * with the commit's title first (an identical diff may have been sent under another title),
 * then the newest, which is the one closest to being applied.
 */
export function pickByPatchId(hits: readonly SearchHit[], c: CommitPatch): Found | null {
  const ps = postings(hits);
  if (!ps.length || !c.patchId) return null;
  const titled = ps.filter((h) => sameTitle(h.subject, c.subject));
  const pool = titled.length ? titled : ps;
  const best = pool.reduce((a, b) => ((b.date ?? '') > (a.date ?? '') ? b : a));
  return { messageId: best.messageId, signal: 'patch-id', uncertain: false, evidence: `patchid:${c.patchId}` };
}

/**
 * The posting found by subject and author: the commit's title exactly (prefixes and case
 * aside), the date nearest the commit's author date. Always uncertain: another patch may
 * share the title, and nothing proves the diff is the one posted.
 */
export function pickBySubject(hits: readonly SearchHit[], c: CommitPatch): Found | null {
  const ps = postings(hits).filter((h) => sameTitle(h.subject, c.subject));
  if (!ps.length) return null;
  const best = ps.reduce((a, b) => (dayGap(b.date, c.date) < dayGap(a.date, c.date) ? b : a));
  const gap = dayGap(best.date, c.date);
  const when = gap === Infinity ? 'date unknown' : gap < 1 ? 'the same day' : `${Math.round(gap)} days apart`;
  return { messageId: best.messageId, signal: 'subject', uncertain: true, evidence: `same subject and author, ${when}` };
}
