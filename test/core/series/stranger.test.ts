/**
 * Issue 16, "The ledger believes a stranger": crafted mail of the shape an attacker would
 * post (series-mail.ts), through the worker's path (analysis → threadFacts → groupVersions →
 * buildLedger), and every other path that counts trailers.
 * 1. another author's `[PATCH v10 0/8]` of the same title, sent as a reply to the v9 cover,
 *    linking v9 from its cover or pasting its change-id, is shown apart, never merged; a
 *    takeover (the new author's patches carry the old author's Signed-off-by) is linked, marked;
 * 2. "Applied to mm-stable, thanks!" from anybody puts no ✓: only a trusted applier (the
 *    ledger's `trustedAppliers`, MAINTAINERS' seam), a b4 ty reply naming commits, or a
 *    committer of this series' patches; the rest "says applied (unverified)";
 * 3. the same name from an address the thread and its history never saw counts, marked; a
 *    look-alike of a known address in another version's thread does not count; a version in
 *    the author's name from such an address is linked, marked, and one from a look-alike of
 *    her is another author's, apart;
 * 4. a look-alike sender naming the real reviewer counts on no path.
 * Each failed before the fix (checked on main d9dfe4c; the tree's marks and the page's badges
 * were read from the thread then, from its ledgers since the series pipeline).
 */
import { describe, expect, it } from 'vitest';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { buildLedger, type Ledger, type LedgerOptions } from '../../../src/core/series/ledger.ts';
import { groupVersions } from '../../../src/core/series/version-group.ts';
import { patchMarks, replyMarks } from '../../../src/core/series/ledger-marks.ts';
import { threadSeries } from '../../../src/core/series/thread-series.ts';
import { linkMarks } from '../../../src/background/series/page-marks.ts';
import { alice, bob, carol, facts, mark, mbox, patchBody, posting, reply, type Mail, type Who } from '../../fixtures/model/series-mail.ts';

const TITLE = 'mm: make frobnication faster';
const eight = Array.from({ length: 8 }, (_, i): [string, string, string] => [`mm/frob: step ${i + 1}`, `mm/frob${i + 1}.c`, `l${i + 1}`]);
const mallory: Who = { name: 'Mallory Poster', address: 'mallory@evil.example' };
const akpm: Who = { name: 'Andrew Morton', address: 'akpm@linux-foundation.org' };
const rando: Who = { name: 'Random Person', address: 'rando@random.example' };
const R = (w: Who): string => `Reviewed-by: ${w.name} <${w.address}>`;
const A = (w: Who): string => `Acked-by: ${w.name} <${w.address}>`;

async function ledger(threads: Mail[][], opts: LedgerOptions = {}, anchor?: string): Promise<Ledger> {
  return buildLedger(groupVersions(await Promise.all(threads.map(facts)), anchor ? { anchor } : {})[0]!, opts);
}
const marks = (l: Ledger, col: number): string[] => l.rows.flatMap((r) => (r.cells[col]?.present ? [`${r.cells[col]!.counter}: R${r.cells[col]!.marks.reviewed} A${r.cells[col]!.marks.acked} T${r.cells[col]!.marks.tested}`] : []));

