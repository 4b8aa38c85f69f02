/**
 * MAINTAINERS copies in the cache (issue 18): per source, its state (`maintainers` store:
 * the held copy's date, the last check, the last failure) and the parsed file
 * (`maintainerFiles`), written together so a state never names a copy that is not there.
 * A failed fetch updates the state only: the last good copy stays. The worker is the only
 * writer, so the states are also kept in memory (a reopen asks IndexedDB nothing for them).
 *
 * Non-goals: fetching or choosing sources (background/maintainers/), matching patches.
 */
import type { MaintainersFile } from '../../core/maintainers/parse.ts';
import { openCacheDB, type MaintainersState } from './db.ts';

export type { MaintainersState };

const states = new Map<string, MaintainersState | null>();

export async function readMaintainersState(source: string): Promise<MaintainersState | null> {
  if (states.has(source)) return states.get(source)!;
  const db = await openCacheDB();
  const s = (await db.get('maintainers', source)) ?? null;
  states.set(source, s);
  return s;
}

export async function allMaintainersStates(): Promise<MaintainersState[]> {
  const db = await openCacheDB();
  return db.getAll('maintainers');
}

export async function readMaintainersFile(source: string): Promise<{ fetchedAt: number; file: MaintainersFile } | null> {
  const db = await openCacheDB();
  const r = await db.get('maintainerFiles', source);
  return r ? { fetchedAt: r.fetchedAt, file: r.file } : null;
}

/** A new good copy: the file and its state, in one transaction. */
export async function writeMaintainersCopy(source: string, file: MaintainersFile, at: number): Promise<MaintainersState> {
  const db = await openCacheDB();
  const tx = db.transaction(['maintainers', 'maintainerFiles'], 'readwrite');
  const state: MaintainersState = { source, fetchedAt: at, checkedAt: at, error: null, entries: file.entries.length, errors: file.errorCount };
  await Promise.all([tx.objectStore('maintainerFiles').put({ source, fetchedAt: at, file }), tx.objectStore('maintainers').put(state), tx.done]);
  states.set(source, state);
  return state;
}

/** A failed attempt: said in the state, the copy held (if any) kept. */
export async function writeMaintainersFailure(source: string, error: string, at: number): Promise<MaintainersState> {
  const db = await openCacheDB();
  const tx = db.transaction('maintainers', 'readwrite');
  const had = await tx.store.get(source);
  const state: MaintainersState = { source, fetchedAt: had?.fetchedAt ?? 0, checkedAt: at, error, entries: had?.entries ?? 0, errors: had?.errors ?? 0 };
  await Promise.all([tx.store.put(state), tx.done]);
  states.set(source, state);
  return state;
}

export async function clearMaintainers(): Promise<void> {
  const db = await openCacheDB();
  const tx = db.transaction(['maintainers', 'maintainerFiles'], 'readwrite');
  await Promise.all([tx.objectStore('maintainers').clear(), tx.objectStore('maintainerFiles').clear(), tx.done]);
}

/** Forgets the states held in memory (tests that swap the database). */
export function forgetMaintainersStates(): void {
  states.clear();
}
