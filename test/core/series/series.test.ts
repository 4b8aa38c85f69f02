import { describe, expect, it } from 'vitest';
import { buildSeries } from '../../../src/core/series/series.ts';
import { buildThread } from '../../../src/core/thread/thread.ts';
import type { MessageHead, Person, Series } from '../../../src/core/types.ts';
import { at, head } from '../../fixtures/model/heads.ts';

const alice: Person = { name: 'Alice Author', address: 'alice@example.org' };
const bob: Person = { name: 'Bob Reviewer', address: 'bob@example.org' };
const carol: Person = { name: 'Carol Tester', address: 'carol@example.org' };

const diff = (file: string): string => `---\ndiff --git a/${file} b/${file}\n--- a/${file}\n+++ b/${file}\n@@ -1 +1 @@\n-a\n+b\n`;
const patchBody = (file: string, extra = ''): string => `Change ${file}.\n\n${extra}Signed-off-by: Alice Author <alice@example.org>\n${diff(file)}`;

interface Mail {
  head: MessageHead;
  body: string;
}
const mail = (id: string, subject: string, body: string, over: Partial<MessageHead> = {}): Mail => ({ head: head(id, { subject, from: alice, ...over }), body });

function series(mails: Mail[]): Series[] {
  const heads = mails.map((m) => m.head);
  return buildSeries(heads, new Map(mails.map((m) => [m.head.id, m.body])), buildThread(heads));
}

/** A v1 posting: cover + n patches threaded under it. */
function posting(v: string, n: number, start: number, title = 'mm: make frobnication faster', opts: { cover?: boolean; author?: Person } = {}): Mail[] {
  const tag = v ? `PATCH ${v}` : 'PATCH';
  const from = opts.author ?? alice;
  const out: Mail[] = [];
  const coverId = `cover-${v || 'v1'}-${start}`;
  if (opts.cover !== false) out.push(mail(coverId, `[${tag} 0/${n}] ${title}`, `Intro.\n\n---\n mm/a.c | 1 +\n ${n} files changed\n`, { date: at(start), from }));
  for (let i = 1; i <= n; i++) {
    const refs = opts.cover !== false ? [coverId] : [];
    out.push(mail(`p${i}-${v || 'v1'}-${start}`, `[${tag} ${i}/${n}] mm: step ${i}`, patchBody(`f${i}.c`), { date: at(start + i), references: refs, from }));
  }
  return out;
}

