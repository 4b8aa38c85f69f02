/**
 * Bots' reports as findings (issue 18), one test per bot. The corpus holds no bot mail, so
 * each is crafted in the bot's documented template (syzkaller's dashboard/app/templates and
 * syzbot ci's mail, lkp-tests' report, freedesktop Patchwork CI's, the BPF CI's AI review),
 * with made-up titles and ids: the template's fixed words are what is tested.
 */
import { describe, expect, it } from 'vitest';
import { botFindings, botOf } from '../../../src/core/mail/bots.ts';
import { messageIdOfUrl, patchRef, subjectTitle, titleKind } from '../../../src/core/mail/bot-reports.ts';

const read = (from: { name: string; address: string }, subject: string, body: string) => {
  const bot = botOf(from, subject);
  expect(bot).not.toBeNull();
  return { bot: bot!.name, ...botFindings(bot!, subject, body) };
};

describe('syzbot ci', () => {
  const from = { name: 'syzbot ci', address: 'syzbot+ci0a1b2c3d4e5f6a7b@syzkaller.appspotmail.com' };
  it('one issue: its title, kind and full-report link; the series it tested by lore URL and [vN]', () => {
    const body = [
      'syzbot ci has tested the following series',
      '',
      '[v3] mm: make frobnication lockless',
      'https://lore.kernel.org/all/20260101120000.1234-1-dev%40example.org',
      '* [PATCH v3 1/2] mm: add frob helper',
      '* [PATCH v3 2/2] mm: use frob helper',
      '',
      'and found the following issue:',
      'WARNING in folio_memcg',
      '',
      'Full report is available here:',
      'https://ci.syzbot.org/series/0000-1111',
      '',
      '***',
      '',
      'WARNING in folio_memcg',
      '',
      'tree:      mm-new',
      '***',
      '',
      'If these findings have caused you to resend the series or submit a',
      'separate fix, please add the following tag to your commit message:',
      '  Tested-by: syzbot@syzkaller.appspotmail.com',
    ].join('\n');
    const r = read(from, '[syzbot ci] Re: mm: make frobnication lockless', body);
    expect(r).toEqual({
      bot: 'syzbot ci',
      findings: [{ title: 'WARNING in folio_memcg', kind: 'warning', link: 'https://ci.syzbot.org/series/0000-1111' }],
      names: ['20260101120000.1234-1-dev@example.org'],
      namesVersion: { version: 3, counter: null },
    });
  });
  it('several issues: one finding each, crashes and build errors told apart', () => {
    const body = [
      'syzbot ci has tested the following series',
      '',
      '[v1] io: rework the ring',
      'https://lore.kernel.org/all/cover.42.git.dev@example.org',
      '* [PATCH 1/1] io: rework the ring',
      '',
      'and found the following issues:',
      '* KASAN: slab-use-after-free Read in ring_free',
      '* kernel BUG in ring_commit',
      '* kernel build error',
      '',
      'Full report is available here:',
      'https://ci.syzbot.org/series/2222',
    ].join('\n');
    const r = read(from, '[syzbot ci] Re: io: rework the ring', body);
    expect(r.findings.map((f) => [f.title, f.kind])).toEqual([
      ['KASAN: slab-use-after-free Read in ring_free', 'crash'],
      ['kernel BUG in ring_commit', 'crash'],
      ['kernel build error', 'build error'],
    ]);
    expect(r.names).toEqual(['cover.42.git.dev@example.org']);
  });
  it('a person quoting the report gives no finding: it is no bot mail, and quotes are not read', () => {
    expect(botOf({ name: 'Dev One', address: 'dev@example.org' }, 'Re: [syzbot ci] Re: io: rework the ring')).toBeNull();
  });
});

