/**
 * The marks other views read from a thread's ledgers (ledger-marks.ts): per reply, the R/A/T
 * the ledger counts for it and "applied"; per patch, the cell's marks. On hand-written series
 * mail (one rule each) and on the real LKML corpus: Mel Gorman's ack, Mark Brown's "Applied,
 * thanks." and Joe Perches quoting it (the quote applies nothing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseMbox } from '../../../src/core/analyse.ts';
import type { Ledger } from '../../../src/core/series/ledger.ts';
import { patchMarks, replyMarks } from '../../../src/core/series/ledger-marks.ts';
import { threadFacts } from '../../../src/core/series/series-facts.ts';
import { threadSeries } from '../../../src/core/series/thread-series.ts';
import { corpusDir, readCorpus } from '../../helpers/corpus.ts';
import { alice, bob, carol, facts, mark, posting, reply } from '../../fixtures/model/series-mail.ts';

describe('marks from the ledger', () => {
  const v1 = posting('m1', 1, 1, 'mm: marks', [
    ['mm: one', 'mm/one.c', 'a', [`Reviewed-by: Old Reviewer <old@example.org>`]],
    ['mm: two', 'mm/two.c', 'b'],
  ]);
  const mails = [
    ...v1,
    reply('r1', v1[1]!, bob, 2, `Reviewed-by: ${bob.name} <${bob.address}>`),
    reply('r2', v1[0]!, carol, 2, `Tested-by: ${carol.name} <${carol.address}>`),
    reply('r3', v1[2]!, mark, 3, 'Applied, thanks.'),
    reply('r4', v1[2]!, bob, 3, 'Looks fine to me.'),
  ];
  let ledgers: Ledger[];
  beforeAll(async () => {
    // Mark is the tree's maintainer (the seam MAINTAINERS' people come through, issue 16)
    ledgers = threadSeries([await facts(mails)], { trustedAppliers: (p) => p.address === mark.address });
  });

  it('marks the replies that gave what the ledger counts, and the applied one; never a patch for its own trailers', () => {
    const m = replyMarks(ledgers);
    expect(m.get('r1@example.org')).toEqual({ trailers: 'R', applied: false });
    expect(m.get('r2@example.org')).toEqual({ trailers: 'T', applied: false });
    expect(m.get('r3@example.org')).toEqual({ trailers: '', applied: true });
    expect(m.has('r4@example.org')).toBe(false);
    expect(m.has(v1[1]!.id)).toBe(false);
    expect(m.has(alice.address)).toBe(false);
  });

  it('an "applied" from someone not believed marks the reply "says applied", no ✓, and no patch (issue 16)', async () => {
    const l = threadSeries([await facts(mails)]);
    expect(replyMarks(l).get('r3@example.org')).toEqual({ trailers: '', applied: false, saysApplied: true });
    expect(patchMarks(l).get(v1[2]!.id)?.applied).toBe(false);
  });

  it('gives each patch its cell`s marks, the cover`s Tested-by on every patch', () => {
    const p = patchMarks(ledgers);
    expect(p.get(v1[1]!.id)).toEqual({ reviewed: 2, acked: 0, tested: 1, applied: false });
    expect(p.get(v1[2]!.id)).toEqual({ reviewed: 0, acked: 0, tested: 1, applied: true });
    expect(p.has(v1[0]!.id)).toBe(false);
  });
});

describe('a giving repeated', () => {
  it('counts once and marks every reply that gave it, also when the patch already carries it', async () => {
    const v = posting('rp', 1, 1, 'mm: repeat', [['mm: one', 'mm/one.c', 'a', [`Reviewed-by: ${bob.name} <${bob.address}>`]]]);
    const rb = `Reviewed-by: ${bob.name} <${bob.address}>`;
    const tb = `Tested-by: ${carol.name} <${carol.address}>`;
    const l = threadSeries([await facts([...v, reply('b1', v[1]!, bob, 2, rb), reply('c1', v[1]!, carol, 2, tb), reply('c2', v[1]!, carol, 3, tb)])]);
    expect(l[0]!.rows[0]!.cells[0]!.marks).toEqual({ reviewed: 1, acked: 0, tested: 1 });
    const m = replyMarks(l);
    expect(['b1', 'c1', 'c2'].map((id) => m.get(`${id}@example.org`)?.trailers)).toEqual(['R', 'T', 'T']);
    expect(m.has(v[1]!.id)).toBe(false);
  });
});

describe.runIf(corpusDir)('on the LKML corpus', () => {
  let m: ReturnType<typeof replyMarks>;
  let unvouched: ReturnType<typeof replyMarks>;
  beforeAll(async () => {
    const r = await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'), { keepBodies: true });
    const bodies = new Map([...(r.bodies ?? [])].map(([k, b]) => [k, b.text] as [string, string]));
    // Mark Brown as the tree's maintainer: the thread alone gives no reason to believe him
    m = replyMarks(threadSeries([threadFacts(r.analysis, r.heads, bodies)], { trustedAppliers: (p) => p.address === 'broonie@opensource.wolfsonmicro.com' }));
    unvouched = replyMarks(threadSeries([threadFacts(r.analysis, r.heads, bodies)]));
  });
  it('Mel`s ack marks his reply A; Mark`s "Applied, thanks." applies; Joe quoting it does not', () => {
    expect(m.get('20101115095244.GI27362@csn.ul.ie')).toEqual({ trailers: 'A', applied: false });
    expect(m.get('20101115173031.GI12986@rakim.wolfsonmicro.main')?.applied).toBe(true);
    expect(unvouched.get('20101115173031.GI12986@rakim.wolfsonmicro.main')).toMatchObject({ applied: false, saysApplied: true });
    expect(m.get('1289842444.16461.140.camel@Joe-Laptop')?.applied ?? false).toBe(false);
    expect(m.get('20101115134939.GC12986@rakim.wolfsonmicro.main')?.applied ?? false).toBe(false);
  });
});
