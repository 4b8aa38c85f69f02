/**
 * The am-ready mbox (core/series/am.ts) by rule, on hand-written series (test/fixtures/model/
 * series-mail.ts): the trailers valid on the version in b4's order (the patch's own, its
 * follow-ups, carried ones, the cover's, Link: last), never a stale one, a look-alike's or
 * one given on someone's behalf; the cover apart; b4's file name; a refusal naming a missing
 * patch, or a line hiding a bidi override; and the file `git am`s cleanly. Also the trailers
 * the author dropped (ledger-dropped.ts) and the rows' order (ledger-order.ts).
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { buildLedger, type Ledger } from '../../../src/core/series/ledger.ts';
import { groupVersions } from '../../../src/core/series/version-group.ts';
import { amMbox } from '../../../src/core/series/am.ts';
import { droppedTrailers } from '../../../src/core/series/ledger-dropped.ts';
import { orderRows } from '../../../src/core/series/ledger-order.ts';
import { alice, bob, carol, facts, mark, mbox, posting, reply, type Mail, type Who } from '../../fixtures/model/series-mail.ts';
import { tempRepo, tool } from '../../helpers/tools.ts';
import { baseTree } from '../../helpers/am-base.ts';

const git = tool('git');
const t = (name: string, who: Who): string => `${name}: ${who.name} <${who.address}>`;
const SOB = t('Signed-off-by', alice);

async function setup(...threads: Mail[][]): Promise<{ l: Ledger; rawOf: (k: string) => Uint8Array | null }> {
  const f = await Promise.all(threads.map(facts));
  const l = buildLedger(groupVersions(f)[0]!);
  const raws = new Map<string, Uint8Array>();
  for (const th of threads) {
    const r = await analyseMbox(mbox(th));
    for (const h of r.heads) raws.set(h.id, r.raws[h.index]!);
  }
  return { l, rawOf: (k) => raws.get(k) ?? null };
}

const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'b'],
]);
const v2 = posting('v2', 2, 5, 'mm: make frobnication faster', [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'c'],
]);
/** Every kind of trailer: carried (v1 1/2), stale (v1 2/2), a follow-up, the cover's, on someone's behalf. */
const threads = (): Mail[][] => [
  [...v1, reply('r1', v1[1]!, bob, 2, t('Reviewed-by', bob)), reply('r2', v1[2]!, bob, 2, t('Reviewed-by', bob))],
  [...v2, reply('r3', v2[1]!, mark, 6, t('Acked-by', mark)), reply('r4', v2[0]!, carol, 6, t('Tested-by', carol)), reply('r5', v2[2]!, carol, 6, t('Reviewed-by', bob))],
];

const trailerBlock = (mail: string): string[] => mail.split('\n---\n')[0]!.split('\n\n').pop()!.split('\n');

describe('the am-ready mbox', () => {
  it("adds the version's trailers after the patch's own, in b4's order: follow-ups, carried, the cover's, Link:", async () => {
    const { l, rawOf } = await setup(...threads());
    const got = await amMbox(l, 2, rawOf, { link: true });
    if (!got.ok) throw new Error(got.error);
    const mails = got.file.mbx.split(/^From git@z Thu Jan {2}1 00:00:00 1970\n/m).filter(Boolean);
    expect(mails).toHaveLength(2);
    expect(mails[0]).toMatch(/^Subject: \[PATCH v2 1\/2\] mm: add frob helper\nFrom: Alice Author <alice@example\.org>\nDate: .+\nMessage-Id: <v2-1@example\.org>\n/);
    expect(trailerBlock(mails[0]!)).toEqual([SOB, t('Acked-by', mark), t('Reviewed-by', bob), t('Tested-by', carol), 'Link: https://patch.msgid.link/v2-1@example.org']);
    // 2/2 changed since Bob's review: stale, not added; Carol's line names Bob: evidence, not added
    expect(trailerBlock(mails[1]!)).toEqual([SOB, t('Tested-by', carol), 'Link: https://patch.msgid.link/v2-2@example.org']);
    expect(got.file.added).toBe(6);
    expect(got.file.cover).toMatch(/^Subject: \[PATCH v2 0\/2\] mm: make frobnication faster\n[\s\S]*\n\nIntro\.\n/);
    expect(got.file.cover).not.toContain('Tested-by');
    expect(got.file.name).toBe('v2_20240105_alice_mm_make_frobnication_faster');
    const plain = await amMbox(l, 2, rawOf);
    expect(plain.ok && plain.file.mbx).not.toContain('Link:');
  });

  it.runIf(git || process.env.CI)('applies with git am, each commit carrying those trailers', async () => {
    const { l, rawOf } = await setup(...threads());
    const got = await amMbox(l, 2, rawOf);
    if (!got.ok) throw new Error(got.error);
    const base = baseTree(got.file.mbx.split(/^From git@z .*\n/m).filter(Boolean));
    if (typeof base === 'string') throw new Error(base);
    const repo = tempRepo(git!);
    try {
      for (const [p, f] of base.files) repo.write(p, f.content);
      repo.commit('base');
      writeFileSync(join(repo.dir, 'v2.mbx'), got.file.mbx);
      repo.git('am', 'v2.mbx');
      expect(repo.git('log', '--format=%s%n%b%x00', '-2').split('\0').map((s) => s.trim()).filter(Boolean)).toEqual([
        `mm: use frob helper\nChange mm/use.c.\n\n${SOB}\n${t('Tested-by', carol)}`,
        `mm: add frob helper\nChange mm/frob.c.\n\n${SOB}\n${t('Acked-by', mark)}\n${t('Reviewed-by', bob)}\n${t('Tested-by', carol)}`,
      ]);
    } finally {
      repo.done();
    }
  });

  it('refuses a version with a patch missing, naming it, and a patch no longer at hand', async () => {
    const v3 = posting('v3', 3, 9, 'mm: make frobnication faster', [
      ['mm: add frob helper', 'mm/frob.c', 'a'],
      ['mm: use frob helper', 'mm/use.c', 'c'],
      ['mm: document frob', 'Documentation/frob.rst', 'd'],
    ]).filter((m) => m.id !== 'v3-2@example.org');
    const { l, rawOf } = await setup(...threads(), v3);
    expect(await amMbox(l, 3, rawOf)).toEqual({ ok: false, error: 'v3 cannot be applied: patch 2/3 "mm: use frob helper" is not in the archive.' });
    expect(await amMbox(l, 2, (k) => (k === 'v2-2@example.org' ? null : rawOf(k)))).toEqual({ ok: false, error: 'v2 cannot be applied: patch 2/2 "mm: use frob helper" <v2-2@example.org> is not at hand any more; open the series again to fetch it.' });
    expect(await amMbox(l, 7, rawOf)).toEqual({ ok: false, error: 'This series has no v7.' });
  });

  it('refuses a patch whose text hides a bidi override, as b4 does', async () => {
    const evil = posting('e1', 1, 1, 'mm: innocent', [['mm: innocent', 'mm/x.c', 'if (admin) { /* \u202e } \u2066 */']]);
    const { l, rawOf } = await setup(evil);
    const got = await amMbox(l, 1, rawOf);
    expect(got.ok).toBe(false);
    expect(!got.ok && got.error).toMatch(/^v1 is refused: patch 1\/1 "mm: innocent" has a line with a hidden Unicode control character/);
  });
});

