/**
 * Finding versions across threads: each confirmation (change-id, links of every spelling,
 * vN as a reply to vN-1, title with the same author), uncertain candidates kept apart, the
 * reader's link/unlink, independence from input order, the link extractor and the search
 * query, and the seed's case: a reply that lost its References, tied to the v4 cover by
 * subject only, shows v4's 8 patches present once v4's thread is there.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { buildLedger } from '../../../src/core/series/ledger.ts';
import { threadFacts, type ThreadFacts } from '../../../src/core/series/series-facts.ts';
import { groupVersions } from '../../../src/core/series/version-group.ts';
import { messageIdOfUrl, versionLinks } from '../../../src/core/series/version-links.ts';
import { titleWords, versionSearchQuery } from '../../../src/core/series/version-query.ts';
import { seedDir } from '../../helpers/corpus.ts';
import { alice, bob, facts, mbox, posting, type Mail } from '../../fixtures/model/series-mail.ts';

const two: Array<[string, string, string]> = [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'b'],
];
const shape = (g: ReturnType<typeof groupVersions>): Array<[string, Array<[number, string[]]>, number[]]> =>
  g.map((s) => [s.title, s.members.map((m) => [m.version, m.confirmedBy] as [number, string[]]), s.uncertain.map((u) => u.version)]);

describe('versionLinks', () => {
  it('reads every spelling authors use, and only lines about versions', () => {
    const text = [
      'Changes in v3:',
      '- fixed the thing',
      '- Link to v2: https://patch.msgid.link/20240101-frob-v2-0-abcdef123456@example.org',
      '',
      'v1: https://lore.kernel.org/all/20231201.cover%40example.org/',
      'Changes since v0 (https://lore.kernel.org/r/v0cover@example.org):',
      'Previous version:',
      '  https://lore.kernel.org/linux-mm/prev@example.org/T/#u',
      'Link: https://lore.kernel.org/r/bugreport@example.org',
      '> v9: https://lore.kernel.org/r/quoted@example.org',
      'v7: https://lkml.org/lkml/2018/7/1/23',
      'RFC: <rfc-cover@example.org>',
    ].join('\n');
    expect(versionLinks(text)).toEqual([
      { messageId: '20240101-frob-v2-0-abcdef123456@example.org', version: 2 },
      { messageId: '20231201.cover@example.org', version: 1 },
      { messageId: 'v0cover@example.org', version: 0 },
      { messageId: 'prev@example.org', version: null },
      { messageId: 'rfc-cover@example.org', version: null },
    ]);
    expect(messageIdOfUrl('https://marc.info/?i=<abc@example.org>')).toBe('abc@example.org');
    expect(messageIdOfUrl('https://patchwork.kernel.org/project/x/patch/123/')).toBeNull();
  });
});

describe('versionSearchQuery', () => {
  it('ORs change-id, patch-ids and author + rare title words, within a date window', () => {
    expect(titleWords('mm/hmm: Rework hmm to use devm_memremap_pages and other fixes', 3)).toEqual(['devm_memremap_pages', 'rework', 'other']);
    const q = versionSearchQuery({
      title: 'mm: Rework hmm to use devm_memremap_pages and other fixes',
      author: 'dan.j.williams@intel.com',
      changeId: '20240101-frob-123',
      patchIds: ['0123456789abcdef0123456789abcdef01234567', 'not-an-id'],
      dates: ['2018-07-17T06:00:00.000Z', null],
    });
    expect(q).toBe(
      '(nq:"change-id: 20240101-frob-123" OR patchid:0123456789abcdef0123456789abcdef01234567 OR (f:"dan.j.williams@intel.com" AND (s:devm_memremap_pages OR s:rework OR s:other))) AND d:20170717..20190717',
    );
    expect(versionSearchQuery({ title: '', author: '', dates: [] })).toBeNull();
  });
});

describe('groupVersions', () => {
  it('ties versions by change-id, by a link in the cover, and by vN sent as a reply to vN-1', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', two);
    const v2 = posting('v2', 2, 10, 'mm: make frob faster', two, { extraCover: 'v1: https://lore.kernel.org/all/v1-0@example.org/\n' });
    const v3 = posting('v3', 3, 20, 'mm/frob: speed it all up', two, { replyTo: 'v2-0@example.org' });
    const threads = [await facts(v1), await facts(v2), await facts([...v2.slice(0, 1), ...v3])];
    expect(shape(groupVersions(threads))).toEqual([
      [
        'mm/frob: speed it all up',
        [
          // v1 and v3 also share their patch titles
          [1, ['link', 'patches']],
          [2, ['link', 'reply']],
          [3, ['patches', 'reply']],
        ],
        [],
      ],
    ]);
  });

  it('the same author and a re-prefixed title confirm; a loose match stays uncertain; a stranger stays apart', async () => {
    const v1 = posting('v1', 1, 1, 'mm: rework frob handling for devices', two);
    const v2 = posting('v2', 2, 10, 'mm/hmm: Rework frob handling for devices', [['other: x', 'x.c', 'z']]);
    const loose = posting('v3', 3, 20, 'frob: devices handling cleanups', [['frob: y', 'y.c', 'q']]);
    const stranger = posting('s2', 2, 12, 'mm: rework frob handling for devices', [['other: w', 'w.c', 'z']], { author: bob });
    const g = groupVersions([await facts(v1), await facts(v2), await facts(loose), await facts(stranger)], { anchor: 'v1-0@example.org' });
    expect(shape(g)[0]).toEqual(['mm/hmm: Rework frob handling for devices', [[1, ['title']], [2, ['title']]], [3]]);
    // the reader can tie the loose one in by hand, or take v2 out
    const linked = groupVersions([await facts(v1), await facts(v2), await facts(loose)], { anchor: 'v1-0@example.org', linked: ['v3-0@example.org'] });
    expect(shape(linked)[0]![1]).toEqual([[1, ['manual', 'title']], [2, ['title']], [3, ['manual']]]);
    const unlinked = groupVersions([await facts(v1), await facts(v2)], { anchor: 'v1-0@example.org', unlinked: ['v2-0@example.org'] });
    expect(shape(unlinked).map((s) => s[1].map((m) => m[0]))).toEqual([[1], [2]]);
  });

  it('does not depend on the order of threads; one version seen in two threads is one member', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', two);
    const v2 = posting('v2', 2, 10, 'mm: make frobnication faster', two, { replyTo: 'v1-0@example.org' });
    const a = await facts(v1);
    const b = await facts([...v1, ...v2]);
    const one = buildLedger(groupVersions([a, b])[0]!);
    const other = buildLedger(groupVersions([b, a])[0]!);
    expect(other).toEqual(one);
    expect(one.versions.map((v) => v.version)).toEqual([1, 2]);
  });
});

describe.runIf(seedDir)("the seed's case", () => {
  it('a reply that lost its References, tied to the v4 cover by subject: v4 shows its 8 patches present', async () => {
    const seed = await analyseMbox(new Uint8Array(readFileSync(join(seedDir!, 'linux-mm-2018-07-21-dan-williams.eml'))), { keepBodies: true });
    const seedFacts: ThreadFacts = threadFacts(seed.analysis, seed.heads, new Map([...seed.bodies!].map(([k, v]) => [k, v.text])));
    // the thread holds no patch: only what it answers, which the worker searches for
    expect(seedFacts.versions).toEqual([]);
    expect(seedFacts.answers).toMatchObject([{ title: 'mm: Rework hmm to use devm_memremap_pages and other fixes', version: 4, total: 8 }]);
    // v4's own thread (hand-written stand-ins for the real cover and patches, which the corpus lacks)
    const dan = { name: 'Dan Williams', address: 'dan.j.williams@intel.com' };
    const eight = Array.from({ length: 8 }, (_, i): [string, string, string] => [`mm: step ${i + 1} of the hmm rework`, `mm/hmm${i}.c`, `l${i}`]);
    const v4: Mail[] = posting('hmm-v4', 4, 13, 'mm: Rework hmm to use devm_memremap_pages and other fixes', eight, { author: dan });
    const v3: Mail[] = posting('hmm-v3', 3, 5, 'mm: Rework hmm to use devm_memremap_pages', eight, { author: dan });
    const threads = [seedFacts, await facts(v4), await facts(v3)];
    const g = groupVersions(threads, { anchor: seedFacts.thread });
    const l = buildLedger(g[0]!);
    expect(l.versions.map((v) => [v.version, v.present, v.missing, v.confirmedBy])).toEqual([
      [3, 8, [], ['title']],
      [4, 8, [], ['answer', 'title']],
    ]);
    expect(l.versions[1]!.summary).toBe('v4: 0/8 reviewed');
    expect(mbox(v4).length).toBeGreaterThan(0);
    void alice;
  });
});
