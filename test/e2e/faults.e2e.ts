/**
 * The browser fault matrix (issue 9): the built extension in Chromium against the rig's
 * public-inbox-httpd, with the test front (rig/front.ts) putting one fault at a time in front of
 * `t.mbox.gz`, or the fault made in the browser itself (the worker stopped, storage quota, a
 * damaged or old cache). For each: the panel says what happened in words, the threads already
 * cached are all still there, and once the fault ends the next open shows the thread.
 *
 * A gzip bomb (made at test time: 2.7 MB that inflate to 600 MB, over the 512 MB default
 * limit) is refused in words that say how large it is and where to raise the limit, with the
 * browser's memory sampled all along, and a refresh that meets one keeps the cached thread.
 *
 * One browser and one archive for the file; each scenario opens its own thread, so a thread
 * cached by one scenario cannot answer for another. A thread `KEEP` is cached first and must
 * survive every fault.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { corpusDir } from '../helpers/corpus.ts';
import { gzipBomb } from '../helpers/gzip-bomb.ts';
import type { ChromiumRun } from './rig/browsers.ts';
import type { Fault } from './rig/front.ts';
import { expectNoErrorDump, openPanel, waitForText, startChromiumRig, stopChromiumRig } from './rig/ext.ts';
import { BLUETOOTH, BUG_ON_INPUT, CIFS, POWERPC, QUORUM, SEED, SEMICOLONS, VFP, X86 } from './rig/mail.ts';
import { loreUrl, type Rig } from './rig/rig.ts';

const MBOX = /\/t\.mbox\.gz(\?|$)/;
/**
 * The t.mbox.gz of the thread a page URL opens, and only that one: once a thread paints, the
 * worker also fetches the series' other versions, and a load of an earlier test may still be
 * doing so, so counting every t.mbox.gz would count those too.
 */
const mboxOf = (pageUrl: string): RegExp => new RegExp(`^${new URL(pageUrl).pathname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}t\\.mbox\\.gz(\\?|$)`);
const KEEP = SEED;

