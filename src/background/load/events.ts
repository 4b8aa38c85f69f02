/**
 * How the loader speaks to a panel: the sink it emits into, the cache line, a failure in
 * words, and progress thinned to what a port should carry.
 *
 * Non-goals: ports (router.ts owns them), what the words are for each fault (the sources).
 */
import type { Progress } from '../../core/types.ts';
import type { CacheInfo, LoadErrorKind, PanelEvent, SeriesEvent } from '../../protocol.ts';
import { record } from '../../errors.ts';

export interface LoadSink {
  emit(e: PanelEvent): void;
  /**
   * The series across versions (series-load.ts) and interdiffs. A sink without it gets none,
   * and nothing is fetched or searched for it.
   */
  series?(e: SeriesEvent): void;
}

export function cacheInfo(cachedAt: number | null, state: CacheInfo['state'], offline = false): CacheInfo {
  return { cachedAt, offline, state };
}

export function fail(sink: LoadSink, kind: LoadErrorKind, message: string, cache: CacheInfo | null = null): void {
  sink.emit({ type: 'error', error: { kind, message }, cache });
}

/** Progress at most every 50 ms (a port message per chunk or message is waste), phase changes always. */
export function progressEmitter(sink: LoadSink): (p: Progress) => void {
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

export const GONE_FROM_CACHE = 'This thread is no longer in the cache; reopen the page to load it again.';

/**
 * Reads from the cache for a panel that waits on them: a read that throws is recorded with
 * its cause (errors.ts) and, unlike a thread that is simply not saved, said to the panel as
 * a `cache` error. Call `missing(sink)` when a read gave nothing.
 */
export function cacheReads(): { read<T>(what: string, p: Promise<T | null>): Promise<T | null>; missing(sink: LoadSink): void } {
  let cause: string | null = null;
  return {
    read: (what, p) =>
      p.catch((e: unknown) => {
        cause ??= record(`cache: ${what}`, e).cause;
        return null;
      }),
    missing: (sink) =>
      cause === null ? fail(sink, 'not-found', GONE_FROM_CACHE) : fail(sink, 'cache', `The browser could not read this thread from ListLens' cache (${cause}); reopen the page to load it again.`),
  };
}