describe('syzbot', () => {
  const from = { name: 'syzbot', address: 'syzbot+0123456789abcdef0123@syzkaller.appspotmail.com' };
  it('a bug report: the subject after its tags is the title, the dashboard link the link', () => {
    const body = ['Hello,', '', 'syzbot found the following issue on:', '', 'HEAD commit:    0123456789ab Merge tag x', 'git tree:       upstream', 'dashboard link: https://syzkaller.appspot.com/bug?extid=0123456789abcdef0123', '', 'IMPORTANT: if you fix the issue, please add the following tag to the commit:', 'Reported-by: syzbot+0123456789abcdef0123@syzkaller.appspotmail.com'].join('\n');
    const r = read(from, '[syzbot] [mm?] KASAN: use-after-free Read in frob_free', body);
    expect(r.findings).toEqual([{ title: 'KASAN: use-after-free Read in frob_free', kind: 'crash', link: 'https://syzkaller.appspot.com/bug?extid=0123456789abcdef0123' }]);
  });
  it('a test of a proposed patch: passed, still crashing, or build/boot failed', () => {
    const tail = ['', 'Tested on:', '', 'commit:         0123456789ab mm: x', 'dashboard link: https://syzkaller.appspot.com/bug?extid=1', 'patch:          https://syzkaller.appspot.com/x/patch.diff?x=1'].join('\n');
    const passed = read(from, 'Re: [syzbot] [mm?] WARNING in folio_memcg', `Hello,\n\nsyzbot has tested the proposed patch and the reproducer did not trigger any issue:\n\nReported-by: syzbot+1@syzkaller.appspotmail.com\nTested-by: syzbot+1@syzkaller.appspotmail.com\n${tail}`);
    expect(passed.findings).toEqual([{ title: 'the reproducer did not trigger any issue', kind: 'test passed', link: 'https://syzkaller.appspot.com/bug?extid=1' }]);
    const still = read(from, 'Re: [syzbot] [mm?] WARNING in folio_memcg', `Hello,\n\nsyzbot has tested the proposed patch but the reproducer is still triggering an issue:\nWARNING in folio_memcg\n\n------------[ cut here ]------------\n${tail}`);
    expect(still.findings.map((f) => [f.title, f.kind])).toEqual([['WARNING in folio_memcg', 'warning']]);
    const failed = read(from, 'Re: [syzbot] [mm?] WARNING in folio_memcg', `Hello,\n\nsyzbot tried to test the proposed patch but the build/boot failed:\n\nfailed to apply patch:\nchecking file mm/frob.c\n${tail}`);
    expect(failed.findings.map((f) => [f.title, f.kind])).toEqual([['build/boot failed: failed to apply patch:', 'build error']]);
  });
});

