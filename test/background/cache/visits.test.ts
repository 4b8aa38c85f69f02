/**
 * The reader's visits on fake-indexeddb: a first visit is the baseline, later visits report
 * what was seen before; the record survives the worker stopping (the database closed and
 * opened again), the thread's mail being evicted or the cache cleared; the store is bounded;
 * and a v2 database (threads cached by an older release) upgrades to v3 keeping its threads.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusDir } from '../../helpers/corpus.ts';
import { rawThread } from '../fixtures.ts';
import { closeCacheDB, DB_VERSION, openCacheDB } from '../../../src/background/cache/db.ts';
import { clearAll, deleteThread, readThread, threadKeyOf, threadMessageIds, writeThread } from '../../../src/background/cache/threads.ts';
import { addSeen, beginVisit, clearVisits, prune, readVisits } from '../../../src/background/cache/visits.ts';

const INBOX = 'https://lore.kernel.org/lkml/';
const KEY = `${INBOX} root@x`;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(async () => {
  await closeCacheDB();
});

describe('visits', () => {
  it('a first visit is the baseline; the next one reports it, and what was opened since', async () => {
    expect(await beginVisit(KEY, ['a', 'b'], 100)).toEqual({ seen: null, lastVisit: null });
    expect(await beginVisit(KEY, ['a', 'b', 'c'], 200)).toEqual({ seen: ['a', 'b'], lastVisit: 100 });
    await addSeen(KEY, ['c', 'c', 'a']);
    expect(await beginVisit(KEY, ['a', 'b', 'c', 'd'], 300)).toEqual({ seen: ['a', 'b', 'c'], lastVisit: 200 });
    expect((await readVisits(KEY))?.firstVisit).toBe(100);
    // Marking read on a thread never visited records nothing.
    expect(await addSeen('other', ['x'])).toBeNull();
    expect(await readVisits('other')).toBeNull();
  });

  it('survive the worker stopping: the database closed and opened again', async () => {
    await beginVisit(KEY, ['a'], 100);
    await addSeen(KEY, ['b']);
    await closeCacheDB();
    expect(await readVisits(KEY)).toMatchObject({ seen: ['a', 'b'], lastVisit: 100 });
  });

  it('keep the most recently visited threads past the bound', async () => {
    for (let i = 0; i < 5; i++) await beginVisit(`k${i}`, ['a'], 100 + i);
    expect(await prune(3)).toBe(2);
    expect(await readVisits('k0')).toBeNull();
    expect(await readVisits('k1')).toBeNull();
    expect(await readVisits('k4')).not.toBeNull();
    await clearVisits();
    expect(await readVisits('k4')).toBeNull();
  });
});

describe.skipIf(!corpusDir)('visits beside the thread cache', () => {
  it('outlive the thread`s mail: evicted for another thread, or the whole cache cleared', async () => {
    const t = rawThread(0, 30);
    const u = rawThread(30, 60);
    const metaOf = (root: string) => ({ inboxUrl: INBOX, rootId: root, anchorId: root, subject: '', messages: 30, newestDate: null, cachedAt: 1, lastRefresh: 1, lastFullFetch: 1, versions: null });
    const entryOf = (x: typeof t) => ({ meta: metaOf(x.analysis.roots[0]!), analysis: x.analysis, heads: x.heads, raw: x.raw });
    // How much the other thread needs, to give the cache exactly that room later.
    const probe = await writeThread(entryOf(u), { limitBytes: 50e6, pinned: new Set() });
    if (!probe.ok) throw new Error('could not write the probe thread');
    await deleteThread(probe.key);

    const first = await writeThread(entryOf(t), { limitBytes: 50e6, pinned: new Set() });
    if (!first.ok) throw new Error('could not write the thread');
    const key = first.key;
    expect(new Set(await threadMessageIds(key))).toEqual(new Set(t.heads.map((h) => h.messageId)));
    await beginVisit(key, t.heads.slice(0, 20).map((h) => h.id), 100);
    const second = await writeThread(entryOf(u), { limitBytes: probe.storedBytes + 1, pinned: new Set() });
    expect(second.ok && second.evicted).toEqual([key]);
    expect(await readThread(key)).toBeNull();
    expect((await readVisits(key))?.seen).toHaveLength(20);
    await clearAll();
    expect(await readThread(second.key)).toBeNull();
    expect((await readVisits(key))?.seen).toHaveLength(20);
  });

  it('a v2 database upgrades to v3 with its threads kept and an empty visits store', async () => {
    const t = rawThread(0, 10);
    const root = t.analysis.roots[0]!;
    const meta = { inboxUrl: INBOX, rootId: root, anchorId: root, subject: '', messages: 10, newestDate: null, cachedAt: 1, lastRefresh: 1, lastFullFetch: 1, versions: null };
    const v2 = await openCacheDB(2);
    expect([...v2.objectStoreNames]).not.toContain('visits');
    v2.close();
    await writeThread({ meta, analysis: t.analysis, heads: t.heads, raw: t.raw }, { limitBytes: 50e6, pinned: new Set() });
    const v3 = await openCacheDB();
    // every later step runs too (v4: the commit lookups, v5: MAINTAINERS, v6: patchwork's checks)
    expect(v3.version).toBe(DB_VERSION);
    expect([...v3.objectStoreNames].sort()).toEqual(['commits', 'ids', 'maintainerFiles', 'maintainers', 'mbox', 'meta', 'patchwork', 'views', 'visits']);
    expect(await readThread(threadKeyOf(INBOX, root))).not.toBeNull();
  });
});