describe('issue 16.1: a newer version by another author is shown apart', () => {
  const v9 = posting('v9', 9, 1, TITLE, eight);
  // Bob reviewed 1..7 of v9; 8/8 still needs review
  const reviews = v9.slice(1, 8).map((p, i) => reply(`r9-${i + 1}`, p, bob, 2, R(bob)));
  // the stranger's v10: the same title, 8/8 changed, every patch with pasted trailers
  const pasted = [R(bob), A(carol), A(mark)];
  const changed = eight.map(([t, f, l], i): [string, string, string, string[]] => [t, f, i === 7 ? 'evil' : l, pasted]);

  it('as a reply to the v9 cover: not v10 of the series, "posted by Mallory, not the series author"', async () => {
    const v10 = posting('v10', 10, 5, TITLE, changed, { author: mallory, signers: [mallory], replyTo: v9[0]!.id });
    const f = await facts([...v9, ...reviews, ...v10]);
    const g = groupVersions([f], { anchor: v9[0]!.id });
    expect(g[0]!.members.map((m) => m.version)).toEqual([9]);
    expect(g[0]!.otherAuthors.map((m) => [m.version, m.facts.key, m.facts.author.address, m.confirmedBy])).toEqual([[10, 'v10-0@example.org', mallory.address, ['reply']]]);
    const l = buildLedger(g[0]!);
    expect(l.versions.map((v) => [v.version, v.shazam])).toEqual([[9, 'b4 shazam v9-0@example.org']]);
    expect(l.otherAuthors).toEqual([{ version: 10, key: 'v10-0@example.org', subject: v10[0]!.subject, date: '2024-01-05T10:00:00.000Z', author: mallory, tiedBy: ['reply'] }]);
    expect(l.needsReview).toEqual([7]);
    expect(marks(l, 0).slice(6)).toEqual(['7: R1 A0 T0', '8: R0 A0 T0']);
  });

  it('linking v9 from its cover, in a thread of its own: the same, from either thread', async () => {
    const v10 = posting('v10', 10, 5, TITLE, changed, { author: mallory, signers: [mallory], extraCover: 'v9: https://lore.kernel.org/all/v9-0@example.org/\n' });
    const threads = await Promise.all([facts([...v9, ...reviews]), facts(v10)]);
    const g = groupVersions(threads, { anchor: v9[0]!.id });
    expect(g[0]!.members.map((m) => m.version)).toEqual([9]);
    expect(g[0]!.otherAuthors.map((m) => [m.version, m.confirmedBy])).toEqual([[10, ['link']]]);
    // from the stranger's page: its own posting, never v9's series
    const mine = groupVersions(threads, { anchor: v10[0]!.id });
    expect(mine[0]!.members.map((m) => [m.version, m.facts.author.address])).toEqual([[10, mallory.address]]);
    expect(mine[0]!.claims.map((m) => [m.version, m.facts.key, m.confirmedBy])).toEqual([[9, 'v9-0@example.org', ['link']]]);
  });

  it("with v9's change-id pasted, in v9's thread: a claim like any other, apart (one thread's series joined it by change-id)", async () => {
    const id = 'change-id: 20240101-frob-0123456789ab\n';
    const ours = posting('v9', 9, 1, TITLE, eight, { extraCover: id });
    const v10 = posting('v10', 10, 5, TITLE, changed, { author: mallory, signers: [mallory], replyTo: ours[0]!.id, extraCover: id });
    const g = groupVersions([await facts([...ours, ...v10])], { anchor: ours[0]!.id });
    expect(g[0]!.members.map((m) => m.version)).toEqual([9]);
    expect(g[0]!.otherAuthors.map((m) => [m.version, m.facts.author.address, m.confirmedBy])).toEqual([[10, mallory.address, ['change-id']]]);
  });

  it("b4's takeover: a new From whose patches carry the old author's Signed-off-by is linked, marked", async () => {
    const v10 = posting('v10', 10, 5, TITLE, changed, { author: bob, signers: [alice, bob], replyTo: v9[0]!.id });
    const l = await ledger([[...v9, ...reviews, ...v10]]);
    expect(l.versions.map((v) => [v.version, v.author?.address ?? null, v.takeover ?? false])).toEqual([
      [9, null, false],
      [10, bob.address, true],
    ]);
    expect(l.otherAuthors).toEqual([]);
    // without a link or a reply, the same title and sign-off tie nothing
    const loose = posting('v10', 10, 5, TITLE, changed, { author: bob, signers: [alice, bob] });
    const g = groupVersions(await Promise.all([facts(v9), facts(loose)]), { anchor: v9[0]!.id });
    expect(g[0]!.members.map((m) => m.version)).toEqual([9]);
  });
});

