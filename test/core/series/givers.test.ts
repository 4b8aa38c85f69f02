/**
 * The one decision of which trailers a message gives (givers.ts), its bot table (bots.ts) and
 * its pasted-text rule (pasted.ts): b4's sender rule (address by email_eq, or the exact name),
 * the one difference (a tagged sender is not its untagged address), evidence kept for what
 * is not counted, and the lines that are never trailers.
 */
import { describe, expect, it } from 'vitest';
import { botOf } from '../../../src/core/mail/bots.ts';
import { giftOf, givenBySender } from '../../../src/core/series/givers.ts';
import { pastedLines } from '../../../src/core/series/pasted.ts';
import { head } from '../../fixtures/model/heads.ts';

const given = (from: { name: string; address: string }, trailer: string, via?: string): string[] => {
  const h = head('r', { from, ...(via ? { via } : {}) });
  return giftOf(h, `Looks fine.\n\n${trailer}\n`, 'r').own.map((t) => t.value);
};

describe('giftOf: whose word a reply carries', () => {
  it("takes a person trailer only from that person's own address, and keeps the others as evidence", () => {
    expect(given({ name: 'Jeff Layton', address: 'jlayton@samba.org' }, 'Acked-by: Jeff Layton <jlayton@samba.org>')).toEqual(['Jeff Layton <jlayton@samba.org>']);
    expect(given({ name: 'Jeff Layton', address: 'jlayton@samba.org' }, 'Acked-by: Steve French <sfrench@samba.org>')).toEqual([]);
    const g = giftOf(head('r', { from: { name: 'Jeff Layton', address: 'jlayton@samba.org' } }), 'Acked-by: Steve French <sfrench@samba.org>\n', 'r');
    expect(g.evidence).toMatchObject([{ name: 'Acked-by', why: 'not-sender', sender: { address: 'jlayton@samba.org' }, person: { address: 'sfrench@samba.org' } }]);
  });

  it('goes by name when gmane mangled one of the two addresses, or a list rewrote the From', () => {
    const gmane = { name: 'Jeff Layton', address: 'jlayton-eUNUBHrolfbYtjvyW6yDsg@public.gmane.org' };
    expect(given(gmane, 'Acked-by: Jeff Layton <jlayton-eUNUBHrolfbYtjvyW6yDsg@public.gmane.org>')).toHaveLength(1);
    expect(given(gmane, 'Acked-by: Jeff Layton <jlayton@redhat.com>')).toHaveLength(1);
    expect(given({ name: 'Jeff Layton', address: 'jlayton@redhat.com' }, 'Acked-by: Jeff Layton <jlayton-eUNUBHrolfbYtjvyW6yDsg@public.gmane.org>')).toHaveLength(1);
    expect(given(gmane, 'Acked-by: Steve French <sfrench@samba.org>')).toEqual([]);
    const list = { name: 'Bob Jones', address: 'kasan-dev@googlegroups.com' };
    expect(given(list, 'Reviewed-by: Bob Jones <bob@example.org>', 'kasan-dev')).toEqual(['Bob Jones <bob@example.org>']);
    expect(given(list, 'Reviewed-by: Alice Smith <alice@example.org>', 'kasan-dev')).toEqual([]);
  });

  it("b4's email_eq: a +tag in the trailer, one domain label more; but a tagged sender is only its own address", () => {
    const foo = { name: 'Foo Bar', address: 'foo@intel.com' };
    expect(givenBySender({ name: '', address: 'foo+lkml@intel.com' }, { from: foo })).toBe(true);
    expect(givenBySender({ name: '', address: 'foo@linux.intel.com' }, { from: foo })).toBe(true);
    expect(givenBySender({ name: '', address: 'foo@a.linux.intel.com' }, { from: foo })).toBe(false);
    const tagged = { name: 'syzbot ci', address: 'syzbot+ci2a4f0c51b6d2c7a1@syzkaller.appspotmail.com' };
    expect(givenBySender({ name: '', address: 'syzbot@syzkaller.appspotmail.com' }, { from: tagged })).toBe(false);
    expect(givenBySender({ name: '', address: tagged.address }, { from: tagged })).toBe(true);
    // a person writing from a tagged address still signs by name
    expect(givenBySender({ name: 'Foo Bar', address: 'foo@intel.com' }, { from: { name: 'Foo Bar', address: 'foo+lists@intel.com' } })).toBe(true);
  });

  it('takes Fixes among the trailers naming nobody, nothing with a URL, and no header or Cc (b4)', () => {
    const h = head('r', { from: { name: 'Ann', address: 'ann@x.org' } });
    const g = giftOf(h, ['Fixes: 0123456789ab ("x: y")', 'Link: https://lore.kernel.org/r/abc@x', 'Cc: Ann <ann@x.org>', 'Author: Ann <ann@x.org>', 'From: Ann <ann@x.org>', 'Reviewed-by: Ann <ann@x.org>'].join('\n'), 'r');
    expect(g.own.map((t) => t.name)).toEqual(['Fixes', 'Reviewed-by']);
  });

  it("a bot's mail gives nothing: its template lines are evidence, the bot named", () => {
    const h = head('r', { from: { name: 'kernel test robot', address: 'lkp@intel.com' }, subject: 'Re: [PATCH 1/2] x' });
    const g = giftOf(h, 'kernel test robot noticed the following build errors:\n\nReported-by: kernel test robot <lkp@intel.com>\nCloses: https://lore.kernel.org/oe-kbuild-all/x@intel.com/\n', 'r');
    expect(g.own).toEqual([]);
    expect(g.bot).toEqual({ name: 'kernel test robot', kind: 'build', reader: 'lkp' });
    expect(g.evidence.map((t) => [t.name, t.why, t.bot])).toEqual([
      ['Reported-by', 'bot', 'kernel test robot'],
      ['Closes', 'bot', 'kernel test robot'],
    ]);
  });
});

