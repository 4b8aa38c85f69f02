/**
 * Every version of the series on screen, after the thread has painted: the version threads
 * known from the cache first (no network), then, when the archive may be asked, candidates
 * from links, replies and a search (series-find.ts) fetched as `t.mbox.gz` — each thread once,
 * two at a time, through the polite fetcher (so the host's holds apply), stored like any
 * thread — and the ledger sent again as each arrives (`ledger` events with progress).
 *
 * The archive is asked when the thread was just fetched or refreshed, or when its series was
 * never searched; a reopen within the refresh TTL needs no network at all. A cached version
 * thread past the TTL is refreshed by the same rules as any thread (refresh.ts). Nothing polls.
 *
 * Non-goals: grouping and the ledger themselves (core), the panel's drawing.
 */
import { analyseMbox } from '../../core/analyse.ts';
import { buildLedger, type Ledger } from '../../core/series/ledger.ts';
import type { PlacedChangelog } from '../../core/series/changelog.ts';
import type { ThreadFacts } from '../../core/series/series-facts.ts';
import { groupVersions, type SeriesVersions } from '../../core/series/version-group.ts';
import { messageUrl, midOfUrl } from '../../sites/public-inbox-url.ts';
import type { SeriesLinks, SeriesThreadData } from '../cache/db.ts';
import { findThreadKey, readMeta, readThread, threadKeyOf, updateMeta } from '../cache/threads.ts';
import { fetchThread, refreshCached } from '../sources/thread-fetch.ts';
import { isArchiveNamespace } from '../sources/archive-mbox.ts';
import type { LoadSink } from './events.ts';
import { refreshTtlMs } from '../loader-settings.ts';
import { lastThread } from './state.ts';
import { newest, storeThread } from './store.ts';
import { computeSeriesData, seriesDataOf, seriesDataOfMbox } from './series-data.ts';
import { knownMessages, namedCandidates, searchCandidates, seriesQuery } from './series-find.ts';
import { recorded } from '../../errors.ts';

/** Version threads fetched for one series at most (a search gone wide must not fetch the list). */
export const MAX_VERSION_THREADS = 16;
/** Version threads fetched at once. */
export const CONCURRENCY = 2;

const NO_LINKS: SeriesLinks = { threads: [], linked: [], unlinked: [], at: 0 };

interface Run {
  inbox: string;
  key: string;
  sink: LoadSink;
  signal: AbortSignal;
  /** Thread key → its data; the current thread first. */
  threads: Map<string, SeriesThreadData>;
  links: SeriesLinks;
  pending: number;
  failures: string[];
  asked: Set<string>;
}

function rootOf(key: string, inbox: string): string {
  return key.slice(inbox.length + 1);
}

/** The anchor's series, built from every thread at hand. */
export function seriesOf(threads: Map<string, SeriesThreadData>, anchorRoot: string, links: SeriesLinks): { series: SeriesVersions | null; ledger: Ledger | null; changelogs: Record<number, PlacedChangelog[]> } {
  const facts: ThreadFacts[] = [...threads.values()].map((d) => d.facts);
  const groups = groupVersions(facts, { anchor: anchorRoot, linked: links.linked, unlinked: links.unlinked });
  const series = groups[0] ?? null;
  if (!series || series.members.length === 0) return { series: null, ledger: null, changelogs: {} };
  const changelogs: Record<number, PlacedChangelog[]> = {};
  const byKey = new Map<string, PlacedChangelog[]>();
  for (const d of threads.values()) for (const [k, c] of Object.entries(d.changelogs)) if (!byKey.has(k)) byKey.set(k, c);
  for (const m of series.members) {
    const c = byKey.get(m.facts.key);
    if (c && !changelogs[m.version]) changelogs[m.version] = c;
  }
  return { series, ledger: buildLedger(series), changelogs };
}

function emit(run: Run): SeriesVersions | null {
  const { series, ledger, changelogs } = seriesOf(run.threads, rootOf(run.key, run.inbox), run.links);
  const total = run.threads.size + run.pending;
  run.sink.series?.({ type: 'ledger', threadKey: run.key, ledger, changelogs, pending: run.pending, done: run.threads.size, total, failures: run.failures });
  return series;
}

/** The data of the thread on screen: from the cache, else from the thread in memory (it could not be saved). */
async function currentData(key: string): Promise<SeriesThreadData | null> {
  const cached = await seriesDataOf(key).catch(recorded('series: read facts', null));
  if (cached) return cached;
  const mem = lastThread(key);
  if (!mem) return null;
  return seriesDataOfMbox(mem.bytes);
}

