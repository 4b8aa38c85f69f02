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
    expect(replyMarks('Looks good.\n\nTested-by: T <t@x.org>\nReviewed-by: R <r@x.org>')).toEqual({ trailers: 'RT', applied: false });
    expect(replyMarks('Acked-by: A <a@x.org>\n\nApplied, thanks')).toEqual({ trailers: 'A', applied: true });
    expect(replyMarks('')).toEqual({ trailers: '', applied: false });
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
    expect(replyMarks(texts['20101115173031.GI12986@rakim.wolfsonmicro.main']!).applied).toBe(true);
    expect(replyMarks(texts['1289842444.16461.140.camel@Joe-Laptop']!).applied).toBe(false);
    expect(replyMarks(texts['20101115134939.GC12986@rakim.wolfsonmicro.main']!).applied).toBe(false);
    expect(replyMarks(texts['20101115095244.GI27362@csn.ul.ie']!)).toEqual({ trailers: 'A', applied: false });
  });
  it('gives every real message a text, ghosts none', () => {
    const real = r.analysis.messages.filter((m) => !m.ghost);
    expect(Object.keys(texts).sort()).toEqual(real.map((m) => m.id).sort());
  });
});

describe('the applied statement is read in time linear in the line (issue 16 audit)', () => {
  it('"i have" repeated, then no statement: not 2^n ways of reading it (30 of them took minutes)', () => {
    const t0 = performance.now();
    expect(saysApplied('i have '.repeat(30) + 'x')).toBe(false);
    expect(saysApplied('we have '.repeat(5_000) + 'nothing to say')).toBe(false);
    // a hang fails; a slow machine does not
    expect(performance.now() - t0).toBeLessThan(10_000);
    for (const l of ['I have applied it to mm-unstable, thanks', 'We have queued the series', 'we have been applied', 'Thanks, I have pushed it']) expect(saysApplied(l), l).toBe(true);
  }, 60_000);
});
