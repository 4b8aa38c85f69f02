/**
 * The browser fault matrix (issue 9), written once for Chromium (faults.e2e.ts) and Firefox ESR
 * (faults-firefox.e2e.ts): the test front (rig/front.ts) puts one fault at a time in front of
 * `t.mbox.gz`, or the cache is damaged or left in an older schema, and for each: the panel says
 * what happened in words, the threads already cached are all still there, and once the fault
 * ends the next open shows the thread.
 *
 * A browser gives a `FaultSide`: how a panel is opened (rig/drive.ts) and how code runs next to
 * the cache's IndexedDB (Chromium: the extension's service worker; Firefox: the add-on's own
 * panel tab, which shares the add-on's origin and so its databases). Each scenario opens its own
 * thread, so a thread cached by one cannot answer for another; `KEEP` is cached first and must
 * survive every fault.
 *
 * Non-goals: faults only one browser can make (the worker stopped through CDP, a refused
 * IndexedDB write: faults.e2e.ts keeps those).
 */
import { expect } from 'vitest';
import type { Fault } from './front.ts';
import { textOf, type Drive } from './drive.ts';
import { expectNoErrorDump } from './ext.ts';
import { BLUETOOTH, CIFS, POWERPC, QUORUM, SEED, SEMICOLONS, VFP, X86 } from './mail.ts';
import { loreUrl, type Rig } from './rig.ts';

export const MBOX = /\/t\.mbox\.gz(\?|$)/;
/**
 * The t.mbox.gz of the thread a page URL opens, and only that one: once a thread paints, the
 * worker also fetches the series' other versions, and a load of an earlier test may still be
 * doing so, so counting every t.mbox.gz would count those too.
 */
export const mboxOf = (pageUrl: string): RegExp => new RegExp(`^${new URL(pageUrl).pathname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}t\\.mbox\\.gz(\\?|$)`);
export const KEEP = SEED;

export interface FaultSide {
  /** A panel showing `url` (a new tab in Chromium, the add-on's tab navigated in Firefox). */
  open(url: string): Promise<Drive>;
  /** Runs `fn` where the cache's IndexedDB is reachable. */
  idb<A, R>(fn: (a: A) => Promise<R>, arg: A): Promise<R>;
}

/** The cache's thread keys (what a reader has offline). */
export const cachedKeys = (side: FaultSide): Promise<string[]> =>
  side.idb(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('listlens-cache');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('meta')) return (db.close(), resolve([]));
          const req = db.transaction('meta').objectStore('meta').getAllKeys();
          req.onsuccess = () => (db.close(), resolve((req.result as string[]).slice().sort()));
          req.onerror = () => (db.close(), reject(req.error));
        };
      }),
    null,
  );

/** The key of the cached thread holding `mid`, by the cache's id index, or null. */
export const keyOf = (side: FaultSide, list: string, mid: string): Promise<string | null> =>
  side.idb(
    (id: string) =>
      new Promise<string | null>((resolve, reject) => {
        const open = indexedDB.open('listlens-cache');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('ids')) return (db.close(), resolve(null));
          const got = db.transaction('ids').objectStore('ids').get(id);
          got.onsuccess = () => (db.close(), resolve((got.result as { key: string } | undefined)?.key ?? null));
          got.onerror = () => (db.close(), reject(got.error));
        };
      }),
    `https://lore.kernel.org/${list}/ ${mid}`,
  );

/**
 * Test scaffolding, not a fault: drops the cached thread holding `mid` (found by the v2 id
 * index) so another scenario can load it from the archive again. Returns its key.
 */
export const forget = (side: FaultSide, list: string, mid: string): Promise<string | null> =>
  side.idb(
    (id: string) =>
      new Promise<string | null>((resolve, reject) => {
        const open = indexedDB.open('listlens-cache');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['meta', 'views', 'mbox', 'ids'], 'readwrite');
          let key: string | null = null;
          const got = tx.objectStore('ids').get(id);
          got.onsuccess = () => {
            key = (got.result as { key: string } | undefined)?.key ?? null;
            if (!key) return;
            for (const s of ['meta', 'views', 'mbox']) tx.objectStore(s).delete(key);
            const ids = tx.objectStore('ids');
            const all = ids.index('thread').getAllKeys(key);
            all.onsuccess = () => {
              for (const k of all.result) ids.delete(k);
            };
          };
          tx.oncomplete = () => (db.close(), resolve(key));
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
    `https://lore.kernel.org/${list}/ ${mid}`,
  );

/** A thread's cached view and mbox overwritten with garbage. */
const damage = (side: FaultSide, key: string): Promise<void> =>
  side.idb(
    (k: string) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('listlens-cache');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['views', 'mbox'], 'readwrite');
          tx.objectStore('views').put({ key: k, analysis: { messages: 'garbage' }, heads: 42 });
          tx.objectStore('mbox').put({ key: k, gz: new Uint8Array([1, 2, 3]) });
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => (db.close(), reject(tx.error));
        };
        open.onerror = () => reject(open.error);
      }),
    key,
  );

