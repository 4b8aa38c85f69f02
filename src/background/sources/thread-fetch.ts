/**
 * The archive requests of a thread load, turned into outcomes the panel can say in one
 * sentence: the whole thread (`t.mbox.gz`), the refresh of a cached one (an incremental
 * `dt:` search, or a full refetch once the cached copy is old), and the threads a search
 * matches (a series' unthreaded patches, background/series/).
 *
 * Every body is checked before it is treated as mail: gunzipped only if the magic says gzip
 * (public-inbox sends `application/gzip` without Content-Encoding, a browser or proxy may
 * have decoded it), and refused if it is a bot challenge or some other page. Downloading and
 * decompressing stop at the reader's size limits (loader-settings' `sizeLimits`), with a
 * sentence that says how large the thread is, as far as known, and where to raise the limit.
 *
 * Non-goals: no idb writes, no analysis (load/load.ts), no retry policy (net/polite-fetch.ts).
 */
import { messageUrl, threadMbox, threadSearchUrl } from '../../sites/public-inbox-url.ts';
import type { Progress } from '../../core/types.ts';
import type { LoadErrorKind, PanelEvent } from '../../protocol.ts';
import { FetchFailure, politeFetch, type FetchSpec } from '../net/polite-fetch.ts';
import { inspectBody } from '../net/challenge.ts';
import { InflateLimit, maybeGunzip } from '../net/gzip.ts';
import { readMbox, type CachedThread } from '../cache/threads.ts';
import { dtStamp, mergeNew } from './thread-merge.ts';
import { pageFetch, sizeLimits, type SizeLimits } from '../loader-settings.ts';
import { recorded } from '../../errors.ts';

/** A `dt:` refresh only sees mail by its Date header; once a week a full fetch catches the rest. */
export const FULL_REFETCH_MS = 7 * 24 * 3600_000;
/** Dates are the senders' clocks: ask from a margin before the last check. Duplicates are dropped. */
export const DT_SLACK_MS = 2 * 24 * 3600_000;

export type Fetched =
  /** `gz`: the body as the archive sent it, when that was gzip (decompresses to `bytes`). */
  | { ok: true; bytes: Uint8Array; gz: Uint8Array | null; empty: boolean }
  | { ok: false; kind: LoadErrorKind | 'aborted'; message: string };

interface Emitter {
  emit(e: PanelEvent): void;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the archive';
  }
}

const MB = 1024 * 1024;

/** Megabytes as the reader reads them: "4.7 MB", "1,536 MB". */
export function mb(bytes: number): string {
  const m = bytes / MB;
  return `${m < 10 ? m.toFixed(1) : Math.round(m).toLocaleString('en-US')} MB`;
}

const RAISE = 'ListLens stops there so that the browser does not run out of memory; to open it, raise the limit under "Large threads" in ListLens\'s options.';

/** The sentence for a download past the limit. */
export function tooLargeDownload(host: string, limits: SizeLimits, announced: number | null): string {
  const size = announced ? `is ${mb(announced)}` : `is larger than ${mb(limits.download)}`;
  return `The thread file from ${host} ${size}, over the ${mb(limits.download)} download limit. ${RAISE}`;
}

/** The sentence for a file that decompresses past the limit. */
export function tooLargeInflated(host: string, limits: SizeLimits, e: InflateLimit): string {
  const claimed = e.claimed ? ` (its gzip trailer says ${mb(e.claimed)})` : '';
  return `The thread file from ${host} is ${mb(e.compressed)} but decompresses to more than ${mb(limits.inflated)}${claimed}, over the limit. ${RAISE}`;
}

/**
 * One mbox request. `emptyOn404`: public-inbox answers a search without hits with 404,
 * which for a refresh means "nothing new", not "not found".
 */
