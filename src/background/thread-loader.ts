/**
 * Loading a thread for the panel: page URL → resolution → cached view at once, or the
 * archive's `t.mbox.gz` (tree first, then the full analysis) → cache → other versions.
 * A cached thread refreshes in the background, incrementally, at most every TTL.
 *
 * Everything a later call needs is in idb (cache.ts); the only memory state is what dies
 * harmlessly with the worker: the keys on screen (their panels' ports die too) and the last
 * thread's bytes, kept so context clicks do not gunzip the mbox each time.
 *
 * Non-goals: no port handling (helper C's handler calls these functions with a sink), no
 * rendering, no parsing of mail beyond calling the core.
 */
import { resolvePage } from '../sites/index.ts';
import { analyseMbox } from '../core/analyse.ts';
import { messageContext } from '../core/context.ts';
import type { Analysis, MessageHead, Progress } from '../core/types.ts';
import type { Resolution } from '../sites/types.ts';
import type { CacheInfo, LoadErrorKind, PanelEvent } from './messages.ts';
import { encodeMidForUrl } from '../core/message-id.ts';
import { clearAll, findThreadKey, readMbox, readThread, threadKeyOf, updateMeta, usage, writeThread, type CachedThread } from './cache.ts';
import { anchorOf, fetchThread, focusFrom, focusOf, refreshCached, type Fetched } from './thread-fetch.ts';
import { findVersions } from './versions.ts';
import { locateMessage, noSourceMessage } from './locate.ts';
import { cacheLimitBytes, extraHosts, refreshTtlMs } from './loader-settings.ts';
import { archiveSource, fetchArchiveThread, forgetArchiveFile, isArchiveNamespace, matchPage, refreshArchiveThread } from './archive-mbox.ts';

export { configureLoader, type LoaderSettings } from './loader-settings.ts';

export interface LoadSink {
  emit(e: PanelEvent): void;
}

/** An explicit "refresh" click still waits this long since the last network check. */
export const MANUAL_REFRESH_MIN_MS = 60_000;

// ---- memory that may die with the worker ----

/** Threads on screen, by how many loads show them; released when a load's signal aborts. */
const onScreen = new Map<string, number>();

function pin(key: string, signal: AbortSignal): void {
  if (signal.aborted) return;
  onScreen.set(key, (onScreen.get(key) ?? 0) + 1);
  signal.addEventListener(
    'abort',
    () => {
      const n = (onScreen.get(key) ?? 1) - 1;
      if (n <= 0) onScreen.delete(key);
      else onScreen.set(key, n);
    },
    { once: true },
  );
}

interface Loaded {
  key: string;
  bytes: Uint8Array;
  analysis: Analysis;
  heads: MessageHead[];
}
/** The last thread loaded or read for context; also what context falls back to if idb failed. */
let last: Loaded | null = null;

// ---- events ----

function cacheInfo(cachedAt: number | null, state: CacheInfo['state'], offline = false): CacheInfo {
  return { cachedAt, offline, state };
}

function fail(sink: LoadSink, kind: LoadErrorKind, message: string, cache: CacheInfo | null = null): void {
  sink.emit({ type: 'error', error: { kind, message }, cache });
}

/** Progress at most every 50 ms (a port message per chunk or message is waste), phase changes always. */
function progressEmitter(sink: LoadSink): (p: Progress) => void {
  let lastAt = 0;
  let lastPhase = '';
  return (p) => {
    const now = Date.now();
    if (p.phase === lastPhase && now - lastAt < 50) return;
    lastAt = now;
    lastPhase = p.phase;
    sink.emit({ type: 'progress', progress: p });
  };
}

// ---- the interface helper C's port handler calls ----

/**
 * Load the thread of the page at `url`. `known`: the resolution the content script made
 * with the page in hand (anchors, ids read from the page), used when it is for this URL;
 * otherwise the URL alone is resolved here.
 */
export async function loadThread(url: string, sink: LoadSink, signal: AbortSignal, known?: Resolution | null): Promise<void> {
  let res: Resolution | null = known ?? null;
  if (!res) {
    try {
      res = resolvePage(new URL(url), undefined, await extraHosts());
    } catch {
      res = null;
    }
  }
  if (!res) return fail(sink, 'unsupported', 'ListLens does not know this page as a mailing-list archive.');
  await loadResolved(res, url, sink, signal);
}