describe('issue 16.2: "applied" counts only from someone the archive gives reason to trust', () => {
  const three: Array<[string, string, string]> = [
    ['mm: add frob helper', 'mm/frob.c', 'a'],
    ['mm: use frob helper', 'mm/use.c', 'b'],
    ['mm: document frob', 'Documentation/frob.rst', 'c'],
  ];
  const v1 = posting('v1', 1, 1, TITLE, three);
  const claim = reply('claim', v1[0]!, rando, 3, 'Applied to mm-stable, thanks!');

  it('from a random address: no ✓, "says applied (unverified)"', async () => {
    const l = await ledger([[...v1, claim]]);
    expect(l.rows.map((r) => r.cells[0]!.applied)).toEqual([null, null, null]);
    expect(l.rows.map((r) => r.cells[0]!.saysApplied?.message)).toEqual(['claim@example.org', 'claim@example.org', 'claim@example.org']);
    expect(l.applied).toBeNull();
    expect(l.saysApplied).toMatchObject({ version: 1, by: rando, where: 'mm-stable', message: 'claim@example.org', scope: 'series' });
    expect(l.versions[0]!.summary).toBe('v1: 0/3 reviewed, says applied to mm-stable (unverified)');
    expect(l.versions[0]!.applied.map((a) => [a.message, a.trust])).toEqual([['claim@example.org', null]]);
    // the tree and the page's badges read the same: no ✓ for the reply, none beside the patches
    expect(replyMarks([l]).get('claim@example.org')).toEqual({ trailers: '', applied: false, saysApplied: true });
    expect([...patchMarks([l]).values()].map((p) => p.applied)).toEqual([false, false, false]);
  });

  it("from a trusted applier (the ledger's trustedAppliers: MAINTAINERS' M: people)", async () => {
    const l = await ledger([[...v1, claim]], { trustedAppliers: (p) => p.address === rando.address });
    expect(l.rows.map((r) => r.cells[0]!.applied?.message)).toEqual(['claim@example.org', 'claim@example.org', 'claim@example.org']);
    expect(l.applied).toMatchObject({ by: rando, scope: 'series', trust: 'maintainer' });
    expect(l.saysApplied).toBeNull();
    expect(l.versions[0]!.summary).toBe('v1: 0/3 reviewed, applied to mm-stable');
  });

  it('a b4 ty reply naming commits counts for the patches it names', async () => {
    const ty = reply('ty', v1[0]!, rando, 3, 'Applied, thanks!\n\n[1/3] mm: add frob helper\n      commit: 0123456789ab\n[3/3] mm: document frob\n      commit: ba9876543210\n\nBest regards,');
    const l = await ledger([[...v1, ty]]);
    expect(l.rows.map((r) => r.cells[0]!.applied?.message ?? null)).toEqual(['ty@example.org', null, 'ty@example.org']);
    expect(l.applied).toMatchObject({ scope: 'partial', trust: 'names-commits' });
  });

  it("a committer of the series' patches: his Signed-off-by below the author's in a later version, or in his mm-commits notice", async () => {
    const said = reply('akpm-said', v1[0]!, akpm, 3, 'Applied to mm-unstable, thanks!');
    const v2 = posting('v2', 2, 9, TITLE, three, { signers: [alice, akpm] });
    expect((await ledger([[...v1, said], v2])).versions[0]!.applied.map((a) => a.trust)).toEqual(['committer']);
    // without the later version he is a stranger like any other
    expect((await ledger([[...v1, said]])).applied).toBeNull();
    const notice = (from: Who, signer: Who): Mail =>
      reply(
        `notice-${from.address}`,
        v1[1]!,
        from,
        4,
        [
          'The patch titled',
          '     Subject: mm: add frob helper',
          'has been added to the -mm mm-unstable branch.  Its filename is',
          '     mm-add-frob-helper.patch',
          '',
          '------------------------------------------------------',
          `From: ${alice.name} <${alice.address}>`,
          'Subject: mm: add frob helper',
          '',
          patchBody('mm/frob.c', 'a', [], [alice, signer]).replace(/-- \n2\.43\.0\n$/, ''),
        ].join('\n'),
      );
    const own = await ledger([[...v1, notice(akpm, akpm)]]);
    expect(own.rows.map((r) => r.cells[0]!.applied?.trust ?? null)).toEqual(['committer', null, null]);
    // a notice from someone whose own sign-off is not in it proves nothing
    const forged = await ledger([[...v1, notice(rando, akpm)]]);
    expect(forged.rows.map((r) => r.cells[0]!.applied)).toEqual([null, null, null]);
    expect(forged.rows[0]!.cells[0]!.saysApplied?.message).toBe(`notice-${rando.address}`);
  });
});