async function getMbox(spec: FetchSpec, sink: Emitter, signal: AbortSignal, progress: ((p: Progress) => void) | null, emptyOn404: boolean): Promise<Fetched> {
  const host = hostOf(spec.url);
  const limits = await sizeLimits();
  let r;
  try {
    r = await politeFetch({ ...spec, maxBytes: limits.download }, {
      signal,
      onBytes: (n, total) => progress?.({ phase: 'download', bytes: n, messages: 0, total }),
      onWait: (w) => {
        if (w.reason === 'network') return;
        const s = Math.ceil(w.ms / 1000);
        sink.emit({ type: 'wait', seconds: s, message: `${host} asked ListLens to wait; trying again in ${s} s.` });
      },
    });
  } catch (e) {
    if (e instanceof FetchFailure && e.kind === 'aborted') return { ok: false, kind: 'aborted', message: 'cancelled' };
    if (e instanceof FetchFailure && e.kind === 'too-large') return { ok: false, kind: 'too-large', message: tooLargeDownload(host, limits, e.announced) };
    if (e instanceof FetchFailure && e.midBody) {
      return { ok: false, kind: 'network', message: `The download from ${host} broke off before the end, on every try. Retry later.` };
    }
    return { ok: false, kind: 'network', message: `Could not reach ${host}. Check the connection, then retry.` };
  }
  if (r.status === 404 && emptyOn404) return { ok: true, bytes: new Uint8Array(), gz: null, empty: true };
  if (r.status === 300 || r.status === 404 || r.status === 410) {
    return { ok: false, kind: 'not-found', message: `${host} does not have this message: it may not be archived yet, or the link is wrong.` };
  }
  if (r.status === 429 || r.status === 503) return { ok: false, kind: 'rate-limited', message: slowDown(host, r.retryAfterMs) };
  if (r.status < 200 || r.status > 299) {
    return { ok: false, kind: 'http', message: `${host} answered with an error (HTTP ${r.status}).` };
  }
  let bytes: Uint8Array;
  try {
    bytes = await maybeGunzip(r.bytes, limits.inflated);
  } catch (e) {
    if (e instanceof InflateLimit) return { ok: false, kind: 'too-large', message: tooLargeInflated(host, limits, e) };
    return { ok: false, kind: 'parse', message: `The thread file from ${host} is damaged (it could not be decompressed). Retry later.` };
  }
  const verdict = inspectBody(bytes, 'mbox');
  if (verdict.kind === 'challenge') {
    const viaPage = await fetchViaPage(spec, limits);
    if (viaPage) return viaPage;
    return {
      ok: false,
      kind: 'challenge',
      message: `${host} showed a bot check instead of the thread. Open ${host} in a tab once (the check remembers your browser), then retry.`,
    };
  }
  if (verdict.kind === 'unexpected') {
    return { ok: false, kind: 'http', message: `${host} sent a web page where mail was expected; the archive may be misconfigured or behind a login.` };
  }
  return { ok: true, bytes, gz: bytes === r.bytes ? null : r.bytes, empty: bytes.length === 0 };
}

/** The same request made by an open archive tab (see `LoaderSettings.pageFetch`), if it yields mail. */
async function fetchViaPage(spec: FetchSpec, limits: SizeLimits): Promise<Fetched | null> {
  const raw = await pageFetch({ url: spec.url, method: spec.method ?? 'GET', body: spec.body ?? '' });
  if (!raw) return null;
  if (raw.length > limits.download) return { ok: false, kind: 'too-large', message: tooLargeDownload(hostOf(spec.url), limits, raw.length) };
  let bytes: Uint8Array | null;
  try {
    bytes = await maybeGunzip(raw, limits.inflated);
  } catch (e) {
    if (e instanceof InflateLimit) return { ok: false, kind: 'too-large', message: tooLargeInflated(hostOf(spec.url), limits, e) };
    bytes = recorded('page fetch: gunzip', null)(e);
  }
  if (!bytes || inspectBody(bytes, 'mbox').kind !== 'ok') return null;
  return { ok: true, bytes, gz: bytes === raw ? null : raw, empty: bytes.length === 0 };
}

