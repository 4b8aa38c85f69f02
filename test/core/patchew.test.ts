/**
 * Patchew's real qemu-devel test mail: versions that obsolete each other, `Supersedes:`
 * chains (in the cover or in a maintainer's reply), an incomplete series and reviews given
 * on the cover letter.
 */
import { describe, expect, it } from 'vitest';
import { analyseMbox } from '../../src/core/analyse.ts';
import type { Analysis } from '../../src/core/types.ts';
import { corpusDir, readCorpus } from '../helpers/corpus.ts';

const analyse = async (f: string): Promise<Analysis> => (await analyseMbox(readCorpus(`patchew/${f}`))).analysis;
const shape = (a: Analysis): unknown =>
  a.series.map((s) => [s.author.address, s.subject, s.versions.map((v) => [v.version, v.versionInferred, v.total, v.cover, v.patches.map((p) => p.id), v.missing])]);

describe.runIf(corpusDir)('patchew supersedes chains and reviews', () => {
  it('0009/0030: [PATCH], v2, v3 of one patch are three versions of one series, whatever their dates', async () => {
    for (const f of ['0009-obsolete-by.mbox', '0030-obsolete-by-v3.mbox']) {
      const a = await analyse(f);
      expect(shape(a)).toEqual([
        [
          'famz@redhat.com',
          'quorum: Only compile when supported',
          [
            [1, true, 1, null, ['20160628014747.20971-1-famz@redhat.com'], []],
            [2, false, 1, null, ['20160628014747.20971-2-famz@redhat.com'], []],
            [3, false, 1, null, ['20160628014747.20971-3-famz@redhat.com'], []],
          ],
        ],
      ]);
    }
  });

  it('0031: a PULL re-sent as "(second try)" with Supersedes: is the next version', async () => {
    const a = await analyse('0031-supersedes-embedded.mbox');
    expect(a.series).toHaveLength(1);
    const [v1, v2] = a.series[0]!.versions;
    expect(v1).toMatchObject({ version: 1, total: 28, cover: '20200110173215.3865-1-quintela@redhat.com', patches: [] });
    expect(v2).toMatchObject({ version: 2, versionInferred: true, total: 29, cover: '20200114092606.1761-1-quintela@redhat.com' });
    expect(v2!.missing).toHaveLength(29);
    expect(a.series[0]!.subject).toBe('Migration pull patches (second try)');
  });

  it('0032: v5 and v6 with different titles are linked by the Supersedes: a reviewer wrote in reply to v6', async () => {
    const a = await analyse('0032-supersedes-separate.mbox');
    expect(shape(a)).toEqual([
      [
        'slp@redhat.com',
        'blockdev: Fix AioContext handling for various blockdev actions',
        [
          [5, false, 4, '20191128104129.250206-1-slp@redhat.com', [], [1, 2, 3, 4]],
          [6, false, 8, '20200108143138.129909-1-slp@redhat.com', [], [1, 2, 3, 4, 5, 6, 7, 8]],
        ],
      ],
    ]);
    const kevin = a.messages.find((m) => m.id === '20200116135923.GE9470@linux.fritz.box')!;
    expect(kevin.parent).toBe('20200108143138.129909-1-slp@redhat.com');
  });

  it('0004: a Reviewed-by given on the cover letter counts for every patch', async () => {
    const a = await analyse('0004-multiple-patch-reviewed.mbox');
    const v = a.series[0]!.versions[0]!;
    expect(v).toMatchObject({ version: 4, total: 2, missing: [] });
    for (const p of v.patches) {
      expect(p.counts).toEqual({ reviewed: 1, acked: 0, tested: 0 });
      expect(p.trailers.find((t) => t.name === 'Reviewed-by')).toMatchObject({ value: 'Eric Blake <eblake@redhat.com>', from: '5792265A.5070507@redhat.com' });
    }
    expect(a.participants.find((p) => p.address === 'eblake@redhat.com')).toMatchObject({ roles: ['reviewer'], trailers: { 'Reviewed-by': 1 } });
  });

  it('0012: the incomplete series says which patch is missing', async () => {
    const a = await analyse('0012-incomplete-series.mbox');
    expect(a.series[0]!.versions[0]).toMatchObject({ version: 4, total: 2, missing: [2], cover: '1469192015-16487-1-git-send-email-berrange@redhat.com' });
    expect(a.series[0]!.versions[0]!.patches.map((p) => [p.counter, p.counts.reviewed])).toEqual([[1, 1]]);
  });

  it('0002/0028: unusual case and non-ASCII names in the patch`s own trailers', async () => {
    const odd = await analyse('0002-unusual-cased-tags.mbox');
    expect(odd.series[0]!.versions[0]!.patches[0]!.trailers.map((t) => t.name)).toEqual(['Signed-off-by', 'Reviewed-by', 'Tested-by']);
    const eight = await analyse('0028-tags-need-8bit-encoding.mbox');
    const p = eight.series[0]!.versions[0]!.patches[0]!;
    expect(p.trailers.find((t) => t.name === 'Reviewed-by')!.person).toEqual({ name: 'Philippe Mathieu-Daudé', address: expect.stringContaining('@') });
    expect(p.trailers.filter((t) => t.name === 'Fixes').map((t) => t.value.slice(0, 12))).toEqual(['9b4cf107b09d', '4a93722f9c27']);
    expect(p.counts).toEqual({ reviewed: 1, acked: 0, tested: 1 });
  });
});
