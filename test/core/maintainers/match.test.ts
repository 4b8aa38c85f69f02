/**
 * Matching on a small MAINTAINERS written to exercise get_maintainer.pl's rules one by one
 * (the differential test checks them all against the script on the kernel's file), and as
 * properties: a file under a directory pattern matches, X: always wins, and the directory
 * indexes (F: by literal start, N: by needle) find exactly what trying every pattern on every
 * file finds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileMaintainers, matchPatch, type MaintainersIndex } from '../../../src/core/maintainers/match.ts';
import { parseMaintainers } from '../../../src/core/maintainers/parse.ts';
import { fileMatches, filePattern } from '../../../src/core/maintainers/patterns.ts';
import { parsePerlRegex } from '../../../src/core/maintainers/perl-regex.ts';
import { compileRegex } from '../../../src/core/maintainers/regex-program.ts';
import { search } from '../../../src/core/maintainers/regex-vm.ts';

const FILE = `NETWORK DRIVERS
M:	Net Maint <net@example.org>
L:	netdev@example.org
S:	Maintained
F:	drivers/net/
X:	drivers/net/wireless/

WIRELESS
M:	Wifi Maint <wifi@example.org>
S:	Odd Fixes
F:	drivers/net/wireless/

HEADERS
M:	Header Maint <hdr@example.org>
F:	include/linux/*.h

ARCH BOOT
M:	Boot Maint <boot@example.org>
F:	arch/*/boot/

FOO C AND H
M:	Foo Maint <foo@example.org>
F:	lib/foo.[ch]

SCHEDULER
M:	Sched Maint <sched@example.org>
F:	kernel/sched

TEGRA
M:	Tegra Maint <tegra@example.org>
N:	[^a-z]tegra

BPF
M:	Bpf Maint <bpf@example.org>
K:	(?:\\b|_)bpf(?:\\b|_)

PHYLINK
M:	Phylink Maint <phylink@example.org>
K:	phylink\\.h|struct\\s+phylink