describe('issue 16.3: the same name from an address never seen for it', () => {
  const v1 = posting('v1', 1, 1, TITLE, eight.slice(0, 2));
  const v2 = posting('v2', 2, 9, TITLE, eight.slice(0, 2).map(([t, f, l]): [string, string, string] => [t, f, `${l}2`]));
  const real = reply('akpm-real', v1[1]!, akpm, 2, `Looks fine.\n\n${A(akpm)}`);
  const evil: Who = { name: akpm.name, address: 'akpm.reviews@evil.example' };

  it('counts, marked "address not seen before for this name", in the thread and across versions', async () => {
    const fake = reply('akpm-fake', v2[0]!, evil, 10, R(akpm));
    const l = await ledger([[...v1, real], [...v2, fake]]);
    expect(marks(l, 1)).toEqual(['1: R1 A0 T0', '2: R1 A0 T0']);
    const t = l.rows[0]!.cells[1]!.trailers.find((x) => x.name === 'Reviewed-by')!;
    expect(t.newAddress).toEqual([akpm.address]);
    // his own address is no news
    expect(l.rows[0]!.cells[0]!.trailers.find((x) => x.name === 'Acked-by')!.newAddress).toBeUndefined();
    // in one thread too, however often the new address writes
    const again = reply('akpm-fake2', v1[2]!, evil, 3, R(evil));
    const one = await ledger([[...v1, real, reply('akpm-fake1', v1[1]!, evil, 3, 'Hm.'), again]]);
    expect(one.rows[1]!.cells[0]!.trailers.find((x) => x.name === 'Reviewed-by')!.newAddress).toEqual([akpm.address]);
  });

  it("a look-alike of an address seen in another version's thread does not count", async () => {
    // Cyrillic і in the domain; the real address only in v1's thread
    const like: Who = { name: akpm.name, address: 'akpm@linux-foundatіon.org' };
    const l = await ledger([[...v1, real], [...v2, reply('akpm-like', v2[0]!, like, 10, R(like))]]);
    expect(marks(l, 1)).toEqual(['1: R0 A0 T0', '2: R0 A0 T0']);
    expect(l.rows[0]!.cells[1]!.trailers.find((x) => x.name === 'Reviewed-by')!.lookalikeOf).toBe(akpm.address);
  });
});

describe("issue 16.3 for versions: the series author's name from an address never seen for it", () => {
  const v9 = posting('v9', 9, 3, TITLE, eight);
  const pasted = [R(bob), A(carol)];
  const changed = eight.map(([t, f, l], i): [string, string, string, string[]] => [t, f, i === 7 ? 'evil' : l, pasted]);
  const fresh: Who = { name: alice.name, address: 'alice.author@evil.example' };
  // Cyrillic а in the domain: Alice's very name on an address that imitates hers
  const like: Who = { name: alice.name, address: 'alice@exаmple.org' };
  // Cyrillic А in the name
  const nameLike: Who = { name: 'Аlice Author', address: 'alice.author@evil.example' };
  const v10 = (from: Who, opts: { replyTo?: string; signers?: Who[] } = {}): Mail[] => posting('v10', 10, 5, TITLE, changed, { author: from, signers: opts.signers ?? [from], ...(opts.replyTo ? { replyTo: opts.replyTo } : {}) });
  const versions = (l: Ledger): Array<[number, string | null, string[] | null, string]> => l.versions.map((v) => [v.version, v.author?.address ?? null, v.newAddress ?? null, v.shazam]);

  it('a new address: linked, marked "address not seen before for this name", as a reply to the v9 cover or by title alone', async () => {
    for (const threads of [[[...v9, ...v10(fresh, { replyTo: v9[0]!.id })]], [v9, v10(fresh)]]) {
      const g = groupVersions(await Promise.all(threads.map(facts)), { anchor: v9[0]!.id });
      expect(g[0]!.members.map((m) => [m.version, m.newAddress ?? null])).toEqual([
        [9, null],
        [10, [alice.address]],
      ]);
      expect(g[0]!.otherAuthors).toEqual([]);
      const l = buildLedger(g[0]!);
      expect(versions(l)).toEqual([
        [9, null, null, 'b4 shazam v9-0@example.org'],
        [10, fresh.address, [alice.address], 'b4 shazam v10-0@example.org'],
      ]);
      expect(l.versions[1]!.takeover).toBeUndefined();
    }
  });

  it("the old address's Signed-off-by in its patches vouches for nothing (anyone can paste it): still marked", async () => {
    const l = await ledger([[...v9, ...v10(fresh, { replyTo: v9[0]!.id, signers: [alice, fresh] })]]);
    expect(versions(l).map((v) => v.slice(0, 3))).toEqual([
      [9, null, null],
      [10, fresh.address, [alice.address]],
    ]);
  });

  it('an address the threads knew for the name first is no news, by the rule trailers go by: the later one is marked', async () => {
    // v9 answers a report Alice answered first from her home address; v10 comes from there
    const home: Who = { name: alice.name, address: 'alice@home.example' };
    const report: Mail = { id: 'report@example.org', from: bob, subject: 'frob is slow', date: 'Mon, 1 Jan 2024 10:00:00 +0000', body: 'It is slow.\n' };
    const answer = reply('alice-home', report, home, 2, 'A series is coming.');
    const thread9 = [report, answer, ...posting('v9', 9, 3, TITLE, eight, { replyTo: answer.id })];
    const l = await ledger([thread9, v10(home)], {}, v9[0]!.id);
    expect(versions(l).map((v) => v.slice(0, 3))).toEqual([
      [9, alice.address, [home.address]],
      [10, null, null],
    ]);
    // one address throughout: nothing to check
    expect(versions(await ledger([thread9, v10(alice)], {}, v9[0]!.id)).map((v) => v.slice(0, 3))).toEqual([
      [9, null, null],
      [10, null, null],
    ]);
  });

  it('a look-alike of the author (her name on an imitating address, or an imitating name): shown apart, never merged, no b4 shazam', async () => {
    for (const who of [like, nameLike]) {
      const g = groupVersions([await facts([...v9, ...v10(who, { replyTo: v9[0]!.id })])], { anchor: v9[0]!.id });
      expect(g[0]!.members.map((m) => m.version)).toEqual([9]);
      expect(g[0]!.otherAuthors.map((m) => [m.version, m.facts.author.address, m.confirmedBy])).toEqual([[10, who.address, ['reply']]]);
      const l = buildLedger(g[0]!);
      expect(l.versions.map((v) => v.shazam)).toEqual(['b4 shazam v9-0@example.org']);
      expect(l.otherAuthors.map((o) => [o.author, o.tiedBy])).toEqual([[who, ['reply']]]);
      // the newest version is v9, unreviewed: the look-alike's pasted trailers count nowhere
      expect(l.needsReview).toHaveLength(8);
    }
    // by title alone, in a thread of its own: nothing ties it, not even as uncertain
    const alone = groupVersions(await Promise.all([facts(v9), facts(v10(like))]), { anchor: v9[0]!.id });
    expect([alone[0]!.members.map((m) => m.version), alone[0]!.uncertain, alone[0]!.otherAuthors]).toEqual([[9], [], []]);
    // carrying the real address's Signed-off-by: b4's takeover, linked and marked as one
    const taken = await ledger([[...v9, ...v10(like, { replyTo: v9[0]!.id, signers: [alice, like] })]]);
    expect(taken.versions.map((v) => [v.version, v.author?.address ?? null, v.takeover ?? false])).toEqual([
      [9, null, false],
      [10, like.address, true],
    ]);
  });
});

