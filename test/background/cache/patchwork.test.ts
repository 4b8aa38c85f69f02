/**
 * Patchwork's checks in the cache (db.ts v6, issue 18) on fake-indexeddb: a v5 database (an
 * older release's, with threads and a MAINTAINERS copy) upgrades keeping every store; a
 * failed attempt keeps the copy held; the store is bounded, the longest unchecked going
 * first; clearing the cache empties it.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCacheDB, DB_VERSION, openCacheDB, type PatchworkRecord } from '../../../src/background/cache/db.ts';
import { MAX_PATCHWORK, patchworkKey, readPatchwork, writePatchwork, writePatchworkFailure } from '../../../src/background/cache/patchwork.ts';
import { clearCache } from '../../../src/background/load/cache-admin.ts';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(async () => {
  await closeCacheDB();
});

const I = 'https://patchwork.kernel.org/';
const rec = (msgid: string, at: number): PatchworkRecord => ({
  key: patchworkKey(I, msgid),
  instance: I,
  msgid,
  found: [{ id: 1, project: 'linux-mm', webUrl: null, checksUrl: `${I}api/patches/1/checks/`, date: null }],
  checks: [{ state: 'fail', context: 'build', user: 'ci', description: null, targetUrl: null, date: null }],
  fetchedAt: at,
  checkedAt: at,
  error: null,
});

describe('the patchwork store', () => {
  it('a v5 database upgrades to v6 with its threads and MAINTAINERS copies kept', async () => {
    expect(DB_VERSION).toBe(6);
    const old = await openCacheDB(5);
    await old.put('meta', { key: 'k', inboxUrl: 'i', rootId: 'r', anchorId: 'a', subject: 's', messages: 1, newestDate: null, cachedAt: 0, lastRefresh: 0, lastFullFetch: 0, lastAccess: 0, rawBytes: 0, storedBytes: 0 });
    await old.put('maintainers', { source: 'https://git.example/MAINTAINERS', fetchedAt: 5, checkedAt: 5, error: null, entries: 3, errors: 0 });
    await old.put('commits', { sha: 'a'.repeat(40), patch: 'p', view: {} as never, inboxUrl: null, at: 1, fixesAt: 0 });
    old.close();
    const db = await openCacheDB();
    expect([...db.objectStoreNames].sort()).toEqual(['commits', 'ids', 'maintainerFiles', 'maintainers', 'mbox', 'meta', 'patchwork', 'views', 'visits']);
    expect((await db.get('meta', 'k'))?.subject).toBe('s');
    expect((await db.get('maintainers', 'https://git.example/MAINTAINERS'))?.entries).toBe(3);
    expect(await db.count('commits')).toBe(1);
  });

  it('a failed attempt keeps the copy held; a first one that fails holds no copy', async () => {
    await writePatchwork(rec('a@x', 10));
    await writePatchworkFailure(I, 'a@x', 'down', 20);
    await writePatchworkFailure(I, 'b@x', 'down', 20);
    const got = await readPatchwork(I, ['a@x', 'b@x', 'c@x']);
    expect(got.get('a@x')).toMatchObject({ fetchedAt: 10, checkedAt: 20, error: 'down', checks: [{ state: 'fail' }] });
    expect(got.get('b@x')).toMatchObject({ fetchedAt: 0, found: null, checks: [], error: 'down' });
    expect(got.has('c@x')).toBe(false);
    await clearCache();
    expect((await readPatchwork(I, ['a@x'])).size).toBe(0);
  });

  it('keeps at most MAX_PATCHWORK, the longest unchecked going first', async () => {
    for (let i = 0; i < MAX_PATCHWORK + 2; i++) await writePatchwork(rec(`${i}@x`, i));
    const db = await openCacheDB();
    expect(await db.count('patchwork')).toBe(MAX_PATCHWORK);
    const got = await readPatchwork(I, ['0@x', '1@x', '2@x', `${MAX_PATCHWORK + 1}@x`]);
    expect([...got.keys()]).toEqual(['2@x', `${MAX_PATCHWORK + 1}@x`]);
  }, 120_000);
});
