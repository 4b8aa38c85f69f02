/**
 * Issue 15, items 8 and 9, in the worker: the seed's series (test/e2e/rig/seed-series.ts) on a
 * real public-inbox-httpd, the real loader and core, the idb cache on fake-indexeddb. Opened
 * from the seed (a reply whose References lead to a thread that lost its link to the v4
 * cover), the worker must find v1..v4, every patch of every version as the archive has it —
 * v4's eight in the cover's thread, v1's nine each in a thread of its own —, fetch each
 * thread once, and settle (no version thread pending) soon: the time is logged, only a hang
 * fails. `LISTLENS_SERIES_LAG=1` puts a latency before each answer (2 s a search, 1 s a thread:
 * an assumed busy lore, not a measured one) to show what the order of the requests costs.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, seedDir } from '../../helpers/corpus.ts';
import { startArchive, type Archive } from '../../e2e/rig/archive.ts';
import { startRelay, type Relay } from '../archive-relay.ts';
import { encodeMidForUrl } from '../../../src/core/mail/message-id.ts';
import type { Resolution } from '../../../src/sites/types.ts';
import type { PanelEvent, PortEvent, SeriesEvent } from '../../../src/protocol.ts';
import { closeCacheDB } from '../../../src/background/cache/db.ts';
import { configureFetcher, resetFetcher } from '../../../src/background/net/polite-fetch.ts';
import { configureLoader, loadResolved } from '../../../src/background/load/load.ts';
import { loadSeries } from '../../../src/background/series/load.ts';
import { SEED_SERIES, seedSeriesFiles, TWO_SERIES } from '../../e2e/rig/seed-series.ts';

const LAG = process.env.LISTLENS_SERIES_LAG === '1';

let archive: Archive;
let front: Relay;
let origin: string;
let tmp: string;
const hits: string[] = [];
/** Requests answered, in order. */
const answered: string[] = [];

function resolution(mid: string): Resolution {
  const inboxUrl = `${origin}/linux-mm/`;
  return { archive: 'public-inbox', kind: 'message', list: 'linux-mm', messageId: mid, inboxUrl, threadUrl: `${inboxUrl}${encodeMidForUrl(mid)}/`, confidence: 'exact', needsPage: null, search: null };
}

async function open(mid: string): Promise<{ events: PortEvent[]; ms: number }> {
  const events: PortEvent[] = [];
  const res = resolution(mid);
  const t0 = performance.now();
  const push = (e: PortEvent): void => void events.push(e);
  const sink = { emit: (e: PanelEvent) => push(e), series: push };
  const signal = new AbortController().signal;
  const loaded = await loadResolved(res, res.threadUrl!, sink, signal);
  if (loaded) await loadSeries(loaded, sink, signal);
  return { events, ms: performance.now() - t0 };
}

