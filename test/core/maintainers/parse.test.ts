/**
 * The MAINTAINERS reader: the cached form of a small file, QEMU's and U-Boot's layouts,
 * every kind of malformed line (an error with its line number, the line skipped, nothing
 * else lost), and as properties: CRLF line ends and trailing blanks change nothing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_ERRORS, parseMaintainers } from '../../../src/core/maintainers/parse.ts';

const SAMPLE = `List of maintainers
	M: *Mail* patches to: FullName <address@domain>

MEMORY MANAGEMENT - ZSWAP
M:	Johannes Weiner <hannes@cmpxchg.org>
M:	"Pham, Nhat" <nphamcs@gmail.com>
R:	Chengming Zhou <chengming.zhou@linux.dev> (zpool)
L:	linux-mm@kvack.org
L:	Mali DP Maintainers <malidp@foss.arm.com>
S:	Maintained
F:	mm/zswap.c
F:	include/linux/zswap.h
# a comment inside an entry
X:	mm/zswap-old.c
N:	zswap
K:	\\bzswap_\\w+
T:	git git://git.kernel.org/pub/scm/linux/kernel/git/akpm/mm
W:	https://www.kernel.org/
Q:	https://patchwork.kernel.org/project/linux-mm/list/
B:	https://bugzilla.kernel.org
C:	irc://irc.libera.chat/linux-mm
P:	Documentation/mm/profile.rst

THE REST
M:	Linus Torvalds <torvalds@linux-foundation.org>
L:	linux-kernel@vger.kernel.org
S:	Buried alive in reporters
F:	*
F:	*/
`;

describe('parseMaintainers', () => {
  it('keeps each entry under the format letters, values as written', () => {
    const f = parseMaintainers(SAMPLE);
    expect(f.errors).toEqual([]);
    expect(f.entries).toEqual([
      {
        name: 'MEMORY MANAGEMENT - ZSWAP',
        line: 4,
        M: ['Johannes Weiner <hannes@cmpxchg.org>', '"Pham, Nhat" <nphamcs@gmail.com>'],
        R: ['Chengming Zhou <chengming.zhou@linux.dev> (zpool)'],
        L: ['linux-mm@kvack.org', 'Mali DP Maintainers <malidp@foss.arm.com>'],
        S: 'Maintained',
        F: ['mm/zswap.c', 'include/linux/zswap.h'],
        X: ['mm/zswap-old.c'],
        N: ['zswap'],
        K: ['\\bzswap_\\w+'],
        T: ['git git://git.kernel.org/pub/scm/linux/kernel/git/akpm/mm'],
        W: ['https://www.kernel.org/'],
        Q: ['https://patchwork.kernel.org/project/linux-mm/list/'],
      },
      { name: 'THE REST', line: 24, M: ['Linus Torvalds <torvalds@linux-foundation.org>'], L: ['linux-kernel@vger.kernel.org'], S: 'Buried alive in reporters', F: ['*', '*/'] },
    ]);
  });

  it("names entries as get_maintainer.pl does, without QEMU's underlines", () => {
    const qemu = `QEMU Maintainers
================

General Project Administration
------------------------------
M: Peter Maydell <peter.maydell@linaro.org>

All patches CC here
L: qemu-devel@nongnu.org
F: *
F: */

Guest CPU cores (TCG):
----------------------
Overall
L: qemu-devel@nongnu.org
M: Richard Henderson <rth@twiddle.net>
S: Maintained
F: cpu-exec.c
K: ^Subject:.*(?i)trivial
`;
    const f = parseMaintainers(qemu);
    expect(f.errors).toEqual([]);
    expect(f.entries.map((e) => e.name)).toEqual(['General Project Administration', 'All patches CC here', 'Overall']);
    // a blank line does not end an entry; a name line does, even right after a field
    expect(f.entries[0]).toEqual({ name: 'General Project Administration', line: 4, M: ['Peter Maydell <peter.maydell@linaro.org>'] });
  });

  it('gives each malformed line an error with its number, skips it and keeps the rest', () => {
    const bad = `Preamble text
\tM: indented lines before the first entry are the preamble's

