/**
 * Every version of every series the thread on screen holds, after the thread has painted:
 * the version threads known from the cache first (no network), then, when the archive may be
 * asked, what find.ts points at — other versions (links, replies, one search), a version's
 * own thread, a version's unthreaded patches (one search per version) — each thread fetched
 * once through the polite fetcher (fetch.ts), and the ledgers sent again as each arrives
 * (`ledger` events with progress).
 *
 * Nothing waits on what it does not need: the search runs beside the fetches the threads at
 * hand already name, and each arrival starts what it makes known. (Run one after another — a
 * search, its fetches, a second search, its fetches, behind the old path's own search — the
 * seed's series took three searches and two waves of fetches in a row: seconds each on lore.)
 *
 * The archive is asked when the thread was just fetched or refreshed, or when its series was
 * never searched; a reopen within the refresh TTL needs no network at all, and neither does an
 * archive's own mbox (pipermail, HyperKitty: the ledger is built from the one thread). A
 * cached version thread past the TTL is refreshed by the same rules as any thread. Nothing polls.
 *
 * Non-goals: grouping and the ledger themselves (core), the panel's drawing.
 */
import { heldSeries, seriesAnchor } from '../../core/series/thread-series.ts';
import type { ThreadFacts } from '../../core/series/series-facts.ts';
import type { SeriesLinks, SeriesThreadData } from '../cache/db.ts';
import { readMbox, updateMeta } from '../cache/threads.ts';
import { isArchiveNamespace } from '../sources/archive-mbox.ts';
import type { AtomEntry } from '../sources/atom.ts';
import type { Loaded, LoadSink } from '../load/events.ts';
import { lastThread } from '../load/state.ts';
import { refreshTtlMs } from '../loader-settings.ts';
import { seriesDataOf, seriesDataOfMbox } from './facts.ts';
import { postingsOf, refreshIfStale, threadOf, type FetchContext } from './fetch.ts';
import { incompleteVersions, knownMessages, leadHits, namedCandidates, postingQuery, searchEntries, seriesQuery } from './find.ts';
import { cachedThreads, NO_LINKS, seriesOf } from './ledgers.ts';
import { fillOwners, needsFill, startOwners, trustedAppliers, withOwners, type OwnersRun } from '../maintainers/owners.ts';
import { noteSeries } from '../maintainers/config.ts';
import { recorded } from '../../errors.ts';

/** Other-version threads fetched for one thread at most (a search gone wide must not fetch the list). */
export const MAX_VERSION_THREADS = 16;
/** Searches for versions' unthreaded patches at most (one per version: each is one request). */
export const MAX_POSTING_SEARCHES = 8;

interface Run extends FetchContext {
  key: string;
  anchor: string | null;
  /** Thread key → its data; the current thread first. */
  threads: Map<string, SeriesThreadData>;
  links: SeriesLinks;
  /** Messages whose thread was asked for (each once), and the searches sent (each once). */
  asked: Set<string>;
  searches: Map<string, Promise<AtomEntry[]>>;
  /** The series search's query, once sent; again only when the author became known. */
  seriesQuery: string | null;
  /** The searches sent for versions' postings (their queries). */
  postingSearches: Set<string>;
  candidates: number;
  running: Set<Promise<void>>;
  /** Whose ack is missing (MAINTAINERS), when the reader switched it on: null otherwise. */
  owners: OwnersRun | null;
  /** The archive may be asked (else only the cache and the MAINTAINERS copy are read). */
  network: boolean;
}

const rootOf = (key: string, inbox: string): string => key.slice(inbox.length + 1);
const factsOf = (run: Run): ThreadFacts[] => [...run.threads.values()].map((d) => d.facts);