/** The part of `loadThread` after the URL is resolved (tests call it with a loopback archive). */
export async function loadResolved(resolved: Resolution, url: string, sink: LoadSink, signal: AbortSignal): Promise<void> {
  let res = resolved;
  if (res.kind === 'index' || res.kind === 'search') {
    sink.emit({ type: 'resolved', resolution: res, threadKey: null });
    return;
  }
  if (res.kind === 'not-found') {
    sink.emit({ type: 'resolved', resolution: res, threadKey: null });
    return fail(sink, 'not-found', 'The archive does not have this message (it answered "not found").');
  }
  // ---- lists no public-inbox carries: the archive's own mbox (archive-mbox.ts) ----
  const source = archiveSource(res);
  if (source) {
    // A HyperKitty thread page is its first message: only a message page needs the id looked
    // up, and not from the very file the thread comes from (a patchwork series' mbox).
    if (!res.messageId && res.rawUrl && res.kind !== 'thread' && res.rawUrl !== source) {
      const located = await locateMessage(res, signal);
      if (signal.aborted) return;
      if (located.ok) res = located.res;
    }
    // A page that shows no Message-ID finds its cached thread by its URL, then its message
    // again among the cached heads.
    const pageAlias = res.messageId ? null : `page:${url}`;
    const key = await findThreadKey(source, res.messageId ?? pageAlias!).catch(() => null);
    const cached = key ? await readThread(key).catch(() => null) : null;
    if (cached) return showCached(pageAlias ? matchPage(res, cached.view.heads) : res, url, cached, sink, signal);
    sink.emit({ type: 'resolved', resolution: res, threadKey: null });
    const progress = progressEmitter(sink);
    const got = await fetchArchiveThread(res, source, sink, signal, progress);
    if (!got.ok) {
      if (got.kind !== 'aborted') fail(sink, got.kind, got.message);
      return;
    }
    if (got.res !== res) sink.emit({ type: 'resolved', resolution: got.res, threadKey: null });
    return analyseAndStore(got.res, url, { ok: true, bytes: got.bytes, gz: got.gz, empty: got.bytes.length === 0 }, sink, signal, progress, pageAlias ? [pageAlias] : []);
  }
  // ---- end of the archive's own mbox ----
  if (!res.inboxUrl || !res.messageId || !res.threadUrl) {
    const located = await locateMessage(res, signal);
    if (signal.aborted) return;
    if (!located.ok || !located.res.inboxUrl || !located.res.threadUrl) {
      sink.emit({ type: 'resolved', resolution: res, threadKey: null });
      return located.ok
        ? fail(sink, 'unsupported', noSourceMessage(located.res))
        : fail(sink, located.kind, located.message);
    }
    res = located.res;
  }
  const { inboxUrl, messageId, threadUrl } = res;
  if (!inboxUrl || !messageId || !threadUrl) return; // located above; keeps the types honest
  const key = await findThreadKey(inboxUrl, messageId).catch(() => null);
  const cached = key ? await readThread(key).catch(() => null) : null;
  if (cached) return showCached(res, url, cached, sink, signal);

  sink.emit({ type: 'resolved', resolution: res, threadKey: null });
  const progress = progressEmitter(sink);
  const got = await fetchThread(threadUrl, sink, signal, progress);
  if (!got.ok) {
    if (got.kind !== 'aborted') fail(sink, got.kind, got.message);
    return;
  }
  await analyseAndStore(res, url, got, sink, signal, progress);
}

