/**
 * Ownership read onto the ledger (issue 18): per patch and version, from the trailers the
 * ledger COUNTS on that version only (a stale ack of an older patch, a bot's template, a
 * trailer given on someone's behalf settle nothing), the author's own area, "waiting on me",
 * and "applied" only when the ledger believes the applier (told MAINTAINERS' M: people). Crafted
 * series mail (series-mail.ts) through the worker's path (facts → threadSeries).
 */
import { describe, expect, it } from 'vitest';
import { compileMaintainers, matchPatch } from '../../../src/core/maintainers/match.ts';
import { parseMaintainers } from '../../../src/core/maintainers/parse.ts';
import { ledgerOwnership, maintainerAppliers, type LedgerOwnership } from '../../../src/core/maintainers/ledger-ownership.ts';
import type { Ledger } from '../../../src/core/series/ledger.ts';
import { threadSeries } from '../../../src/core/series/thread-series.ts';
import type { ThreadFacts } from '../../../src/core/series/series-facts.ts';
import { alice, bob, facts, mark, posting, reply, type Mail, type Who } from '../../fixtures/model/series-mail.ts';

const jon: Who = { name: 'Jon Docs', address: 'jon@docs.example' };
const FILE = `MEMORY MANAGEMENT
M:	${mark.name} <${mark.address}>
R:	${bob.name} <${bob.address}>
S:	Maintained
F:	mm/

DOCUMENTATION
M:	${jon.name} <${jon.address}>
S:	Odd Fixes
F:	Documentation/

FROB KEYWORDS
M:	Kay Word <kay@example.org>
K:	frobnicate_all

THE REST
M:	Linus Torvalds <torvalds@linux-foundation.org>
F:	*
F:	*/
`;
const ix = compileMaintainers(parseMaintainers(FILE));

const three: Array<[string, string, string]> = [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'b'],
  ['docs: document frob', 'Documentation/frob.rst', 'frobnicate_all'],
];

/** The ledger and its ownership, each patch matched by its files from the facts and its subject + body. */
async function owned(threads: Mail[][], me: string[] = []): Promise<{ l: Ledger; o: LedgerOwnership }> {
  const fs: ThreadFacts[] = await Promise.all(threads.map(facts));
  const files = new Map(fs.flatMap((f) => f.versions.flatMap((v) => v.patches.map((p) => [p.id, p.files] as const))));
  const texts = new Map(threads.flat().map((m) => [`${m.id}`, `Subject: ${m.subject}\n\n${m.body}`]));
  const [l] = threadSeries(fs);
  const o = ledgerOwnership(l!, {
    matchOf: (c) => matchPatch(ix, { files: files.get(c.id!) ?? [], text: texts.get(c.id!) }),
    entryAt: (i) => ix.entries[i]!,
    me,
  });
  return { l: l!, o };
}

const cellStates = (l: Ledger, o: LedgerOwnership, col: number): string[] =>
  l.rows.map((r, row) => `${r.cells[col]?.counter}: ${(o.cells[row]![col]?.entries ?? []).map((e) => `${o.entries[e.entry]!.name}=${e.state}${e.keywordOnly ? '(K)' : ''}${e.mine ? '*' : ''}`).join(', ')}`);