/** The database rebuilt as schema v1 left it (no Message-ID index), from the threads cached so far. */
const downgradeToV1 = (side: FaultSide): Promise<void> =>
  side.idb(
    () =>
      new Promise<void>((resolve, reject) => {
        const read = indexedDB.open('listlens-cache');
        read.onerror = () => reject(read.error);
        read.onsuccess = () => {
          const db = read.result;
          const tx = db.transaction(['meta', 'views', 'mbox']);
          const got: Record<string, unknown[]> = {};
          for (const s of ['meta', 'views', 'mbox']) {
            const r = tx.objectStore(s).getAll();
            r.onsuccess = () => (got[s] = r.result);
          }
          tx.oncomplete = () => {
            db.close();
            const del = indexedDB.deleteDatabase('listlens-cache');
            del.onerror = () => reject(del.error);
            del.onsuccess = () => {
              const v1 = indexedDB.open('listlens-cache', 1);
              v1.onupgradeneeded = () => {
                const d = v1.result;
                d.createObjectStore('meta', { keyPath: 'key' }).createIndex('lastAccess', 'lastAccess');
                d.createObjectStore('views', { keyPath: 'key' });
                d.createObjectStore('mbox', { keyPath: 'key' });
              };
              v1.onerror = () => reject(v1.error);
              v1.onsuccess = () => {
                const d = v1.result;
                const w = d.transaction(['meta', 'views', 'mbox'], 'readwrite');
                for (const s of ['meta', 'views', 'mbox']) for (const v of got[s] ?? []) w.objectStore(s).put(v);
                w.oncomplete = () => (d.close(), resolve());
                w.onerror = () => (d.close(), reject(w.error));
              };
            };
          };
        };
      }),
    null,
  );

export interface FaultRun {
  rig: Rig;
  side: FaultSide;
  /** The cache's keys before the next fault (KEEP's at least). */
  kept: string[];
}

/** Opens KEEP and waits until it is cached: every scenario checks it survives. */
export async function cacheKeep(r: FaultRun): Promise<void> {
  const d = await r.side.open(loreUrl(KEEP.list, KEEP.mid));
  // fetched now, or (Firefox, whose panel tab was opened on it) cached a moment ago
  await textOf(d, [KEEP.subject, /checked with the archive|cached at/]);
  await d.close();
  // The panel draws the thread before the worker has saved it.
  for (let i = 0; i < 75 && r.kept.length === 0; i++) {
    r.kept = await cachedKeys(r.side);
    if (!r.kept.length) await new Promise((res) => setTimeout(res, 200));
  }
  expect(r.kept.length).toBe(1);
}

/** Every thread cached before is still cached (a fault may add none, but never lose one). */
export async function expectNothingLost(r: FaultRun): Promise<void> {
  const now = await cachedKeys(r.side);
  for (const k of r.kept) expect(now).toContain(k);
  r.kept = now;
}

async function forgetThread(r: FaultRun, list: string, mid: string): Promise<void> {
  const key = await forget(r.side, list, mid);
  r.kept = r.kept.filter((k) => k !== key);
}

/** The page shows `words` for the fault; the fault ends; the next open shows the thread. */
export async function faultThenRecovery(r: FaultRun, mail: { list: string; mid: string; subject: string; author: string }, fault: Fault, words: RegExp, count = 99): Promise<string> {
  const { rig, side } = r;
  rig.front.reset();
  rig.front.rules = [{ kind: 'fault', path: MBOX, count, fault }];
  const url = loreUrl(mail.list, mail.mid);
  const during = await side.open(url);
  const said = await textOf(during, [words]);
  expectNoErrorDump(said);
  expect(said).not.toContain(mail.author);
  expect(during.errors).toEqual([]);
  await during.close();
  await expectNothingLost(r);
  rig.front.reset();
  const after = await side.open(url);
  const text = await textOf(after, [mail.subject, mail.author, /checked with the archive/]);
  expectNoErrorDump(text);
  expect(after.errors).toEqual([]);
  await after.close();
  expect(rig.front.requests(MBOX).some((x) => x.status === 200)).toBe(true);
  await expectNothingLost(r);
  return said;
}

const QUORUM_V1 = { list: QUORUM.list, mid: QUORUM.v1, subject: QUORUM.subject, author: QUORUM.author };