/** The archive's "not now" in words that match the wait: seconds, or the time it ends. */
export function slowDown(host: string, ms: number | null, now = Date.now()): string {
  if (!ms) return `${host} asked ListLens to slow down. Retry in a moment.`;
  if (ms <= 90_000) return `${host} asked ListLens to slow down for ${Math.ceil(ms / 1000)} s. Retry after that.`;
  const at = new Date(now + ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `${host} asked ListLens to wait until ${at}. Retry after that.`;
}

/** The whole thread as mbox, from `<threadUrl>t.mbox.gz`. */
export function fetchThread(threadUrl: string, sink: Emitter, signal: AbortSignal, progress: (p: Progress) => void): Promise<Fetched> {
  return getMbox({ url: threadMbox(threadUrl), accept: 'application/gzip, application/mbox;q=0.9, */*;q=0.1' }, sink, signal, progress, false);
}

/**
 * The whole threads of every message a search matches, as one mbox (public-inbox: `POST
 * <inbox>/?x=m&q=…`, a body starting `x=1` asks for whole threads). No hits is an empty mbox.
 */
export function fetchSearchThreads(inboxUrl: string, query: string, sink: Emitter, signal: AbortSignal): Promise<Fetched> {
  return getMbox({ url: threadSearchUrl(inboxUrl, query), method: 'POST', body: 'x=1', accept: 'application/gzip, application/mbox;q=0.9, */*;q=0.1' }, sink, signal, null, true);
}

/** Any other mbox file, such as an archive's own export (archive-mbox.ts), with the same checks. */
export function fetchMbox(url: string, sink: Emitter, signal: AbortSignal, progress: (p: Progress) => void): Promise<Fetched> {
  return getMbox({ url, accept: 'application/gzip, application/mbox;q=0.9, text/plain;q=0.5, */*;q=0.1' }, sink, signal, progress, false);
}

export type RefreshOutcome =
  | { kind: 'aborted' }
  | { kind: 'offline' }
  | { kind: 'failed'; error: LoadErrorKind; message: string }
  | { kind: 'unchanged' }
  /** `base`: the cached mbox `bytes` grew from (new mail appended), so the analysis can merge rather than redo. */
  | { kind: 'changed'; bytes: Uint8Array; full: boolean; base?: Uint8Array };

function outcomeOf(f: Extract<Fetched, { ok: false }>): RefreshOutcome {
  if (f.kind === 'aborted') return { kind: 'aborted' };
  if (f.kind === 'network') return { kind: 'offline' };
  return { kind: 'failed', error: f.kind, message: f.message };
}

/** Ask the archive what is new in a cached thread. Never polls: one call, one or two requests. */
export async function refreshCached(cached: CachedThread, sink: Emitter, signal: AbortSignal, now = Date.now()): Promise<RefreshOutcome> {
  const { meta, view } = cached;
  const threadUrl = messageUrl(meta.inboxUrl, meta.anchorId);
  const old = now - meta.lastFullFetch >= FULL_REFETCH_MS ? null : await readMbox(meta.key).catch(recorded('cache: read mbox', null));
  if (!old) {
    const got = await fetchThread(threadUrl, sink, signal, () => undefined);
    return got.ok ? { kind: 'changed', bytes: got.bytes, full: true } : outcomeOf(got);
  }
  // From the last check, not from the thread's newest message: public-inbox 1.9 answers with
  // every message of the inbox in the window, so a window opened at an old thread's last
  // message would bring years of the list. Mail dated earlier than the slack but archived
  // since is left to the weekly full fetch.
  const since = meta.lastRefresh - DT_SLACK_MS;
  // An empty body: public-inbox reads `x=…` in the body as "expand to whole threads".
  const got = await getMbox({ url: threadSearchUrl(threadUrl, `dt:${dtStamp(since)}..`), method: 'POST', body: '' }, sink, signal, null, true);
  if (!got.ok) return outcomeOf(got);
  if (got.empty) return { kind: 'unchanged' };
  const { merged } = mergeNew(old, view.heads, view.analysis, got.bytes);
  return merged ? { kind: 'changed', bytes: merged, full: false, base: old } : { kind: 'unchanged' };
}