describe('kernel test robot', () => {
  const lkp = { name: 'kernel test robot', address: 'lkp@intel.com' };
  const head = (what: string) =>
    [
      'Hi Dev,',
      '',
      `kernel test robot noticed the following build ${what}:`,
      '',
      '[auto build test ERROR on akpm-mm/mm-everything]',
      '',
      'url:    https://github.com/intel-lab-lkp/linux/commits/Dev-One/mm-add-frob/20260101-000000',
      'base:   https://git.kernel.org/pub/scm/linux/kernel/git/akpm/mm.git mm-everything',
      'patch link:    https://lore.kernel.org/r/20260101120000.1234-3-dev%40example.org',
      'patch subject: [PATCH v2 2/5] mm: use frob helper',
      'config: arm-randconfig-001 (https://download.01.org/0day-ci/archive/x/config)',
      '',
      'If you fix the issue in a separate patch/commit (i.e. not just a new version of',
      'the same patch/commit), kindly add following tags',
      '| Reported-by: kernel test robot <lkp@intel.com>',
      '| Closes: https://lore.kernel.org/oe-kbuild-all/202601010000.AbCdEfGh-lkp@intel.com/',
      '',
    ].join('\n');
  it('build errors: the first new error line is the title; the patch link and subject name the patch; Closes is the link', () => {
    const body = `${head('errors')}All errors (new ones prefixed by >>):\n\n   mm/other.c:10:2: error: old problem\n>> mm/use.c:12:9: error: implicit declaration of function 'frob_get' [-Werror=implicit-function-declaration]\n      12 |         frob_get(x);\n\n-- \n0-DAY CI Kernel Test Service\n`;
    const r = read(lkp, 'Re: [PATCH v2 2/5] mm: use frob helper', body);
    expect(r).toEqual({
      bot: 'kernel test robot',
      findings: [{ title: "build error: implicit declaration of function 'frob_get' [-Werror=implicit-function-declaration]", kind: 'build error', link: 'https://lore.kernel.org/oe-kbuild-all/202601010000.AbCdEfGh-lkp@intel.com/' }],
      names: ['20260101120000.1234-3-dev@example.org'],
      namesVersion: { version: 2, counter: 2 },
    });
  });
  it('build warnings are warnings; a link-time error reads its undefined reference', () => {
    const warn = read(lkp, 'Re: [PATCH v2 2/5] mm: use frob helper', `${head('warnings')}All warnings (new ones prefixed by >>):\n\n>> mm/use.c:7:6: warning: no previous prototype for 'frob_use' [-Wmissing-prototypes]\n`);
    expect(warn.findings.map((f) => [f.title, f.kind])).toEqual([["build warning: no previous prototype for 'frob_use' [-Wmissing-prototypes]", 'warning']]);
    const ld = read(lkp, 'Re: [PATCH v2 2/5] mm: use frob helper', `${head('errors')}All errors (new ones prefixed by >>):\n\n>> ld: mm/use.o: in function \`frob_use': use.c:(.text+0x10): undefined reference to \`frob_get'\n`);
    expect(ld.findings.map((f) => f.title)).toEqual(["build error: undefined reference to `frob_get'"]);
  });
  it('a runtime report from the robot\'s engineers (its name, another address): the quoted title, failures and crashes told apart', () => {
    const from = { name: 'kernel test robot', address: 'oliver.sang@intel.com' };
    const boot = read(from, '[linux-next:master] [mm] 0123456789: BUG:KASAN:slab-use-after-free_in_frob_free', 'Hello,\n\nkernel test robot noticed "BUG:KASAN:slab-use-after-free_in_frob_free" on:\n\ncommit: 0123456789 ("mm: frob")\n\n| Reported-by: kernel test robot <oliver.sang@intel.com>\n| Closes: https://lore.kernel.org/oe-lkp/202601010000.0123abcd-oliver.sang@intel.com\n');
    expect(boot.findings).toEqual([{ title: 'BUG:KASAN:slab-use-after-free_in_frob_free', kind: 'crash', link: 'https://lore.kernel.org/oe-lkp/202601010000.0123abcd-oliver.sang@intel.com' }]);
    const test = read(from, 'x', 'Hello,\n\nkernel test robot noticed "ltp.ioctl09.fail" on:\n');
    expect(test.findings.map((f) => f.kind)).toEqual(['test failed']);
    const perf = read(from, 'x', 'Hello,\n\nkernel test robot noticed a -12.3% regression of will-it-scale.per_process_ops on:\n');
    expect(perf.findings.map((f) => [f.title, f.kind])).toEqual([['-12.3% regression of will-it-scale.per_process_ops', 'regression']]);
  });
});

describe('Patchwork CI (freedesktop)', () => {
  const from = { name: 'Patchwork', address: 'patchwork@emeril.freedesktop.org' };
  it('the subject names the test, State its outcome, URL the series', () => {
    const body = (state: string) => `== Series Details ==\n\nSeries: drm/frob: rework (rev2)\nURL   : https://patchwork.freedesktop.org/series/1234/\nState : ${state}\n\n== Summary ==\n`;
    expect(read(from, '✗ Fi.CI.BAT: failure for drm/frob: rework (rev2)', body('failure')).findings).toEqual([{ title: 'Fi.CI.BAT: failure', kind: 'test failed', link: 'https://patchwork.freedesktop.org/series/1234/' }]);
    expect(read(from, '✓ Fi.CI.BAT: success for drm/frob: rework (rev2)', body('success')).findings.map((f) => f.kind)).toEqual(['test passed']);
    expect(read(from, '✗ Fi.CI.CHECKPATCH: warning for drm/frob: rework (rev2)', body('warning')).findings.map((f) => [f.title, f.kind])).toEqual([['Fi.CI.CHECKPATCH: warning', 'warning']]);
  });
});

