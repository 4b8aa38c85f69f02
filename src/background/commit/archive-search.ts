/**
 * The archive searches of a commit lookup, through the polite fetcher: the Atom search that
 * finds a posting by patch-id or by subject and author (core/commit/discussion-search.ts
 * builds the queries and picks), and the search for later fixes, asked as an mbox of whole
 * threads (public-inbox's `POST ?q=…&x=m` with `x=1`), so each fix comes with the replies
 * that tell whether it was applied.
 *
 * Non-goals: deciding what a hit means (the core), the thread itself (the thread loader).
 */
import { analyseMbox } from '../../core/analyse.ts';
import type { SearchHit } from '../../core/commit/discussion-search.ts';
import { laterFixes, type FixedCommit, type LaterFix } from '../../core/commit/later-fixes.ts';
import { threadFacts } from '../../core/series/series-facts.ts';
import { atomSearchUrl, midOfUrl } from '../../sites/public-inbox-url.ts';
import { politeFetch } from '../net/polite-fetch.ts';
import { inspectBody } from '../net/challenge.ts';
import { maybeGunzip } from '../net/gzip.ts';
import { parseAtom } from '../sources/atom.ts';

export type Searched<T> = { ok: true; value: T } | { ok: false; message: string };

/** At most this much mail is read for later fixes (whole threads of every hit). */
const MAX_FIXES_BYTES = 8 << 20;

function hostOf(url: string): string {
  return new URL(url).host;
}

/** The postings a query finds on `inboxUrl`, as Atom entries. */
export async function searchHits(inboxUrl: string, query: string, signal: AbortSignal): Promise<Searched<SearchHit[]>> {
  const url = atomSearchUrl(inboxUrl, query);
  try {
    const r = await politeFetch({ url, accept: 'application/atom+xml' }, { signal });
    // public-inbox answers a search without hits with 404 and an Atom feed
    if (r.status !== 200 && r.status !== 404) return { ok: false, message: `${hostOf(url)} answered the search with HTTP ${r.status}.` };
    const body = await maybeGunzip(r.bytes);
    const verdict = inspectBody(body, 'atom');
    if (verdict.kind === 'challenge') return { ok: false, message: `${hostOf(url)} showed a bot check. Open it in a tab once, then retry.` };
    const hits = parseAtom(new TextDecoder().decode(body)).flatMap((e) => {
      const mid = midOfUrl(e.url, inboxUrl) ?? midOfUrl(e.url);
      return mid ? [{ messageId: mid, subject: e.title, date: e.updated, isReply: e.isReply }] : [];
    });
    return { ok: true, value: hits };
  } catch (e) {
    return { ok: false, message: `Could not search ${hostOf(url)} (${e instanceof Error ? e.message : String(e)}).` };
  }
}

/** Messages naming `commit` (a `Fixes:` tag or a citation), each with its status. */
export async function searchFixes(inboxUrl: string, query: string, commit: FixedCommit, signal: AbortSignal): Promise<Searched<LaterFix[]>> {
  const url = `${inboxUrl}?q=${encodeURIComponent(query).replace(/%20/g, '+')}&x=m`;
  try {
    const r = await politeFetch({ url, method: 'POST', body: 'x=1', accept: 'application/gzip, application/mbox' }, { signal });
    if (r.status === 404) return { ok: true, value: [] };
    if (r.status !== 200) return { ok: false, message: `${hostOf(url)} answered the search for fixes with HTTP ${r.status}.` };
    const bytes = await maybeGunzip(r.bytes);
    const verdict = inspectBody(bytes, 'mbox');
    if (verdict.kind === 'challenge') return { ok: false, message: `${hostOf(url)} showed a bot check. Open it in a tab once, then retry.` };
    if (bytes.length === 0) return { ok: true, value: [] };
    if (bytes.length > MAX_FIXES_BYTES) return { ok: false, message: `The search for fixes gave more mail than ListLens reads (${Math.round(bytes.length / 1048576)} MB).` };
    const a = await analyseMbox(bytes, { keepBodies: true });
    const bodies = new Map<string, string>();
    for (const [k, b] of a.bodies ?? []) bodies.set(k, b.text);
    return { ok: true, value: laterFixes(commit, a.heads, bodies, [threadFacts(a.analysis, a.heads, bodies)]) };
  } catch (e) {
    return { ok: false, message: `Could not search ${hostOf(url)} for fixes (${e instanceof Error ? e.message : String(e)}).` };
  }
}
