/**
 * Finding the Message-ID a page does not show, so that archives other than public-inbox
 * lead to a public-inbox thread too:
 * - from the archive's own plain-text view of the message (`rawUrl`: marc's `&q=raw`, a
 *   patchwork `/mbox/`), whose headers carry it;
 * - else by searching the public-inbox with the subject, author and date the page shows
 *   (`search`: lkml.org, spinics), taking the hit whose subject matches and whose date is
 *   closest. That guess keeps `confidence: 'search'` so the panel can say so.
 *
 * Non-goals: no scraping of HTML pages (the sites adapters read pages), no fuzzy matching
 * beyond case and whitespace.
 */
import { atomSearchUrl, midOfUrl } from '../../sites/public-inbox-url.ts';
import { threadUrlOf } from '../../sites/resolution.ts';
import { splitMbox } from '../../core/mail/mbox.ts';
import { parseHead } from '../../core/mail/headers.ts';
import type { Resolution } from '../../sites/types.ts';
import type { LoadErrorKind } from '../../protocol.ts';
import { politeFetch } from '../net/polite-fetch.ts';
import { inspectBody } from '../net/challenge.ts';
import { maybeGunzip } from '../net/gzip.ts';
import { parseAtom } from '../sources/atom.ts';
import { searchQuery } from '../../sites/index.ts';

export type Located = { ok: true; res: Resolution } | { ok: false; kind: LoadErrorKind; message: string };

function withMid(res: Resolution, mid: string, confidence: Resolution['confidence']): Resolution {
  return { ...res, messageId: mid, confidence, needsPage: null, threadUrl: threadUrlOf(res.inboxUrl, mid) };
}

const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

async function fromRaw(res: Resolution, rawUrl: string, signal: AbortSignal): Promise<Located> {
  const host = new URL(rawUrl).host;
  try {
    const r = await politeFetch({ url: rawUrl }, { signal });
    const bytes = r.status === 200 ? await maybeGunzip(r.bytes) : null;
    const verdict = bytes ? inspectBody(bytes, 'mbox') : null;
    if (verdict?.kind === 'challenge') return { ok: false, kind: 'challenge', message: `${host} showed a bot check. Open it in a tab once, then retry.` };
    const first = bytes && verdict?.kind === 'ok' ? splitMbox(bytes).messages[0] : undefined;
    const mid = first ? parseHead(first, 0).messageId : '';
    if (mid) return { ok: true, res: withMid(res, mid, 'exact') };
    return { ok: false, kind: 'not-found', message: `${host} did not give this message's Message-ID, so its thread cannot be found.` };
  } catch {
    return { ok: false, kind: 'network', message: `Could not reach ${host}. Check the connection, then retry.` };
  }
}

async function fromSearch(res: Resolution, inboxUrl: string, signal: AbortSignal): Promise<Located> {
  const hint = res.search!;
  const host = new URL(inboxUrl).host;
  const url = atomSearchUrl(inboxUrl, searchQuery(hint));
  try {
    const r = await politeFetch({ url, accept: 'application/atom+xml' }, { signal });
    const body = r.status === 200 ? await maybeGunzip(r.bytes) : new Uint8Array();
    if (inspectBody(body, 'atom').kind === 'challenge') {
      return { ok: false, kind: 'challenge', message: `${host} showed a bot check. Open it in a tab once, then retry.` };
    }
    const want = norm(hint.subject);
    const at = hint.date ? Date.parse(hint.date) : NaN;
    const hits = parseAtom(new TextDecoder().decode(body))
      .filter((e) => norm(e.title) === want || norm(e.title).endsWith(want))
      .map((e) => ({ mid: midOfUrl(e.url), gap: Number.isNaN(at) || !e.updated ? 0 : Math.abs(Date.parse(e.updated) - at) }))
      .filter((h): h is { mid: string; gap: number } => h.mid !== null)
      .sort((a, b) => a.gap - b.gap);
    if (hits[0]) return { ok: true, res: withMid(res, hits[0].mid, 'search') };
    return { ok: false, kind: 'not-found', message: `No message with this subject and author was found on ${host}.` };
  } catch {
    return { ok: false, kind: 'network', message: `Could not reach ${host}. Check the connection, then retry.` };
  }
}

/** The resolution with its Message-ID (and thread URL) filled in, or why that failed. */
export async function locateMessage(res: Resolution, signal: AbortSignal): Promise<Located> {
  if (res.messageId && res.threadUrl) return { ok: true, res };
  if (res.messageId && res.inboxUrl) return { ok: true, res: withMid(res, res.messageId, res.confidence) };
  if (res.rawUrl) {
    const got = await fromRaw(res, res.rawUrl, signal);
    if (got.ok || !res.search || !res.inboxUrl) return got;
  }
  if (res.search && res.inboxUrl) return fromSearch(res, res.inboxUrl, signal);
  if (res.messageId) return { ok: false, kind: 'unsupported', message: noSourceMessage(res) };
  return { ok: false, kind: 'unsupported', message: 'This page does not say which message it shows, so its thread cannot be fetched.' };
}

/** The message is known, and nothing serves its thread: say so, rather than "which message?". */
export function noSourceMessage(res: Resolution): string {
  const list = res.list && res.list !== 'all' ? res.list : 'this list';
  return `ListLens knows which message this is (its Message-ID), but no public-inbox is known to carry ${list} and the archive offers no download of its threads, so the thread cannot be fetched.`;
}
