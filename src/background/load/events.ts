/**
 * How the loader speaks to a panel: the sink it emits into, the cache line, a failure in
 * words, and progress thinned to what a port should carry; and what a load hands on (`Loaded`).
 *
 * Non-goals: ports (router.ts owns them), what the words are for each fault (the sources).
 */
import type { Analysis, Progress } from '../../core/types.ts';
import type { CacheInfo, LoadErrorKind, PanelEvent, SeriesEvent } from '../../protocol.ts';
import { record } from '../../errors.ts';

/** What the loader emits into: a panel's thread events. */
export interface Emitter {
  emit(e: PanelEvent): void;
}

/** A panel's whole sink: the thread's events, and the series'. */
export interface LoadSink extends Emitter {
  /**
   * The series across versions (background/series/) and interdiffs. Required: a wrapper that
   * named the channels it passed on once dropped this one, and the panel got no matrix.
   */
  series(e: SeriesEvent): void;
}

/** A thread shown to the panel: what the series (background/series/) starts from. */
export interface Loaded {
  /** The inbox URL, or the source of an archive's own mbox (archive-mbox.ts). */
  inbox: string;
  key: string;
  /** The page's message (or the current message the worker chose). */
  page: string | null;
  analysis: Analysis;
  /** The archive was asked in this load (the thread fetched, or a refresh tried). */
  asked: boolean;
}

export function cacheInfo(cachedAt: number | null, state: CacheInfo['state'], offline = false): CacheInfo {
  return { cachedAt, offline, state };
}

export function fail(sink: Emitter, kind: LoadErrorKind, message: string, cache: CacheInfo | null = null): void {
  sink.emit({ type: 'error', error: { kind, message }, cache });
}

/** Progress at most every 50 ms (a port message per chunk or message is waste), phase changes always. */
export function progressEmitter(sink: Emitter): (p: Progress) => void {
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
export function cacheReads(): { read<T>(what: string, p: Promise<T | null>): Promise<T | null>; missing(sink: Emitter): void } {
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