function emit(run: Run): void {
  let series = seriesOf(run.threads, run.key, run.anchor, run.links, run.owners ? { trustedAppliers: trustedAppliers(run.owners, run.threads) } : {});
  if (run.owners) {
    // what the threads at hand lack (the copy, their matches) starts before this goes out
    if (!run.signal.aborted && needsFill(run.owners, run.threads)) {
      const o = run.owners;
      start(run, () => fillOwners(o, () => run.threads, (k) => bytesOf(k), () => emit(run), run.signal));
    }
    series = withOwners(run.owners, series, run.threads);
    noteSeries(series);
  }
  const pending = run.running.size;
  run.sink.series({ type: 'ledger', threadKey: run.key, series, pending, done: run.threads.size, total: run.threads.size + pending, failures: run.failures });
}

/** The data of the thread on screen: from the cache, else from the thread in memory (it could not be saved). */
async function currentData(key: string): Promise<SeriesThreadData | null> {
  const cached = await seriesDataOf(key).catch(recorded('series: read facts', null));
  if (cached) return cached;
  const mem = lastThread(key);
  return mem ? seriesDataOfMbox(mem.bytes) : null;
}

/** A thread's mbox for matching: the cache's, else the thread in memory (it could not be saved). */
async function bytesOf(key: string): Promise<Uint8Array | null> {
  return (await readMbox(key).catch(recorded('series: read mbox', null))) ?? lastThread(key)?.bytes ?? null;
}

/** Starts a task; each one's end may start others (`plan`), and the run ends when none is left. */
function start(run: Run, task: () => Promise<void>): void {
  const p: Promise<void> = task()
    .catch(recorded('series: task', undefined))
    .finally(() => {
      run.running.delete(p);
      if (run.signal.aborted) return;
      plan(run);
      emit(run);
    });
  run.running.add(p);
}

function fetchOne(run: Run, mid: string, root?: string): void {
  run.asked.add(mid);
  start(run, async () => {
    const got = await threadOf(run, mid, root);
    if (got && !run.signal.aborted && !run.threads.has(got.key)) run.threads.set(got.key, got.data);
  });
}

function search(run: Run, query: string, then: (entries: AtomEntry[]) => void): void {
  let p = run.searches.get(query);
  if (!p) run.searches.set(query, (p = searchEntries(run.inbox, query, run.signal)));
  const got = p;
  start(run, async () => then(await got));
}

/** What the threads at hand point at and has not been asked for yet: start it. */
function plan(run: Run): void {
  if (run.signal.aborted || !run.network) return;
  const facts = factsOf(run);
  const known = knownMessages(facts);
  const roots = new Set([...run.threads.keys()].map((k) => rootOf(k, run.inbox)));
  const candidate = (mid: string, root?: string): void => {
    if (run.asked.has(mid) || run.candidates >= MAX_VERSION_THREADS) return;
    run.candidates++;
    fetchOne(run, mid, root);
  };
  // a version whose lead is here without its thread: its own thread, whatever the cache says of the lead
  for (const v of incompleteVersions(facts, roots)) candidate(v.key, v.thread);
  for (const mid of namedCandidates(facts)) if (!known.has(mid)) candidate(mid);
  const cur = run.threads.get(run.key)!.facts;
  const held = heldSeries(facts, { anchor: run.anchor ?? cur.thread, linked: run.links.linked, unlinked: run.links.unlinked, held: cur.versions.map((v) => v.key) });
  // the series search: once, and again only if the first had no author to search by
  const query = seriesQuery(held[0] ?? null, facts);
  if (query && (run.seriesQuery === null || (!run.seriesQuery.includes('f:') && query.includes('f:')))) {
    run.seriesQuery = query;
    search(run, query, (entries) => {
      const have = knownMessages(factsOf(run));
      for (const mid of leadHits(entries, run.inbox)) if (!have.has(mid)) candidate(mid);
    });
  }
  // a version of the thread's series still lacking patches, its own thread here: its postings, by one search
  for (const v of held.flatMap((g) => g.members.map((m) => m.facts))) {
    if (!v.missing.length || !roots.has(v.thread)) continue;
    const q = postingQuery(v);
    if (!q || run.postingSearches.has(q) || run.postingSearches.size >= MAX_POSTING_SEARCHES) continue;
    run.postingSearches.add(q);
    start(run, async () => {
      const got = await postingsOf(run, v, q);
      if (got && !run.signal.aborted && !run.threads.has(got.key)) run.threads.set(got.key, got.data);
    });
  }
}