describe('buildSeries', () => {
  it('finds cover and patches; reply trailers go to their patch, cover replies to every patch', () => {
    const mails = [
      ...posting('v2', 3, 0),
      mail('rev-p2', 'Re: [PATCH v2 2/3] mm: step 2', '> quoted\n> Signed-off-by: Alice Author <alice@example.org>\n\nReviewed-by: Bob Reviewer <bob@example.org>\n', { from: bob, references: ['cover-v2-0', 'p2-v2-0'], date: at(10) }),
      mail('rev-deep', 'Re: [PATCH v2 2/3] mm: step 2', 'Acked-by: Bob Reviewer <bob@example.org>\n', { from: bob, references: ['cover-v2-0', 'p2-v2-0', 'rev-p2'], date: at(11) }),
      mail('test-cover', 'Re: [PATCH v2 0/3] mm: make frobnication faster', 'For the series:\nTested-by: Carol Tester <carol@example.org>\n', { from: carol, references: ['cover-v2-0'], date: at(12) }),
      mail('forwarded', 'Re: [PATCH v2 1/3] mm: step 1', 'Reviewed-by: Somebody Else <else@example.org>\n', { from: carol, references: ['cover-v2-0', 'p1-v2-0'], date: at(13) }),
    ];
    const [s, ...rest] = series(mails);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ subject: 'mm: make frobnication faster', author: alice, changeId: null });
    const v = s!.versions[0]!;
    expect(v).toMatchObject({ version: 2, versionInferred: false, total: 3, cover: 'cover-v2-0', missing: [], date: at(0), subject: '[PATCH v2 0/3] mm: make frobnication faster' });
    expect(v.patches.map((p) => [p.counter, p.id, p.counts])).toEqual([
      [1, 'p1-v2-0', { reviewed: 0, acked: 0, tested: 1 }],
      [2, 'p2-v2-0', { reviewed: 1, acked: 1, tested: 1 }],
      [3, 'p3-v2-0', { reviewed: 0, acked: 0, tested: 1 }],
    ]);
    expect(v.patches[1]!.trailers.map((t) => [t.name, t.from])).toEqual([
      ['Signed-off-by', 'p2-v2-0'],
      ['Reviewed-by', 'rev-p2'],
      ['Acked-by', 'rev-deep'],
      ['Tested-by', 'test-cover'],
    ]);
  });

  it('fixes an inferred version from the parent cover, and numbers a later unversioned repost v2', () => {
    const v1 = posting('', 2, 0);
    const repost = posting('', 2, 1000);
    // an unversioned patch threaded under a v3 cover is v3
    const v3cover = mail('c3', '[PATCH v3 0/1] mm: make frobnication faster', 'Intro\n', { date: at(2000) });
    const v3patch = mail('p3', '[PATCH 1/1] mm: step 1', patchBody('x.c'), { date: at(2001), references: ['c3'] });
    const [s] = series([...v1, ...repost, v3cover, v3patch]);
    expect(s!.versions.map((v) => [v.version, v.versionInferred, v.cover, v.patches.map((p) => p.id)])).toEqual([
      [1, true, 'cover-v1-0', ['p1-v1-0', 'p2-v1-0']],
      [2, true, 'cover-v1-1000', ['p1-v1-1000', 'p2-v1-1000']],
      [3, false, 'c3', ['p3']],
    ]);
  });

  it('a partial reroll borrows the other patches from the latest earlier version of that size', () => {
    const v1 = posting('v1', 3, 0);
    const v2 = posting('v2', 3, 100);
    const reroll = mail('p2-v3', '[PATCH v3 2/3] mm: step 2', patchBody('f2.c'), { date: at(200), references: ['cover-v2-100', 'p2-v2-100'] });
    const [s] = series([...v1, ...v2, reroll]);
    const v3 = s!.versions[2]!;
    expect(v3).toMatchObject({ version: 3, cover: null, total: 3, missing: [] });
    expect(v3.patches.map((p) => [p.counter, p.id, p.borrowedFrom])).toEqual([
      [1, 'p1-v2-100', 2],
      [2, 'p2-v3', null],
      [3, 'p3-v2-100', 2],
    ]);
  });

  it('lists missing counters of an incomplete version', () => {
    const mails = posting('v4', 8, 0).filter((m) => !/^p[2357]-/.test(m.head.id));
    const [s] = series(mails);
    expect(s!.versions[0]).toMatchObject({ total: 8, missing: [2, 3, 5, 7] });
    expect(s!.versions[0]!.patches).toHaveLength(4);
  });

  it('groups versions whose title was extended and re-cased, by the same author only', () => {
    const v3 = posting('v3', 2, 0, 'mm: rework hmm to use devm_memremap_pages');
    const v4 = posting('v4', 2, 1000, 'mm: Rework hmm to use devm_memremap_pages and other fixes');
    const other = posting('v1', 1, 500, 'mm: rework hmm to use devm_memremap_pages', { author: bob }).map((m) => ({ ...m, head: { ...m.head, id: `bob-${m.head.id}` } }));
    other[1]!.head.references = ['bob-cover-v1-500'];
    other[1]!.head.inReplyTo = 'bob-cover-v1-500';
    const all = series([...v3, ...v4, ...other]);
    expect(all).toHaveLength(2);
    const mine = all.find((s) => s.author.address === alice.address)!;
    expect(mine.versions.map((v) => v.version)).toEqual([3, 4]);
    expect(mine.subject).toBe('mm: Rework hmm to use devm_memremap_pages and other fixes');
  });

  it('groups versions by change-id whatever their titles say', () => {
    const v1 = posting('v1', 1, 0, 'frob: first title');
    const v2 = posting('v2', 1, 100, 'widget: entirely renamed');
    v1[0]!.body += '\n---\nchange-id: 20240701-frob-0123456789ab\n';
    v2[0]!.body += '\n---\nchange-id: 20240701-frob-0123456789ab\n';
    const unrelated = posting('v1', 1, 200, 'frob: first title but other change');
    unrelated[0]!.body += '\nchange-id: 20240701-other-ffffffffffff\n';
    for (const m of unrelated) m.head.id = `u-${m.head.id}`;
    unrelated[1]!.head.references = [unrelated[0]!.head.id];
    unrelated[1]!.head.inReplyTo = unrelated[0]!.head.id;
    const all = series([...v1, ...v2, ...unrelated]);
    expect(all.map((s) => [s.changeId, s.versions.map((v) => v.version)])).toEqual([
      ['20240701-frob-0123456789ab', [1, 2]],
      ['20240701-other-ffffffffffff', [1]],
    ]);
  });

  it('a message with a patch subject but no diff is a follow-up (b4 "nore"), a Re: with a diff is no patch', () => {
    const mails = [
      mail('p', '[PATCH] frob: fix', patchBody('a.c'), { date: at(0) }),
      mail('nore', '[PATCH] frob: fix', '> x\n\nReviewed-by: Bob Reviewer <bob@example.org>\n', { from: bob, references: ['p'], date: at(1) }),
      mail('re-diff', 'Re: [PATCH] frob: fix', `Maybe:\n${diff('b.c')}`, { from: bob, references: ['p'], date: at(2) }),
    ];
    const [s, ...rest] = series(mails);
    expect(rest).toEqual([]);
    expect(s!.versions[0]!.patches.map((p) => [p.id, p.counts.reviewed])).toEqual([['p', 1]]);
  });

  it('a cross-posted copy (`<id>#2`) is one patch, not a reroll', () => {
    const mails = posting('', 2, 0);
    const copies = mails.map((m) => ({ ...m, head: { ...m.head, id: `${m.head.id}#2`, messageId: m.head.id, index: m.head.index + 100 } }));
    const [s] = series([...mails, ...copies]);
    expect(s!.versions).toHaveLength(1);
    expect(s!.versions[0]!.patches.map((p) => p.id)).toEqual(['p1-v1-0', 'p2-v1-0']);
  });

  it('patches that lost their link to the cover (ghost or rewritten parent) rejoin it', () => {
    const mails = posting('', 3, 0);
    const stray = mails[2]!;
    stray.head.references = ['cover-as-rewritten-by-gmane@public.gmane.org'];
    stray.head.inReplyTo = stray.head.references[0]!;
    stray.head.from = { name: 'Alice Author', address: 'alice-XyZ@public.gmane.org' };
    const [s, ...rest] = series(mails);
    expect(rest).toEqual([]);
    expect(s!.versions[0]!.patches.map((p) => p.id)).toEqual(['p1-v1-0', 'p2-v1-0', 'p3-v1-0']);
    expect(s!.versions[0]!.missing).toEqual([]);
  });

  it('collects cover Fixes/Link/Closes and works from subjects alone when bodies are missing', () => {
    const mails = posting('v2', 2, 0);
    mails[0]!.body = 'Intro\n\nFixes: 0123456789ab ("old")\nLink: https://lore.kernel.org/r/v1@x\nCloses: https://bugs.example.org/1\n';
    const heads = mails.map((m) => m.head);
    const withCover = buildSeries(heads, new Map([[mails[0]!.head.id, mails[0]!.body]]), buildThread(heads));
    expect(withCover[0]!.versions[0]!.coverTrailers.map((t) => t.name)).toEqual(['Fixes', 'Link', 'Closes']);
    expect(withCover[0]!.versions[0]!.patches).toHaveLength(2);
    expect(buildSeries([], new Map(), buildThread([]))).toEqual([]);
  });

  it('names the author by a real address when the lead mail came through gmane or a list rewrite', () => {
    const gmane = { name: 'Alice Author', address: 'alice-XyZ@public.gmane.org' };
    const mails = posting('', 2, 0);
    mails[0]!.head.from = gmane;
    mails[1]!.head.from = gmane;
    expect(series(mails)[0]!.author).toEqual(alice);
    // nobody with a real address: the mail's own address is all there is
    const alone = posting('', 1, 10, 'mm: other', { author: gmane, cover: false });
    expect(series(alone)[0]!.author).toEqual(gmane);
    // two people posting through one list address are two authors, two series
    const list = 'kasan-dev@googlegroups.com';
    const a = posting('', 1, 20, 'kasan: one thing', { author: { name: 'Alice Author', address: list }, cover: false });
    const b = posting('', 1, 30, 'kasan: one thing', { author: { name: 'Bob Reviewer', address: list }, cover: false });
    for (const m of [...a, ...b]) m.head.via = 'kasan-dev';
    expect(series([...a, ...b]).map((x) => x.author.name)).toEqual(['Alice Author', 'Bob Reviewer']);
  });
});
