/**
 * Commit lookups in the cache database's `commits` store (db.ts v4), by the commit's full id:
 * the answer the panel was given and the commit's patch text. A commit page names its commit
 * by a full id or a prefix; a prefix finds the one record it begins (none when it is not
 * unique). At most `MAX_COMMITS` are kept, the oldest lookups going first.
 *
 * Non-goals: the lookup (background/commit/), the threads it found (cache/threads.ts keeps those).
 */
import { openCacheDB, type CommitRecord } from './db.ts';
import { putBounded } from './bounded.ts';

export type { CommitRecord };

/** A record is a few KB (the patch, the view): a few MB at most. */
export const MAX_COMMITS = 2000;

export async function readCommit(sha: string): Promise<CommitRecord | null> {
  const id = sha.toLowerCase();
  const db = await openCacheDB();
  const exact = await db.get('commits', id);
  if (exact || id.length >= 40) return exact ?? null;
  const hits = await db.getAll('commits', IDBKeyRange.bound(id, `${id}\uffff`), 2);
  return hits.length === 1 ? hits[0]! : null;
}

export function writeCommit(rec: CommitRecord): Promise<void> {
  return putBounded('commits', { ...rec, sha: rec.sha.toLowerCase() }, MAX_COMMITS, 'at');
}

export async function clearCommits(): Promise<void> {
  const db = await openCacheDB();
  await db.clear('commits');
}
