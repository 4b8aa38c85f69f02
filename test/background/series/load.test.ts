/**
 * Every version of a series in the worker, end to end in Node: a real public-inbox-httpd
 * holding Patchew's quorum v1..v3 (real mail, each version its own thread) with the titles
 * re-prefixed between versions and a review of v1, plus a reply to v3 that lost its
 * References; the real loader, the real core and the idb cache on fake-indexeddb.
 * Opened from that reply, the worker must find all three versions, fetch each thread once,
 * carry the review forward while the patch-id holds, reopen from the cache with no request,
 * answer an interdiff, and keep a manual unlink.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../../helpers/corpus.ts';
import { startArchive, type Archive } from '../../e2e/rig/archive.ts';
import { startRelay, type Relay } from '../archive-relay.ts';
import { encodeMidForUrl } from '../../../src/core/mail/message-id.ts';
import type { Resolution } from '../../../src/sites/types.ts';
import type { PanelEvent, SeriesEvent } from '../../../src/protocol.ts';
import { closeCacheDB } from '../../../src/background/cache/db.ts';
import { configureFetcher, resetFetcher } from '../../../src/background/net/polite-fetch.ts';
import { loadResolved } from '../../../src/background/load/load.ts';
import { sendInterdiff } from '../../../src/background/series/interdiff.ts';
import { sendAm } from '../../../src/background/series/am.ts';
import { cachedSeries } from '../../../src/background/series/ledgers.ts';
import { linkThread } from '../../../src/background/series/link.ts';
import { loadSeries } from '../../../src/background/series/load.ts';
import { findThreadKey } from '../../../src/background/cache/threads.ts';

import { derivedQuorum, REPLY } from '../../e2e/rig/series-inbox.ts';

let archive: Archive;
let front: Relay;
let origin: string;
let tmp: string;
const hits: string[] = [];

function resolution(mid: string): Resolution {
  const inboxUrl = `${origin}/qemu-devel/`;
  return { archive: 'public-inbox', kind: 'message', list: 'qemu-devel', messageId: mid, inboxUrl, threadUrl: `${inboxUrl}${encodeMidForUrl(mid)}/`, confidence: 'exact', needsPage: null, search: null };
}

async function open(mid: string): Promise<{ events: PanelEvent[]; series: SeriesEvent[]; order: string[] }> {
  const events: PanelEvent[] = [];
  const series: SeriesEvent[] = [];
  const order: string[] = [];
  const res = resolution(mid);
  const sink = { emit: (e: PanelEvent) => (events.push(e), order.push(e.type)), series: (e: SeriesEvent) => (series.push(e), order.push(e.type)) };
  const signal = new AbortController().signal;
  // as the router does: the thread, then its series from what was shown
  const loaded = await loadResolved(res, res.threadUrl!, sink, signal);
  if (loaded) await loadSeries(loaded, sink, signal);
  return { events, series, order };
}

const lastLedger = (s: SeriesEvent[]) => s.filter((e): e is Extract<SeriesEvent, { type: 'ledger' }> => e.type === 'ledger').at(-1)!;

describe.skipIf(!corpusDir)('the series in the worker, against public-inbox-httpd', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'listlens-series-'));
    archive = await startArchive({ inboxes: [{ name: 'qemu-devel', address: 'qemu-devel@nongnu.org', files: derivedQuorum(tmp) }] });
    front = await startRelay(archive.httpOrigin, { intercept: (req) => void hits.push(req.url ?? '') });
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

  it('opened from a reply that lost its References: every version, each fetched once, after the thread painted', async () => {
    hits.length = 0;
    const { series, order } = await open(REPLY);
    // the thread paints before any series event
    expect(order.indexOf('analysis')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('analysis')).toBeLessThan(order.indexOf('ledger'));
    const l = lastLedger(series);
    expect(l.pending).toBe(0);
    expect(l.series[0]?.ledger.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(l.series[0]?.ledger.versions.map((v) => [v.present, v.missing])).toEqual([
      [1, []],
      [1, []],
      [1, []],
    ]);
    // The patch is the same change in every version: Rita's review of v1 holds on v2 and v3
    const row = l.series[0]!.ledger.rows[0]!;
    expect(row.cells.map((c) => c?.state)).toEqual(['new', 'unchanged', 'unchanged']);
    const rita = row.cells[2]!.trailers.find((t) => t.value.includes('rita@example.org'))!;
    expect(rita).toMatchObject({ name: 'Reviewed-by', givenOn: 1, carried: true, stale: false });
    expect(row.cells[2]!.marks.reviewed).toBe(1);
    // Each thread once: public-inbox threads the reply with v3 by its subject, so the reply's
    // t.mbox.gz brings v3 and only v1's and v2's threads are fetched for the series.
    const mboxes = hits.filter((h) => h.endsWith('/t.mbox.gz'));
    expect([...mboxes].sort()).toEqual(['/qemu-devel/20160628014747.20971-1-famz@redhat.com/t.mbox.gz', '/qemu-devel/20160628014747.20971-2-famz@redhat.com/t.mbox.gz', `/qemu-devel/${REPLY}/t.mbox.gz`]);
    // one search for the series, none other (no second round, no old exact-title search)
    expect(hits.filter((h) => h.includes('q=')).length).toBe(1);
    expect(hits.filter((h) => h.includes('patchid%3A')).length).toBe(1);
  }, 60_000);

  it('reopens from the cache with no request at all', async () => {
    hits.length = 0;
    const { series } = await open(REPLY);
    expect(hits).toEqual([]);
    expect(lastLedger(series).series[0]?.ledger.versions.map((v) => v.version)).toEqual([1, 2, 3]);
  }, 30_000);

  it("writes a version as an am-ready mbox from the cached threads (the panel's Download), or says why not", async () => {
    const key = (await findThreadKey(`${origin}/qemu-devel/`, REPLY))!;
    const ledger = (await cachedSeries(key))[0]!.ledger;
    const got: SeriesEvent[] = [];
    const sink = { emit: () => undefined, series: (e: SeriesEvent) => got.push(e) };
    // v3 is in a thread of its own: the worker reads it there, the review of v1 carried onto it
    const v3 = ledger.versions.find((v) => v.version === 3)!;
    await sendAm(key, v3.key, true, sink);
    const a = got.find((e): e is Extract<SeriesEvent, { type: 'am' }> => e.type === 'am')!;
    expect(a.error).toBe(null);
    expect(a.file?.mbx).toMatch(/^From git@z Thu Jan {2}1 00:00:00 1970\nSubject: \[PATCH v3\] block\/quorum: only compile quorum when supported\n/);
    expect(a.file?.mbx).toContain(`Reviewed-by: Rita Reviewer <rita@example.org>\nLink: https://patch.msgid.link/${v3.key}\n`);
    got.length = 0;
    await sendAm(key, 'no-such-version@example.org', false, sink);
    expect(got).toEqual([{ type: 'am', threadKey: key, version: 'no-such-version@example.org', link: false, file: null, error: 'This version is not in the cache any more; reopen the series to fetch it again.' }]);
  }, 30_000);

  it('answers an interdiff from the cached versions, and keeps a manual unlink', async () => {
    const key = (await findThreadKey(`${origin}/qemu-devel/`, REPLY))!;
    const got: SeriesEvent[] = [];
    const sink = { emit: () => undefined, series: (e: SeriesEvent) => got.push(e) };
    await sendInterdiff(key, '20160628014747.20971-1-famz@redhat.com', '20160628014747.20971-3-famz@redhat.com', sink);
    const d = got.find((e) => e.type === 'interdiff')!;
    expect(d.type === 'interdiff' && d.error).toBe(null);
    expect(d.type === 'interdiff' && d.result?.diffChanged).toBe(false);
    expect(d.type === 'interdiff' && d.result?.message.changed).toBe(true);

    got.length = 0;
    await linkThread(key, `${origin}/qemu-devel/20160628014747.20971-1-famz@redhat.com/`, false, sink, new AbortController().signal);
    expect(lastLedger(got).series[0]?.ledger.versions.map((v) => v.version)).toEqual([2, 3]);
    hits.length = 0;
    const again = await open(REPLY);
    expect(lastLedger(again.series).series[0]?.ledger.versions.map((v) => v.version)).toEqual([2, 3]);
    await linkThread(key, '<20160628014747.20971-1-famz@redhat.com>', true, sink, new AbortController().signal);
    expect(lastLedger(got).series[0]?.ledger.versions.map((v) => v.version)).toEqual([1, 2, 3]);
  }, 60_000);
});