describe('AI review bot (BPF CI)', () => {
  it('its first question below the quoted diff is the title; the CI run is the link', () => {
    const from = { name: '', address: 'bot+bpf-ci@kernel.org' };
    const body = ['> diff --git a/kernel/bpf/x.c b/kernel/bpf/x.c', '> +\tfoo();', '', '[ ... ]', '', 'Can this loop leak program references? If the loop runs twice, the second', 'increment is never dropped.', '', '---', 'AI reviewed your patch. Please fix the bug or email reply why it\'s not a bug.', '', 'CI run summary: https://github.com/kernel-patches/bpf/actions/runs/1'].join('\n');
    const r = read(from, 'Re: [PATCH bpf-next v2 3/8] bpf: frob', body);
    expect(r.findings).toEqual([{ title: 'Can this loop leak program references?', kind: 'review', link: 'https://github.com/kernel-patches/bpf/actions/runs/1' }]);
  });
});

describe('other bots', () => {
  it('patchwork-bot only sends notices: a report with no finding', () => {
    const bot = botOf({ name: 'patchwork-bot+netdevbpf', address: 'patchwork-bot+netdevbpf@kernel.org' });
    expect(botFindings(bot!, 'Re: [PATCH net-next] net: frob', 'Hello:\n\nThis patch was applied to netdev/net-next.git (main)').findings).toEqual([]);
  });
  it('any other bot: its subject as a report, and the [PATCH vN n/M] its own lines name', () => {
    const r = read({ name: 'CI Robot', address: 'ci@example.org' }, 'Re: [PATCH v4 3/6] mm: frob', 'Results for [PATCH v4 3/6] mm: frob\n> [PATCH v9 9/9] quoted, not read\n');
    expect(r.findings).toEqual([{ title: 'mm: frob', kind: 'report', link: null }]);
    expect(r.namesVersion).toEqual({ version: 4, counter: 3 });
  });
});

describe('the pieces', () => {
  it('lore URLs name Message-IDs, percent-escapes undone; other URLs name none', () => {
    expect(messageIdOfUrl('https://lore.kernel.org/r/a.b%40c.org')).toBe('a.b@c.org');
    expect(messageIdOfUrl('https://lore.kernel.org/linux-mm/x@y/')).toBe('x@y');
    expect(messageIdOfUrl('https://patch.msgid.link/x@y')).toBe('x@y');
    expect(messageIdOfUrl('https://ci.syzbot.org/series/1')).toBeNull();
    expect(messageIdOfUrl('https://lore.kernel.org/r/%E0%A4%A')).toBeNull();
  });
  it('patch refs, subject titles and title kinds', () => {
    expect(patchRef('[PATCH net-next v2 14/25] x')).toEqual({ version: 2, counter: 14 });
    expect(patchRef('[RFC PATCH] x')).toEqual({ version: 1, counter: null });
    expect(patchRef('[PATCH v3 0/4] x')).toEqual({ version: 3, counter: null });
    expect(subjectTitle('Re: [syzbot] [mm?] [fs?] WARNING in x')).toBe('WARNING in x');
    expect(['WARNING in x', 'general protection fault in y', 'INFO: task hung in z', 'xfstests.generic.417.fail'].map(titleKind)).toEqual(['warning', 'crash', 'crash', 'test failed']);
  });
  it('hostile input: a huge report is read in bounded time, titles clipped', () => {
    const long = 'x'.repeat(100_000);
    const body = `kernel test robot noticed the following build errors:\n>> a.c:1:1: error: ${long}\n${'>> y\n'.repeat(50_000)}`;
    const r = botFindings(botOf({ name: 'kernel test robot', address: 'lkp@intel.com' })!, 's', body);
    expect(r.findings[0]!.title.length).toBeLessThanOrEqual(160);
    // tags are read near a line's start; a line of brackets or dots is read once
    const t0 = performance.now();
    const generic = botFindings(botOf({ name: 'CI Robot', address: 'ci@example.org' })!, '.'.repeat(50_000), `${'['.repeat(100_000)}\n`.repeat(20));
    const pw = botFindings(botOf({ name: 'Patchwork', address: 'patchwork@emeril.freedesktop.org' })!, `${'.'.repeat(100_000)}x`, 'State : failure\n');
    expect(generic.namesVersion).toBeNull();
    expect(pw.findings[0]!.kind).toBe('test failed');
    expect(performance.now() - t0).toBeLessThan(5000); // a hang-catching cap, not a timing
  });
});