describe('botOf: the bot table', () => {
  it('knows the bots that mail kernel lists, by address, name or subject tag', () => {
    const who = (name: string, address: string, subject = ''): string | null => botOf({ name, address }, subject)?.name ?? null;
    expect(who('syzbot ci', 'syzbot+ci2a4f0c51b6d2c7a1@syzkaller.appspotmail.com')).toBe('syzbot ci');
    expect(who('syzbot', 'syzbot+0f1e2d3c4b5a69788796@syzkaller.appspotmail.com')).toBe('syzbot');
    expect(who('', 'someone@example.org', '[syzbot ci] Re: [PATCH v2 0/3] x')).toBe('syzbot ci');
    expect(who('kernel test robot', 'lkp@intel.com')).toBe('kernel test robot');
    expect(who('kbuild test robot', 'fengguang.wu@intel.com')).toBe('kernel test robot');
    expect(who('KernelCI bot', 'bot@kernelci.org')).toBe('KernelCI');
    expect(who('', 'patchwork-bot+netdevbpf@kernel.org')).toBe('patchwork-bot');
    expect(who('Patchwork', 'patchwork@emeril.freedesktop.org')).toBe('Patchwork CI');
    expect(who('', 'bot+bpf-ci@kernel.org')).toBe('kernel.org review bot');
    expect(who('Frob CI bot', 'ci@frob.example')).toBe('a bot');
    // people, and people answering a bot, are no bots
    expect(who('Abbot Talbot', 'abbot@example.org')).toBeNull();
    expect(who('Dmitry Vyukov', 'dvyukov@google.com', 'Re: [syzbot ci] Re: [PATCH v2 0/3] x')).toBeNull();
  });
});

describe('pastedLines', () => {
  const marked = (text: string): string =>
    [...pastedLines(text.split('\n'))].map((x) => String(x)).join('');

  it('marks ``` and ~~~ fences, an unclosed one to the end', () => {
    expect(marked('a\n```\nAcked-by: x <x@y.z>\n```\nb')).toBe('01110');
    expect(marked('a\n~~~ diff\nx\n~~~\nb')).toBe('01110');
    expect(marked('a\n```\nx\ny')).toBe('0111');
  });

  it('marks git show / git log output: commit line, header lines, the indented message', () => {
    const text = ['see:', 'commit 4f2a8b1c9d0e', 'Author: A <a@x.org>', 'Date:   Mon Jan 1', '', '    subject', '', '    Tested-by: T <t@x.org>', '', 'my words', 'Tested-by: Me <me@x.org>'].join('\n');
    expect(marked(text)).toBe('01111111000');
    // a commit line git's header lines do not follow is prose
    expect(marked('commit 4f2a8b1c9d0e is the culprit\nAcked-by: A <a@x.org>')).toBe('00');
  });

  it('is linear on a long paste', () => {
    const lines = ['commit 0123456789ab', 'Author: A <a@x.org>', '', ...Array.from({ length: 200_000 }, () => '    Tested-by: T <t@x.org>')];
    const t = performance.now();
    expect(pastedLines(lines).every((x) => x === 1)).toBe(true);
    expect(performance.now() - t).toBeLessThan(5_000); // a hang cap, not a timing
  });
});