async function showCached(res: Resolution, url: string, cached: CachedThread, sink: LoadSink, signal: AbortSignal): Promise<void> {
  const { meta, view } = cached;
  pin(meta.key, signal);
  sink.emit({ type: 'resolved', resolution: res, threadKey: meta.key });
  const since = Date.now() - meta.lastRefresh;
  const [anchored, ttl] = await Promise.all([anchorOf(res, view.heads), refreshTtlMs()]);
  const focus = focusFrom(res, view.heads, anchored);
  // A page showing a message the cached copy lacks (a T/ page anchored on a newer reply)
  // proves the archive has grown: refresh now rather than after the TTL.
  const grown = anchored === null && since >= MANUAL_REFRESH_MIN_MS;
  const stale = grown || since >= ttl;
  // Within the TTL nothing asks the archive; the browser still knows when it is offline.
  const offline = !stale && globalThis.navigator?.onLine === false;
  sink.emit({
    type: 'analysis',
    threadKey: meta.key,
    analysis: view.analysis,
    focus,
    cache: cacheInfo(meta.lastRefresh, stale ? 'refreshing' : 'cached', offline),
    url,
  });
  if (meta.versions) sink.emit({ type: 'versions', threadKey: meta.key, versions: meta.versions.links });
  if (stale) await refreshAndReport(cached, url, focus, sink, signal);
}

async function analyseAndStore(res: Resolution, url: string, got: Extract<Fetched, { ok: true }>, sink: LoadSink, signal: AbortSignal, progress: (p: Progress) => void, aliases: readonly string[] = []): Promise<void> {
  const inbox = res.inboxUrl ?? archiveSource(res)!;
  let key: string | null = null;
  const result = await analyseMbox(got.bytes, {
    onProgress: progress,
    onTree: (thread, heads) => {
      key = threadKeyOf(inbox, thread.roots[0] ?? res.messageId!);
      sink.emit({ type: 'tree', threadKey: key, thread, heads });
    },
  });
  const { analysis, heads, bytes } = result;
  const threadKey = key ?? threadKeyOf(inbox, analysis.roots[0] ?? res.messageId!);
  pin(threadKey, signal);
  last = { key: threadKey, bytes, analysis, heads };
  const now = Date.now();
  const focus = await focusOf(res, heads);
  sink.emit({ type: 'analysis', threadKey, analysis, focus, cache: cacheInfo(now, 'fresh'), url });

  const anchor = heads.find((h) => h.messageId === res.messageId) ?? heads.find((h) => h.messageId);
  const stored = await writeThread(
    {
      meta: {
        inboxUrl: inbox,
        rootId: threadKey.slice(inbox.length + 1),
        anchorId: anchor?.messageId ?? res.messageId!,
        subject: analysis.messages.find((m) => !m.ghost)?.subject ?? '',
        messages: heads.length,
        newestDate: newest(heads),
        cachedAt: now,
        lastRefresh: now,
        lastFullFetch: now,
        versions: null,
      },
      analysis,
      heads,
      raw: bytes,
      // The archive's own gzip, when the analysis read exactly what it decompresses to.
      gz: bytes.length === got.bytes.length ? got.gz : null,
      aliases,
    },
    { limitBytes: await cacheLimitBytes(), pinned: new Set(onScreen.keys()) },
  ).catch((e: unknown) => ({ ok: false as const, reason: 'error' as const, message: String(e), key: threadKey }));
  if (!stored.ok) {
    // Too large is a setting, not a failure, but the reader who expects it offline must know.
    const why = stored.reason === 'too-large' ? `${stored.message} (Options → Cache)` : stored.message;
    fail(sink, 'quota', `The thread is shown but could not be saved for offline reading: ${why}.`, cacheInfo(now, 'fresh'));
  }
  await emitVersions(inbox, threadKey, analysis, sink, signal, stored.ok);
}

async function emitVersions(inbox: string, key: string, analysis: Analysis, sink: LoadSink, signal: AbortSignal, save: boolean): Promise<void> {
  // An archive's own mbox (archive-mbox.ts) has no public-inbox to search for other versions.
  if (analysis.series.length === 0 || isArchiveNamespace(inbox)) return;
  const links = await findVersions(inbox, analysis, signal).catch(() => null);
  if (!links) return;
  sink.emit({ type: 'versions', threadKey: key, versions: links });
  if (save) await updateMeta(key, { versions: { links, at: Date.now() } }).catch(() => undefined);
}

