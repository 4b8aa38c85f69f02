/**
 * A thread the series needs, from the cache or the archive: the thread holding a message
 * (another version, a version's own thread), fetched as `t.mbox.gz`
 * through the polite fetcher, analysed, its series facts computed while the bodies are at
 * hand, and stored like any thread; and a cached version thread past the TTL refreshed by
 * the same rules as any thread; and a version's unthreaded patches, by one search.
 *
 * A fetched thread is keyed by the root above the message asked for and found in the cache
 * by its own tree only: the messages public-inbox adds by subject from other threads keep
 * pointing at the thread they were read in (the page on screen).
 *
 * Non-goals: which messages to ask for (find.ts), when (load.ts).
 */
import { analyseMbox, type AnalysisResult } from '../../core/analyse.ts';
import { messageUrl } from '../../sites/public-inbox-url.ts';
import type { VersionFacts } from '../../core/series/series-facts.ts';
import { emailEq } from '../../core/series/trailers.ts';
import type { SeriesThreadData } from '../cache/db.ts';
import { findThreadKey, readThread, threadKeyOf, updateMeta } from '../cache/threads.ts';
import { fetchSearchThreads, fetchThread, refreshCached } from '../sources/thread-fetch.ts';
import type { LoadSink } from '../load/events.ts';
import { archiveGz, fetchedMeta, refreshedMeta, storeThread, threadKeyFor, treeOf } from '../load/store.ts';
import { seriesDataOf, seriesDataOfAnalysed } from './facts.ts';
import { recorded } from '../../errors.ts';

export interface FetchContext {
  inbox: string;
  sink: LoadSink;
  signal: AbortSignal;
  /** Threads that could not be fetched, in words. */
  failures: string[];
}

/**
 * The thread holding `mid`: from the cache, else fetched, analysed and stored. With `root`,
 * only a cached thread of that root will do (a version's own thread, not the page's thread
 * that holds its cover by subject). Null when it could not be had.
 */
export async function threadOf(ctx: FetchContext, mid: string, root?: string): Promise<{ key: string; data: SeriesThreadData } | null> {
  const known = await findThreadKey(ctx.inbox, mid).catch(recorded('cache: find thread', null));
  if (known && (root === undefined || known === threadKeyOf(ctx.inbox, root))) {
    const data = await seriesDataOf(known).catch(recorded('series: read facts', null));
    if (data) return { key: known, data };
  }
  const got = await fetchThread(messageUrl(ctx.inbox, mid), ctx.sink, ctx.signal, () => undefined);
  if (!got.ok) {
    if (got.kind !== 'aborted' && got.kind !== 'not-found') ctx.failures.push(`${mid}: ${got.message}`);
    return null;
  }
  const r = await analyseMbox(got.bytes, { keepBodies: true });
  const anchor = r.heads.find((h) => h.messageId === mid) ?? r.heads.find((h) => h.messageId);
  const subject = r.analysis.messages.find((m) => !m.ghost)?.subject ?? '';
  return keep(ctx, r, got, threadKeyFor(ctx.inbox, r.analysis, mid), anchor?.messageId ?? mid, subject, treeOf(r.analysis, r.heads, mid));
}

/**
 * A version's patches that are not in its thread (each sent as a thread of its own, or with
 * References lost): one search (find.ts `postingQuery`) asking for the whole threads of what
 * it matches, as one mbox. The core reads them as one mbox, as b4 reads a search: the cover
 * and the loose patches are one version again. Kept only when it brings a patch `v` lacks;
 * stored as one entry, keyed by the first such patch's thread and found by the postings'
 * trees only. Null when nothing was found or it could not be had.
 */
export async function postingsOf(ctx: FetchContext, v: VersionFacts, query: string): Promise<{ key: string; data: SeriesThreadData } | null> {
  const got = await fetchSearchThreads(ctx.inbox, query, ctx.sink, ctx.signal);
  if (!got.ok) {
    if (got.kind !== 'aborted') ctx.failures.push(`v${v.version} patches: ${got.message}`);
    return null;
  }
  if (got.empty) return null;
  const r = await analyseMbox(got.bytes, { keepBodies: true });
  const missing = new Set(v.missing);
  const posted = r.analysis.series
    .filter((s) => !v.author.address || !s.author.address || emailEq(s.author.address, v.author.address))
    .flatMap((s) => s.versions)
    .filter((x) => x.version === v.version && x.total === v.total)
    .flatMap((x) => x.patches.filter((p) => missing.has(p.counter) && p.borrowedFrom === null))
    .sort((a, b) => a.counter - b.counter);
  if (!posted.length) return null;
  const indexOnly = new Set(posted.flatMap((p) => [...treeOf(r.analysis, r.heads, p.id)]));
  const anchor = r.heads.find((h) => h.id === posted[0]!.id);
  return keep(ctx, r, got, threadKeyFor(ctx.inbox, r.analysis, posted[0]!.id), anchor?.messageId ?? posted[0]!.id, anchor?.subject ?? '', indexOnly);
}

/**
 * A thread just fetched (`got`, analysed with its bodies as `r`) stored under `key` like any
 * fetched thread, its series facts computed while the bodies are at hand and kept in its meta;
 * found by the Message-IDs of `indexOnly`.
 */
async function keep(
  ctx: FetchContext,
  r: AnalysisResult,
  got: { bytes: Uint8Array; gz: Uint8Array | null },
  key: string,
  anchorId: string,
  subject: string,
  indexOnly: Set<string>,
): Promise<{ key: string; data: SeriesThreadData }> {
  const data = seriesDataOfAnalysed(r);
  const meta = { ...fetchedMeta(ctx.inbox, key, anchorId, subject, r.heads, Date.now()), seriesData: data };
  await storeThread({ key, bytes: r.bytes, analysis: r.analysis, heads: r.heads }, meta, { gz: archiveGz(got, r.bytes), indexOnly });
  return { key, data };
}

/**
 * A cached version thread past the TTL is refreshed like any thread; the cached copy stands on
 * failure. True when it changed (its series facts are then computed again on the next read).
 */
export async function refreshIfStale(key: string, signal: AbortSignal, ttl: number): Promise<boolean> {
  const cached = await readThread(key).catch(recorded('series: read version', null));
  if (!cached || Date.now() - cached.meta.lastRefresh < ttl) return false;
  const out = await refreshCached(cached, { emit: () => undefined }, signal).catch(recorded('series: refresh version', null));
  const now = Date.now();
  if (!out || out.kind !== 'changed') {
    if (out?.kind === 'unchanged') await updateMeta(key, { lastRefresh: now }).catch(recorded('cache: note refresh', undefined));
    return false;
  }
  const r = await analyseMbox(out.bytes, {});
  const stored = await storeThread({ key, bytes: r.bytes, analysis: r.analysis, heads: r.heads }, refreshedMeta(cached.meta, r.heads, now, out.full), { indexOnly: treeOf(r.analysis, r.heads, cached.meta.anchorId) });
  return stored.ok;
}