/** The scenarios both browsers run, in order (they share one cache). */
export function faultScenarios(run: () => FaultRun): Array<[string, () => Promise<void>]> {
  return [
    ['a transient 300 at t.mbox.gz says "not in the archive", and is asked again on the next open (not kept by the HTTP cache)', async () => void (await faultThenRecovery(run(), VFP, { kind: 'status', status: 300 }, /not in the archive|does not have this message/i, 1))],
    ['a 404 says the archive does not have the message; the next open asks again', async () => void (await faultThenRecovery(run(), BLUETOOTH, { kind: 'status', status: 404 }, /does not have this message/i, 1))],
    ['an HTML error page sent with status 200 is not read as mail: "sent a web page where mail was expected"', async () => void (await faultThenRecovery(run(), CIFS, { kind: 'status', status: 200 }, /web page where mail was expected/i))],
    ['a file that is not gzip is "damaged", never parsed', async () => void (await faultThenRecovery(run(), QUORUM_V1, { kind: 'not-gzip' }, /damaged|could not be decompressed/i))],
    [
      'a body cut mid-transfer (every try) says the download broke off',
      async () => {
        const said = await faultThenRecovery(run(), POWERPC, { kind: 'cut' }, /download from lore\.kernel\.org broke off before the end/);
        expect(said).toMatch(/Retry/);
      },
    ],
    [
      '503 with Retry-After: the panel says it waits, then that the archive asked to slow down',
      async () => {
        const r = run();
        r.rig.front.reset();
        r.rig.front.rules = [{ kind: 'rate-limit', path: MBOX, count: 99, retryAfter: 1, status: 503 }];
        const url = loreUrl(X86.list, X86.mid);
        const during = await r.side.open(url);
        await textOf(during, [/asked ListLens to wait; trying again in 1 s/]);
        const said = await textOf(during, [/slow down/i, /Retry/]);
        expectNoErrorDump(said);
        await during.close();
        // One try and three retries, each after the second asked for.
        const tries = r.rig.front.requests(MBOX);
        expect(tries.length).toBe(4);
        for (let i = 1; i < tries.length; i++) expect((tries[i]?.at ?? 0) - (tries[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(900);
        await expectNothingLost(r);
        r.rig.front.reset();
        await new Promise((res) => setTimeout(res, 1100)); // the host's hold ends
        const after = await r.side.open(url);
        await textOf(after, [X86.subject, X86.author]);
        expect(after.errors).toEqual([]);
        await after.close();
      },
    ],
    [
      'the server going away mid-load says the archive could not be reached; back up, the next open works',
      async () => {
        const r = run();
        // Every version: an earlier open cached the series' other versions beside the thread it showed.
        for (const v of [QUORUM.v1, QUORUM.v2, QUORUM.v3]) await forgetThread(r, QUORUM.list, v);
        r.rig.front.reset();
        const url = loreUrl(QUORUM.list, QUORUM.v2);
        r.rig.front.rules = [{ kind: 'fault', path: mboxOf(url), count: 1, fault: { kind: 'stall', ms: 60_000 } }];
        const during = await r.side.open(url);
        await expect.poll(() => r.rig.front.requests(mboxOf(url)).length, { timeout: 15_000 }).toBe(1);
        await r.rig.goOffline();
        try {
          const said = await textOf(during, [/could not be reached|could not reach/i]);
          expectNoErrorDump(said);
          expect(during.errors).toEqual([]);
          await during.close();
        } finally {
          await r.rig.goOnline();
        }
        await expectNothingLost(r);
        r.rig.front.reset();
        const after = await r.side.open(url);
        await textOf(after, [QUORUM.subject, QUORUM.author]);
        expect(after.errors).toEqual([]);
        await after.close();
      },
    ],
    [
      'a corrupted cache entry is read as a miss and fetched again; with the archive down it says the saved copy is damaged',
      async () => {
        const r = run();
        r.rig.front.reset();
        const url = loreUrl(SEMICOLONS.list, SEMICOLONS.cover);
        const first = await r.side.open(url);
        await textOf(first, [SEMICOLONS.subject, /checked with the archive/]);
        await first.close();
        // The panel draws the thread before the worker has saved it.
        await expect.poll(() => keyOf(r.side, SEMICOLONS.list, SEMICOLONS.cover), { timeout: 15_000 }).not.toBeNull();
        const key = await keyOf(r.side, SEMICOLONS.list, SEMICOLONS.cover);
        await expectNothingLost(r);
        await damage(r.side, key as string);
        await r.rig.goOffline();
        try {
          const offline = await r.side.open(url);
          const said = await textOf(offline, [/saved copy of this thread (was damaged|could not be read)/i]);
          expectNoErrorDump(said);
          expect(offline.errors).toEqual([]);
          await offline.close();
        } finally {
          await r.rig.goOnline();
        }
        const again = await r.side.open(url);
        const text = await textOf(again, [SEMICOLONS.subject, SEMICOLONS.author, /checked with the archive/]);
        expectNoErrorDump(text);
        expect(again.errors).toEqual([]);
        await again.close();
        await expectNothingLost(r);
      },
    ],
    [
      'a database written by the older schema (v1, no Message-ID index) is upgraded: its threads open offline',
      async () => {
        const r = run();
        r.rig.front.reset();
        const before = await cachedKeys(r.side);
        await downgradeToV1(r.side);
        expect(await cachedKeys(r.side)).toEqual(before);
        await r.rig.goOffline();
        try {
          for (const mail of [KEEP, { ...SEMICOLONS, mid: SEMICOLONS.hugetlb }]) {
            const d = await r.side.open(loreUrl(mail.list, mail.mid));
            const text = await textOf(d, [mail.subject, mail.author]);
            expectNoErrorDump(text);
            expect(d.errors).toEqual([]);
            await d.close();
          }
        } finally {
          await r.rig.goOnline();
        }
        expect(await cachedKeys(r.side)).toEqual(before);
      },
    ],
  ];
}
