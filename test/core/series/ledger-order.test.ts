/**
 * The ledger's reading order (ledger-order.ts `orderRows`, shared with listlens series) and
 * "changed after review" (review-change.ts) on ledgers the core builds from hand-written series
 * (the ledger tests' fixtures): the newest version's order and n/N, rows it no longer has after
 * them, and which reviews a patch's change left behind.
 */
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/core/series/ledger.ts';
import { orderRows, type OrderedRow } from '../../../src/core/series/ledger-order.ts';
import { changedAfterReview, reviewChangeWords } from '../../../src/core/series/review-change.ts';
import { threadSeries } from '../../../src/core/series/thread-series.ts';
import { bob, carol, facts, mark, posting, reply } from '../../fixtures/model/series-mail.ts';

/** `3/30`, or where a row the newest version lost was last: `v1 1/3`. */
const place = (o: OrderedRow): string => (o.gone ? `v${o.gone.last.version} ${o.gone.last.counter}/${o.gone.last.total}` : `${o.counter}/${o.total}`);
const rb = (who: typeof bob): string => `Reviewed-by: ${who.name} <${who.address}>`;
const ab = (who: typeof bob): string => `Acked-by: ${who.name} <${who.address}>`;
const tb = (who: typeof bob): string => `Tested-by: ${who.name} <${who.address}>`;

// v1: add, use, doc · v2: use (changed), doc, test (add dropped) · v3: test, doc, use (reordered, use changed again)
const v1 = posting('v1', 1, 1, 'frob: rework', [
  ['frob: add helper', 'mm/add.c', 'a'],
  ['frob: use helper', 'mm/use.c', 'b'],
  ['frob: document it', 'Documentation/frob.rst', 'c'],
]);
const v2 = posting('v2', 2, 5, 'frob: rework', [
  ['frob: use helper', 'mm/use.c', 'b2'],
  ['frob: document it', 'Documentation/frob.rst', 'c'],
  ['frob: test it', 'tools/testing/frob.c', 'd'],
]);
const v3 = posting('v3', 3, 9, 'frob: rework', [
  ['frob: test it', 'tools/testing/frob.c', 'd'],
  ['frob: document it', 'Documentation/frob.rst', 'c'],
  ['frob: use helper', 'mm/use.c', 'b3'],
]);

async function ledger(): Promise<Ledger> {
  const t1 = await facts([...v1, reply('r1', v1[2]!, bob, 2, rb(bob)), reply('r2', v1[3]!, carol, 2, tb(carol))]);
  const t2 = await facts([...v2, reply('r3', v2[2]!, mark, 6, ab(mark)), reply('r4', v2[1]!, carol, 6, rb(carol))]);
  const t3 = await facts([...v3, reply('r5', v3[3]!, carol, 10, rb(carol))]);
  return threadSeries([t3, t2, t1])[0]!;
}

describe('the newest order', () => {
  it('rows follow the newest version with its n/N; a row it no longer has comes after, with where it was last', async () => {
    const l = await ledger();
    expect(l.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    // the ledger itself keeps rows in order of first appearance
    expect(l.rows.map((r) => r.title)).toEqual(['frob: add helper', 'frob: use helper', 'frob: document it', 'frob: test it']);
    const o = orderRows(l);
    expect(o.map((x) => l.rows[x.row]!.title)).toEqual(['frob: test it', 'frob: document it', 'frob: use helper', 'frob: add helper']);
    expect(o.map(place)).toEqual(['1/3', '2/3', '3/3', 'v1 1/3']);
    expect(o[3]!.gone?.how).toBe('dropped');
    // first appearance, on demand (listlens series --order first)
    expect(orderRows(l, 'first').map((x) => x.row)).toEqual([0, 1, 2, 3]);
    // a permutation: every row once
    expect(o.map((x) => x.row).sort()).toEqual([0, 1, 2, 3]);
  });

  it('rows gone in different versions: the most recently seen first, each by its counter there', () => {
    const cell = (version: number, counter: number, state: 'new' | 'dropped' = 'new') => ({ version, state, present: state !== 'dropped', id: state === 'dropped' ? null : `${version}-${counter}`, counter: state === 'dropped' ? null : counter, subject: null, patchId: null, by: null, borrowedFrom: null, trailers: [], evidence: [], marks: { reviewed: 0, acked: 0, tested: 0 }, applied: null });
    const versions = [1, 2, 3].map((v) => ({ version: v, key: `k${v}`, cover: null, subject: '', date: null, total: 4 - v + 1, present: 0, missing: [], counts: { reviewed: 0, acked: 0, tested: 0 }, summary: '', confirmedBy: [], changeId: null, applied: [], shazam: '' }));
    const l = {
      title: 't', author: { name: '', address: '' }, changeId: null, needsReview: [], applied: null, uncertain: [], versions,
      rows: [
        { title: 'a', splitFrom: null, cells: [cell(1, 1), cell(2, 2, 'dropped'), null] },
        { title: 'b', splitFrom: null, cells: [cell(1, 2), cell(2, 1), cell(3, 2, 'dropped')] },
        { title: 'c', splitFrom: null, cells: [cell(1, 3), cell(2, 2), cell(3, 1)] },
        { title: 'd', splitFrom: null, cells: [cell(1, 4), cell(2, 3), cell(3, 2, 'dropped')] },
      ],
    } as unknown as Ledger;
    expect(orderRows(l).map((o) => `${l.rows[o.row]!.title}:${place(o)}`)).toEqual(['c:1/2', 'b:v2 1/3', 'd:v2 3/3', 'a:v1 1/4']);
  });
});

describe('changed after review', () => {
  it('marks a review or ack of vK whose patch changed by vN, until it is given again; never a Tested-by', async () => {
    const l = await ledger();
    const row = (t: string) => l.rows.find((r) => r.title === t)!;
    // Bob reviewed v1 2/3; v2 changed it: his review no longer holds on v2 nor v3
    const use = row('frob: use helper');
    expect(changedAfterReview(use.cells[0])).toEqual([]);
    expect(changedAfterReview(use.cells[1]).map((e) => [e.name, e.givenOn])).toEqual([['Reviewed-by', 1]]);
    expect(changedAfterReview(use.cells[2]).map((e) => [e.name, e.givenOn]).sort()).toEqual([['Reviewed-by', 1]]);
    expect(reviewChangeWords(changedAfterReview(use.cells[2]))).toBe('Reviewed-by Bob Reviewer on v1');
    // Carol's Tested-by of v1 3/3 ("document it") and the patch unchanged: nothing to say
    expect(changedAfterReview(row('frob: document it').cells[2])).toEqual([]);
    // Carol reviewed v2's "use helper" and again on v3 after it changed: hers holds, Bob's does not
    expect(use.cells[2]!.trailers.filter((t) => t.stale).map((t) => t.person?.name)).toEqual(['Bob Reviewer']);
    // Mark acked v2's "document it", unchanged in v3: carried, not changed
    const doc = row('frob: document it').cells[2]!;
    expect(doc.trailers.find((t) => t.name === 'Acked-by')).toMatchObject({ carried: true, stale: false });
    expect(changedAfterReview(doc)).toEqual([]);
    // a dropped or absent cell says nothing
    expect(changedAfterReview(row('frob: add helper').cells[1])).toEqual([]);
    expect(changedAfterReview(null)).toEqual([]);
  });
});
