/**
 * Refreshing a cached thread: at most every TTL when it is opened (load.ts), or when the
 * reader asks, never sooner than a minute after the last check. Asks the source what is new
 * (sources/), re-analyses, saves, and says what happened as the cache line. What was shown is
 * returned, so the series is built again from it (the router starts background/series/).
 *
 * Non-goals: the archive requests themselves (sources/), polling (there is none), the series.
 */
import { analyseMbox } from '../../core/analyse.ts';
import { analyseMerged, type Prior } from '../../core/incremental.ts';
import type { Analysis } from '../../core/types.ts';
import { messageUrl } from '../../sites/public-inbox-url.ts';
import { readThread, updateMeta, type CachedThread } from '../cache/threads.ts';
import { refreshCached } from '../sources/thread-fetch.ts';
import { isArchiveNamespace, refreshArchiveThread } from '../sources/archive-mbox.ts';
import { cacheInfo, cacheReads, fail, type Loaded, type Emitter } from './events.ts';
import { lastThread, rememberThread, type LoadedThread } from './state.ts';
import { refreshedMeta, storeThread } from './store.ts';
import { recorded } from '../../errors.ts';

/** An explicit "refresh" click still waits this long since the last network check. */
export const MANUAL_REFRESH_MIN_MS = 60_000;

/** Asks the archive, tells the panel; the new analysis when the thread changed, else null. */
export async function refreshAndReport(cached: CachedThread, url: string, focus: string | null, sink: Emitter, signal: AbortSignal): Promise<Analysis | null> {
  const { meta } = cached;
  const out = isArchiveNamespace(meta.inboxUrl) ? await refreshArchiveThread(cached, sink, signal) : await refreshCached(cached, sink, signal);
  const now = Date.now();
  switch (out.kind) {
    case 'aborted':
      return null;
    case 'offline':
      sink.emit({ type: 'cache', threadKey: meta.key, cache: cacheInfo(meta.lastRefresh, 'cached', true) });
      return null;
    case 'failed':
      fail(sink, out.error, out.message, cacheInfo(meta.lastRefresh, 'cached'));
      return null;
    case 'unchanged':
      await updateMeta(meta.key, { lastRefresh: now }).catch(recorded('cache: note refresh', undefined));
      sink.emit({ type: 'cache', threadKey: meta.key, cache: cacheInfo(now, 'fresh') });
      return null;
    case 'changed': {
      // New mail appended to the cached mbox: merged into what was read before (in memory, with
      // its texts, or the cached view), not read all again.
      const mem = lastThread(meta.key);
      const prior: Prior | null = out.base ? (mem ?? { analysis: cached.view.analysis, heads: cached.view.heads, bytes: out.base }) : null;
      const result = prior ? await analyseMerged(prior, out.bytes) : await analyseMbox(out.bytes, {});
      const loaded: LoadedThread = { ...result, key: meta.key };
      rememberThread(loaded);
      sink.emit({ type: 'analysis', threadKey: meta.key, analysis: result.analysis, focus, cache: cacheInfo(now, 'fresh'), url });
      const stored = await storeThread(loaded, refreshedMeta(meta, result.heads, now, out.full));
      if (!stored.ok) fail(sink, 'quota', `The new messages are shown but could not be saved: ${stored.message}.`, cacheInfo(now, 'fresh'));
      return result.analysis;
    }
  }
}


/** The reader's "refresh": the thread asked for again, and what changed handed on (null: nothing asked). */
export async function refreshThread(threadKey: string, sink: Emitter): Promise<Loaded | null> {
  const reads = cacheReads();
  const cached = await reads.read('read thread', readThread(threadKey));
  if (!cached) {
    reads.missing(sink);
    return null;
  }
  if (Date.now() - cached.meta.lastRefresh < MANUAL_REFRESH_MIN_MS) {
    // Nothing is asked: say so, and when asking is possible, not "checked just now".
    const nextCheckAt = cached.meta.lastRefresh + MANUAL_REFRESH_MIN_MS;
    sink.emit({ type: 'cache', threadKey, cache: { ...cacheInfo(cached.meta.lastRefresh, 'fresh'), nextCheckAt } });
    return null;
  }
  sink.emit({ type: 'cache', threadKey, cache: cacheInfo(cached.meta.lastRefresh, 'refreshing') });
  const { meta } = cached;
  const url = messageUrl(meta.inboxUrl, meta.anchorId);
  const analysis = (await refreshAndReport(cached, url, null, sink, new AbortController().signal)) ?? cached.view.analysis;
  return { inbox: meta.inboxUrl, key: meta.key, page: meta.anchorId, analysis, asked: true };
}
