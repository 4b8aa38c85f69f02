/**
 * keywords.ts' shortcuts (needles, literal keywords, a line's kind worked out only for the
 * lines a needle leads to) against the plain reading they stand for: every line classified
 * in order, as get_maintainer.pl reads a patch file, and every searchable line run through
 * the automaton. Generated texts and keywords (fixed seed) must agree exactly; the
 * differential test against get_maintainer.pl (get-maintainer.test.ts) checks the reading.
 * keyword-index.ts, which files keywords by needle, must name the same entries.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addKeyword, keywordEntries, newKeywordIndex } from '../../../src/core/maintainers/keyword-index.ts';
import { compileKeyword, keywordMatches, patchLines } from '../../../src/core/maintainers/keywords.ts';
import { DIFF_LINE_PREFIX } from '../../../src/core/maintainers/parse.ts';
import { parsePerlRegex } from '../../../src/core/maintainers/perl-regex.ts';
import { compileRegex } from '../../../src/core/maintainers/regex-program.ts';
import { search } from '../../../src/core/maintainers/regex-vm.ts';

/** The plain reading: each line in turn, each searchable one through the automaton. */
function everyLine(value: string, text: string): boolean {
  const head = compileRegex(parsePerlRegex(value, { x: true }));
  const diff = compileRegex(parsePerlRegex(DIFF_LINE_PREFIX + value, { x: true }));
  let inDiff = false;
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    const bare = line.replace(/\n$/, '');
    if (/^ mode change [0-7]+ => [0-7]+ (\S+)\s*$/.test(bare) || /^rename (?:from|to) (\S+)\s*$/.test(bare) || /^diff --git a\/(\S+) b\/(\S+)\s*$/.test(bare) || /^Fixes:\s+([0-9a-fA-F]{6,40})/.test(bare)) continue;
    if (/^(?:\+\+\+|---)\s+\S/.test(bare)) {
      inDiff = true;
      continue;
    }
    if (/^@@ -\d+,\d+/.test(bare)) continue;
    if (search(inDiff ? diff : head, line)) return true;
  }
  return false;
}

const LINES = ['Subject: [PATCH] foo', '', 'foo bar', 'barfoo', '---', '--- a/foo.c', '+++ b/foo.c', '--- ', '@@ -1,2 +1,2 @@ foo', '+foo', '-\tfoo();', ' foo', '+bar', 'Fixes: 1234567 ("foo")', 'diff --git a/foo b/foo', 'rename from foo', 'İ foo', 'FOO', '+x foo\r', '-foo', '--foo'];
const KEYWORDS = ['foo', 'bar', 'FOO', '\\bfoo\\b', '(?i)foo', 'fo+|ba', 'foo|^bar', '\\nfoo', 'o?\\n', '^foo', 'foo # note', '#only a note', 'f o o', 'foo$', '"x foo"', '[^@]foo', '-foo', 'foo\\z', 'o\\Z', '\\s$', 'x*', '(?:)', 'o*$', '\\bfoo\\b\\s*$', '\\n', '\\z', '\\Z', '(foo)', '(?:fo|o\\n)'];

describe('K: keyword shortcuts', () => {
  it('find exactly what running every line through the automaton finds', () => {
    const text = fc.array(fc.constantFrom(...LINES), { maxLength: 12 }).chain((ls) => fc.constantFrom(ls.join('\n'), `${ls.join('\n')}\n`, `\n${ls.join('\n')}`));
    fc.assert(
      fc.property(fc.constantFrom(...KEYWORDS), text, (value, t) => {
        expect(keywordMatches(compileKeyword(value), patchLines(t))).toBe(everyLine(value, t));
      }),
      { seed: 18, numRuns: 3000 },
    );
  });

  it('finds through the needle index the entries every keyword tried finds', () => {
    const text = fc.array(fc.constantFrom(...LINES), { maxLength: 12 }).map((ls) => ls.join('\n'));
    const entries = fc.array(fc.array(fc.constantFrom(...KEYWORDS), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(entries, text, (es, t) => {
        const ix = newKeywordIndex();
        es.forEach((values, entry) => values.forEach((v) => addKeyword(ix, entry, compileKeyword(v))));
        const every = es.flatMap((values, entry) => (values.some((v) => everyLine(v, t)) ? [entry] : []));
        expect([...keywordEntries(ix, t)].sort((a, b) => a - b)).toEqual(every);
      }),
      { seed: 18, numRuns: 1000 },
    );
  });

  it('takes a keyword that is one literal without the automaton, and only those', () => {
    expect(compileKeyword('of_overlay_remove').literal).toBe('of_overlay_remove');
    expect(compileKeyword('"nxp,tda998x"').literal).toBe('"nxp,tda998x"');
    expect(compileKeyword('f o o # /x').literal).toBe('foo');
    expect(compileKeyword('(?i)pidfd').literal).toBeNull();
    expect(compileKeyword('\\bSGX_').literal).toBeNull();
    expect(compileKeyword('a|b').literal).toBeNull();
    expect(compileKeyword('a|b').glued).toBe(false);
    expect(compileKeyword('\\bSGX_').glued).toBe(true);
    expect(compileKeyword('(clone_args|kernel_clone_args)').glued).toBe(true);
    expect(compileKeyword('(foo)').glued).toBe(true);
  });
});