/** The worker as it is now: MV3 (and one scenario) stops it, and a new one takes its place. */
async function liveWorker(run: ChromiumRun): Promise<Worker> {
  const found = run.ctx.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${run.extensionId}/`));
  if (found) return found;
  const wake = await run.ctx.newPage();
  await wake.goto(`chrome-extension://${run.extensionId}/panel.html`).catch(() => undefined);
  const sw = run.ctx.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${run.extensionId}/`)) ?? (await run.ctx.waitForEvent('serviceworker', { timeout: 15_000 }));
  await wake.close();
  return sw;
}

/** The cache's thread keys, read from its IndexedDB in the worker (what a reader has offline). */
async function cachedKeys(run: ChromiumRun): Promise<string[]> {
  const sw = await liveWorker(run);
  return sw.evaluate(
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
  );
}

/** The key of the cached thread holding `mid`, by the cache's id index, or null. */
async function keyOf(run: ChromiumRun, inbox: string, mid: string): Promise<string | null> {
  const sw = await liveWorker(run);
  return sw.evaluate(
    (id) =>
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
    `${inbox} ${mid}`,
  );
}

/**
 * Test scaffolding, not a fault: drops the cached thread holding `mid` (found by the v2 id
 * index) so another scenario can load it from the archive again. Returns its key.
 */
async function forget(run: ChromiumRun, inbox: string, mid: string): Promise<string | null> {
  const sw = await liveWorker(run);
  return sw.evaluate(
    ([id]) =>
      new Promise<string | null>((resolve, reject) => {
        const open = indexedDB.open('listlens-cache');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['meta', 'views', 'mbox', 'ids'], 'readwrite');
          let key: string | null = null;
          const got = tx.objectStore('ids').get(id as string);
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
    [`${inbox} ${mid}`],
  );
}

/** Resident memory of every process in Chromium's process group (the browser, the worker's and the pages' processes), in bytes. */
function groupRss(pgid: number): number {
  let total = 0;
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) === pgid) total += Number(f[21]) * 4096;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Samples `groupRss` every 50 ms until `stop` is called; resolves with the peak. */
function sampleRss(pgid: number): { stop(): number } {
  let peak = groupRss(pgid);
  const t = setInterval(() => (peak = Math.max(peak, groupRss(pgid))), 50);
  return {
    stop() {
      clearInterval(t);
      return Math.max(peak, groupRss(pgid));
    },
  };
}

const MB = 1024 * 1024;
/** Over the default 512 MB limit (settings' `maxInflatedMB`), as the issue's 4.7 MB → 1.5 GB file was. */
const BOMB_INFLATED = 600 * MB;

describe.skipIf(!corpusDir)('the fault matrix in Chromium', () => {
  let rig: Rig;
  let run: ChromiumRun;
  let kept: string[] = [];

  beforeAll(async () => {
    ({ rig, run } = await startChromiumRig());
    const panel = await openPanel(run, loreUrl(KEEP.list, KEEP.mid));
    await waitForText(panel.page, [KEEP.subject, /checked with the archive/]);
    await panel.close();
    // The panel draws the thread before the worker has saved it.
    for (let i = 0; i < 75 && kept.length === 0; i++) {
      kept = await cachedKeys(run);
      if (!kept.length) await new Promise((r) => setTimeout(r, 200));
    }
    expect(kept.length).toBe(1);
  });
  afterAll(() => stopChromiumRig({ rig, run }));

  async function forgetThread(list: string, mid: string): Promise<void> {
    const key = await forget(run, `https://lore.kernel.org/${list}/`, mid);
    kept = kept.filter((k) => k !== key);
  }

  /** Every thread cached before is still cached (a fault may add none, but never lose one). */
  async function expectNothingLost(): Promise<void> {
    const now = await cachedKeys(run);
    for (const k of kept) expect(now).toContain(k);
    kept = now;
  }

  /** The page shows `words` for the fault; the fault ends; the next open shows the thread. */
  async function faultThenRecovery(mail: { list: string; mid: string; subject: string; author: string }, fault: Fault, words: RegExp, count = 99): Promise<string> {
    rig.front.reset();
    rig.front.rules = [{ kind: 'fault', path: MBOX, count, fault }];
    const url = loreUrl(mail.list, mail.mid);
    const during = await openPanel(run, url);
    const said = await waitForText(during.page, [words]);
    expectNoErrorDump(said);
    expect(said).not.toContain(mail.author);
    expect(during.errors).toEqual([]);
    await during.close();
    await expectNothingLost();
    rig.front.reset();
    const after = await openPanel(run, url);
    const text = await waitForText(after.page, [mail.subject, mail.author, /checked with the archive/]);
    expectNoErrorDump(text);
    expect(after.errors).toEqual([]);
    await after.close();
    expect(rig.front.requests(MBOX).some((r) => r.status === 200)).toBe(true);
    await expectNothingLost();
    return said;
  }

  it('a transient 300 at t.mbox.gz says "not in the archive", and is asked again on the next open (not kept by the HTTP cache)', async () => {
    await faultThenRecovery(VFP, { kind: 'status', status: 300 }, /not in the archive|does not have this message/i, 1);
  });

  it('a 404 says the archive does not have the message; the next open asks again', async () => {
    await faultThenRecovery(BLUETOOTH, { kind: 'status', status: 404 }, /does not have this message/i, 1);
  });

  it('an HTML error page sent with status 200 is not read as mail: "sent a web page where mail was expected"', async () => {
    await faultThenRecovery(CIFS, { kind: 'status', status: 200 }, /web page where mail was expected/i);
  });

  it('a file that is not gzip is "damaged", never parsed', async () => {
    await faultThenRecovery(QUORUM_V1, { kind: 'not-gzip' }, /damaged|could not be decompressed/i);
  });

  it('a body cut mid-transfer (every try) says the download broke off', async () => {
    const said = await faultThenRecovery(POWERPC, { kind: 'cut' }, /download from lore\.kernel\.org broke off before the end/);
    expect(said).toMatch(/Retry/);
  });

  it('503 with Retry-After: the panel says it waits, then that the archive asked to slow down', async () => {
    rig.front.reset();
    rig.front.rules = [{ kind: 'rate-limit', path: MBOX, count: 99, retryAfter: 1, status: 503 }];
    const url = loreUrl(X86.list, X86.mid);
    const during = await openPanel(run, url);
    await waitForText(during.page, [/asked ListLens to wait; trying again in 1 s/]);
    const said = await waitForText(during.page, [/slow down/i, /Retry/]);
    expectNoErrorDump(said);
    await during.close();
    // One try and three retries, each after the second asked for.
    const tries = rig.front.requests(MBOX);
    expect(tries.length).toBe(4);
    for (let i = 1; i < tries.length; i++) expect((tries[i]?.at ?? 0) - (tries[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    await expectNothingLost();
    rig.front.reset();
    await new Promise((r) => setTimeout(r, 1100)); // the host's hold ends
    const after = await openPanel(run, url);
    await waitForText(after.page, [X86.subject, X86.author]);
    expect(after.errors).toEqual([]);
    await after.close();
  });

  it('a gzip bomb says how large the thread is and how to raise the limit; memory stays bounded; the next open works', async () => {
    const bomb = await gzipBomb(BOMB_INFLATED);
    await forgetThread(X86.list, X86.mid);
    const rss = sampleRss(run.pid);
    const base = groupRss(run.pid);
    const said = await faultThenRecovery(X86, { kind: 'body', body: bomb, type: 'application/gzip' }, /decompresses to more than 512 MB/);
    const peak = rss.stop();
    console.log(`[gzip bomb] ${(bomb.length / MB).toFixed(1)} MB inflating to ${BOMB_INFLATED / MB} MB: Chromium's processes ${(base / MB).toFixed(0)} MB before, ${(peak / MB).toFixed(0)} MB at most`);
    expect(said).toContain(`is ${(bomb.length / MB).toFixed(1)} MB but decompresses to more than 512 MB`);
    expect(said).toMatch(/raise the limits? under "Large threads" in ListLens's options/);
    expect(said).toMatch(/larger than ListLens opens/);
    // At most the limit's worth of inflated chunks, and never a copy of them all.
    expect(peak - base).toBeLessThan(1100 * MB);
  });

  it('a refresh that meets a gzip bomb keeps the cached thread and says why it was not refreshed', async () => {
    const key = await keyOf(run, `https://lore.kernel.org/${KEEP.list}/`, KEEP.mid);
    expect(key).not.toBeNull();
    // Test scaffolding: the cached copy was last checked (and fully fetched) 8 days ago, so opening it refreshes with a full t.mbox.gz.
    const sw = await liveWorker(run);
    await sw.evaluate(
      (k) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('listlens-cache');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('meta', 'readwrite');
            const store = tx.objectStore('meta');
            const got = store.get(k as string);
            got.onsuccess = () => {
              const old = Date.now() - 8 * 24 * 3600_000;
              store.put({ ...got.result, lastRefresh: old, lastFullFetch: old });
            };
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = () => (db.close(), reject(tx.error));
          };
        }),
      key,
    );
    rig.front.reset();
    rig.front.rules = [{ kind: 'fault', path: mboxOf(loreUrl(KEEP.list, KEEP.mid)), count: 99, fault: { kind: 'body', body: await gzipBomb(BOMB_INFLATED), type: 'application/gzip' } }];
    const panel = await openPanel(run, loreUrl(KEEP.list, KEEP.mid));
    const text = await waitForText(panel.page, [KEEP.subject, KEEP.author, /decompresses to more than 512 MB/]);
    expectNoErrorDump(text);
    expect(panel.errors).toEqual([]);
    await panel.close();
    expect(rig.front.requests(mboxOf(loreUrl(KEEP.list, KEEP.mid))).length).toBeGreaterThan(0);
    await expectNothingLost();
    expect(await keyOf(run, `https://lore.kernel.org/${KEEP.list}/`, KEEP.mid)).toBe(key);
    rig.front.reset();
  });

  it('the server going away mid-load says the archive could not be reached; back up, the next open works', async () => {
    // Every version: an earlier open cached the series' other versions beside the thread it showed.
    for (const v of [QUORUM.v1, QUORUM.v2, QUORUM.v3]) await forgetThread(QUORUM.list, v);
    rig.front.reset();
    const url = loreUrl(QUORUM.list, QUORUM.v2);
    rig.front.rules = [{ kind: 'fault', path: mboxOf(url), count: 1, fault: { kind: 'stall', ms: 60_000 } }];
    const during = await openPanel(run, url);
    await expect.poll(() => rig.front.requests(mboxOf(url)).length, { timeout: 15_000 }).toBe(1);
    await rig.goOffline();
    try {
      const said = await waitForText(during.page, [/could not be reached|could not reach/i]);
      expectNoErrorDump(said);
      expect(during.errors).toEqual([]);
      await during.close();
    } finally {
      await rig.goOnline();
    }
    await expectNothingLost();
    rig.front.reset();
    const after = await openPanel(run, url);
    await waitForText(after.page, [QUORUM.subject, QUORUM.author]);
    expect(after.errors).toEqual([]);
    await after.close();
  });

  it('the worker stopped in the middle of a load: the panel asks the new worker, and shows the thread', async () => {
    // Every version: an earlier open cached the series' other versions beside the thread it showed.
    for (const v of [QUORUM.v1, QUORUM.v2, QUORUM.v3]) await forgetThread(QUORUM.list, v);
    rig.front.reset();
    const url = loreUrl(QUORUM.list, QUORUM.v3);
    rig.front.rules = [{ kind: 'fault', path: mboxOf(url), count: 1, fault: { kind: 'stall', ms: 60_000 } }];
    const panel = await openPanel(run, url);
    await expect.poll(() => rig.front.requests(mboxOf(url)).length, { timeout: 15_000 }).toBe(1);
    const cdp = await run.ctx.newCDPSession(panel.page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    const text = await waitForText(panel.page, [QUORUM.subject, QUORUM.author, /checked with the archive/]);
    expectNoErrorDump(text);
    expect(panel.errors).toEqual([]);
    expect(rig.front.requests(mboxOf(url)).length).toBe(2);
    await panel.close();
    await expectNothingLost();
    rig.front.reset();
  });

  it('quota exceeded during a write: the thread is shown, said not saved, nothing cached lost; with room again it is saved', async () => {
    rig.front.reset();
    const url = loreUrl(BUG_ON_INPUT.list, BUG_ON_INPUT.mid);
    // The browser's own refusal, thrown where Chromium throws it (a store's put) with its
    // name. CDP's Storage.overrideQuotaForOrigin did not make Chromium 156 refuse this
    // extension's IndexedDB writes, and a disk cannot be filled here.
    const sw = await liveWorker(run);
    await sw.evaluate(() => {
      const g = globalThis as unknown as { __llPut?: typeof IDBObjectStore.prototype.put };
      g.__llPut = IDBObjectStore.prototype.put;
      const put = g.__llPut;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
        if (this.name === 'mbox') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    try {
      const during = await openPanel(run, url);
      const said = await waitForText(during.page, [BUG_ON_INPUT.subject, BUG_ON_INPUT.author, /could not be saved for offline reading/i, /refused more storage/]);
      expectNoErrorDump(said);
      expect(during.errors).toEqual([]);
      await during.close();
    } finally {
      await sw.evaluate(() => {
        const g = globalThis as unknown as { __llPut?: typeof IDBObjectStore.prototype.put };
        if (g.__llPut) IDBObjectStore.prototype.put = g.__llPut;
      });
    }
    await expectNothingLost();
    expect(kept.some((k) => k.startsWith('https://lore.kernel.org/lkml/ ') && k.includes('segoon'))).toBe(false);
    const after = await openPanel(run, url);
    const text = await waitForText(after.page, [BUG_ON_INPUT.subject, BUG_ON_INPUT.author, /checked with the archive/]);
    expect(text).not.toMatch(/could not be saved/i);
    await after.close();
    await expect.poll(() => keyOf(run, `https://lore.kernel.org/${BUG_ON_INPUT.list}/`, BUG_ON_INPUT.mid), { timeout: 15_000 }).not.toBeNull();
    await expectNothingLost();
  });

  it('a corrupted cache entry is read as a miss and fetched again; with the archive down it says the saved copy is damaged', async () => {
    rig.front.reset();
    const url = loreUrl(SEMICOLONS.list, SEMICOLONS.cover);
    const first = await openPanel(run, url);
    await waitForText(first.page, [SEMICOLONS.subject, /checked with the archive/]);
    await first.close();
    // The panel draws the thread before the worker has saved it.
    await expect.poll(() => keyOf(run, `https://lore.kernel.org/${SEMICOLONS.list}/`, SEMICOLONS.cover), { timeout: 15_000 }).not.toBeNull();
    const key = await keyOf(run, `https://lore.kernel.org/${SEMICOLONS.list}/`, SEMICOLONS.cover);
    await expectNothingLost();
    const damage = async (): Promise<void> => {
      const sw = await liveWorker(run);
      await sw.evaluate(
        (k) =>
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
        key as string,
      );
    };
    await damage();
    await rig.goOffline();
    try {
      const offline = await openPanel(run, url);
      const said = await waitForText(offline.page, [/saved copy of this thread (was damaged|could not be read)/i]);
      expectNoErrorDump(said);
      expect(offline.errors).toEqual([]);
      await offline.close();
    } finally {
      await rig.goOnline();
    }
    const again = await openPanel(run, url);
    const text = await waitForText(again.page, [SEMICOLONS.subject, SEMICOLONS.author, /checked with the archive/]);
    expectNoErrorDump(text);
    expect(again.errors).toEqual([]);
    await again.close();
    await expectNothingLost();
  });

  it('a database written by the older schema (v1, no Message-ID index) is upgraded: its threads open offline', async () => {
    rig.front.reset();
    const sw = await liveWorker(run);
    const before = await cachedKeys(run);
    // Rebuild the database as v1 left it, from the threads cached so far.
    await sw.evaluate(
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
    );
    expect(await cachedKeys(run)).toEqual(before);
    await rig.goOffline();
    try {
      for (const mail of [KEEP, { ...SEMICOLONS, mid: SEMICOLONS.hugetlb }]) {
        const panel = await openPanel(run, loreUrl(mail.list, mail.mid));
        const text = await waitForText(panel.page, [mail.subject, mail.author]);
        expectNoErrorDump(text);
        expect(panel.errors).toEqual([]);
        await panel.close();
      }
    } finally {
      await rig.goOnline();
    }
    expect(await cachedKeys(run)).toEqual(before);
  });
});

const QUORUM_V1 = { list: QUORUM.list, mid: QUORUM.v1, subject: QUORUM.subject, author: QUORUM.author };
