/**
 * The Perl regex reader and its linear-time VM against Perl itself: every pattern of the
 * kernel's MAINTAINERS kinds (and QEMU's), a list of edge cases of Perl's semantics, and a
 * few thousand generated patterns (fixed seed) over a small alphabet with newlines, each run
 * on generated strings, must match exactly when Perl's `m/…/` (or `m/…/x`) does. One perl
 * process answers them all. Then the refusals, and hostile patterns that would backtrack
 * for ever finishing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { RegexError, parsePerlRegex } from '../../../src/core/maintainers/perl-regex.ts';
import { requiredLiterals } from '../../../src/core/maintainers/regex-literals.ts';
import { compileRegex } from '../../../src/core/maintainers/regex-program.ts';
import { search } from '../../../src/core/maintainers/regex-vm.ts';
import { requireTool, tool } from '../../helpers/tools.ts';

const perlPath = tool('perl');

interface Case {
  pattern: string;
  text: string;
  x: boolean;
}

/** Perl's verdicts: '1', '0', or 'E' when it cannot compile the pattern. */
function perl(cases: Case[]): string[] {
  const hex = (s: string): string => Buffer.from(s, 'latin1').toString('hex');
  const input = cases.map((c) => `${hex(c.pattern)} ${hex(c.text)} ${c.x ? 1 : 0}\n`).join('');
  const script = 'while (my $l = <STDIN>) { chomp $l; my ($p, $s, $x) = split / /, $l, 3; $p = pack("H*", $p); $s = pack("H*", $s); my $r = eval { $x ? ($s =~ m/$p/x ? 1 : 0) : ($s =~ m/$p/ ? 1 : 0) }; print defined $r ? $r : "E", "\\n"; }';
  const run = spawnSync(requireTool(perlPath, 'perl'), ['-e', script], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout.split('\n').slice(0, cases.length);
}

function ours(c: Case): string {
  try {
    return search(compileRegex(parsePerlRegex(c.pattern, { x: c.x })), c.text) ? '1' : '0';
  } catch (err) {
    if (err instanceof RegexError) return 'E';
    throw err;
  }
}

function disagreements(cases: Case[]): string[] {
  const theirs = perl(cases);
  return cases.flatMap((c, k) => (ours(c) === theirs[k] ? [] : [`/${c.pattern}/${c.x ? 'x' : ''} on ${JSON.stringify(c.text)}: perl ${theirs[k]}, ours ${ours(c)}`]));
}

const TEXTS = ['', 'a', 'A', 'ab', 'ba\n', 'a\nb', '\n', 'foo bar', 'FOO_bar\n', '+ bpf_prog', '-struct  phylink *pl;\n', ' mediatek', 'x-y', 'Subject: [PATCH] trivial: fix', 'tab\there', 'café', 'riscv64', 'sun8i-h3', 'arch/arm/mach-s3c/x.c'];

const EDGE = [
  // the kernel's K: and N: patterns, and QEMU's
  '(?:\\b|_)bpf(?:\\b|_)',
  '\\b(?i:clang|llvm)\\b',
  '(?i)pidfd',
  '(devm_)?hwmon_device_(un)?register(|_with_groups|_with_info)',
  '\\b(?:devm_|of_)?reset_control(?:ler_[a-z]+|_[a-z_]+)?\\b',
  'phylink\\.h|struct\\s+phylink|\\.phylink|>phylink_|phylink_(autoneg|start)',
  '^[+-].*phylink\\.h|struct\\s+phylink',
  '[^a-z]tegra',
  'sun[x456789]i',
  'bcm[9]?47622',
  '^Subject:.*(?i)trivial',
  '"nxp,tda998x"',
  // Perl semantics worth pinning
  'a$',
  'a\\Z',
  'a\\z',
  'b$\\n?',
  '(?m)^b',
  '(?m)a$',
  '(?s)a.b',
  'a.b',
  '(a(?i)b|c)',
  '(?i)A|b',
  'x(?i)A|B',
  '(?i:a)B',
  '(?^i:A)',
  '(?-i:a)',
  '[[:alpha:]][[:^alpha:]]',
  '[a-\\d]',
  '[]a]',
  '[^]a]',
  'a{,2}b',
  'a{2,}',
  'a{1}b',
  'a{x',
  'a*?b',
  '\\Bb',
  '\\bb',
  '\\x61',
  '\\x{62}',
  '\\141',
  '[\\x41-\\x43]',
  '\\N',
  '\\h+',
  '\\v',
  'a # comment',
  'f o o',
  'f\\ o',
  '[ ]',
  '(?#note)a',
  '(?<name>a)b',
  '\\w+\\W',
  // a match that can only start on a character above ASCII (regex-vm.ts skips to what can start one)
  '\\W$',
  '[^a-z]$',
];

describe.runIf(perlPath || process.env.CI)('the Perl regex reader and VM against perl', () => {
  it('agree on MAINTAINERS patterns and Perl edge cases', () => {
    const cases = EDGE.flatMap((pattern) => TEXTS.flatMap((text) => [{ pattern, text, x: false }, { pattern, text, x: true }]));
    expect(disagreements(cases)).toEqual([]);
  });

  it('agree on generated patterns and strings', () => {
    const lit = fc.constantFrom('a', 'b', 'A', '_', '-', '\\n', '\\.', '\\ ');
    const cls = fc.constantFrom('.', '\\w', '\\W', '\\s', '\\S', '\\d', '[ab]', '[^a]', '[a-c]', '[A-Z_]', '[^\\n]', '[.-]');
    const anchor = fc.constantFrom('\\b', '\\B', '^', '$', '\\A', '\\z', '\\Z');
    const quant = fc.constantFrom('', '', '', '*', '+', '?', '{0,2}', '{2}', '{1,}', '*?', '+?', '{,2}');
    const tree = fc.letrec<{ re: string; atom: string }>((tie) => ({
      atom: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        lit,
        cls,
        fc.tuple(fc.constantFrom('(', '(?:', '(?i:', '(?i)', '(?-i:'), tie('re')).map(([open, re]) => (open === '(?i)' ? `(?:(?i)${re})` : `${open}${re})`)),
      ),
      re: fc
        .array(fc.array(fc.oneof(fc.tuple(tie('atom'), quant).map(([a, q]) => a + q), anchor), { minLength: 1, maxLength: 3 }).map((s) => s.join('')), { minLength: 1, maxLength: 2 })
        .map((alts) => alts.join('|')),
    }));
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', '_', '-', ' ', '\n', '.', '1'), maxLength: 8 });
    const cases = fc.sample(fc.record({ pattern: tree.re, text, x: fc.boolean() }), { seed: 18, numRuns: 4000 });
    expect(disagreements(cases)).toEqual([]);
  });
});

