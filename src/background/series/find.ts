/**
 * Where other versions of a series may be, from what the threads at hand say and from one
 * public-inbox search: Message-IDs whose threads are worth fetching. Every signal the issue
 * names feeds it: links in covers and changelogs (`- Link to v2: …`, `v1: https://lore…`),
 * Patchew's `Supersedes:`, the message a version's lead answers (vN sent as a reply to vN-1),
 * and a search by change-id, patch-ids, and author AND title words in a date window
 * (core/series/version-query.ts). A thread that only answers the series (the seed's case: a reply
 * that lost its References) has no author to search by: its title words alone are searched.
 *
 * Candidates are only candidates: core/series/version-group.ts confirms each, or keeps it uncertain.
 *
 * Non-goals: fetching (series-load.ts), grouping (the core).
 */
import { searchDay } from '../../core/mail/date.ts';
import { parseSubject } from '../../core/mail/subject.ts';
import { titleWords, versionSearchQuery } from '../../core/series/version-query.ts';
import type { ThreadFacts } from '../../core/series/series-facts.ts';
import type { SeriesVersions } from '../../core/series/version-group.ts';
import { atomSearchUrl, midOfUrl } from '../../sites/public-inbox-url.ts';
import { politeFetch } from '../net/polite-fetch.ts';
import { inspectBody } from '../net/challenge.ts';
import { maybeGunzip } from '../net/gzip.ts';
import { parseAtom, type AtomEntry } from './versions.ts';

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
 * root key: when vN answers vN-1, that root is vN-1's cover as a ghost, whose thread is still
 * to be fetched.
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

/** The search hits that can lead a version: a cover letter, a patch 1/N or a lone patch; no replies. */
export function leadHits(entries: AtomEntry[], inboxUrl: string): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if (e.isReply) continue;
    const s = parseSubject(e.title);
    if (s.isReply || !s.isPatch) continue;
    if (s.counter > 1) continue;
    const mid = midOfUrl(e.url, inboxUrl) ?? midOfUrl(e.url);
    if (mid) out.push(mid);
  }
  return out;
}

/** Runs the search on the inbox; an error, a challenge or no hits give no candidates. */
export async function searchCandidates(inboxUrl: string, query: string, signal: AbortSignal): Promise<string[]> {
  try {
    const r = await politeFetch({ url: atomSearchUrl(inboxUrl, query), accept: 'application/atom+xml' }, { signal });
    if (r.status !== 200) return [];
    const body = await maybeGunzip(r.bytes);
    if (inspectBody(body, 'atom').kind !== 'ok') return [];
    return leadHits(parseAtom(new TextDecoder().decode(body)), inboxUrl);
  } catch {
    return [];
  }
}
