/**
 * F:/X: globs against get_maintainer.pl's own `file_match_pattern`, run by perl on the regex
 * its `read_maintainer_file` makes of each glob: generated globs (`*`, `?`, `.`, `[ch]`,
 * trailing `/`) and paths (with and without a newline, which Perl's `.` does not match), a few
 * thousand pairs, one perl process. Plain patterns (no `.`, `*`, `?`, no trailing `/`) are
 * left out: there ListLens differs on purpose (patterns.ts reads them as directories too).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { fileMatches, filePattern, globToPerl } from '../../../src/core/maintainers/patterns.ts';
import { requireTool, tool } from '../../helpers/tools.ts';

const perlPath = tool('perl');

// get_maintainer.pl's file_match_pattern, verbatim
const SCRIPT = `
sub file_match_pattern {
    my ($file, $pattern) = @_;
    if (substr($pattern, -1) eq "/") {
	if ($file =~ m@^$pattern@) { return 1; }
    } else {
	if ($file =~ m@^$pattern@) {
	    my $s1 = ($file =~ tr@/@@);
	    my $s2 = ($pattern =~ tr@/@@);
	    if ($s1 == $s2) { return 1; }
	}
    }
    return 0;
}
while (my $l = <STDIN>) { chomp $l; my ($p, $f) = split / /, $l, 2; print file_match_pattern(pack("H*", $f), pack("H*", $p)), "\\n"; }
`;

describe.runIf(perlPath || process.env.CI)('F:/X: globs against get_maintainer.pl file_match_pattern', () => {
  it('agree on generated globs and paths', () => {
    const seg = fc.constantFrom('a', 'b', 'ab', 'a.c', 'b.h', 'x-y', '');
    const globSeg = fc.oneof(seg, fc.constantFrom('*', 'a*', '*b', '?', 'a?', '*.c', '*.[ch]', 'a.[ch]', '**', '?*'));
    const glob = fc
      .tuple(fc.array(globSeg, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([segs, dir]) => segs.join('/') + (dir ? '/' : ''))
      .filter((g) => /[.*?]|\/$/.test(g));
    const path = fc
      .tuple(fc.array(seg, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '', '', '\n', '/\nz'))
      .map(([segs, tail]) => segs.join('/') + tail);
    const cases = fc.sample(fc.record({ glob, path }), { seed: 18, numRuns: 3000 });
    const hex = (s: string): string => Buffer.from(s, 'latin1').toString('hex');
    const run = spawnSync(requireTool(perlPath, 'perl'), ['-e', SCRIPT], { input: cases.map((c) => `${hex(globToPerl(c.glob))} ${hex(c.path)}\n`).join(''), encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    const theirs = run.stdout.split('\n');
    const differ = cases.flatMap((c, k) => {
      const ours = fileMatches(filePattern(c.glob), c.path) ? '1' : '0';
      return ours === theirs[k] ? [] : [`F: ${c.glob} on ${JSON.stringify(c.path)}: perl ${theirs[k]}, ours ${ours}`];
    });
    expect(differ).toEqual([]);
  });
});
