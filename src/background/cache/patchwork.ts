/**
 * Patchwork's checks in the cache database's `patchwork` store (db.ts v6, issue 18): per
 * instance and Message-ID, what the instance said of the patch and its checks, the copy's
 * date and the last attempt. A failed attempt updates the attempt and its reason only: the
 * last good copy stays. At most `MAX_PATCHWORK` records are kept, the longest unchecked
 * going first; clearing the cache clears them.
 *
 * Non-goals: fetching or when to refresh (background/patchwork/), counting checks (core).
 */
import { KEY_SEP, openCacheDB, type PatchworkRecord } from './db.ts';
import { putBounded } from './bounded.ts';

export type { PatchworkRecord };

/** A record is a few KB (a CI posting thirty checks): some MB at most. */
export const MAX_PATCHWORK = 5000;

export const patchworkKey = (instance: string, msgid: string): string => instance + KEY_SEP + msgid;

/** The records held for these Message-IDs on `instance` (those with none left out), in one transaction. */
export async function readPatchwork(instance: string, msgids: readonly string[]): Promise<Map<string, PatchworkRecord>> {
  const db = await openCacheDB();
  const tx = db.transaction('patchwork');
  const got = await Promise.all(msgids.map((m) => tx.store.get(patchworkKey(instance, m))));
  await tx.done;
  const out = new Map<string, PatchworkRecord>();
  got.forEach((r, i) => r && out.set(msgids[i]!, r));
  return out;
}

export function writePatchwork(rec: PatchworkRecord): Promise<void> {
  return putBounded('patchwork', rec, MAX_PATCHWORK, 'checkedAt');
}

/** A failed attempt: its time and reason, the copy held (if any) kept. */
export async function writePatchworkFailure(instance: string, msgid: string, error: string, at: number): Promise<PatchworkRecord> {
  const db = await openCacheDB();
  const tx = db.transaction('patchwork', 'readwrite');
  const key = patchworkKey(instance, msgid);
  const had = await tx.store.get(key);
  const rec: PatchworkRecord = had ? { ...had, checkedAt: at, error } : { key, instance, msgid, found: null, checks: [], fetchedAt: 0, checkedAt: at, error };
  await Promise.all([tx.store.put(rec), tx.done]);
  return rec;
}

export async function clearPatchwork(): Promise<void> {
  const db = await openCacheDB();
  await db.clear('patchwork');
}
