/**
 * The series of a thread as the worker sends and answers them: every series the thread holds
 * (core/series/thread-series.ts), each ledger with its versions' changelogs, built from the
 * series facts of the threads at hand; and the same from the cache alone, for the lore page's
 * badges (page-marks.ts) and the reader's links (link.ts).
 *
 * Non-goals: fetching (fetch.ts, load.ts), the ledger's rules (core).
 */
import type { PlacedChangelog } from '../../core/series/changelog.ts';
import { threadSeries } from '../../core/series/thread-series.ts';
import type { LedgerOptions } from '../../core/series/ledger.ts';
import type { SeriesLedger } from '../../protocol.ts';
import type { SeriesLinks, SeriesThreadData } from '../cache/db.ts';
import { readMeta } from '../cache/threads.ts';
import { seriesDataOf, seriesDataOfMeta } from './facts.ts';
import { recorded } from '../../errors.ts';

export const NO_LINKS: SeriesLinks = { threads: [], linked: [], unlinked: [], at: 0 };

/**
 * Every series thread `current` holds, from `threads` (thread key → data, `current` among
 * them), the page's first. `anchor`: the message naming the page's series (thread-series.ts
 * `seriesAnchor`); without one, the thread's own root names it (a thread that only answers).
 * `opts.trustedAppliers`: whose "applied" the ledgers believe as the tree's (MAINTAINERS'
 * M: people, when the reader switched it on: maintainers/owners.ts).
 */
export function seriesOf(threads: ReadonlyMap<string, SeriesThreadData>, current: string, anchor: string | null, links: SeriesLinks, opts: LedgerOptions = {}): SeriesLedger[] {
  const cur = threads.get(current);
  if (!cur) return [];
  const ledgers = threadSeries([...threads.values()].map((d) => d.facts), {
    ...opts,
    anchor: anchor ?? cur.facts.thread,
    linked: links.linked,
    unlinked: links.unlinked,
    held: cur.facts.versions.map((v) => v.key),
  });
  const logs = new Map<string, PlacedChangelog[]>();
  for (const d of threads.values()) for (const [k, c] of Object.entries(d.changelogs)) if (!logs.has(k)) logs.set(k, c);
  return ledgers.map((ledger) => {
    const changelogs: Record<number, PlacedChangelog[]> = {};
    for (const v of ledger.versions) {
      const c = logs.get(v.key);
      if (c && !changelogs[v.version]) changelogs[v.version] = c;
    }
    return { ledger, changelogs };
  });
}

/**
 * The thread's facts and those of its known version threads, from the cache (no network): its
 * meta read once (it holds the links and its own facts), then the other threads' side by side.
 */
export async function cachedThreads(key: string): Promise<{ threads: Map<string, SeriesThreadData>; links: SeriesLinks } | null> {
  const meta = await readMeta(key).catch(recorded('cache: read meta', null));
  if (!meta) return null;
  const links = meta.seriesLinks ?? NO_LINKS;
  const others = [...new Set(links.threads)].filter((k) => k !== key);
  const [cur, ...rest] = await Promise.all([seriesDataOfMeta(key, meta), ...others.map((k) => seriesDataOf(k))].map((p) => p.catch(recorded('series: read facts', null))));
  if (!cur) return null;
  const threads = new Map([[key, cur]]);
  rest.forEach((d, i) => {
    if (d) threads.set(others[i]!, d);
  });
  return { threads, links };
}

/** Every series of a cached thread, from the cache alone. */
export async function cachedSeries(key: string, anchor: string | null = null): Promise<SeriesLedger[]> {
  const got = await cachedThreads(key);
  return got ? seriesOf(got.threads, key, anchor, got.links) : [];
}
