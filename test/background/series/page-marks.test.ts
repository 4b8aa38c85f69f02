/**
 * The status beside each message link of an archive page, from the real "[PATCH 00/44] remove
 * unnecessary semicolons" thread: Mel Gorman's ack on 40/44, David Miller's "Applied." under
 * 07/44, and what is new for a reader who had seen all but two messages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseMbox, type AnalysisResult } from '../../../src/core/analyse.ts';
import { ownTexts } from '../../../src/core/thread/context.ts';
import { marksOf } from '../../../src/core/thread/reply-marks.ts';
import { linkMarks } from '../../../src/background/load/page-marks.ts';
import { corpusDir, readCorpus } from '../../helpers/corpus.ts';

const P40 = '59705f848d35b12ace640f92afcffea02cee0976.1289789605.git.joe@perches.com';
const MEL = '20101115095244.GI27362@csn.ul.ie';
const DAVEM_07 = '20101115.110840.45901337.davem@davemloft.net';

describe.runIf(corpusDir)('marks beside an archive page`s links', () => {
  let r: AnalysisResult;
  let texts: Record<string, string>;
  beforeAll(async () => {
    r = await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'));
    texts = await ownTexts(r.bytes, r.analysis, r.heads);
  });

  it('gives trailer counts per patch, applied from a reply below it, and new from the visits', () => {
    const byId = new Map(r.analysis.messages.map((m) => [m.id, m]));
    const p07 = byId.get(DAVEM_07)!.parent!;
    const all = r.analysis.messages.filter((m) => !m.ghost).map((m) => m.id);
    const seen = new Set(all.filter((id) => id !== MEL && id !== DAVEM_07));
    const marks = linkMarks([P40, p07, MEL, DAVEM_07, 'unknown@x', P40], r.analysis, seen, marksOf(r.analysis.messages, texts));
    expect(marks[P40]).toMatchObject({ acked: 1 });
    expect(marks[P40]?.isNew).toBeUndefined();
    expect(marks[p07]).toMatchObject({ applied: true });
    expect(marks[MEL]).toEqual({ isNew: true });
    expect(marks[DAVEM_07]).toEqual({ isNew: true });
    expect(marks['unknown@x']).toBeUndefined();
  });

  it('says nothing new on a first visit (no visits) and nothing applied without texts', () => {
    const marks = linkMarks([MEL], r.analysis, null, null);
    expect(marks[MEL]).toBeUndefined();
  });
});