/** A cached version thread past the TTL is refreshed like any thread; the cached copy stands on failure. */
async function refreshIfStale(key: string, signal: AbortSignal, ttl: number): Promise<void> {
  const cached = await readThread(key).catch(recorded('series: read version', null));
  if (!cached || Date.now() - cached.meta.lastRefresh < ttl) return;
  const out = await refreshCached(cached, { emit: () => undefined }, signal).catch(recorded('series: refresh version', null));
  const now = Date.now();
  if (!out || out.kind !== 'changed') {
    if (out?.kind === 'unchanged') await updateMeta(key, { lastRefresh: now }).catch(recorded('cache: note refresh', undefined));
    return;
  }
  const r = await analyseMbox(out.bytes, {});
  await storeThread({ key, bytes: r.bytes, analysis: r.analysis, heads: r.heads }, {
    ...cached.meta,
    messages: r.heads.length,
    newestDate: newest(r.heads),
    lastRefresh: now,
    lastFullFetch: out.full ? now : cached.meta.lastFullFetch,
  });
}

/** The thread holding `mid`: from the cache, else fetched, analysed and stored. Null when it could not be had. */
async function threadOf(run: Run, mid: string): Promise<{ key: string; data: SeriesThreadData } | null> {
  const known = await findThreadKey(run.inbox, mid).catch(recorded('cache: find thread', null));
  if (known) {
    const data = await seriesDataOf(known).catch(recorded('series: read facts', null));
    if (data) return { key: known, data };
  }
  const got = await fetchThread(messageUrl(run.inbox, mid), run.sink, run.signal, () => undefined);
  if (!got.ok) {
    if (got.kind !== 'aborted' && got.kind !== 'not-found') run.failures.push(`${mid}: ${got.message}`);
    return null;
  }
  const r = await analyseMbox(got.bytes, { keepBodies: true });
  const root = r.analysis.roots[0] ?? mid;
  const key = threadKeyOf(run.inbox, root);
  const texts = new Map<string, string>();
  for (const [k, b] of r.bodies ?? []) texts.set(k, b.text);
  const data = computeSeriesData(r.analysis, r.heads, texts);
  const now = Date.now();
  const anchor = r.heads.find((h) => h.messageId === mid) ?? r.heads.find((h) => h.messageId);
  await storeThread(
    { key, bytes: r.bytes, analysis: r.analysis, heads: r.heads },
    {
      inboxUrl: run.inbox,
      rootId: root,
      anchorId: anchor?.messageId ?? mid,
      subject: r.analysis.messages.find((m) => !m.ghost)?.subject ?? '',
      messages: r.heads.length,
      newestDate: newest(r.heads),
      cachedAt: now,
      lastRefresh: now,
      lastFullFetch: now,
      versions: null,
      seriesData: data,
    },
    { gz: r.bytes.length === got.bytes.length ? got.gz : null },
  );
  return { key, data };
}

