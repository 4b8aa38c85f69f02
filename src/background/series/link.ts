/**
 * The reader knows better than the rules: a thread tied to the series on screen by hand, or
 * a version taken out of it, kept in the thread's cache meta (`seriesLinks`), and the series
 * sent again from the cache.
 *
 * Non-goals: the rules that tie versions (core/series/version-group.ts), the search (load.ts).
 */
import { midOfUrl } from '../../sites/public-inbox-url.ts';
import type { SeriesLinks } from '../cache/db.ts';
import { readThread, updateMeta } from '../cache/threads.ts';
import type { LoadSink } from '../load/events.ts';
import { threadOf } from './fetch.ts';
import { NO_LINKS } from './ledgers.ts';
import { loadSeries } from './load.ts';
import { recorded } from '../../errors.ts';

/** A message URL of this archive or a Message-ID (with or without brackets), as the bare id. */
export function midOf(target: string, inbox: string): string | null {
  const t = target.trim();
  if (/^https?:\/\//i.test(t)) return midOfUrl(t, inbox);
  const bare = t.replace(/^<|>$/g, '');
  return /^[^\s<>@]+@[^\s<>@]+$/.test(bare) ? bare : null;
}

/**
 * Ties the thread of `target` (a message URL or a Message-ID) to the series of thread `key`,
 * or takes its versions out; then the series is sent again, from the cache.
 */
export async function linkThread(key: string, target: string, link: boolean, sink: LoadSink, signal: AbortSignal): Promise<void> {
  const cached = await readThread(key).catch(recorded('cache: read thread', null));
  if (!cached) return;
  const { meta, view } = cached;
  const inbox = meta.inboxUrl;
  const mid = midOf(target, inbox);
  if (!mid) {
    sink.emit({ type: 'error', error: { kind: 'not-found', message: 'That is neither a message URL of this archive nor a Message-ID.' }, cache: null });
    return;
  }
  const ctx = { inbox, sink, signal, failures: [] as string[] };
  const got = await threadOf(ctx, mid).catch(recorded('series: fetch linked', null));
  if (!got) {
    sink.emit({ type: 'error', error: { kind: 'not-found', message: ctx.failures[0] ?? `The archive has no thread for <${mid}>.` }, cache: null });
    return;
  }
  const versionKeys = got.data.facts.versions.map((v) => v.key);
  const l = meta.seriesLinks ?? NO_LINKS;
  const drop = (xs: string[]): string[] => xs.filter((x) => !versionKeys.includes(x));
  const next: SeriesLinks = link
    ? { ...l, threads: [...new Set([...l.threads, got.key])], linked: [...drop(l.linked), ...versionKeys], unlinked: drop(l.unlinked) }
    : { ...l, linked: drop(l.linked), unlinked: [...drop(l.unlinked), ...versionKeys] };
  await updateMeta(key, { seriesLinks: next });
  // From the cache only: the links just saved are what changed.
  await loadSeries({ inbox, key, page: meta.anchorId, analysis: view.analysis, asked: false }, sink, signal, true);
}
