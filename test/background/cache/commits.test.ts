/**
 * Commit lookups on fake-indexeddb: found by the full id or by a prefix of it (not when the
 * prefix names two), bounded with the oldest lookups going first, cleared with the cache, and
 * a v3 database (an older release's) upgrading to v4 with its threads kept.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCacheDB, DB_VERSION, openCacheDB, type CommitRecord } from '../../../src/background/cache/db.ts';
import { clearCommits, MAX_COMMITS, readCommit, writeCommit } from '../../../src/background/cache/commits.ts';
import type { CommitView } from '../../../src/protocol.ts';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(async () => {
  await closeCacheDB();
});

const view = { state: 'none' } as unknown as CommitView;
const rec = (sha: string, at: number): CommitRecord => ({ sha, patch: 'From x', view, inboxUrl: null, at, fixesAt: 0 });

describe('the commits store', () => {
  it('reads a lookup back by the full id or a unique prefix', async () => {
    await writeCommit(rec('abcdef0123456789abcdef0123456789abcdef01', 1));
    await writeCommit(rec('abc9990123456789abcdef0123456789abcdef01', 2));
    expect((await readCommit('ABCDEF0123456789ABCDEF0123456789ABCDEF01'))?.at).toBe(1);
    expect((await readCommit('abcdef012345'))?.at).toBe(1);
    // two commits begin so: neither is taken
    expect(await readCommit('abc')).toBeNull();
    expect(await readCommit('0000000')).toBeNull();
    await clearCommits();
    expect(await readCommit('abcdef012345')).toBeNull();
  });

  it('keeps at most MAX_COMMITS, dropping the oldest lookups', async () => {
    for (let i = 0; i < MAX_COMMITS + 3; i++) await writeCommit(rec(i.toString(16).padStart(40, '0'), i));
    const db = await openCacheDB();
    expect(await db.count('commits')).toBe(MAX_COMMITS);
    expect(await readCommit('0'.repeat(40))).toBeNull();
    expect((await readCommit((MAX_COMMITS + 2).toString(16).padStart(40, '0')))?.at).toBe(MAX_COMMITS + 2);
  }, 60_000);

  it('a v3 database upgrades to v4, its threads kept', async () => {
    expect(DB_VERSION).toBeGreaterThanOrEqual(5);
    const old = await openCacheDB(3);
    await old.put('meta', { key: 'k', inboxUrl: 'i', rootId: 'r', anchorId: 'a', subject: 's', messages: 1, newestDate: null, cachedAt: 0, lastRefresh: 0, lastFullFetch: 0, lastAccess: 0, rawBytes: 0, storedBytes: 0 });
    old.close();
    const db = await openCacheDB();
    expect((await db.get('meta', 'k'))?.subject).toBe('s');
    expect(db.objectStoreNames.contains('commits')).toBe(true);
  });
});
