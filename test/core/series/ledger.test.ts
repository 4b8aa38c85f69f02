/**
 * The ledger's rules on hand-written series (test/fixtures/model/series-mail.ts): trailers
 * carried only while the patch-id holds, "given on v2; patch changed since", cover-letter
 * trailers for every patch, b4's person rule (address or exact name), counter-less patches
 * inside a posting, per-version status lines, patches lacking review, applied replies.
 */
import { describe, expect, it } from 'vitest';
import { buildLedger, type Ledger } from '../../../src/core/series/ledger.ts';
import { groupVersions } from '../../../src/core/series/version-group.ts';
import { alice, bob, carol, facts, mark, posting, reply, type Mail } from '../../fixtures/model/series-mail.ts';

async function ledger(...threads: Mail[][]): Promise<Ledger> {
  const f = await Promise.all(threads.map(facts));
  return buildLedger(groupVersions(f)[0]!);
}

const cellTrailers = (l: Ledger, row: number, col: number): string[] =>
  l.rows[row]!.cells[col]!.trailers.map((t) => `${t.name}: ${t.person?.name ?? t.value} v${t.givenOn} ${t.origin}${t.carried ? ' carried' : ''}${t.stale ? ' stale' : ''}`);

describe('the ledger', () => {
  const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', [
    ['mm: add frob helper', 'mm/frob.c', 'a'],
    ['mm: use frob helper', 'mm/use.c', 'b'],
  ]);
  const reviews1 = [reply('r1', v1[1]!, bob, 2, `Reviewed-by: ${bob.name} <${bob.address}>`), reply('r2', v1[2]!, bob, 2, `Reviewed-by: ${bob.name} <${bob.address}>`)];

  it('carries a review forward while the patch-id holds, marks it stale once the patch changed', async () => {
    // v2: patch 1 unchanged (only the message and line numbers moved), patch 2 rewritten
    const v2 = posting('v2', 2, 5, 'mm: make frobnication faster', [
      ['mm: add frob helper', 'mm/frob.c', 'a'],
      ['mm: use frob helper', 'mm/use.c', 'c'],
    ]);
    const l = await ledger([...v1, ...reviews1], v2);
    expect(l.versions.map((v) => v.summary)).toEqual(['v1: 2/2 reviewed', 'v2: 1/2 reviewed']);
    expect(l.rows.map((r) => r.cells.map((c) => c?.state))).toEqual([
      ['new', 'unchanged'],
      ['new', 'changed'],
    ]);
    expect(cellTrailers(l, 0, 1)).toContain('Reviewed-by: Bob Reviewer v1 followup carried');
    expect(cellTrailers(l, 1, 1)).toContain('Reviewed-by: Bob Reviewer v1 followup stale');
    expect(l.rows[1]!.cells[1]!.marks).toEqual({ reviewed: 0, acked: 0, tested: 0 });
    expect(l.needsReview).toEqual([1]);
    const given = l.rows[0]!.cells[1]!.trailers.find((t) => t.name === 'Reviewed-by')!;
    expect(given).toMatchObject({ from: 'r1@example.org', sender: { address: bob.address }, date: '2024-01-02T10:30:00.000Z' });
  });

  it('a trailer collected into the patch is not repeated as carried', async () => {
    const v2 = posting('v2', 2, 5, 'mm: make frobnication faster', [
      ['mm: add frob helper', 'mm/frob.c', 'a', [`Reviewed-by: ${bob.name} <${bob.address}>`]],
      ['mm: use frob helper', 'mm/use.c', 'b', [`Reviewed-by: ${bob.name} <${bob.address}>`]],
    ]);
    const l = await ledger([...v1, ...reviews1], v2);
    expect(cellTrailers(l, 0, 1).filter((t) => t.startsWith('Reviewed-by'))).toEqual(['Reviewed-by: Bob Reviewer v2 patch']);
  });

  it("cover-letter trailers count for every patch of that version; a reviewer's other address counts by exact name", async () => {
    const cover = reply('c1', v1[0]!, carol, 2, `Tested-by: ${carol.name} <${carol.address}>`);
    // Bob writes from his work address and signs with his own: b4 accepts the exact name
    const work = { name: bob.name, address: 'bob@corp.example' };
    const other = reply('a1', v1[1]!, work, 2, `Acked-by: ${bob.name} <${bob.address}>`);
    // a stranger cannot give Bob's ack
    const forged = reply('f1', v1[2]!, mark, 2, `Acked-by: ${bob.name} <${bob.address}>`);
    const l = await ledger([...v1, cover, other, forged]);
    expect(l.rows.map((r) => r.cells[0]!.marks)).toEqual([
      { reviewed: 0, acked: 1, tested: 1 },
      { reviewed: 0, acked: 0, tested: 1 },
    ]);
    expect(cellTrailers(l, 1, 0)).toContain('Tested-by: Carol Tester v1 cover');
    expect(l.versions[0]!.summary).toBe('v1: 0/2 reviewed, 1/2 acked, 2/2 tested');
  });

  it('a counter-less patch sent as a reply inside the thread never takes the place of 1/N', async () => {
    const side: Mail = { id: 'side@example.org', from: alice, subject: '[PATCH] mm: unrelated fix', date: v1[2]!.date, body: v1[1]!.body.replaceAll('frob.c', 'other.c'), replyTo: v1[0]!.id };
    const l = await ledger([...v1, side]);
    expect(l.rows.map((r) => r.cells[0]!.id)).toEqual(['v1-1@example.org', 'v1-2@example.org']);
  });

  it('applied: "Applied to <tree>, thanks!" on the cover marks every patch, by whom and where', async () => {
    const thanks = reply('t1', v1[0]!, mark, 9, 'Applied to mm-unstable, thanks!\n\n[1/2] mm: add frob helper\n      commit: 0123456789ab');
    const l = await ledger([...v1, thanks]);
    expect(l.applied).toMatchObject({ version: 1, by: { address: mark.address }, where: 'mm-unstable', message: 't1@example.org', scope: 'partial', trust: 'names-commits' });
    expect(l.rows.map((r) => r.cells[0]!.applied?.message ?? null)).toEqual(['t1@example.org', null]);
    expect(l.versions[0]!.summary).toBe('v1: 0/2 reviewed, applied to mm-unstable');
    // the author saying "applied on top of" is no news
    const self = reply('t2', v1[0]!, alice, 9, 'Applied on top of next-20240101 it builds.');
    expect((await ledger([...v1, self])).applied).toBeNull();
  });

  it('a missing patch keeps its row; dropped and new patches get their own cells', async () => {
    const v2 = posting('v2', 2, 5, 'mm: make frobnication faster', [
      ['mm: add frob helper', 'mm/frob.c', 'a'],
      ['mm: use frob helper', 'mm/use.c', 'b'],
      ['docs: frob', 'Documentation/frob.rst', 'x'],
    ]).filter((m) => m.id !== 'v2-2@example.org');
    const v3 = posting('v3', 3, 9, 'mm: make frobnication faster', [['mm: add frob helper', 'mm/frob.c', 'a']]);
    const l = await ledger(v1, v2, v3);
    expect(l.rows.map((r) => r.cells.map((c) => c?.state ?? null))).toEqual([
      ['new', 'unchanged', 'unchanged'],
      ['new', 'missing', 'dropped'],
      [null, 'new', 'dropped'],
    ]);
    expect(l.versions[1]!.summary).toBe('v2: 0/3 reviewed, 1 missing');
    expect(l.versions[1]!.shazam).toBe('b4 shazam v2-0@example.org');
  });
});
