/**
 * A store kept to a number of records (commit lookups, patchwork's checks): a write past it
 * drops the oldest by the store's age index, so a store written on every page opened cannot
 * grow without end.
 *
 * Non-goals: the thread cache's limit in bytes (threads.ts evicts by size and by what is on screen).
 */
import type { IndexNames, StoreValue } from 'idb';
import { openCacheDB, type CacheSchema } from './db.ts';

type BoundedStore = 'commits' | 'patchwork';

/** Writes `rec` into `store`, then drops the oldest by `byAge` until at most `max` are left. */
export async function putBounded<S extends BoundedStore>(store: S, rec: StoreValue<CacheSchema, S>, max: number, byAge: IndexNames<CacheSchema, S>): Promise<void> {
  const db = await openCacheDB();
  await db.put(store, rec);
  const n = await db.count(store);
  if (n <= max) return;
  const tx = db.transaction(store, 'readwrite');
  let cursor = await tx.store.index(byAge).openCursor();
  for (let drop = n - max; cursor && drop > 0; drop--) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
}