THE REST
M:	Linus Torvalds <torvalds@linux-foundation.org>
L:	linux-kernel@vger.kernel.org
F:	*
F:	*/
`;

const ix = compileMaintainers(parseMaintainers(FILE));
const names = (files: string[], text?: string, keywords = true): string[] => matchPatch(ix, { files, text }, { keywords }).entries.map((m) => ix.entries[m.entry]!.name);

function patch(lines: string[]): string {
  return `Subject: [PATCH] x: y\n\n${lines.join('\n')}\n`;
}

describe('matchPatch', () => {
  it('takes a directory pattern for everything below it, X: excluded', () => {
    expect(names(['drivers/net/ethernet/e1000/e1000.c'])).toEqual(['NETWORK DRIVERS']);
    expect(names(['drivers/net/wireless/ath/x.c'])).toEqual(['WIRELESS']);
    expect(names(['drivers/net/wireless/ath/x.c', 'drivers/net/tun.c'])).toEqual(['WIRELESS', 'NETWORK DRIVERS']);
  });

  it('reads * within one directory for a file pattern and across them for a directory one', () => {
    expect(names(['include/linux/mm.h'])).toEqual(['HEADERS']);
    expect(names(['include/linux/sched/mm.h'])).toEqual([]);
    expect(names(['include/linux/mm.c'])).toEqual([]);
    expect(names(['arch/arm/boot/dts/x.dts'])).toEqual(['ARCH BOOT']);
    expect(names(['arch/arm/mach-foo/boot/y.S'])).toEqual(['ARCH BOOT']);
  });

  it('keeps the rest of a glob a Perl regex', () => {
    expect(names(['lib/foo.c'])).toEqual(['FOO C AND H']);
    expect(names(['lib/foo.h'])).toEqual(['FOO C AND H']);
    expect(names(['lib/foo.s'])).toEqual([]);
  });

  it('reads a plain pattern as a directory and as a file prefix', () => {
    expect(names(['kernel/sched/core.c'])).toEqual(['SCHEDULER']);
    expect(names(['kernel/sched'])).toEqual(['SCHEDULER']);
    // get_maintainer.pl's prefix: the same depth and the same start
    expect(names(['kernel/scheduler.c'])).toEqual(['SCHEDULER']);
    expect(names(['kernel/other/sched'])).toEqual([]);
  });

  it('runs N: anywhere in the path', () => {
    expect(names(['arch/arm/mach-tegra/board.c'])).toEqual(['TEGRA']);
    expect(names(['drivers/net/nvidia-tegra.c'])).toEqual(['NETWORK DRIVERS', 'TEGRA']);
    expect(names(['tegra/x.c'])).toEqual([]);
  });

  it('keeps THE REST apart', () => {
    const m = matchPatch(ix, { files: ['README'] });
    expect(m.entries).toEqual([]);
    expect(m.rest.map((r) => ix.entries[r.entry]!.name)).toEqual(['THE REST']);
    expect(ix.entries.filter((e) => e.rest).map((e) => e.name)).toEqual(['THE REST']);
  });

  it("reads K: keywords as get_maintainer.pl reads a patch's lines", () => {
    const diff = (line: string): string => patch(['Body.', '---', 'diff --git a/x.c b/x.c', '--- a/x.c', '+++ b/x.c', '@@ -1,2 +1,2 @@', line]);
    // before the diff, anywhere in a line (the subject and the message)
    expect(names([], patch(['Use bpf here.']))).toEqual(['BPF']);
    expect(names([], 'Subject: [PATCH] bpf: x\n\nBody.\n')).toEqual(['BPF']);
    // in the diff, added and removed lines only
    expect(names([], diff('+\tbpf_prog_run(p);'))).toEqual(['BPF']);
    expect(names([], diff('-\tbpf_prog_run(p);'))).toEqual(['BPF']);
    expect(names([], diff(' \tbpf_prog_run(p);'))).toEqual([]);
    expect(names([], diff('+\tebpfx();'))).toEqual([]);
    // lines naming files, Fixes: and hunk heads are never searched
    expect(names([], patch(['Fixes: 1234567890ab ("bpf: x")']))).toEqual([]);
    expect(names([], patch(['diff --git a/bpf.c b/bpf.c', '--- a/bpf.c', '+++ b/bpf.c']))).toEqual([]);
    // `a|b`: get_maintainer.pl ties only `a` to +/- lines
    expect(names([], diff(' \tstruct phylink *pl;'))).toEqual(['PHYLINK']);
    expect(names([], diff(' #include <linux/phylink.h>'))).toEqual([]);
    expect(names([], diff('+#include <linux/phylink.h>'))).toEqual(['PHYLINK']);
    // --nokeywords, and keywords ignore X:
    expect(names([], patch(['Use bpf here.']), false)).toEqual([]);
    expect(names(['drivers/net/wireless/x.c'], patch(['Use bpf here.']))).toEqual(['WIRELESS', 'BPF']);
  });

  it('says which files and whether a keyword brought an entry', () => {
    const m = matchPatch(ix, { files: ['drivers/net/a.c', 'drivers/net/b.c'], text: patch(['bpf']) });
    expect(m.entries).toEqual([
      { entry: 0, files: ['drivers/net/a.c', 'drivers/net/b.c'], keyword: false, depth: 2 },
      { entry: 7, files: [], keyword: true, depth: -2 },
    ]);
  });
});

describe('a cache parse.ts did not write', () => {
  it('drops the patterns it would have refused and matches with the rest', () => {
    const file = { format: 1 as const, errors: [], errorCount: 0, entries: [{ name: 'BAD', line: 1, F: ['drivers/[x', `${'*'.repeat(5000)}a`, 'ok/'], X: ['('], N: ['(?=x)'], K: ['\\1'] }] };
    const ix = compileMaintainers(file);
    expect(matchPatch(ix, { files: ['ok/a.c', 'drivers/[x/y', 'bbbb\na'], text: 'Subject: x\n\nx\n' }).entries).toEqual([{ entry: 0, files: ['ok/a.c'], keyword: false, depth: 1 }]);
  });
});

describe('matchPatch properties', () => {
  const seg = fc.constantFrom('a', 'b', 'net', 'x.c', 'y.h', 'sub');
  const path = fc.array(seg, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
  const pattern = fc.oneof(
    path.map((p) => `${p}/`),
    path,
    path.map((p) => `${p}*`),
    path.map((p) => p.replace(/[^/]+$/, '*')),
    path.map((p) => `*/${p}`),
    path.map((p) => p.replace(/\./g, '?')),
    // regex F: values (a class), filed by their literal prefix
    path.map((p) => p.replace(/[ch]$/, '[ch]')),
    path.map((p) => p.replace(/^(.)/, '[$1]')),
  );
  const entries = fc.array(fc.record({ F: fc.array(pattern, { minLength: 1, maxLength: 3 }), X: fc.array(pattern, { maxLength: 2 }) }), { minLength: 1, maxLength: 6 });
  const build = (es: Array<{ F: string[]; X: string[] }>): MaintainersIndex =>
    compileMaintainers(parseMaintainers(es.map((e, i) => [`ENTRY ${i}`, 'M: M <m@example.org>', ...e.F.map((f) => `F: ${f}`), ...e.X.map((x) => `X: ${x}`)].join('\n')).join('\n\n') + '\n'));

  it('matches a file under a directory pattern', () => {
    fc.assert(
      fc.property(path, path, (dir, below) => {
        const ix = build([{ F: [`${dir}/`], X: [] }]);
        const m = matchPatch(ix, { files: [`${dir}/${below}`] });
        expect([...m.entries, ...m.rest].map((e) => e.entry)).toEqual([0]);
      }),
    );
  });

  it('never matches a file an X: of the entry matches', () => {
    // the file lies under the entry's F: and under an X: in one of its forms
    const xOf = (dir: string, below: string, file: string): string[] => [`${dir}/`, file, `${dir}/*`.replace(/\*$/, below.includes('/') ? '*/' : '*'), `*/${file.split('/').slice(1).join('/')}`, file.replace(/[^/]$/, '?')];
    fc.assert(
      fc.property(path, path, path, fc.nat(4), (top, dir, below, kind) => {
        const file = `${top}/${dir}/${below}`;
        const x = xOf(`${top}/${dir}`, below, file)[kind]!;
        fc.pre(fileMatches(filePattern(x), file));
        const ix = build([
          { F: [`${top}/`], X: [x] },
          { F: [`${top}/`], X: [] },
        ]);
        const m = matchPatch(ix, { files: [file] });
        expect([...m.entries, ...m.rest].map((e) => e.entry)).toEqual([1]);
      }),
    );
  });

  it('finds through the needle index what every N: run on the file finds', () => {
    const values = ['net', 'x\\.c', '(?i)NET', 'a|sub', '^b', 'y\\.h$', '[^a-z]net', 'a*', '(?:b|x)\\.', 'su+b', 'Net'];
    const withN = fc.array(fc.record({ N: fc.array(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }), X: fc.array(pattern, { maxLength: 1 }) }), { minLength: 1, maxLength: 6 });
    const files = fc.array(path.map((p) => p.replace(/^net/, 'Net')), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(withN, files, (es, fs) => {
        const ix = compileMaintainers(parseMaintainers(es.map((e, i) => [`ENTRY ${i}`, 'M: M <m@example.org>', ...e.N.map((n) => `N: ${n}`), ...e.X.map((x) => `X: ${x}`)].join('\n')).join('\n\n') + '\n'));
        const runs = (n: string, f: string): boolean => search(compileRegex(parsePerlRegex(n, { x: true })), f);
        const brute = es.flatMap((e, i) => (fs.some((f) => e.N.some((n) => runs(n, f)) && !e.X.some((x) => fileMatches(filePattern(x), f))) ? [i] : []));
        const m = matchPatch(ix, { files: fs });
        expect([...m.entries, ...m.rest].map((e) => e.entry).sort((a, b) => a - b)).toEqual(brute);
      }),
    );
  });

  it('finds through its index what every pattern tried on the file finds', () => {
    fc.assert(
      fc.property(entries, fc.array(path, { minLength: 1, maxLength: 4 }), (es, files) => {
        const ix = build(es);
        const brute = es.flatMap((e, i) => (files.some((f) => e.F.some((p) => fileMatches(filePattern(p), f)) && !e.X.some((x) => fileMatches(filePattern(x), f))) ? [i] : []));
        const m = matchPatch(ix, { files });
        expect([...m.entries, ...m.rest].map((e) => e.entry).sort((a, b) => a - b)).toEqual(brute);
      }),
    );
  });
});
