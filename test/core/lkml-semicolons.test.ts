/**
 * The biggest real thread of the notmuch LKML corpus: Joe Perches' "[PATCH 00/44] remove
 * unnecessary semicolons" (November 2010), cross-posted to many lists, partly received through
 * gmane (rewritten addresses and ids), with acks from subsystem maintainers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseMbox, type AnalysisResult } from '../../src/core/analyse.ts';
import type { ThreadMessage } from '../../src/core/types.ts';
import { corpusDir, readCorpus } from '../helpers/corpus.ts';

const COVER = 'cover.1289789604.git.joe@perches.com';
const GMANE_COVER = 'cover.1289789604.git.joe-6d6DIl74uiNBDgjK7y7TUQ@public.gmane.org';
const PATCH40 = '59705f848d35b12ace640f92afcffea02cee0976.1289789605.git.joe@perches.com';
const MEL = '20101115095244.GI27362@csn.ul.ie';

describe.runIf(corpusDir)('LKML "[PATCH 00/44] remove unnecessary semicolons"', () => {
  let r: AnalysisResult;
  let byId: Map<string, ThreadMessage>;
  beforeAll(async () => {
    r = await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'), { keepBodies: true });
    byId = new Map(r.analysis.messages.map((m) => [m.id, m]));
  });
  const rootOf = (id: string): string => {
    let m = byId.get(id)!;
    while (m.parent) m = byId.get(m.parent)!;
    return m.id;
  };

  it('is one tree under the cover letter: 100 mails, the gmane spelling of the cover`s id read as the cover', () => {
    const tree = r.analysis.messages.filter((m) => rootOf(m.id) === COVER);
    expect(tree.filter((m) => !m.ghost)).toHaveLength(100);
    expect(tree.filter((m) => m.ghost)).toEqual([]);
    expect(byId.get(COVER)).toMatchObject({ parent: null, depth: 0, subject: '[PATCH 00/44] remove unnecessary semicolons', from: { name: 'Joe Perches', address: 'joe@perches.com' } });
    expect(byId.has(GMANE_COVER)).toBe(false);
    // the messages list is depth-first: every child comes after its parent
    const pos = new Map(r.analysis.messages.map((m, i) => [m.id, i]));
    for (const m of tree) if (m.parent) expect(pos.get(m.id)!).toBeGreaterThan(pos.get(m.parent)!);
    expect(Math.max(...tree.map((m) => m.depth))).toBe(24);
  });

  it('has the cover and 44 patches, the two received through gmane under the cover too', () => {
    const s = r.analysis.series.filter((x) => x.versions.some((v) => v.cover === COVER));
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ subject: 'remove unnecessary semicolons', author: { name: 'Joe Perches', address: 'joe@perches.com' } });
    expect(s[0]!.versions).toHaveLength(1);
    const v = s[0]!.versions[0]!;
    expect(v).toMatchObject({ version: 1, versionInferred: true, total: 44, cover: COVER, missing: [], date: '2010-11-15T03:04:19.000Z' });
    expect(v.patches.map((p) => p.counter)).toEqual(Array.from({ length: 44 }, (_, i) => i + 1));
    const heads = new Map(r.heads.map((h) => [h.id, h]));
    const viaGmane = v.patches.filter((p) => heads.get(p.id)!.inReplyTo === GMANE_COVER).map((p) => p.counter);
    expect(viaGmane).toEqual([6, 42]);
    expect(v.patches.every((p) => byId.get(p.id)!.parent === COVER)).toBe(true);
    expect(v.patches[39]).toMatchObject({ id: PATCH40, subject: '[PATCH 40/44] mm/hugetlb.c: Remove unnecessary semicolons' });
  });

  it('collects the maintainers` acks from replies, never from the quoted patch', () => {
    const v = r.analysis.series.find((x) => x.versions.some((y) => y.cover === COVER))!.versions[0]!;
    const acked = v.patches.filter((p) => p.counts.acked > 0).map((p) => [p.counter, p.trailers.filter((t) => t.name === 'Acked-by').map((t) => t.person!.address)]);
    expect(acked).toEqual([
      // "[Jack Wang] Acked-by: …" in an Outlook reply: b4 misses this one
      [25, ['jack_wang@usish.com']],
      [36, ['joel.becker@oracle.com']],
      [39, ['sjur.brandeland@stericsson.com']],
      [40, ['mel@csn.ul.ie']],
      [44, ['lrg@slimlogic.co.uk']],
    ]);
    const p40 = v.patches[39]!;
    expect(p40.trailers.map((t) => [t.name, t.from])).toEqual([
      ['Signed-off-by', PATCH40],
      ['Acked-by', MEL],
    ]);
    expect(v.patches.every((p) => p.counts.reviewed === 0 && p.counts.tested === 0)).toBe(true);
  });

  it('lists Joe Perches once (his gmane-masked mail counted by name) as the author', () => {
    const joe = r.analysis.participants.filter((p) => p.name === 'Joe Perches');
    expect(joe).toHaveLength(1);
    expect(joe[0]).toMatchObject({ address: 'joe@perches.com', aliases: [], messages: 55, roles: ['author'] });
    expect(r.analysis.participants.find((p) => p.address === 'mel@csn.ul.ie')).toMatchObject({ roles: ['acker'], trailers: { 'Acked-by': 1 } });
    expect(r.analysis.participants.some((p) => /gmane/.test(p.address))).toBe(false);
    expect(r.analysis.participants.find((p) => p.name === 'Timur Tabi')).toMatchObject({ address: 'timur.tabi@gmail.com', aliases: ['timur@freescale.com'] });
  });

  it('splits Mel Gorman`s ack: quotes of patch 40 (diff kept inside), his text, signature and the kvack footer', () => {
    const blocks = r.quotes!.get(MEL)!;
    expect(blocks.map((b) => b.kind)).toEqual(['quote', 'text', 'quote', 'signature', 'footer']);
    expect(blocks[0]).toMatchObject({ depth: 1, author: 'Joe Perches', quotedId: PATCH40 });
    expect(blocks[1]!.lines).toEqual(['Acked-by: Mel Gorman <mel@csn.ul.ie>']);
    expect(blocks[2]!.lines[0]).toBe('diff --git a/mm/hugetlb.c b/mm/hugetlb.c');
    expect(blocks[4]!.lines[1]).toBe("To unsubscribe, send a message with 'unsubscribe linux-mm' in");
  });
});
