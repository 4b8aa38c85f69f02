/**
 * The cifs FS-Cache series "[RFC][PATCH 00/10]" (June 2010) in the real LKML corpus reached the
 * archive twice, through linux-cifs and linux-fsdevel: 34 of its mails are there two times
 * over, same Message-ID, From, Date and body. Its replies came through gmane, whose References
 * spell `1277220170-3442-1-git-send-email-sjayaraman@suse.de` as
 * `1277220170-3442-1-git-send-email-sjayaraman-l3A5Bk7waGM@public.gmane.org`. A reader must see
 * each mail once and each reply under the mail it answers, not under "not in the archive".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseMbox, type AnalysisResult } from '../../src/core/analyse.ts';
import type { ThreadMessage } from '../../src/core/types.ts';
import { corpusDir, readCorpus } from '../helpers/corpus.ts';

const patch = (n: number): string =>
  ['1277220005-3322', '1277220158-3405', '1277220170-3442', '1277220189-3485', '1277220198-3522', '1277220206-3559', '1277220214-3597', '1277220228-3635', '1277220240-3674', '1277220261-3717', '1277220309-3757'][n] + '-1-git-send-email-sjayaraman@suse.de';

describe.runIf(corpusDir)('the cifs FS-Cache thread in the LKML corpus', () => {
  let r: AnalysisResult;
  let byId: Map<string, ThreadMessage>;
  let cifs: ThreadMessage[];
  beforeAll(async () => {
    r = await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'));
    byId = new Map(r.analysis.messages.map((m) => [m.id, m]));
    cifs = r.analysis.messages.filter((m) => m.subject.includes('[RFC][PATCH '));
  });
  /** The patch a message hangs under, through any replies in between. */
  const patchAbove = (id: string): string | null => {
    for (let m = byId.get(id); m; m = m.parent ? byId.get(m.parent) : undefined) if (!m.subject.startsWith('Re:')) return m.id;
    return null;
  };

  it('shows the cover and each patch once, under its bare id, and says nothing about the copies', () => {
    const posted = cifs.filter((m) => !m.subject.startsWith('Re:'));
    expect(posted.map((m) => m.subject.slice(0, 19))).toEqual(Array.from({ length: 11 }, (_, n) => `[RFC][PATCH ${String(n).padStart(2, '0')}/10] `));
    expect(posted.map((m) => m.id)).toEqual(Array.from({ length: 11 }, (_, n) => patch(n)));
    expect(r.analysis.messages.some((m) => /#\d+$/.test(m.id))).toBe(false);
    expect(r.analysis.errors).toEqual([]);
    expect(cifs).toHaveLength(40);
    const v = r.analysis.series.find((s) => s.subject.startsWith('cifs: local caching support using FS-Cache'))!.versions;
    expect(v.map((x) => [x.cover, x.missing, x.patches.map((p) => p.id)])).toEqual([[patch(0), [], Array.from({ length: 10 }, (_, n) => patch(n + 1))]]);
  });

  it('hangs no reply under a ghost: the gmane spellings of the ids are read as the ids', () => {
    const tree = r.analysis.messages.filter((m) => m.ghost && m.children.some((c) => cifs.some((x) => x.id === c)));
    expect(tree).toEqual([]);
    expect(r.analysis.messages.some((m) => m.id.endsWith('@public.gmane.org'))).toBe(false);
  });

  it('puts David Howells` and Jeff Layton`s first replies right under the patches they answer', () => {
    const first = (name: string): Array<[string, string | null]> =>
      cifs.filter((m) => m.from?.name === name && m.parent && !byId.get(m.parent)!.subject.startsWith('Re:')).map((m) => [m.subject.slice(0, 20), m.parent]);
    expect(first('David Howells')).toEqual([3, 4, 5, 6, 7, 8, 9, 10].map((n) => [`Re: [RFC][PATCH ${String(n).padStart(2, '0')}/1`, patch(n)]));
    expect(first('Jeff Layton')).toEqual([
      ['Re: [RFC][PATCH 02/1', patch(2)],
      ['Re: [RFC][PATCH 04/1', patch(4)],
    ]);
    // and every one of their replies, deeper in the discussion too, belongs to its patch
    for (const m of cifs.filter((x) => x.from?.name === 'David Howells' || x.from?.name === 'Jeff Layton')) {
      const n = Number(/PATCH (\d\d)\/10/.exec(m.subject)![1]);
      expect(patchAbove(m.id)).toBe(patch(n));
    }
    expect(cifs.filter((m) => m.from?.name === 'David Howells')).toHaveLength(14);
    expect(cifs.filter((m) => m.from?.name === 'Jeff Layton')).toHaveLength(4);
  });

  it('keeps the discussion of patch 06 as one chain: Howells, Layton, Howells, Layton', () => {
    const chain = ['9822.1277312573@redhat.com', '4C24A606.5040001@suse.de', '22697.1277470549@redhat.com', '20100625125306.7f9b1966@tlielax.poochiereds.net', '18628.1277502398@redhat.com', '20100625182651.36800d06@tlielax.poochiereds.net'];
    expect(chain.map((id) => byId.get(id)!.parent)).toEqual([patch(6), ...chain.slice(0, -1)]);
    expect(byId.get('20123.1277507068@redhat.com')!.parent).toBe('20100625182651.36800d06@tlielax.poochiereds.net');
  });
});