describe('trailers the author dropped', () => {
  it('lists a trailer in vK that the unchanged patch of vK+1 lacks, once, and not a late one', async () => {
    const w1 = posting('w1', 1, 1, 'mm: frob', [['mm: add frob helper', 'mm/frob.c', 'a']]);
    const w2 = posting('w2', 2, 5, 'mm: frob', [['mm: add frob helper', 'mm/frob.c', 'a', [t('Reviewed-by', bob)]]]);
    const w3 = posting('w3', 3, 9, 'mm: frob', [['mm: add frob helper', 'mm/frob.c', 'a']]);
    // Carol's ack of v2 came after v3 was posted: late, not dropped
    const { l, rawOf } = await setup([...w1, reply('q1', w1[1]!, bob, 2, t('Reviewed-by', bob))], [...w2, reply('q2', w2[1]!, carol, 12, t('Acked-by', carol))], w3);
    expect(droppedTrailers(l, 1)).toEqual([]);
    const d = droppedTrailers(l, 2);
    expect(d.map((x) => `${x.counter} ${x.trailer.name}: ${x.trailer.value} v${x.trailer.givenOn}`)).toEqual([`1 Reviewed-by: ${bob.name} <${bob.address}> v2`]);
    // still counted, so the mbox adds it back (and the late ack, carried too)
    const got = await amMbox(l, 3, rawOf);
    if (!got.ok) throw new Error(got.error);
    expect(trailerBlock(got.file.mbx.replace(/^From git@z .*\n/, ''))).toEqual([SOB, t('Reviewed-by', bob), t('Acked-by', carol)]);
  });

  it("an author's Signed-off-by at a new address is not a dropped one; a reviewer's trailer the patch lacks still is", async () => {
    const moved: Who = { name: alice.name, address: 'alice@new.example' };
    const w1 = posting('m1', 1, 1, 'mm: frob', [['mm: add frob helper', 'mm/frob.c', 'a', [t('Acked-by', carol)]]]);
    const w2 = posting('m2', 2, 5, 'mm: frob', [['mm: add frob helper', 'mm/frob.c', 'a']], { signers: [moved] });
    const { l } = await setup(w1, w2);
    expect(droppedTrailers(l, 1).map((x) => `${x.trailer.name}: ${x.trailer.value}`)).toEqual([t('Acked-by', carol)]);
  });
});

describe('the rows in the newest version’s order', () => {
  it("follow the newest version's counters with its n/N; patches gone come after, the latest gone first", async () => {
    const a = posting('a1', 1, 1, 'mm: frob', [
      ['mm: one', 'mm/one.c', 'a'],
      ['mm: two', 'mm/two.c', 'b'],
      ['mm: three', 'mm/three.c', 'c'],
    ]);
    const b = posting('a2', 2, 5, 'mm: frob', [
      ['mm: three', 'mm/three.c', 'c'],
      ['mm: one', 'mm/one.c', 'a'],
      ['mm: four', 'mm/four.c', 'd'],
    ]);
    const c = posting('a3', 3, 9, 'mm: frob', [
      ['mm: four', 'mm/four.c', 'd'],
      ['mm: three', 'mm/three.c', 'c'],
    ]);
    const { l } = await setup(a, b, c);
    const title = (row: number): string => l.rows[row]!.title;
    const order = orderRows(l);
    expect(order.map((o) => `${o.counter ?? '-'}/${o.total ?? '-'} ${title(o.row)}${o.gone ? ` (gone after v${o.gone.last.version} ${o.gone.last.counter}/${o.gone.last.total}, ${o.gone.how})` : ''}`)).toEqual([
      '1/2 mm: four',
      '2/2 mm: three',
      '-/- mm: one (gone after v2 2/3, dropped)',
      '-/- mm: two (gone after v1 2/3, dropped)',
    ]);
    // `first` keeps the ledger's order of first appearance, with the same marks
    expect(orderRows(l, 'first').map((o) => o.row)).toEqual(l.rows.map((_, i) => i));
    expect(orderRows(l, 'first').find((o) => title(o.row) === 'mm: four')).toMatchObject({ counter: 1, total: 2, gone: null });
  });
});
