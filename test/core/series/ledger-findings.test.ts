/**
 * Bots' findings in the ledger (issue 18): on the version and patch they are about, a later
 * version saying whether an earlier finding was reported again, and never a trailer or a
 * count. Crafted series mail (series-mail.ts) with bot replies in the bots' templates; the
 * worker's path (analysis → threadFacts → threadSeries).
 */
import { describe, expect, it } from 'vitest';
import { threadSeries } from '../../../src/core/series/thread-series.ts';
import { facts, posting, type Mail, type Who } from '../../fixtures/model/series-mail.ts';

const syzbotCi: Who = { name: 'syzbot ci', address: 'syzbot+ci0a1b2c3d4e5f6a7b@syzkaller.appspotmail.com' };
const lkp: Who = { name: 'kernel test robot', address: 'lkp@intel.com' };
const three: Array<[string, string, string]> = [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'b'],
  ['mm: document frob', 'Documentation/frob.rst', 'c'],
];

function ciReport(id: string, to: Mail, version: number, title: string, names = to.id): Mail {
  return {
    id,
    from: syzbotCi,
    subject: `[syzbot ci] Re: ${to.subject.replace(/^\[[^\]]*\]\s*/, '')}`,
    date: to.date,
    replyTo: to.id,
    body: `syzbot ci has tested the following series\n\n[v${version}] mm: make frobnication faster\nhttps://lore.kernel.org/all/${names}\n* [PATCH] x\n\nand found the following issue:\n${title}\n\nFull report is available here:\nhttps://ci.syzbot.org/series/${id}\n\n***\n\nTested-by: syzbot@syzkaller.appspotmail.com\n`,
  };
}

function lkpReport(id: string, to: Mail, patchLink: string, patchSubject: string): Mail {
  return {
    id,
    from: lkp,
    subject: `Re: ${to.subject}`,
    date: to.date,
    replyTo: to.id,
    body: `Hi Alice,\n\nkernel test robot noticed the following build errors:\n\npatch link:    https://lore.kernel.org/r/${patchLink.replace('@', '%40')}\npatch subject: ${patchSubject}\n\n| Reported-by: kernel test robot <lkp@intel.com>\n| Closes: https://lore.kernel.org/oe-kbuild-all/${id}/\n\nAll errors (new ones prefixed by >>):\n\n>> mm/use.c:3:1: error: implicit declaration of function 'frob'\n`,
  };
}

describe('bot findings in the ledger', () => {
  it('a finding stays with its version; a later version says whether it was reported again', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
    const v2 = posting('v2', 2, 5, 'mm: make frobnication faster', three, { replyTo: v1[0]!.id });
    const v3 = posting('v3', 3, 9, 'mm: make frobnication faster', three, { replyTo: v2[0]!.id });
    const t1 = [...v1, ciReport('ci1@google.com', v1[0]!, 1, 'WARNING in folio_memcg'), lkpReport('lkp1@intel.com', v1[2]!, v1[2]!.id, v1[2]!.subject)];
    const t2 = [...v2, ciReport('ci2@google.com', v2[0]!, 2, 'WARNING in  FOLIO_memcg')];
    const [l] = threadSeries(await Promise.all([facts(t1), facts(t2), facts(v3)]));
    expect(l!.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    const shown = (k: number) => (l!.versions[k]!.findings ?? []).map((f) => [f.bot, f.kind, f.title, f.counter, f.againOn, f.firstOn]);
    expect(shown(0)).toEqual([
      ['syzbot ci', 'warning', 'WARNING in folio_memcg', null, [2], null],
      ['kernel test robot', 'build error', "build error: implicit declaration of function 'frob'", 2, [], null],
    ]);
    expect(shown(1)).toEqual([['syzbot ci', 'warning', 'WARNING in FOLIO_memcg', null, [], 1]]);
    expect(shown(2)).toEqual([]);
    expect(l!.versions[0]!.findings![1]!.link).toBe('https://lore.kernel.org/oe-kbuild-all/lkp1@intel.com/');
    // reports, never trailers
    expect(l!.rows.flatMap((r) => r.cells.map((c) => c?.marks.tested ?? 0))).toEqual(new Array(9).fill(0));
  });

  it('a report goes to the patch it names ("patch link:"), even in another version\'s thread', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
    const v2 = posting('v2', 2, 5, 'mm: make frobnication faster', three, { replyTo: v1[0]!.id });
    // the robot answered v1's cover, but tested v2's patch 3
    const misplaced = lkpReport('lkp2@intel.com', v1[0]!, v2[3]!.id, v2[3]!.subject);
    const [l] = threadSeries(await Promise.all([facts([...v1, misplaced]), facts(v2)]));
    expect(l!.versions[0]!.findings).toBeUndefined();
    expect(l!.versions[1]!.findings!.map((f) => [f.counter, f.message])).toEqual([[3, 'lkp2@intel.com']]);
  });

  it('a report naming only [PATCH vN n/M] goes to that version and patch; an unknown version leaves it where it answers', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
    const v2 = posting('v2', 2, 5, 'mm: make frobnication faster', three, { replyTo: v1[0]!.id });
    const named = lkpReport('lkp3@intel.com', v1[0]!, 'elsewhere@example.org', '[PATCH v2 2/3] mm: use frob helper');
    const unknown = lkpReport('lkp4@intel.com', v1[1]!, 'elsewhere2@example.org', '[PATCH v7 2/3] mm: use frob helper');
    const [l] = threadSeries(await Promise.all([facts([...v1, named, unknown]), facts(v2)]));
    expect(l!.versions[0]!.findings!.map((f) => [f.message, f.counter])).toEqual([['lkp4@intel.com', 1]]);
    expect(l!.versions[1]!.findings!.map((f) => [f.message, f.counter])).toEqual([['lkp3@intel.com', 2]]);
  });
});
