/**
 * "Applied" replies as maintainers and their bots write them (b4 ty's template, free text,
 * Greg KH's and tip-bot2's notices, a committer's copy of the patch), and what must not count:
 * quoted text, the author, "applied locally and tested". Also b4's email_eq.
 */
import { describe, expect, it } from 'vitest';
import { appliedSignal } from '../../../src/core/series/applied.ts';
import { emailEq } from '../../../src/core/series/trailers.ts';

const author = { name: 'Alice Author', address: 'alice@example.org' };
const mark = { name: 'Mark Maintainer', address: 'mark@kernel.example' };
const sig = (body: string, carries = false, from = mark) => appliedSignal(body, carries, from, author);

describe('appliedSignal', () => {
  it.each([
    ['Applied, thanks!', null],
    ['Thanks, applied.', null],
    ['Applied to net-next, thanks!', 'net-next'],
    ['Applied to bpf-next (master), thanks!', 'bpf-next (master)'],
    ['Applied the series to drm-misc-next.', 'drm-misc-next'],
    ['Queued into tip:x86/urgent', 'tip:x86/urgent'],
    ['Merged into for-next, thanks.', 'for-next'],
    ['Thanks, I\'ve applied it to mm-unstable.', 'mm-unstable'],
  ])('%s', (line, where) => {
    expect(sig(`On Mon, Alice wrote:\n> the patch\n\n${line}\n\n-- \nMark`)).toMatchObject({ by: mark, where, evidence: line });
  });

  it('b4 ty: the summary limits the signal to the patches it lists', () => {
    const body = 'On Mon, 01 Jan 2024, Alice Author wrote:\n> intro\n\nApplied, thanks!\n\n[1/3] mm: one\n      commit: 0123456789ab\n[3/3] mm: three\n      commit: ba9876543210\n\nBest regards,\n-- \nMark';
    expect(sig(body)).toMatchObject({ subset: [1, 3], where: null });
  });

  it("Mark Brown's b4 ty template: 'Applied to' alone, the tree's URL on its own line, then Thanks!", () => {
    const body = [
      'On Mon, 01 Jan 2024 10:00:00 +0000, Alice Author wrote:',
      '> The frob controller needs a reset.',
      '',
      'Applied to',
      '',
      '   https://git.kernel.org/pub/scm/linux/kernel/git/broonie/spi.git for-next',
      '',
      'Thanks!',
      '',
      '[1/2] spi: frob: reset the controller',
      '      commit: 0123456789abcdef0123456789abcdef01234567',
      '[2/2] spi: frob: document the reset',
      '      commit: fedcba9876543210fedcba9876543210fedcba98',
      '',
      'All being well this means that it will be integrated into the linux-next',
      'tree (usually sometime in the next 24 hours) and sent to Linus during the',
      'next merge window (or sooner if it is a bug fix), however if problems are',
      'discovered then the patch may be dropped or reverted.',
      '',
      'Thanks,',
      'Mark',
    ].join('\n');
    expect(sig(body)).toMatchObject({ by: mark, sender: mark, where: 'broonie/spi.git for-next', subset: [1, 2], commits: 2, evidence: 'Applied to https://git.kernel.org/pub/scm/linux/kernel/git/broonie/spi.git for-next' });
    // talk of a tree is no news: "Applied to" with no tree below it
    expect(sig('Applied to\n\nmy local branch, works.')).toBeNull();
  });

  it("bots: Greg's tree, tip-bot2's branch, akpm's -mm branch", () => {
    expect(sig("This is a note to let you know that I've just added the patch titled\n\n    usb: fix x\n\nto my usb git tree which can be found at\n")).toMatchObject({ where: 'usb' });
    expect(sig('The following commit has been merged into the x86/urgent branch of tip:\n\nCommit-ID: abc')).toMatchObject({ where: 'tip/x86/urgent' });
    expect(sig('The patch titled\n     Subject: mm: x\nhas been added to the -mm mm-unstable branch.  Its filename is\n')).toMatchObject({ where: 'mm-unstable' });
  });

  it("a reply carrying the patch with the committer's Signed-off-by below the author's", () => {
    const body = `mm: x\n\nSigned-off-by: Alice Author <alice@example.org>\nSigned-off-by: Andrew Morton <akpm@linux-foundation.org>\n---\ndiff --git a/x b/x\n`;
    expect(sig(body, true)).toMatchObject({ by: { address: 'akpm@linux-foundation.org' }, where: null });
    // a reviewer's fixup diff with only their own sign-off is no applied copy
    expect(sig('Try this:\n\nSigned-off-by: Mark Maintainer <mark@kernel.example>\n---\ndiff --git a/x b/x\n', true)).toBeNull();
  });

  it('not applied: quoted, said by the author, or about a local test', () => {
    expect(sig('> Applied, thanks!\n\nWhy was this applied?')).toBeNull();
    expect(sig('Applied, thanks!', false, author)).toBeNull();
    expect(sig('I applied it to my local tree and it boots.')).toBeNull();
    expect(sig('Looks good to me.')).toBeNull();
  });
});

describe('emailEq (b4)', () => {
  it('case, +tags and one extra domain label', () => {
    expect(emailEq('Foo@Intel.com', 'foo@intel.com')).toBe(true);
    expect(emailEq('foo+lkml@intel.com', 'foo@intel.com')).toBe(true);
    expect(emailEq('foo@linux.intel.com', 'foo@intel.com')).toBe(true);
    expect(emailEq('foo@a.linux.intel.com', 'foo@intel.com')).toBe(false);
    expect(emailEq('foo@intel.com', 'bar@intel.com')).toBe(false);
    expect(emailEq('foo', 'foo')).toBe(false);
  });
});