/** Fetches the candidates not yet in any thread at hand, `CONCURRENCY` at a time, re-emitting the ledger as each lands. */
async function fetchAll(run: Run, mids: string[]): Promise<void> {
  const known = knownMessages([...run.threads.values()].map((d) => d.facts));
  const queue = mids.filter((m) => !known.has(m) && !run.asked.has(m));
  for (const m of queue) run.asked.add(m);
  const room = Math.max(0, MAX_VERSION_THREADS - run.threads.size);
  queue.splice(room);
  run.pending += queue.length;
  const worker = async (): Promise<void> => {
    for (;;) {
      const mid = queue.shift();
      if (mid === undefined || run.signal.aborted) return;
      // An earlier fetch may have brought this message in.
      const inHand = knownMessages([...run.threads.values()].map((d) => d.facts)).has(mid);
      const got = inHand ? null : await threadOf(run, mid).catch(recorded('series: fetch version', null));
      run.pending--;
      if (run.signal.aborted) return;
      if (got && !run.threads.has(got.key)) run.threads.set(got.key, got.data);
      emit(run);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  run.pending = 0;
}

/** Thread keys whose versions are in the anchor's series, or offered as uncertain. */
function seriesThreads(run: Run, series: SeriesVersions | null): string[] {
  if (!series) return [];
  const roots = new Set([...series.members, ...series.uncertain].map((m) => m.facts.thread));
  return [...run.threads.entries()].filter(([k, d]) => k !== run.key && (roots.has(d.facts.thread) || roots.has(rootOf(k, run.inbox)))).map(([k]) => k);
}

/**
 * Sends the series of thread `key` to the panel: at once from what the cache holds, then, with
 * `network`, as the other versions arrive.
 */
export async function loadSeries(inbox: string, key: string, sink: LoadSink, signal: AbortSignal, network: boolean): Promise<void> {
  if (!sink.series || isArchiveNamespace(inbox) || signal.aborted) return;
  // The thread's data and its known version threads are read side by side: a reopen from
  // the cache waits only on IndexedDB, and on one round of it.
  const meta = await readMeta(key).catch(recorded('cache: read meta', null));
  const links = meta?.seriesLinks ?? NO_LINKS;
  const cachedKeys = [...new Set(links.threads)].filter((k) => k !== key);
  if (network && cachedKeys.length) {
    const ttl = await refreshTtlMs();
    await Promise.all(cachedKeys.map((k) => refreshIfStale(k, signal, ttl)));
  }
  const [cur, ...others] = await Promise.all([currentData(key), ...cachedKeys.map((k) => seriesDataOf(k).catch(recorded('series: read facts', null)))]);
  if (!cur || signal.aborted) return;
  if (cur.facts.versions.length === 0 && cur.facts.answers.length === 0) return;
  const run: Run = { inbox, key, sink, signal, threads: new Map([[key, cur]]), links, pending: 0, failures: [], asked: new Set() };
  others.forEach((d, i) => {
    if (d) run.threads.set(cachedKeys[i]!, d);
  });
  let series = emit(run);
  if (!network || signal.aborted) return;

  // Round one: what the threads name and the search; round two: what those threads name, and
  // the search again when the first only had title words (the author is known now).
  let lastQuery: string | null = null;
  for (let round = 0; round < 2 && !signal.aborted; round++) {
    const facts = [...run.threads.values()].map((d) => d.facts);
    const named = namedCandidates(facts);
    const query = seriesQuery(series, facts);
    const found = query && query !== lastQuery ? await searchCandidates(inbox, query, signal) : [];
    lastQuery = query ?? lastQuery;
    await fetchAll(run, [...named, ...found]);
    series = emit(run);
  }
  if (signal.aborted) return;
  const threads = seriesThreads(run, series);
  await updateMeta(key, { seriesLinks: { ...run.links, threads, at: Date.now() } }).catch(recorded('cache: save series', undefined));
}

/**
 * The reader ties the thread of `target` (a message URL or a Message-ID) to the series of
 * `key`, or takes it out; kept in the thread's cache meta, then the series is sent again.
 */
export async function linkThread(key: string, target: string, link: boolean, sink: LoadSink, signal: AbortSignal): Promise<void> {
  const meta = await readMeta(key).catch(recorded('cache: read meta', null));
  if (!meta) return;
  const inbox = meta.inboxUrl;
  const mid = midOf(target, inbox);
  if (!mid) {
    sink.emit({ type: 'error', error: { kind: 'not-found', message: 'That is neither a message URL of this archive nor a Message-ID.' }, cache: null });
    return;
  }
  const run: Run = { inbox, key, sink, signal, threads: new Map(), links: meta.seriesLinks ?? NO_LINKS, pending: 0, failures: [], asked: new Set() };
  const got = await threadOf(run, mid).catch(recorded('series: fetch linked', null));
  if (!got) {
    sink.emit({ type: 'error', error: { kind: 'not-found', message: run.failures[0] ?? `The archive has no thread for <${mid}>.` }, cache: null });
    return;
  }
  const versionKeys = got.data.facts.versions.map((v) => v.key);
  const l = run.links;
  const drop = (xs: string[]): string[] => xs.filter((x) => !versionKeys.includes(x));
  const next: SeriesLinks = link
    ? { ...l, threads: [...new Set([...l.threads, got.key])], linked: [...drop(l.linked), ...versionKeys], unlinked: drop(l.unlinked) }
    : { ...l, linked: drop(l.linked), unlinked: [...drop(l.unlinked), ...versionKeys] };
  await updateMeta(key, { seriesLinks: next });
  await loadSeries(inbox, key, sink, signal, false);
}

function midOf(target: string, inbox: string): string | null {
  const t = target.trim();
  if (/^https?:\/\//i.test(t)) return midOfUrl(t, inbox);
  const bare = t.replace(/^<|>$/g, '');
  return /^[^\s<>@]+@[^\s<>@]+$/.test(bare) ? bare : null;
}
