/**
 * Ownership for one series run (issue 18): which MAINTAINERS copy the thread's list uses,
 * each thread's matches against it, and each ledger's ownership (core's
 * `ledgerOwnership`) put beside the ledger the worker sends (`SeriesLedger.owners`).
 *
 *   const o = await startOwners(inbox, threads)   // settings, the copy's state, cached matches
 *   withOwners(o, series)                          // sync: per ledger, when every patch is matched
 *   await fillOwners(o, threads, bytesOf)          // what is missing: the copy (once a day), matches
 *
 * A ledger gets ownership only when every present patch of it is matched: a version summed
 * over the patches matched so far would say a wrong number, so until then it says
 * `pending`. The ledger's own inputs are used (its counted trailers, its believed
 * appliers: core/maintainers/ledger-ownership.ts); the copy's date and last failure travel
 * with it (`SeriesLedger.maintainers`), so the panel can say which file it read.
 *
 * Non-goals: fetching (source.ts), matching (matches.ts), drawing.
 */
import { ledgerOwnership, maintainerAppliers } from '../../core/maintainers/ledger-ownership.ts';
import type { Person } from '../../core/types.ts';
import type { OwnerEntry, PatchMatch } from '../../core/maintainers/match.ts';
import type { MaintainersInfo, SeriesLedger } from '../../protocol.ts';
import type { OwnerMatches, SeriesThreadData } from '../cache/db.ts';
import { readMaintainersState, type MaintainersState } from '../cache/maintainers.ts';
import { cachedMatches, isCurrentMatch, stampOf, threadMatches } from './matches.ts';
import { due, ensureCopy, sourceFor } from './source.ts';
import { maintainersSettings } from './config.ts';
import { recorded } from '../../errors.ts';

export interface OwnersRun {
  source: string;
  state: MaintainersState | null;
  me: string[];
  /** Thread key → its record for the copy held. */
  matches: Map<string, OwnerMatches>;
  /** The copy is being fetched (none held yet, or a day old). */
  fetching: boolean;
  /** A fill is running, and whether another was asked for meanwhile. */
  filling: boolean;
  again: boolean;
  /** Threads (as matched: key, copy, message count, newest date) already tried once: a thread whose mail cannot be read is not tried again in this run. */
  tried: Set<string>;
}

const attempt = (o: OwnersRun, key: string, d: SeriesThreadData): string => `${key}\n${o.state?.fetchedAt ?? 0}\n${d.messages}\n${d.newestDate}`;

/** Whether a fill would bring anything: the copy is due, or a thread lacks current matches not yet tried. */
export function needsFill(o: OwnersRun, threads: ReadonlyMap<string, SeriesThreadData>): boolean {
  if (o.filling) return false;
  if (!o.tried.has('copy') && due(o.state, o.source, Date.now())) return true;
  const at = o.state?.fetchedAt;
  if (!at) return false;
  const stamp = stampOf(o.source, at);
  for (const [k, d] of threads) if (!isCurrentMatch(o.matches.get(k), stamp, d) && !o.tried.has(attempt(o, k, d))) return true;
  return false;
}

/**
 * The run's ownership state from the cache, or null when the feature is off or the list has
 * no file. `keys`: the threads the cache names for the series, read beside their facts; a
 * record is used only while current for its thread's data (`withOwners`, `needsFill` check).
 */
export async function startOwners(inbox: string, keys: readonly string[]): Promise<OwnersRun | null> {
  const s = await maintainersSettings();
  if (!s.on) return null;
  const source = sourceFor(s, inbox);
  if (!source) return null;
  const state = await readMaintainersState(source).catch(recorded('maintainers: read state', null));
  const run: OwnersRun = { source, state, me: s.me, matches: new Map(), fetching: false, filling: false, again: false, tried: new Set() };
  if (state?.fetchedAt) {
    const stamp = stampOf(source, state.fetchedAt);
    const unique = [...new Set(keys)];
    const got = await Promise.all(unique.map((k) => cachedMatches(k, stamp)));
    unique.forEach((k, i) => got[i] && run.matches.set(k, got[i]!));
  }
  return run;
}

export function infoOf(o: OwnersRun, pending: boolean): MaintainersInfo {
  return { source: o.source, fetchedAt: o.state?.fetchedAt || null, checkedAt: o.state?.checkedAt || null, error: o.state?.error ?? null, entries: o.state?.entries ?? 0, pending };
}

