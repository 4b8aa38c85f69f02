/**
 * Loading a thread for the panel: page URL → resolution → cached view at once (then a
 * refresh when stale, refresh.ts), or the source's mbox (sources/) → analysis (tree first,
 * then the whole) → cache (store.ts). What was loaded is returned (`Loaded`), so the series
 * across versions (background/series/) starts from it.
 *
 * Non-goals: no port handling (router.ts calls these functions with a sink), no rendering,
 * no parsing of mail beyond calling the core, no memory of its own (state.ts), nothing of
 * the series (the router starts it after the thread, background/series/load.ts).
 */
import { resolvePage } from '../../sites/index.ts';
import { analyseMbox } from '../../core/analyse.ts';
import type { Progress } from '../../core/types.ts';
import type { Resolution } from '../../sites/types.ts';
import { threadUrlOf } from '../../sites/resolution.ts';
import { findThreadKey, readThread, type CachedThread } from '../cache/threads.ts';
import { fetchThread, type Fetched } from '../sources/thread-fetch.ts';
import { archiveSource, fetchArchiveThread, matchPage } from '../sources/archive-mbox.ts';
import { anchorOf, chooseFocus, chooseFocusSoon, focusFrom, pickFocus } from './focus.ts';
import { startPreview, type PreviewRun } from './preview.ts';
import { locateMessage, noSourceMessage } from './locate.ts';
import { extraHosts, refreshTtlMs } from '../loader-settings.ts';
import { cacheInfo, fail, progressEmitter, type Loaded, type Emitter } from './events.ts';
import { pin, rememberThread, type LoadedThread } from './state.ts';
import { archiveGz, fetchedMeta, storeThread, threadKeyFor } from './store.ts';
import { MANUAL_REFRESH_MIN_MS, refreshAndReport } from './refresh.ts';
import { record, recorded } from '../../errors.ts';

export { configureLoader, type LoaderSettings } from '../loader-settings.ts';
export type { Emitter, Loaded, LoadSink } from './events.ts';

export async function loadThread(url: string, sink: Emitter, signal: AbortSignal, known?: Resolution | null): Promise<Loaded | null> {
  let res: Resolution | null = known ?? null;
  if (!res) {
    try {
      res = resolvePage(new URL(url), undefined, await extraHosts());
    } catch {
      res = null;
    }
  }
  if (!res) {
    fail(sink, 'unsupported', 'ListLens does not know this page as a mailing-list archive.');
    return null;
  }
  return loadResolved(res, url, sink, signal);
}

/** The part of `loadThread` after the URL is resolved (tests call it with a loopback archive). */
export async function loadResolved(resolved: Resolution, url: string, sink: Emitter, signal: AbortSignal): Promise<Loaded | null> {
  let res = resolved;
  if (res.kind === 'index' || res.kind === 'search') {
    sink.emit({ type: 'resolved', resolution: res, threadKey: null });
    return null;
  }
  if (res.kind === 'not-found' && res.inboxUrl && res.messageId) {
    // The page said "not found" when its tab loaded it. That may have been a passing fault,
    // and the tab's state keeps saying it after the fault ended: the archive is asked again.
    res = { ...res, kind: 'message', threadUrl: threadUrlOf(res.inboxUrl, res.messageId) };
  }
  if (res.kind === 'not-found') {
    sink.emit({ type: 'resolved', resolution: res, threadKey: null });
    fail(sink, 'not-found', 'The archive does not have this message (it answered "not found").');
    return null;
  }
  // ---- lists no public-inbox carries: the archive's own mbox (archive-mbox.ts) ----
  const source = archiveSource(res);
  if (source) {
    // A HyperKitty thread page is its first message: only a message page needs the id looked
    // up, and not from the very file the thread comes from (a patchwork series' mbox).
    if (!res.messageId && res.rawUrl && res.kind !== 'thread' && res.rawUrl !== source) {
      const located = await locateMessage(res, signal);
      if (signal.aborted) return null;
      if (located.ok) res = located.res;
    }
    // A page that shows no Message-ID finds its cached thread by its URL, then its message
    // again among the cached heads.
    const pageAlias = res.messageId ? null : `page:${url}`;
    const key = await findThreadKey(source, res.messageId ?? pageAlias!).catch(recorded('cache: find thread', null));
    const cached = key ? await readThread(key).catch(recorded('cache: read thread', null)) : null;
    if (cached) return showCached(pageAlias ? matchPage(res, cached.view.heads) : res, url, cached, sink, signal);
    sink.emit({ type: 'resolved', resolution: res, threadKey: null });
    const progress = progressEmitter(sink);
    const got = await fetchArchiveThread(res, source, sink, signal, progress);
    if (!got.ok) {
      if (got.kind !== 'aborted') fail(sink, got.kind, got.message);
      return null;
    }
    if (got.res !== res) sink.emit({ type: 'resolved', resolution: got.res, threadKey: null });
    return analyseAndStore(got.res, url, { ok: true, bytes: got.bytes, gz: got.gz, empty: got.bytes.length === 0 }, sink, signal, progress, pageAlias ? [pageAlias] : []);
  }
  // ---- end of the archive's own mbox ----
  if (!res.inboxUrl || !res.messageId || !res.threadUrl) {
    const located = await locateMessage(res, signal);
    if (signal.aborted) return null;
    if (!located.ok || !located.res.inboxUrl || !located.res.threadUrl) {
      sink.emit({ type: 'resolved', resolution: res, threadKey: null });
      if (located.ok) fail(sink, 'unsupported', noSourceMessage(located.res));
      else fail(sink, located.kind, located.message);
      return null;
    }
    res = located.res;
  }
  const { inboxUrl, messageId, threadUrl } = res;
  if (!inboxUrl || !messageId || !threadUrl) return null; // located above; keeps the types honest
  // A cache that cannot be read is a cache miss: the archive still has the thread.
  let unreadable: string | null = null;
  const key = await findThreadKey(inboxUrl, messageId).catch(recorded('cache: find thread', null));
  const cached = key
    ? await readThread(key).catch((e: unknown) => {
        unreadable = record('cache: read thread', e).cause;
        return null;
      })
    : null;
  if (cached) return showCached(res, url, cached, sink, signal);

  sink.emit({ type: 'resolved', resolution: res, threadKey: null });
  const progress = progressEmitter(sink);
  // The page's own message while the thread is on its way (a slow link), beside the load and
  // never ahead of it: asked once the archive answers the thread's request, so it neither
  // takes a slot before it nor meets a rate limit the thread's request would have been told of.
  // A thread page's anchor may name another message than its URL's: no preview to mislabel.
  const anchored = !!(res.anchor || res.anchorSha1);
  let preview: PreviewRun | null = null;
  const got = await fetchThread(threadUrl, sink, signal, (p) => {
    preview ??= anchored ? { stop: () => undefined } : startPreview(threadUrl, messageId, sink, signal);
    progress(p);
  });
  (preview as PreviewRun | null)?.stop();
  if (!got.ok) {
    // Both gone: the saved copy first, since it is why the archive was asked at all.
    if (got.kind !== 'aborted' && unreadable) fail(sink, 'cache', `The saved copy of this thread could not be read (${unreadable}), and the archive did not give it again: ${got.message}`);
    else if (got.kind !== 'aborted') fail(sink, got.kind, got.message);
    return null;
  }
  if (got.empty) {
    // A thread file with no mail is no thread: said, and never saved as one.
    fail(sink, 'not-found', `${new URL(threadUrl).host} sent an empty thread file for this message: it may not be archived yet. Retry later.`);
    return null;
  }
  return analyseAndStore(res, url, got, sink, signal, progress);
}