/** Thread keys holding a version of the thread's series (offered uncertain ones too), the current one aside. */
function seriesThreads(run: Run): string[] {
  const keys = new Set(seriesOf(run.threads, run.key, run.anchor, run.links).flatMap((s) => [...s.ledger.versions.map((v) => v.key), ...s.ledger.uncertain.map((u) => u.key)]));
  return [...run.threads.entries()].filter(([k, d]) => k !== run.key && d.facts.versions.some((v) => keys.has(v.key))).map(([k]) => k);
}

/**
 * Sends the series of the thread `loaded` showed: at once from what the cache holds (read from
 * `early` when the router started that read before the thread was shown), then,
 * when the archive may be asked (never with `cacheOnly`), as the other threads arrive. Ends
 * when nothing is left to fetch (the last event says `pending: 0`).
 */
export async function loadSeries(loaded: Loaded, sink: LoadSink, signal: AbortSignal, cacheOnly = false, early?: ReturnType<typeof cachedThreads>): Promise<void> {
  const { inbox, key } = loaded;
  if (signal.aborted) return;
  // The thread's meta (its links and facts) once, then its known version threads side by
  // side: a reopen from the cache waits on two rounds of IndexedDB, and reads nothing twice.
  // `early`: the same read, started when the load named the thread's key; good only when the
  // load then asked the archive nothing (a fetched or refreshed thread has new facts since).
  const [cached, ttlAsked] = await Promise.all([(early && !loaded.asked ? early : cachedThreads(key)).catch(recorded('series: read cache', null)), refreshTtlMs()]);
  const links = cached?.links ?? NO_LINKS;
  // An archive's own mbox has no search: its ledger is the one thread's.
  const network = !cacheOnly && !isArchiveNamespace(inbox) && (loaded.asked || !links.at);
  const ttl = network ? ttlAsked : 0;
  // Ownership's state (settings, the copy's state, the threads' matches) is read beside the
  // thread's own data when the cache lacked it.
  const [cur, owners] = await Promise.all([cached?.threads.get(key) ?? currentData(key), startOwners(inbox, [key, ...links.threads]).catch(recorded('maintainers: start', null))]);
  if (!cur || signal.aborted) return;
  const threads = new Map([[key, cur]]);
  for (const [k, d] of cached?.threads ?? []) if (k !== key) threads.set(k, d);
  const anchor = seriesAnchor(loaded.analysis, loaded.page);
  const run: Run = { inbox, key, sink, signal, anchor, threads, links, failures: [], asked: new Set(), searches: new Map(), seriesQuery: null, postingSearches: new Set(), candidates: 0, running: new Set(), owners, network };
  if (!network || (cur.facts.versions.length === 0 && cur.facts.answers.length === 0)) {
    emit(run);
    // the ownership still to come (the copy, matches) is the run's only work
    while (run.running.size && !signal.aborted) await Promise.race(run.running);
    return;
  }
  // What the cache holds goes out before any answer from the archive: the tasks below only
  // start here, and a version thread past the TTL is refreshed beside the rest, not first.
  for (const k of [...run.threads.keys()].filter((x) => x !== key)) {
    start(run, async () => {
      if (!(await refreshIfStale(k, signal, ttl))) return;
      const d = await seriesDataOf(k).catch(recorded('series: read facts', null));
      if (d && !signal.aborted) run.threads.set(k, d);
    });
  }
  plan(run);
  emit(run);
  while (run.running.size && !signal.aborted) await Promise.race(run.running);
  if (signal.aborted) return;
  await updateMeta(key, { seriesLinks: { ...run.links, threads: seriesThreads(run), at: Date.now() } }).catch(recorded('cache: save series', undefined));
}
