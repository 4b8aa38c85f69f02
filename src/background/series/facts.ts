/**
 * What one cached thread tells the series ledger: the core's `threadFacts` and each version's
 * changelog sections, computed once from the thread's bodies and kept in its cache meta, so
 * a series reopened from the cache is built without re-reading any mail.
 *
 * A copy computed from an older state of the thread (fewer messages, an older newest Date),
 * or by an older shape of the facts (`FACTS_FORMAT`: a field was added since), is stale and
 * computed again; a thread cached before this existed gets it on first use.
 *
 * Non-goals: which threads make a series (load.ts here, and the core), fetching (fetch.ts).
 */
import { analyseMbox, type AnalysisResult } from '../../core/analyse.ts';
import { FACTS_FORMAT, threadFacts } from '../../core/series/series-facts.ts';
import { seriesChangelogs, changelogFor, type PlacedChangelog } from '../../core/series/changelog.ts';
import type { Analysis, MessageHead } from '../../core/types.ts';
import type { SeriesThreadData, ThreadMeta } from '../cache/db.ts';
import { readMbox, readMeta, updateMeta } from '../cache/threads.ts';
import { newest } from '../load/store.ts';
import { recorded } from '../../errors.ts';

/** Facts and changelogs of an analysed thread whose bodies are at hand. */
export function computeSeriesData(analysis: Analysis, heads: MessageHead[], bodies: Map<string, string>): SeriesThreadData {
  const facts = threadFacts(analysis, heads, bodies);
  const changelogs: Record<string, PlacedChangelog[]> = {};
  for (const series of analysis.series) {
    const byPosting = seriesChangelogs(series, bodies);
    for (const v of series.versions) {
      const key = v.cover ?? v.patches[0]?.id;
      if (!key) continue;
      const found = changelogFor(v.version, byPosting);
      if (found.length) changelogs[key] = found;
    }
  }
  return { messages: heads.length, newestDate: newest(heads), facts, changelogs };
}

/** Facts of an mbox analysed with its bodies kept (`keepBodies`). */
export function seriesDataOfAnalysed(r: AnalysisResult): SeriesThreadData {
  const texts = new Map<string, string>();
  for (const [k, b] of r.bodies ?? []) texts.set(k, b.text);
  return computeSeriesData(r.analysis, r.heads, texts);
}

/** Facts of raw mbox bytes (a fresh fetch or the cached mbox). */
export async function seriesDataOfMbox(bytes: Uint8Array): Promise<SeriesThreadData> {
  return seriesDataOfAnalysed(await analyseMbox(bytes, { keepBodies: true }));
}

/** Computed from the thread as cached now, in the facts' current shape (older shapes lack fields). */
export function isCurrent(meta: ThreadMeta): boolean {
  const d = meta.seriesData;
  return !!d && d.messages === meta.messages && d.newestDate === meta.newestDate && d.facts.format === FACTS_FORMAT;
}

/**
 * The series data of a cached thread: from its meta when current, else computed from its
 * cached mbox and saved. Null when the thread is not in the cache.
 */
export async function seriesDataOf(key: string): Promise<SeriesThreadData | null> {
  const meta = await readMeta(key);
  return meta ? seriesDataOfMeta(key, meta) : null;
}

/** The same, for a thread whose meta was read already (a reopen reads each meta once). */
export async function seriesDataOfMeta(key: string, meta: ThreadMeta): Promise<SeriesThreadData | null> {
  if (isCurrent(meta)) return meta.seriesData!;
  const bytes = await readMbox(key);
  if (!bytes) return null;
  const data = await seriesDataOfMbox(bytes);
  // The meta's own counts are what `isCurrent` compares with later.
  const saved: SeriesThreadData = { ...data, messages: meta.messages, newestDate: meta.newestDate };
  await updateMeta(key, { seriesData: saved }).catch(recorded('cache: save series facts', undefined));
  return saved;
}