async function refreshAndReport(cached: CachedThread, url: string, focus: string | null, sink: LoadSink, signal: AbortSignal): Promise<void> {
  const { meta } = cached;
  const out = isArchiveNamespace(meta.inboxUrl) ? await refreshArchiveThread(cached, sink, signal) : await refreshCached(cached, sink, signal);
  const now = Date.now();
  switch (out.kind) {
    case 'aborted':
      return;
    case 'offline':
      sink.emit({ type: 'cache', threadKey: meta.key, cache: cacheInfo(meta.lastRefresh, 'cached', true) });
      return;
    case 'failed':
      return fail(sink, out.error, out.message, cacheInfo(meta.lastRefresh, 'cached'));
    case 'unchanged':
      await updateMeta(meta.key, { lastRefresh: now }).catch(() => undefined);
      sink.emit({ type: 'cache', threadKey: meta.key, cache: cacheInfo(now, 'fresh') });
      return;
    case 'changed': {
      const result = await analyseMbox(out.bytes, {});
      last = { key: meta.key, bytes: result.bytes, analysis: result.analysis, heads: result.heads };
      sink.emit({ type: 'analysis', threadKey: meta.key, analysis: result.analysis, focus, cache: cacheInfo(now, 'fresh'), url });
      const stored = await writeThread(
        {
          meta: {
            ...meta,
            messages: result.heads.length,
            newestDate: newest(result.heads),
            lastRefresh: now,
            lastFullFetch: out.full ? now : meta.lastFullFetch,
          },
          analysis: result.analysis,
          heads: result.heads,
          raw: result.bytes,
        },
        { limitBytes: await cacheLimitBytes(), pinned: new Set(onScreen.keys()) },
      ).catch((e: unknown) => ({ ok: false as const, reason: 'error' as const, message: String(e) }));
      if (!stored.ok) fail(sink, 'quota', `The new messages are shown but could not be saved: ${stored.message}.`, cacheInfo(now, 'fresh'));
      await emitVersions(meta.inboxUrl, meta.key, result.analysis, sink, signal, stored.ok);
    }
  }
}

function newest(heads: MessageHead[]): string | null {
  let best: string | null = null;
  for (const h of heads) if (h.date && (!best || h.date > best)) best = h.date;
  return best;
}

/** The thread's bytes and analysis: the last one in memory, else from the cache (after a restart). */
export async function threadData(threadKey: string): Promise<Loaded | null> {
  if (last?.key === threadKey) return last;
  const [cached, bytes] = await Promise.all([readThread(threadKey).catch(() => null), readMbox(threadKey).catch(() => null)]);
  if (!cached || !bytes) return null;
  last = { key: threadKey, bytes, analysis: cached.view.analysis, heads: cached.view.heads };
  return last;
}

export async function loadContext(threadKey: string, id: string, sink: LoadSink): Promise<void> {
  const data = await threadData(threadKey);
  if (!data) return fail(sink, 'not-found', 'This thread is no longer in the cache; reopen the page to load it again.');
  const entries = await messageContext(data.bytes, data.analysis, data.heads, id);
  sink.emit({ type: 'context', threadKey, id, entries });
}

export async function refreshThread(threadKey: string, sink: LoadSink): Promise<void> {
  const cached = await readThread(threadKey).catch(() => null);
  if (!cached) return fail(sink, 'not-found', 'This thread is no longer in the cache; reopen the page to load it again.');
  if (Date.now() - cached.meta.lastRefresh < MANUAL_REFRESH_MIN_MS) {
    sink.emit({ type: 'cache', threadKey, cache: cacheInfo(cached.meta.lastRefresh, 'fresh') });
    return;
  }
  sink.emit({ type: 'cache', threadKey, cache: cacheInfo(cached.meta.lastRefresh, 'refreshing') });
  const url = `${cached.meta.inboxUrl}${encodeMidForUrl(cached.meta.anchorId)}/`;
  await refreshAndReport(cached, url, null, sink, new AbortController().signal);
}

export async function clearCache(): Promise<void> {
  last = null;
  forgetArchiveFile();
  await clearAll();
}

export async function cacheUsage(): Promise<{ bytes: number; threads: number; limit: number }> {
  const [u, limit] = await Promise.all([usage(), cacheLimitBytes()]);
  return { ...u, limit };
}