describe('ownership on the ledger', () => {
  it('acked by an M: Acked-by, reviewed by an R: Reviewed-by, waiting otherwise; the version line says so', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
    const { l, o } = await owned([[...v1, reply('a1', v1[1]!, mark, 2, `Acked-by: ${mark.name} <${mark.address}>`), reply('r2', v1[2]!, bob, 2, `Reviewed-by: ${bob.name} <${bob.address}>`)]]);
    expect(cellStates(l, o, 0)).toEqual(['1: MEMORY MANAGEMENT=acked', '2: MEMORY MANAGEMENT=reviewed', '3: DOCUMENTATION=waiting, FROB KEYWORDS=waiting(K)']);
    expect(o.cells.map((r) => r[0]!.state)).toEqual(['acked', 'reviewed', 'waiting']);
    expect(o.versions[0]!.summary).toBe(`0 of 2 subsystems acked; reviewed, not acked: MEMORY MANAGEMENT (M: ${mark.name}); waiting on DOCUMENTATION (M: ${jon.name})`);
    expect(o.versions[0]!.entries.map((e) => [o.entries[e.entry]!.name, e.state, e.counters])).toEqual([
      ['MEMORY MANAGEMENT', 'reviewed', [1, 2]],
      ['DOCUMENTATION', 'waiting', [3]],
      ['FROB KEYWORDS', 'waiting', [3]],
    ]);
    expect(o.entries.find((e) => e.name === 'DOCUMENTATION')!.status).toBe('Odd Fixes');
  });

  it('an ack given on v1 does not hold on a changed v2; it does on an unchanged one', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
    const changed: Array<[string, string, string]> = [three[0]!, ['mm: use frob helper', 'mm/use.c', 'b2'], three[2]!];
    const v2 = posting('v2', 2, 5, 'mm: make frobnication faster', changed, { replyTo: v1[0]!.id });
    const acks = [reply('a1', v1[1]!, mark, 2, `Acked-by: ${mark.name} <${mark.address}>`), reply('a2', v1[2]!, mark, 2, `Acked-by: ${mark.name} <${mark.address}>`)];
    const { l, o } = await owned([[...v1, ...acks], v2]);
    expect(l.rows[1]!.cells[1]!.trailers.filter((t) => t.name === 'Acked-by').map((t) => t.stale)).toEqual([true]);
    expect(cellStates(l, o, 1).slice(0, 2)).toEqual(['1: MEMORY MANAGEMENT=acked', '2: MEMORY MANAGEMENT=waiting']);
    expect(o.versions[1]!.counts).toMatchObject({ subsystems: 2, acked: 0, waiting: 2 });
  });

  it('a bot template line, an ack given on someone\'s behalf, never settle an entry', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
    const bot: Mail = { id: 'lkp@intel.com.x', from: { name: 'kernel test robot', address: 'lkp@intel.com' }, subject: `Re: ${v1[1]!.subject}`, date: v1[1]!.date, replyTo: v1[1]!.id, body: `kernel test robot noticed the following build errors:\n\nAcked-by: ${mark.name} <${mark.address}>\n` };
    const behalf = reply('behalf', v1[2]!, bob, 2, `Acked-by: ${mark.name} <${mark.address}>`);
    const { l, o } = await owned([[...v1, bot, behalf]]);
    expect(l.rows[0]!.cells[0]!.evidence.length + l.rows[1]!.cells[0]!.evidence.length).toBe(2);
    expect(cellStates(l, o, 0).slice(0, 2)).toEqual(['1: MEMORY MANAGEMENT=waiting', '2: MEMORY MANAGEMENT=waiting']);
  });

  it('waiting on me: the reader is an M: of a waiting entry (or R: while nobody reviewed), never on their own series', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
    const { l, o } = await owned([[...v1, reply('r2', v1[2]!, bob, 2, `Reviewed-by: ${bob.name} <${bob.address}>`)]], [jon.address.toUpperCase(), bob.address]);
    expect(cellStates(l, o, 0)).toEqual(['1: MEMORY MANAGEMENT=waiting*', '2: MEMORY MANAGEMENT=reviewed', '3: DOCUMENTATION=waiting*, FROB KEYWORDS=waiting(K)']);
    expect(o.versions[0]!.waitingOnMe).toBe(true);
    const mine = await owned([v1], [alice.address]);
    expect(mine.o.versions[0]!.waitingOnMe).toBe(false);
  });

  it("applied settles the entry only when the ledger believes the applier: told MAINTAINERS' M: people, it does", async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
    const applied = reply('ty', v1[0]!, mark, 3, 'Applied to mm-unstable, thanks!');
    // nothing tells the ledger to believe Mark: "says applied (unverified)", no ack
    const plain = await owned([[...v1, applied]]);
    expect(plain.l.rows[0]!.cells[0]!.applied).toBeNull();
    expect(plain.l.rows[0]!.cells[0]!.saysApplied?.by.address).toBe(mark.address);
    expect(plain.o.cells[0]![0]!.state).toBe('waiting');
    // told the M: people of the series' entries (maintainerAppliers), the ledger believes him
    const fs = await Promise.all([[...v1, applied]].map(facts));
    const files = new Map(fs.flatMap((f) => f.versions.flatMap((v) => v.patches.map((p) => [p.id, p.files] as const))));
    const matches = [...files.values()].map((f) => matchPatch(ix, { files: f }));
    const [l] = threadSeries(fs, { trustedAppliers: maintainerAppliers(matches, (i) => ix.entries[i]!) });
    expect(l!.rows[0]!.cells[0]!.applied).toMatchObject({ trust: 'maintainer', by: { address: mark.address } });
    const o = ledgerOwnership(l!, { matchOf: (c) => matchPatch(ix, { files: files.get(c.id!) ?? [] }), entryAt: (i) => ix.entries[i]! });
    expect(o.cells.map((r) => `${o.entries[r[0]!.entries[0]!.entry]!.name}=${r[0]!.state}`)).toEqual(['MEMORY MANAGEMENT=acked', 'MEMORY MANAGEMENT=acked', 'DOCUMENTATION=waiting']);
    expect(o.cells[0]![0]!.entries[0]!.by).toEqual([{ name: mark.name, address: mark.address }]);
  });

  it('the appliers the ledger may believe: the M: people of the entries matched, by address only', () => {
    const m = matchPatch(ix, { files: ['mm/frob.c'] });
    const trusted = maintainerAppliers([m], (i) => ix.entries[i]!);
    expect(trusted({ name: 'x', address: mark.address.toUpperCase() })).toBe(true);
    expect(trusted({ name: mark.name, address: 'impostor@example.org' })).toBe(false);
    expect(trusted({ name: jon.name, address: jon.address })).toBe(false);
    // a keyword says who may care, not whose tree it is
    const byKeyword = maintainerAppliers([matchPatch(ix, { files: ['Documentation/x.rst'], text: 'Subject: x\n\n+frobnicate_all();\n' })], (i) => ix.entries[i]!);
    expect(byKeyword({ name: '', address: 'kay@example.org' })).toBe(false);
    expect(byKeyword({ name: '', address: jon.address })).toBe(true);
  });
});