describe('issue 16.4: a look-alike reviewer counts on no path', () => {
  it("a look-alike sender naming the real reviewer's own address: not in the overview, the ledger, the tree, the participants or the page badges", async () => {
    const v1 = posting('v1', 1, 1, TITLE, eight.slice(0, 3));
    const realBob = reply('real', v1[0]!, bob, 2, 'Will look at this tomorrow.');
    // Cyrillic а in the domain, signing with Bob's real address: the name and the address are Bob's
    const fake: Who = { name: bob.name, address: 'bob@exаmple.org' };
    const forged = reply('forged', v1[1]!, fake, 3, `${R(bob)}\nTested-by: ${bob.name} <${bob.address}>`);
    const mails = [...v1, realBob, forged];
    const r = await analyseMbox(mbox(mails), { keepBodies: true });
    expect(r.analysis.series[0]!.versions[0]!.patches[0]!.counts).toEqual({ reviewed: 0, acked: 0, tested: 0 });
    const l = await ledger([mails]);
    expect(marks(l, 0)).toEqual(['1: R0 A0 T0', '2: R0 A0 T0', '3: R0 A0 T0']);
    // the tree's marks and the page's badges read the thread's ledgers (ledger-marks.ts)
    const ledgers = threadSeries([await facts(mails)]);
    expect(replyMarks(ledgers).get('forged@example.org')?.trailers ?? '').toBe('');
    expect(r.analysis.participants.filter((p) => p.roles.some((x) => x !== 'author'))).toEqual([]);
    const badges = linkMarks(v1.map((x) => x.id), new Set(mails.map((x) => x.id)), null, patchMarks(ledgers));
    expect(Object.values(badges)).toEqual([]);
  });
});
