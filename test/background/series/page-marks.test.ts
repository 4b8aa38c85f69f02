/**
 * The status beside each message link of an archive page, from the real "[PATCH 00/44] remove
 * unnecessary semicolons" thread: Mel Gorman's ack on 40/44, David Miller's "Applied." under
 * 07/44 — as the thread's ledger counts them, the numbers the panel's matrix shows — and what
 * is new for a reader who had seen all but two messages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseMbox, type AnalysisResult } from '../../../src/core/analyse.ts';
import { threadFacts } from '../../../src/core/series/series-facts.ts';
import { threadSeries } from '../../../src/core/series/thread-series.ts';
import { patchMarks, type PatchMark } from '../../../src/core/series/ledger-marks.ts';
import { linkMarks } from '../../../src/background/series/page-marks.ts';
import { corpusDir, readCorpus } from '../../helpers/corpus.ts';

const P40 = '59705f848d35b12ace640f92afcffea02cee0976.1289789605.git.joe@perches.com';
const MEL = '20101115095244.GI27362@csn.ul.ie';
const DAVEM_07 = '20101115.110840.45901337.davem@davemloft.net';

describe.runIf(corpusDir)('marks beside an archive page`s links', () => {
  let r: AnalysisResult;
  let patches: Map<string, PatchMark>;
  let unvouched: Map<string, PatchMark>;
  beforeAll(async () => {
    r = await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'), { keepBodies: true });
    const bodies = new Map([...(r.bodies ?? [])].map(([k, b]) => [k, b.text] as [string, string]));
    // David Miller as the tree's maintainer (the seam MAINTAINERS' people come through):
    // the thread alone gives no reason to believe an "Applied." (issue 16)
    patches = patchMarks(threadSeries([threadFacts(r.analysis, r.heads, bodies)], { trustedAppliers: (p) => p.address === 'davem@davemloft.net' }));
    unvouched = patchMarks(threadSeries([threadFacts(r.analysis, r.heads, bodies)]));
  });

  it('gives the ledger`s trailer counts and applied per patch, and new from the visits', () => {
    const byId = new Map(r.analysis.messages.map((m) => [m.id, m]));
    const p07 = byId.get(DAVEM_07)!.parent!;
    const all = new Set(r.analysis.messages.filter((m) => !m.ghost).map((m) => m.id));
    const seen = new Set([...all].filter((id) => id !== MEL && id !== DAVEM_07));
    const marks = linkMarks([P40, p07, MEL, DAVEM_07, 'unknown@x', P40], all, seen, patches);
    expect(marks[P40]).toMatchObject({ acked: 1 });
    expect(marks[P40]?.isNew).toBeUndefined();
    expect(marks[p07]).toMatchObject({ applied: true });
    expect(linkMarks([p07], all, seen, unvouched)[p07]?.applied).toBeUndefined();
    expect(marks[MEL]).toEqual({ isNew: true });
    expect(marks[DAVEM_07]).toEqual({ isNew: true });
    expect(marks['unknown@x']).toBeUndefined();
  });

  it('says nothing new on a first visit (no visits), and nothing of a patch without a ledger', () => {
    expect(linkMarks([MEL], new Set([MEL]), null, patches)[MEL]).toBeUndefined();
    expect(linkMarks([P40], new Set([P40]), null, new Map())[P40]).toBeUndefined();
  });
});
