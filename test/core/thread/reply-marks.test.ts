/**
 * The small "says applied / gives R-A-T" detector, on maintainers' real words from the LKML
 * corpus and on the talk about applying that must not count.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseMbox, type AnalysisResult } from '../../../src/core/analyse.ts';
import { ownTexts } from '../../../src/core/thread/context.ts';
import { replyMarks, saysApplied } from '../../../src/core/thread/reply-marks.ts';
import { corpusDir, readCorpus } from '../../helpers/corpus.ts';

describe('saysApplied', () => {
  it('reads the usual statements', () => {
    for (const l of ['Applied, thanks.', 'Applied.', 'Thanks, applied to mm-unstable.', 'Queued for 6.9, thanks', 'Pushed to net-next', "I've applied this to my tree", 'Picked up, thanks!', 'applied to -next', 'Both applied, thanks', 'Series applied to for-next.'])
      expect(saysApplied(l), l).toBe(true);
  });
  it('ignores talk about applying', () => {
    for (const l of ["This doesn't apply against current -next", 'Once this is applied we can drop the hack', 'I applied it locally and tested, works', 'Does not apply cleanly', 'Applying the patch', 'applied cleanly on top of rc3', 'when applied to 5.4 it crashes', '> Applied, thanks.'])
      expect(saysApplied(l), l).toBe(false);
  });
});

describe('replyMarks', () => {
  it('collects R/A/T in a fixed order and the applied statement', () => {
    const t = { from: { name: 'T', address: 't@x.org' } };
    expect(replyMarks('Looks good.\n\nTested-by: T <t@x.org>\nReviewed-by: T <t@x.org>', t)).toEqual({ trailers: 'RT', applied: false });
    expect(replyMarks('Acked-by: A <a@x.org>\n\nApplied, thanks', { from: { name: 'A', address: 'a@x.org' } })).toEqual({ trailers: 'A', applied: true });
    expect(replyMarks('', t)).toEqual({ trailers: '', applied: false });
  });
});

describe.runIf(corpusDir)('on the LKML corpus', () => {
  let r: AnalysisResult;
  let texts: Record<string, string>;
  beforeAll(async () => {
    r = await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'));
    texts = await ownTexts(r.bytes, r.analysis, r.heads);
  });
  it('own text leaves quotes out: Joe quoting "Applied, thanks" applies nothing, Mark saying it does', () => {
    expect(texts['20101115173031.GI12986@rakim.wolfsonmicro.main']).toMatch(/^Applied, thanks\./);
    const marks = (id: string) => replyMarks(texts[id]!, r.analysis.messages.find((m) => m.id === id)!);
    expect(marks('20101115173031.GI12986@rakim.wolfsonmicro.main').applied).toBe(true);
    expect(marks('1289842444.16461.140.camel@Joe-Laptop').applied).toBe(false);
    expect(marks('20101115134939.GC12986@rakim.wolfsonmicro.main').applied).toBe(false);
    expect(marks('20101115095244.GI27362@csn.ul.ie')).toEqual({ trailers: 'A', applied: false });
  });
  it('gives every real message a text, ghosts none', () => {
    const real = r.analysis.messages.filter((m) => !m.ghost);
    expect(Object.keys(texts).sort()).toEqual(real.map((m) => m.id).sort());
  });
});
