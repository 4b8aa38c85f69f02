/**
 * The reader's visits to each thread, for "new since your last visit": which messages were
 * seen and when the reader was last there. Kept in the cache database's own `visits` store,
 * keyed by thread key and apart from the thread's records, so evicting or refreshing a
 * thread's mail (or the worker stopping) leaves the marks as they were. Nothing leaves the
 * browser.
 *
 * A first visit takes every message then present as seen: the marks start from there.
 * At most `MAX_THREADS` threads are remembered; the least recently visited go first.
 *
 * Non-goals: deciding what the panel marks (panel/new-marks.ts), the badge (browser/badge.ts).
 */
import type { Visits } from '../../protocol.ts';
import { openCacheDB, type VisitRecord } from './db.ts';

export type { VisitRecord };

/** Threads remembered; a record is ~60 bytes per message seen. */
export const MAX_THREADS = 5000;

export async function readVisits(key: string): Promise<VisitRecord | null> {
  const db = await openCacheDB();
  return (await db.get('visits', key)) ?? null;
}

/**
 * The reader opened the thread now: returns what was known before this visit (a first
 * visit: nothing) and records this one. `ids`: the thread's real messages at this moment.
 */
export async function beginVisit(key: string, ids: readonly string[], now: number): Promise<Visits> {
  const db = await openCacheDB();
  const tx = db.transaction('visits', 'readwrite');
  const store = tx.objectStore('visits');
  const old = await store.get(key);
  if (old) await store.put({ ...old, lastVisit: now });
  else await store.put({ key, seen: [...ids], lastVisit: now, firstVisit: now });
  await tx.done;
  if (!old) void prune();
  return old ? { seen: old.seen, lastVisit: old.lastVisit } : { seen: null, lastVisit: null };
}

/** The reader opened `ids` (or every message of `all`): they are seen from now on. */
export async function addSeen(key: string, ids: readonly string[]): Promise<VisitRecord | null> {
  const db = await openCacheDB();
  const tx = db.transaction('visits', 'readwrite');
  const store = tx.objectStore('visits');
  const old = await store.get(key);
  if (!old) {
    await tx.done;
    return null;
  }
  const have = new Set(old.seen);
  const extra: string[] = [];
  for (const id of ids) {
    if (have.has(id)) continue;
    have.add(id);
    extra.push(id);
  }
  const next = extra.length ? { ...old, seen: [...old.seen, ...extra] } : old;
  if (extra.length) await store.put(next);
  await tx.done;
  return next;
}

/** Forget every visit ("Forget what I have read" on the options page). */
export async function clearVisits(): Promise<void> {
  const db = await openCacheDB();
  await db.clear('visits');
}

/** Keeps the `MAX_THREADS` most recently visited threads. */
export async function prune(max = MAX_THREADS): Promise<number> {
  const db = await openCacheDB();
  const n = await db.count('visits');
  if (n <= max) return 0;
  const tx = db.transaction('visits', 'readwrite');
  let cursor = await tx.store.index('lastVisit').openCursor();
  let dropped = 0;
  while (cursor && dropped < n - max) {
    await cursor.delete();
    dropped++;
    cursor = await cursor.continue();
  }
  await tx.done;
  return dropped;
}