/** The current records of the threads at hand. */
function currentMatches(o: OwnersRun, threads: ReadonlyMap<string, SeriesThreadData>): OwnerMatches[] {
  const stamp = stampOf(o.source, o.state?.fetchedAt ?? 0);
  return [...o.matches].flatMap(([key, m]) => {
    const d = threads.get(key);
    return d && isCurrentMatch(m, stamp, d) ? [m] : [];
  });
}

/**
 * Whose "applied" the ledgers may believe as the tree's: the M: people of the entries the
 * threads' patches match (one predicate for every series of the run; a maintainer is
 * trusted by address only).
 */
export function trustedAppliers(o: OwnersRun, threads: ReadonlyMap<string, SeriesThreadData>): (p: Person) => boolean {
  const recs = currentMatches(o, threads);
  const entries = new Map<number, OwnerEntry>();
  for (const m of recs) for (const [i, e] of Object.entries(m.entries)) entries.set(Number(i), e);
  return maintainerAppliers(recs.flatMap((m) => Object.values(m.patches)), (i) => entries.get(i)!);
}

/** Each ledger with its ownership when every one of its present patches is matched. */
export function withOwners(o: OwnersRun, series: SeriesLedger[], threads: ReadonlyMap<string, SeriesThreadData>): SeriesLedger[] {
  const byPatch = new Map<string, PatchMatch>();
  const entries = new Map<number, OwnerEntry>();
  for (const m of currentMatches(o, threads)) {
    for (const [k, p] of Object.entries(m.patches)) byPatch.set(k, p);
    for (const [i, e] of Object.entries(m.entries)) entries.set(Number(i), e);
  }
  return series.map((s) => {
    const cells = s.ledger.rows.flatMap((r) => r.cells.filter((c) => c?.present && c.state !== 'squashed' && c.id));
    const complete = !!o.state?.fetchedAt && cells.every((c) => byPatch.has(c!.id!));
    if (!complete) return { ...s, owners: null, maintainers: infoOf(o, o.fetching || o.filling) };
    const owners = ledgerOwnership(s.ledger, { matchOf: (c) => byPatch.get(c.id!) ?? null, entryAt: (i) => entries.get(i)!, me: o.me });
    return { ...s, owners, maintainers: infoOf(o, false) };
  });
}

/**
 * What the run lacks: the copy (fetched when none is held or it is a day old, permission
 * permitting), then every thread's matches against it. Calls `changed` after each step that
 * brought something, so the ledgers go out again. Asked again while running (a thread
 * arrived), it runs once more after.
 */
export async function fillOwners(o: OwnersRun, threads: () => ReadonlyMap<string, SeriesThreadData>, bytesOf: (key: string) => Promise<Uint8Array | null>, changed: () => void, signal: AbortSignal): Promise<void> {
  if (o.filling) {
    o.again = true;
    return;
  }
  o.filling = true;
  try {
    do {
      o.again = false;
      await fillOnce(o, threads, bytesOf, changed, signal);
    } while (o.again && !signal.aborted);
  } finally {
    o.filling = false;
  }
}

async function fillOnce(o: OwnersRun, threads: () => ReadonlyMap<string, SeriesThreadData>, bytesOf: (key: string) => Promise<Uint8Array | null>, changed: () => void, signal: AbortSignal): Promise<void> {
  if (!o.tried.has('copy') && due(o.state, o.source, Date.now())) {
    o.tried.add('copy');
    o.fetching = true;
    const before = o.state?.fetchedAt ?? 0;
    const next = await ensureCopy(o.source).catch(recorded('maintainers: fetch', null));
    o.fetching = false;
    if (next) o.state = next;
    if ((o.state?.fetchedAt ?? 0) !== before) o.matches.clear();
    if (!signal.aborted) changed();
  }
  const at = o.state?.fetchedAt;
  if (!at || signal.aborted) return;
  for (const [key, data] of threads()) {
    if (signal.aborted) return;
    if (isCurrentMatch(o.matches.get(key), stampOf(o.source, at), data) || o.tried.has(attempt(o, key, data))) continue;
    o.tried.add(attempt(o, key, data));
    const m = await threadMatches(key, data, o.source, at, () => bytesOf(key)).catch(recorded('maintainers: match', null));
    if (!m || signal.aborted) continue;
    o.matches.set(key, m);
    changed();
  }
}