describe('what the reader refuses, and why', () => {
  const refused = (pattern: string): string => {
    try {
      compileRegex(parsePerlRegex(pattern, { x: true }));
      return 'accepted';
    } catch (err) {
      if (!(err instanceof RegexError)) throw err;
      return err.message;
    }
  };
  it.each([
    ['(a)\\1', /back-reference/],
    ['a(?=b)', /lookaround/],
    ['(?<=a)b', /lookaround/],
    ['(?>a+)b', /atomic/],
    ['a++', /possessive/],
    ['a**', /nested quantifiers/],
    ['*a', /follows nothing/],
    ['(a', /unclosed \(/],
    ['a)', /unmatched \)/],
    ['[a', /unclosed \[/],
    ['[z-a]', /out of order/],
    ['a{1001}', /above 1000/],
    ['a{3,2}', /n > m/],
    ['\\p{L}', /unsupported/],
    ['(?{ 1 })', /code/],
    ['(*FAIL)', /VERB/],
    ['(?z)', /unknown inline flag/],
    ['[[:nope:]]', /unknown/],
    ['(a{100}){100}', /too large/],
    ['a\\', /trailing backslash/],
  ])('%s', (pattern, why) => {
    expect(refused(pattern)).toMatch(why);
  });
});

describe('hostile patterns on hostile text', () => {
  // Each of these takes a backtracking engine exponential or high-polynomial time on this
  // text; the VM is linear. The test's own timeout is the cap.
  const text = `${'a'.repeat(50_000)}!`;
  it.each(['(a+)+$', '(a|a)*b', '(a*)*b', '(a|aa)+$', 'a*a*a*a*a*a*b', '(.*a){20}b'])('%s finishes', (pattern) => {
    expect(search(compileRegex(parsePerlRegex(pattern)), text)).toBe(false);
  });
});

describe('required literals', () => {
  const req = (p: string): string[] | null => requiredLiterals(parsePerlRegex(p, { x: true }));
  it('names what every match contains', () => {
    expect(req('(?:\\b|_)bpf(?:\\b|_)')).toEqual(['bpf']);
    expect(req('\\b(?i:clang|llvm)\\b')).toEqual(['clang', 'llvm']);
    expect(req('[^a-z]tegra')).toEqual(['tegra']);
    expect(req('sun[x456789]i')).toEqual(['sun']);
    expect(req('(?i)PIDFD')).toEqual(['pidfd']);
    expect(req('a*')).toBeNull();
    expect(req('foo|b*')).toBeNull();
  });
});