describe.skipIf(!corpusDir || !seedDir)('the seed series in the worker (issue 15, items 8 and 9)', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'listlens-seed-series-'));
    archive = await startArchive({ inboxes: [{ name: 'linux-mm', address: 'linux-mm@kvack.org', files: seedSeriesFiles(tmp) }] });
    front = await startRelay(archive.httpOrigin, {
      intercept: (req) => void hits.push(decodeURIComponent(req.url ?? '')),
      lag: (url) => (LAG ? (url.includes('q=') ? 2000 : 1000) : 0),
      answered: (url) => answered.push(decodeURIComponent(url)),
    });
    origin = front.origin;
    await closeCacheDB();
    globalThis.indexedDB = new IDBFactory();
    resetFetcher();
    configureFetcher({ baseBackoffMs: 10 });
  }, 180_000);

  afterAll(async () => {
    await closeCacheDB();
    await front?.close();
    await archive?.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('opened from the seed: v1..v4, every patch present as in the archive, the two Tested-by, each thread once, settled', async () => {
    hits.length = 0;
    const { events, ms } = await open(SEED_SERIES.page);
    const mboxes = hits.filter((h) => h.endsWith('/t.mbox.gz'));
    const searches = hits.filter((h) => h.includes('?q=') || h.includes('&q='));
    console.log(`[seed series] settled in ${ms.toFixed(0)} ms: ${mboxes.length} threads, ${searches.length} searches`);
    const ledgers = events.filter((e): e is Extract<PortEvent, { type: 'ledger' }> => e.type === 'ledger');
    const last = ledgers.at(-1)!;
    expect(last.pending).toBe(0);
    expect(last.failures).toEqual([]);
    const l = last.series[0]!.ledger;
    expect(l.title).toBe(SEED_SERIES.titles[3]);
    expect(l.versions.map((v) => [v.version, v.present, v.total, v.missing])).toEqual([
      [1, 9, 9, []],
      [2, 9, 9, []],
      [3, 8, 8, []],
      [4, 8, 8, []],
    ]);
    // v4: Logan's Tested-by below the cover counts on every patch, John's below 8/8 on 8/8 only
    const v4 = l.rows.map((r) => r.cells[3]).filter((c) => c?.present);
    expect(v4.map((c) => c!.marks.tested)).toEqual([1, 1, 1, 1, 1, 1, 1, 2]);
    const testers = v4[7]!.trailers.filter((t) => t.name === 'Tested-by').map((t) => t.value);
    expect(testers.sort()).toEqual([...SEED_SERIES.testers].sort());
    // Christoph's review of v2 3/9 holds on v3 and v4: the patch never changed
    const row3 = l.rows.find((r) => r.cells[1]?.counter === 3)!;
    expect(row3.cells.map((c) => c?.state)).toEqual(['new', 'unchanged', 'unchanged', 'unchanged']);
    expect(row3.cells.map((c) => c?.marks.reviewed)).toEqual([0, 1, 1, 1]);
    // each thread once; the series search once; v1's patches by one search for their threads
    expect(new Set(mboxes).size).toBe(mboxes.length);
    expect(searches.filter((h) => h.includes('x=A'))).toHaveLength(1);
    expect(searches.filter((h) => h.includes('x=m'))).toHaveLength(1);
    // a generous cap that only a hang meets
    expect(ms).toBeLessThan(60_000);
  }, 120_000);

  it('reopens from the cache with no request, the same ledger', async () => {
    hits.length = 0;
    const { events } = await open(SEED_SERIES.page);
    expect(hits).toEqual([]);
    const last = events.filter((e): e is Extract<PortEvent, { type: 'ledger' }> => e.type === 'ledger').at(-1)!;
    expect(last.series[0]!.ledger.versions.map((v) => `${v.present}/${v.total}`)).toEqual(['9/9', '9/9', '8/8', '8/8']);
  }, 60_000);

  it('past the TTL, the cached ledger goes out before the archive answers for any version thread', async () => {
    await open(SEED_SERIES.page); // the series in the cache (at once when an earlier test left it there)
    configureLoader({ refreshMinutes: async () => 0 });
    try {
      hits.length = 0;
      answered.length = 0;
      let atFirst: string[] | null = null;
      const events: PortEvent[] = [];
      const res = resolution(SEED_SERIES.page);
      const sink = {
        emit: (e: PanelEvent) => void events.push(e),
        series: (e: SeriesEvent) => {
          if (e.type === 'ledger' && atFirst === null) atFirst = answered.slice();
          events.push(e);
        },
      };
      const signal = new AbortController().signal;
      const loaded = await loadResolved(res, res.threadUrl!, sink, signal);
      await loadSeries(loaded!, sink, signal);
      const ledgers = events.filter((e): e is Extract<SeriesEvent, { type: 'ledger' }> => e.type === 'ledger');
      expect(ledgers[0]!.series[0]!.ledger.versions.map((v) => `${v.present}/${v.total}`)).toEqual(['9/9', '9/9', '8/8', '8/8']);
      // only the page's own refresh was answered before it; the version threads' came after
      expect(atFirst!.filter((u) => !u.includes(SEED_SERIES.page))).toEqual([]);
      expect(answered.filter((u) => !u.includes(SEED_SERIES.page)).length).toBeGreaterThan(0);
      expect(ledgers.at(-1)!.pending).toBe(0);
    } finally {
      configureLoader({ refreshMinutes: async () => null });
    }
  }, 60_000);

  it('a thread holding two series shows both, the page\'s first', async () => {
    const titles = async (mid: string): Promise<string[]> => {
      const { events } = await open(mid);
      const last = events.filter((e): e is Extract<PortEvent, { type: 'ledger' }> => e.type === 'ledger').at(-1)!;
      return last.series.map((s) => s.ledger.title);
    };
    expect(await titles(TWO_SERIES.cover)).toEqual(['mm/slab: tidy the freelist helpers', 'mm/slab: fix the freelist comment']);
    expect(await titles(TWO_SERIES.inner)).toEqual(['mm/slab: fix the freelist comment', 'mm/slab: tidy the freelist helpers']);
  }, 60_000);
});
