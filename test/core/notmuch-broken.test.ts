/**
 * notmuch's hand-made threading traps: an In-Reply-To loop, reused Message-IDs on different
 * mails (and one mail delivered twice), and a thread whose root is missing (or faked), read
 * from the corpus as mail files.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { assignKeys, dropCopies, parseHead } from '../../src/core/mail/headers.ts';
import { buildThread } from '../../src/core/thread/thread.ts';
import type { MessageHead, Thread, ThreadMessage } from '../../src/core/types.ts';
import { corpusDir, corpusPath } from '../helpers/corpus.ts';

/** The files' heads as the analysis keeps them: copies of one mail dropped, reused ids keyed. */
function read(dir: string, names: string[]): MessageHead[] {
  const raws = names.map((n) => new Uint8Array(readFileSync(corpusPath(`${dir}/${n}`))));
  const all = raws.map((raw, i) => parseHead(raw, i));
  const copies = dropCopies(all, (h) => raws[h.index]!);
  const heads = all.filter((h) => !copies.has(h));
  assignKeys(heads);
  return heads;
}

function threadOf(dir: string, skip: (name: string) => boolean = () => false): { heads: MessageHead[]; t: Thread; by: Map<string, ThreadMessage> } {
  const heads = read(dir, readdirSync(corpusPath(dir)).sort().filter((n) => !skip(n)));
  const t = buildThread(heads);
  return { heads, t, by: new Map(t.messages.map((m) => [m.id, m])) };
}

describe.runIf(corpusDir)('notmuch broken and threading corpora', () => {
  it('broken/loop: the In-Reply-To cycle is refused; the later mail is the reply', () => {
    const { t, by } = threadOf('notmuch/corpora/broken/loop');
    expect(t.roots).toEqual(['mid-loop-12@example.org']);
    expect(by.get('mid-loop-21@example.org')).toMatchObject({ parent: 'mid-loop-12@example.org', depth: 1 });
    expect(t.messages.some((m) => m.ghost)).toBe(false);
  });

  it('duplicate/: every mail that reuses an id stays a separate message with its own parent', () => {
    const { heads, t, by } = threadOf('notmuch/corpora/duplicate');
    // nine files, eight mails: msg-1-1 and msg-1-2 are one mail of Anton Gladky's, once straight
    // from the list and once through the BTS, which put `Bug#691896:` before the subject and
    // trimmed the blank lines above the list's footer
    expect(heads).toHaveLength(8);
    expect(t.messages.filter((m) => !m.ghost)).toHaveLength(8);
    expect(heads.filter((h) => h.messageId.startsWith('debian/')).map((h) => [h.id, h.subject])).toEqual([
      ['debian/2.6.1.dfsg-4-1-g87ea161@87ea161e851dfb1ea324af00e4ecfccc18875e15', 'Bug#691896: [87ea161] Fix for Bug#691896 committed to git'],
    ]);
    const sean = '87r2ecrr6x.fsf@zephyr.silentflame.com';
    // Five mails, one id, one Date: the keys go by content (From, then Subject), not by file order.
    // Their text is the same, but mailman wrapped it in a multipart of its own per list (own
    // boundary, own footer part) and the tracker did not: raw bodies differ, so they stay five,
    // each under its own parent.
    expect(['', '#2', '#3', '#4', '#5'].map((s) => [by.get(sean + s)!.parent, by.get(sean + s)!.subject])).toEqual([
      ['87efaeh3zr.fsf@zephyr.silentflame.com', "Bug#916807: Increase severity to 'serious'"],
      ['87sgyt2xyg.fsf@zephyr.silentflame.com', "Bug#916867: Increase severity to 'serious'"],
      ['87k1k6h43h.fsf@zephyr.silentflame.com', "[Pkg-emacsen-addons] Bug#916805: Increase severity to 'serious'"],
      ['87bm5ih3w5.fsf@zephyr.silentflame.com', "[Pkg-emacsen-addons] Bug#916808: Increase severity to 'serious'"],
      ['8736quh3la.fsf@zephyr.silentflame.com', "[Pkg-emacsen-addons] Bug#916811: Increase severity to 'serious'"],
    ]);
    // the two mails of David Bremner's (bodies differ) hang under the same (missing) parent
    expect(by.get('87vcch7hxy.fsf@naesten.dyndns.org')).toMatchObject({ ghost: true, children: ['87r2geywh9.fsf@tethera.net#2', '87r2geywh9.fsf@tethera.net'] });
    expect(by.get('87r2geywh9.fsf@tethera.net')!.subject).toBe("Bug#695159: debian-el: Shouldn't put downloaded bugs loose in ~/");
  });

  it('duplicate/: which copy keeps the bare id does not depend on the order the files are read in', () => {
    const dir = 'notmuch/corpora/duplicate';
    const names = readdirSync(corpusPath(dir)).sort();
    const keyed = (order: string[]): Map<string, string> => new Map(read(dir, order).map((h) => [order[h.index]!, h.id]));
    const forward = keyed(names);
    const backward = keyed(names.slice().reverse());
    expect([...backward].sort()).toEqual([...forward].sort());
    expect(forward.get('msg-3-3:2,')).toBe('87r2ecrr6x.fsf@zephyr.silentflame.com');
    // of the two deliveries the one whose headers sort first is kept, in either order
    expect(forward.get('msg-1-2:2,')).toBe('debian/2.6.1.dfsg-4-1-g87ea161@87ea161e851dfb1ea324af00e4ecfccc18875e15');
    expect(forward.has('msg-1-1:2,')).toBe(false);
    expect(forward.size).toBe(8);
  });

  it('threading/ghost-root: with the root present, the fake root hangs under the ghost its References chain names', () => {
    const { by } = threadOf('notmuch/corpora/threading/ghost-root', (n) => n.includes('.len'));
    expect(by.get('000-real-root@example.org')!.children).toEqual(['001-child@example.org']);
    // the ghost sorts as its earliest descendant, the fake root (dated a day before)
    expect(by.get('001-child@example.org')!.children).toEqual(['nonexistent-message@example.org', '001-grand-child@example.org', '001-grand-child2@example.org']);
    expect(by.get('nonexistent-message@example.org')).toMatchObject({ ghost: true, children: ['001-fake-message-root@example.org'] });
    expect(by.get('001-great-grand-child@example.org')).toMatchObject({ parent: '001-grand-child@example.org', depth: 3 });
  });

  it('threading/ghost-root: without it, the missing root is a ghost holding the whole thread', () => {
    const { t, by } = threadOf('notmuch/corpora/threading/ghost-root', (n) => n.includes('.len') || n === 'real-root');
    expect(t.roots).toEqual(['000-real-root@example.org']);
    expect(by.get('000-real-root@example.org')).toMatchObject({ ghost: true, children: ['001-child@example.org'] });
    // the RT auto-replies: one In-Reply-To the FYI (preferred over its References), one under the ticket ghost
    const rt = threadOf('notmuch/corpora/threading/ghost-root', (n) => !n.includes('.len'));
    expect(rt.t.roots).toEqual(['87bmc6lp3h.fsf@len.workgroup', 'RT-Ticket-33575@xxxxxxx-xxxxxxxxxxxxxxxxx-xxxxxxxxx-xxxxxxxxx.de']);
    expect(rt.by.get('87bmc6lp3h.fsf@len.workgroup')!.children).toHaveLength(1);
  });
});
