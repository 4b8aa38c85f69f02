/**
 * The browser fault matrix (issue 9) in Chromium: the scenarios both browsers run
 * (rig/fault-checks.ts: 300, 404, HTML sent as 200, not gzip, a cut body, 503 + Retry-After,
 * the server gone mid-load, a damaged cache entry, a v1 database; faults-firefox.e2e.ts runs
 * them in Firefox ESR), then two only Chromium can make here: the worker stopped mid-load
 * (CDP's ServiceWorker.stopAllWorkers) and a write the browser refuses for quota (thrown in the
 * worker where Chromium throws it). For each: the panel says what happened in words, the
 * threads already cached are all still there, and once the fault ends the next open shows the
 * thread. A gzip bomb (made at test time: 2.7 MB that inflate to 600 MB, over the 512 MB
 * default limit) is refused in words that say how large it is and where to raise the limit,
 * with the browser's memory sampled all along (Chromium's process group), and a refresh that
 * meets one keeps the cached thread.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.ts';
import { gzipBomb } from '../helpers/gzip-bomb.ts';
import type { ChromiumRun } from './rig/browsers.ts';
import { chromiumDrive } from './rig/drive.ts';
import { cacheKeep, expectNothingLost, faultScenarios, faultThenRecovery, forget, KEEP, keyOf, mboxOf, type FaultRun, type FaultSide } from './rig/fault-checks.ts';
import { expectNoErrorDump, liveWorker, openPanel, waitForText, startChromiumRig, stopChromiumRig } from './rig/ext.ts';
import { BUG_ON_INPUT, QUORUM, X86 } from './rig/mail.ts';
import { loreUrl, type Rig } from './rig/rig.ts';

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
  let state: FaultRun;

  beforeAll(async () => {
    ({ rig, run } = await startChromiumRig());
    const side: FaultSide = {
      open: async (url) => {
        const page = await run.ctx.newPage();
        const d = chromiumDrive(page);
        await page.goto(`chrome-extension://${run.extensionId}/panel.html?url=${encodeURIComponent(url)}`);
        return d;
      },
      idb: async (fn, arg) => (await liveWorker(run)).evaluate(fn as never, arg) as never,
    };
    state = { rig, side, kept: [] };
    await cacheKeep(state);
  });
  afterAll(() => stopChromiumRig({ rig, run }));

  for (const [name, fn] of faultScenarios(() => state)) it(name, fn);

  async function forgetThread(list: string, mid: string): Promise<void> {
    const key = await forget(state.side, list, mid);
    state.kept = state.kept.filter((k) => k !== key);
  }

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
    await expectNothingLost(state);
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
    await expectNothingLost(state);
    expect(state.kept.some((k) => k.startsWith('https://lore.kernel.org/lkml/ ') && k.includes('segoon'))).toBe(false);
    const after = await openPanel(run, url);
    const text = await waitForText(after.page, [BUG_ON_INPUT.subject, BUG_ON_INPUT.author, /checked with the archive/]);
    expect(text).not.toMatch(/could not be saved/i);
    await after.close();
    await expect.poll(() => keyOf(state.side, BUG_ON_INPUT.list, BUG_ON_INPUT.mid), { timeout: 15_000 }).not.toBeNull();
    await expectNothingLost(state);
  });

  it('a gzip bomb says how large the thread is and how to raise the limit; memory stays bounded; the next open works', async () => {
    const bomb = await gzipBomb(BOMB_INFLATED);
    await forgetThread(X86.list, X86.mid);
    const rss = sampleRss(run.pid);
    const base = groupRss(run.pid);
    const said = await faultThenRecovery(state, X86, { kind: 'body', body: bomb, type: 'application/gzip' }, /decompresses to more than 512 MB/);
    const peak = rss.stop();
    console.log(`[gzip bomb] ${(bomb.length / MB).toFixed(1)} MB inflating to ${BOMB_INFLATED / MB} MB: Chromium's processes ${(base / MB).toFixed(0)} MB before, ${(peak / MB).toFixed(0)} MB at most`);
    expect(said).toContain(`is ${(bomb.length / MB).toFixed(1)} MB but decompresses to more than 512 MB`);
    expect(said).toMatch(/raise the limits? under "Large threads" in ListLens's options/);
    expect(said).toMatch(/larger than ListLens opens/);
    // At most the limit's worth of inflated chunks, and never a copy of them all.
    expect(peak - base).toBeLessThan(1100 * MB);
  });

  it('a refresh that meets a gzip bomb keeps the cached thread and says why it was not refreshed', async () => {
    const key = await keyOf(state.side, KEEP.list, KEEP.mid);
    expect(key).not.toBeNull();
    // Test scaffolding: the cached copy was last checked (and fully fetched) 8 days ago, so opening it refreshes with a full t.mbox.gz.
    await state.side.idb(
      (k: string) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('listlens-cache');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('meta', 'readwrite');
            const store = tx.objectStore('meta');
            const got = store.get(k);
            got.onsuccess = () => {
              const old = Date.now() - 8 * 24 * 3600_000;
              store.put({ ...got.result, lastRefresh: old, lastFullFetch: old });
            };
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = () => (db.close(), reject(tx.error));
          };
        }),
      key as string,
    );
    rig.front.reset();
    rig.front.rules = [{ kind: 'fault', path: mboxOf(loreUrl(KEEP.list, KEEP.mid)), count: 99, fault: { kind: 'body', body: await gzipBomb(BOMB_INFLATED), type: 'application/gzip' } }];
    const panel = await openPanel(run, loreUrl(KEEP.list, KEEP.mid));
    const text = await waitForText(panel.page, [KEEP.subject, KEEP.author, /decompresses to more than 512 MB/]);
    expectNoErrorDump(text);
    expect(panel.errors).toEqual([]);
    await panel.close();
    expect(rig.front.requests(mboxOf(loreUrl(KEEP.list, KEEP.mid))).length).toBeGreaterThan(0);
    await expectNothingLost(state);
    expect(await keyOf(state.side, KEEP.list, KEEP.mid)).toBe(key);
    rig.front.reset();
  });
});