FIRST
M:\tNo Address Here
M:\tGood One <good@example.org>
\tF:\tindented/field.c
f:\tlower/case.c
R:
L:\tnot a list
F:\tdrivers/ok/
N:\t(unclosed
K:\ta(?=b)
X:\t[z-a]
S:\tMaintained
F:\tdrivers/also-ok/

SECOND
M:\tOther <other@example.org>
F:\t${'x'.repeat(1001)}
F:\tsecond/
`;
    const f = parseMaintainers(bad);
    expect(f.errors.map((e) => [e.line, e.message])).toEqual([
      [5, 'M: has no email address; skipped'],
      [7, 'an indented field; skipped (no leading blanks before the letter)'],
      [8, 'a lower-case field letter; skipped'],
      [9, 'R: is empty; skipped'],
      [10, 'L: has no list address; skipped'],
      [12, expect.stringMatching(/^N: pattern cannot be used: an unclosed \( .*; skipped$/)],
      [13, expect.stringMatching(/^K: pattern cannot be used: a lookaround \(unsupported\).*; skipped$/)],
      [14, expect.stringMatching(/^X: pattern cannot be used: a \[\] range out of order.*; skipped$/)],
      [20, 'a value longer than 1000 characters; skipped'],
    ]);
    expect(f.errors[0]!.text).toBe('M:\tNo Address Here');
    expect(f.errorCount).toBe(9);
    expect(f.entries).toEqual([
      { name: 'FIRST', line: 4, M: ['Good One <good@example.org>'], F: ['drivers/ok/', 'drivers/also-ok/'], S: 'Maintained' },
      { name: 'SECOND', line: 18, M: ['Other <other@example.org>'], F: ['second/'] },
    ]);
  });

  it('refuses a field before any entry name', () => {
    const f = parseMaintainers('M: Lost <lost@example.org>\n\nNAME\nF: a/\n');
    expect(f.errors.map((e) => [e.line, e.message])).toEqual([[1, 'a field before any entry name; skipped']]);
    expect(f.entries).toEqual([{ name: 'NAME', line: 3, F: ['a/'] }]);
  });

  it('keeps the first errors and counts them all', () => {
    const f = parseMaintainers(`E\nF: ok/\n${'M: nobody\n'.repeat(5000)}F: still/\n`);
    expect(f.errors.length).toBe(MAX_ERRORS);
    expect(f.errorCount).toBe(5000);
    expect(f.entries[0]!.F).toEqual(['ok/', 'still/']);
  });
});

describe('parseMaintainers properties', () => {
  const person = fc.constantFrom('Ada Lovelace <ada@example.org>', '"Last, First" <lf@example.com>', 'bare@example.net', 'Bob <bob@example.org> (part)');
  const field = fc.oneof(
    person.map((p) => `M:\t${p}`),
    person.map((p) => `R: ${p}`),
    fc.constantFrom('L:\tlist@vger.kernel.org', 'L: mod@example.org (moderated for non-subscribers)', 'S:\tMaintained', 'S: Odd Fixes'),
    fc.constantFrom('F:\tdrivers/net/', 'F: include/linux/*.h', 'F:\tarch/*/boot/', 'X:\tdrivers/net/wireless/', 'N:\t[^a-z]tegra', 'K:\t\\b(?i:clang|llvm)\\b', 'T: git git://x/y.git', 'W: https://x/'),
    fc.constantFrom('M: broken', 'F:', '\tF: indented', 'N: (', '# comment', ''),
  );
  const entry = fc.tuple(fc.constantFrom('ZSWAP', 'NETWORKING [GENERAL]', 'ARM/Foo', 'THE REST'), fc.array(field, { minLength: 1, maxLength: 8 })).map(([name, fields]) => [name, ...fields].join('\n'));
  const file = fc.tuple(fc.constantFrom('', 'Intro text\n\tM: legend\n\n'), fc.array(entry, { minLength: 1, maxLength: 6 })).map(([intro, entries]) => intro + entries.join('\n\n') + '\n');
  const blanks = fc.array(fc.constantFrom(' ', '\t', '  \t'), { maxLength: 30 });

  it('is unchanged by CRLF line ends', () => {
    fc.assert(
      fc.property(file, (text) => {
        expect(parseMaintainers(text.replace(/\n/g, '\r\n'))).toEqual(parseMaintainers(text));
      }),
    );
  });

  it('is unchanged by trailing blanks', () => {
    fc.assert(
      fc.property(file, blanks, (text, pads) => {
        const padded = text
          .split('\n')
          .map((line, i) => line + (pads.length ? pads[i % pads.length]! : ''))
          .join('\n');
        expect(parseMaintainers(padded)).toEqual(parseMaintainers(text));
      }),
    );
  });
});