async function showCached(res: Resolution, url: string, cached: CachedThread, sink: Emitter, signal: AbortSignal): Promise<Loaded> {
  const { meta, view } = cached;
  pin(meta.key, signal);
  sink.emit({ type: 'resolved', resolution: res, threadKey: meta.key });
  const since = Date.now() - meta.lastRefresh;
  const [anchored, ttl] = await Promise.all([anchorOf(res, view.heads), refreshTtlMs()]);
  const focus = pickFocus(view.analysis.messages, view.analysis.roots, focusFrom(res, view.heads, anchored), res);
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
  const analysis = stale ? ((await refreshAndReport(cached, url, focus, sink, signal)) ?? view.analysis) : view.analysis;
  return { inbox: meta.inboxUrl, key: meta.key, page: res.messageId ?? focus, analysis, asked: stale };
}

async function analyseAndStore(res: Resolution, url: string, got: Extract<Fetched, { ok: true }>, sink: Emitter, signal: AbortSignal, progress: (p: Progress) => void, aliases: readonly string[] = []): Promise<Loaded> {
  const inbox = res.inboxUrl ?? archiveSource(res)!;
  let key: string | null = null;
  // The tree goes out with the current message, chosen here once; the analysis waits for it to keep the order.
  let treeSent: Promise<void> = Promise.resolve();
  const result = await analyseMbox(got.bytes, {
    onProgress: progress,
    onTree: (thread, heads) => {
      const threadKey = threadKeyFor(inbox, thread, res.messageId);
      key = threadKey;
      const send = (focus: string | null): void => sink.emit({ type: 'tree', threadKey, thread, focus });
      const soon = chooseFocusSoon(res, thread, heads);
      if (soon instanceof Promise) treeSent = soon.then(send);
      else send(soon);
    },
  });
  await treeSent;
  const { analysis, heads, bytes } = result;
  const threadKey = key ?? threadKeyFor(inbox, analysis, res.messageId);
  pin(threadKey, signal);
  const loaded: LoadedThread = { ...result, key: threadKey };
  rememberThread(loaded);
  const now = Date.now();
  const focus = await chooseFocus(res, analysis, heads);
  sink.emit({ type: 'analysis', threadKey, analysis, focus, cache: cacheInfo(now, 'fresh'), url });

  const anchor = heads.find((h) => h.messageId === res.messageId) ?? heads.find((h) => h.messageId);
  const meta = fetchedMeta(inbox, threadKey, anchor?.messageId ?? res.messageId!, analysis.messages.find((m) => !m.ghost)?.subject ?? '', heads, now);
  const stored = await storeThread(loaded, meta, { gz: archiveGz(got, bytes), aliases });
  if (!stored.ok) {
    // Too large is a setting, not a failure, but the reader who expects it offline must know.
    const why = stored.reason === 'too-large' ? `${stored.message} (Options → Cache)` : stored.message;
    fail(sink, 'quota', `The thread is shown but could not be saved for offline reading: ${why}.`, cacheInfo(now, 'fresh'));
  }
  return { inbox, key: threadKey, page: res.messageId ?? focus, analysis, asked: true };
}

