/**
 * The idb cache on fake-indexeddb: round trip, lookup by any message of a thread, LRU
 * eviction that spares pinned threads, the size bound, a quota failure that loses nothing,
 * and the v1 → v2 migration keeping cached threads.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { corpusDir } from '../../helpers/corpus.ts';
import { rawThread, type RawThread } from '../fixtures.ts';
import { gzip } from '../../../src/background/net/gzip.ts';
import { closeCacheDB, openCacheDB, DB_NAME } from '../../../src/background/cache/db.ts';
import {
  clearAll,
  findThreadKey,
  readMbox,
  readThread,
  threadKeyOf,
  updateMeta,
  usage,
  writeThread,
  type ThreadEntry,
} from '../../../src/background/cache/threads.ts';

const INBOX = 'https://lore.kernel.org/lkml/';
const NONE = new Set<string>();

function entry(t: RawThread, at = 1_700_000_000_000): ThreadEntry {
  const root = t.analysis.roots[0]!;
  return {
    meta: {
      inboxUrl: INBOX,
      rootId: root,
      anchorId: root,
      subject: t.heads[0]!.subject,
      messages: t.heads.length,
      newestDate: t.heads.map((h) => h.date ?? '').sort().at(-1) ?? null,
      cachedAt: at,
      lastRefresh: at,
      lastFullFetch: at,
    },
    analysis: t.analysis,
    heads: t.heads,
    raw: t.raw,
  };
}

let clock = 1_000;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  clock = 1_000;
  // Every cache operation sees a later time, so LRU order is the order of the calls.
  vi.spyOn(Date, 'now').mockImplementation(() => (clock += 10));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await closeCacheDB();
});

describe.skipIf(!corpusDir)('thread cache', () => {
  it('stores a thread compressed and gives it back whole, found from any of its messages', async () => {
    const t = rawThread(0, 40);
    const out = await writeThread(entry(t), { limitBytes: 50e6, pinned: NONE });
    expect(out.ok).toBe(true);
    const key = threadKeyOf(INBOX, t.analysis.roots[0]!);
    for (const h of [t.heads[0]!, t.heads[17]!, t.heads[39]!]) expect(await findThreadKey(INBOX, h.messageId)).toBe(key);
    expect(await findThreadKey('https://lore.kernel.org/linux-mm/', t.heads[3]!.messageId)).toBeNull();

    const got = await readThread(key);
    expect(got?.view.analysis).toEqual(t.analysis);
    expect(got?.view.heads).toEqual(t.heads);
    expect(got?.meta.messages).toBe(40);
    expect(await readMbox(key)).toEqual(t.raw);
    const stored = (await openCacheDB()).get('mbox', key);
    expect((await stored)!.gz.length).toBeLessThan(t.raw.length / 2);
    expect(await usage()).toEqual({ bytes: got!.meta.storedBytes, threads: 1 });
  });

  it('evicts the least recently opened thread first, never a pinned one', async () => {
    const threads = [rawThread(0, 20), rawThread(20, 20), rawThread(40, 20), rawThread(60, 20)];
    const sizes: number[] = [];
    for (const t of threads.slice(0, 3)) {
      const o = await writeThread(entry(t), { limitBytes: 50e6, pinned: NONE });
      if (!o.ok) throw new Error(o.message);
      sizes.push(o.storedBytes);
    }
    const [a, b, c] = threads.slice(0, 3).map((t) => threadKeyOf(INBOX, t.analysis.roots[0]!));
    await readThread(a!); // a is now the most recent; b the least.
    // Room for the fourth only once c is gone (a is recent, b is pinned).
    const t3 = threads[3]!;
    const dSize = (await gzip(t3.raw)).length + JSON.stringify(t3.analysis).length + JSON.stringify(t3.heads).length;
    const limit = sizes[0]! + sizes[1]! + dSize + 100;
    expect(limit).toBeLessThan(sizes[0]! + sizes[1]! + sizes[2]! + dSize);
    const d = await writeThread(entry(threads[3]!), { limitBytes: limit, pinned: new Set([b!]) });
    expect(d.ok && d.evicted).toEqual([c]);
    expect(await readThread(b!)).not.toBeNull();
    expect(await readThread(a!)).not.toBeNull();
    expect(await readThread(c!)).toBeNull();
    expect(await readMbox(c!)).toBeNull();
    expect(await findThreadKey(INBOX, threads[2]!.heads[5]!.messageId)).toBeNull();
    expect((await usage()).bytes).toBeLessThanOrEqual(limit);
  });

  it('refuses a thread larger than the whole limit without evicting anything', async () => {
    const small = rawThread(0, 5);
    await writeThread(entry(small), { limitBytes: 50e6, pinned: NONE });
    const big = await writeThread(entry(rawThread(5, 100)), { limitBytes: 30_000, pinned: NONE });
    expect(big).toMatchObject({ ok: false, reason: 'too-large' });
    expect((await usage()).threads).toBe(1);
  });

  it('loses nothing when the browser refuses the write for quota', async () => {
    const kept = [rawThread(0, 20), rawThread(20, 20)];
    const sizes: number[] = [];
    for (const t of kept) {
      const o = await writeThread(entry(t), { limitBytes: 50e6, pinned: NONE });
      if (o.ok) sizes.push(o.storedBytes);
    }
    // The browser's own quota, not ours: a put fails with QuotaExceededError.
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'mbox') throw new DOMException('quota', 'QuotaExceededError');
      return put.apply(this, args as Parameters<typeof put>);
    });
    // A limit that would evict the first thread: the eviction must roll back too.
    const out = await writeThread(entry(rawThread(40, 20)), { limitBytes: sizes[1]! + sizes[0]! + 10, pinned: NONE });
    expect(out).toMatchObject({ ok: false, reason: 'quota' });
    vi.mocked(IDBObjectStore.prototype.put).mockRestore();
    for (const t of kept) {
      const key = threadKeyOf(INBOX, t.analysis.roots[0]!);
      expect((await readThread(key))?.view.heads).toEqual(t.heads);
      expect(await readMbox(key)).toEqual(t.raw);
    }
    expect(await findThreadKey(INBOX, rawThread(40, 20).heads[3]!.messageId)).toBeNull();
    expect((await usage()).threads).toBe(2);
  });

  it('still reads a stored thread when the disk is too full to note the access', async () => {
    const t = rawThread(0, 10);
    const o = await writeThread(entry(t), { limitBytes: 50e6, pinned: NONE });
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    try {
      expect((await readThread(o.key))?.view.heads).toEqual(t.heads);
    } finally {
      spy.mockRestore();
    }
  });

  it('records refreshes and the series links, and clears everything', async () => {
    const t = rawThread(0, 10);
    const o = await writeThread(entry(t), { limitBytes: 50e6, pinned: NONE });
    const key = o.key;
    const seriesLinks = { threads: [], linked: [], unlinked: [], at: 42 };
    await updateMeta(key, { lastRefresh: 42, seriesLinks });
    expect((await readThread(key))?.meta).toMatchObject({ lastRefresh: 42, seriesLinks });
    await clearAll();
    expect(await usage()).toEqual({ bytes: 0, threads: 0 });
    expect(await findThreadKey(INBOX, t.heads[0]!.messageId)).toBeNull();
  });

  it('migrates a v1 database to v2 keeping its threads and indexing their messages', async () => {
    const t = rawThread(0, 12);
    const key = threadKeyOf(INBOX, t.analysis.roots[0]!);
    const v1 = await openCacheDB(1);
    expect([...v1.objectStoreNames].sort()).toEqual(['mbox', 'meta', 'views']);
    const e = entry(t);
    await v1.put('meta', { ...e.meta, key, rawBytes: t.raw.length, storedBytes: 1000, lastAccess: 1 });
    await v1.put('views', { key, analysis: t.analysis, heads: t.heads });
    v1.close();

    const v2 = await openCacheDB(2);
    expect(v2.version).toBe(2);
    expect([...v2.objectStoreNames].sort()).toEqual(['ids', 'mbox', 'meta', 'views']);
    v2.close(); // v3 (the reader's visits) opens next, over it
    expect((await readThread(key))?.view.analysis).toEqual(t.analysis);
    for (const h of t.heads) expect(await findThreadKey(INBOX, h.messageId)).toBe(key);
    expect(DB_NAME).toBe('listlens-cache');
  });
});
