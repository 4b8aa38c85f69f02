/**
 * Where the rest of a series may be, from what the threads at hand say and from public-inbox
 * searches: Message-IDs whose threads are worth fetching.
 * - Other versions: links in covers and changelogs (`- Link to v2: …`), Patchew's
 *   `Supersedes:`, the message a version's lead answers (vN sent as a reply to vN-1), and one
 *   search by change-id, patch-ids, and author AND title words in a date window
 *   (core/series/version-query.ts). A thread that only answers the series (a reply that lost
 *   its References) has no author to search by: its title words alone are searched.
 * - A version's own thread, when only its lead is at hand (public-inbox adds a cover to the
 *   thread of a reply of the same subject, without its patches: the seed's v4).
 * - A version's patches that are not in its thread (each sent as its own thread, or with
 *   References lost): a search for that version's subject prefix and author within a day of
 *   it (`s:`, `f:`, `d:`), whose whole threads fetch.ts asks for in one request.
 *
 * Candidates are only candidates: core/series/version-group.ts confirms each.
 *
 * Non-goals: fetching (fetch.ts), grouping (the core).
 */
import { searchDay } from '../../core/mail/date.ts';
import { parseSubject } from '../../core/mail/subject.ts';
import { titleWords, versionSearchQuery } from '../../core/series/version-query.ts';
import type { ThreadFacts, VersionFacts } from '../../core/series/series-facts.ts';
import type { SeriesVersions } from '../../core/series/version-group.ts';
import { atomSearchUrl, midOfUrl } from '../../sites/public-inbox-url.ts';
import { politeFetch } from '../net/polite-fetch.ts';
import { inspectBody } from '../net/challenge.ts';
import { maybeGunzip } from '../net/gzip.ts';
import { parseAtom, type AtomEntry } from '../sources/atom.ts';

/** Message-IDs named by the threads' versions: links, supersedes, the message a lead answers. */
export function namedCandidates(threads: ThreadFacts[]): string[] {
  const out = new Set<string>();
  for (const t of threads) {
    for (const v of t.versions) {
      for (const l of v.links) out.add(l.messageId);
      for (const s of v.supersedes) out.add(s);
      if (v.inReplyTo) out.add(v.inReplyTo);
    }
  }
  return [...out];
}

/**
 * Every message key the threads hold (a candidate among them needs no fetch). Not the thread's
 * root key: when vN answers vN-1, that root is vN-1's cover as a ghost, whose thread must still
 * be fetched.
 */
export function knownMessages(threads: ThreadFacts[]): Set<string> {
  const out = new Set<string>();
  for (const t of threads) {
    for (const v of t.versions) for (const m of v.messages) out.add(m);
    for (const a of t.answers) out.add(a.message);
  }
  return out;
}

/**
 * Leads of versions that lack patches while their own thread is not at hand (`roots`: the
 * roots of the threads at hand). The version's thread is where its patches should be.
 */
export function incompleteVersions(threads: ThreadFacts[], roots: ReadonlySet<string>): VersionFacts[] {
  return threads.flatMap((t) => t.versions.filter((v) => v.missing.length > 0 && !roots.has(v.thread)));
}

/**
 * The search for the series: from the grouped series when there is one (author, change-id,
 * patch-ids, every version's date), else from what the thread answers (title words only).
 */
export function seriesQuery(series: SeriesVersions | null, threads: ThreadFacts[]): string | null {
  if (series && series.members.length) {
    const patchIds = [...new Set(series.members.flatMap((m) => m.facts.patches.map((p) => p.patchId)).filter((x): x is string => !!x))];
    return versionSearchQuery({
      title: series.title,
      author: series.author.address,
      changeId: series.changeId,
      patchIds,
      dates: series.members.map((m) => m.facts.date),
    });
  }
  const answer = threads.flatMap((t) => t.answers)[0];
  if (!answer) return null;
  const words = titleWords(answer.title, 4);
  if (words.length < 2) return null;
  const q = words.map((w) => `s:${w}`).join(' AND ');
  const t = answer.date ? Date.parse(answer.date) : NaN;
  if (Number.isNaN(t)) return q;
  return `${q} AND d:${searchDay(t - 365 * 864e5)}..${searchDay(t + 30 * 864e5)}`;
}

/**
 * The search hits that can lead a version: a cover letter, a patch 1/N or a lone patch; no
 * replies. A patch 1/N is left out when its version's cover is among the hits (same version,
 * total and sender): the cover's thread names the version, and patch 1 may be a thread of its own.
 */
export function leadHits(entries: AtomEntry[], inboxUrl: string): string[] {
  const hits = entries.flatMap((e) => {
    const s = parseSubject(e.title);
    if (e.isReply || s.isReply || !s.isPatch || s.counter > 1) return [];
    const mid = midOfUrl(e.url, inboxUrl) ?? midOfUrl(e.url);
    return mid ? [{ mid, s, who: (e.email ?? '').toLowerCase() }] : [];
  });
  const covers = new Set(hits.filter((h) => h.s.counter === 0).map((h) => `${h.s.version}/${h.s.total}/${h.who}`));
  return hits.filter((h) => h.s.counter === 0 || h.s.total <= 1 || !covers.has(`${h.s.version}/${h.s.total}/${h.who}`)).map((h) => h.mid);
}

/** Postings a day either side of a version are its own: `git send-email` sends them in minutes. */
const POSTING_DAYS = 1;

/**
 * The search for a version's postings: its author, its subject prefix (`PATCH`, and `vN`
 * past v1) and the days around its date. Null without an author or a date (too wide).
 */
export function postingQuery(v: VersionFacts): string | null {
  const author = v.author.address.replace(/["()]/g, '').trim();
  const t = v.date ? Date.parse(v.date) : NaN;
  if (!author || Number.isNaN(t)) return null;
  const prefix = v.version > 1 ? `s:PATCH AND s:v${v.version}` : 's:PATCH';
  return `f:"${author}" AND ${prefix} AND d:${searchDay(t - POSTING_DAYS * 864e5)}..${searchDay(t + POSTING_DAYS * 864e5)}`;
}

/** Runs a search on the inbox; an error, a challenge or no hits give no entries. */
export async function searchEntries(inboxUrl: string, query: string, signal: AbortSignal): Promise<AtomEntry[]> {
  try {
    const r = await politeFetch({ url: atomSearchUrl(inboxUrl, query), accept: 'application/atom+xml' }, { signal });
    if (r.status !== 200) return [];
    const body = await maybeGunzip(r.bytes);
    if (inspectBody(body, 'atom').kind !== 'ok') return [];
    return parseAtom(new TextDecoder().decode(body));
  } catch {
    return [];
  }
}
