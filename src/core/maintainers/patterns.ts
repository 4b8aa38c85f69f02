/**
 * F:, X: and N: patterns against one file path, exactly as scripts/get_maintainer.pl matches
 * them (`read_maintainer_file`, `file_match_pattern`, the N: branch of `get_maintainers`):
 *
 * - F:/X: are globs turned into a Perl regex by `.`→`\.`, `*`→`.*`, `?`→`.` (the rest, such
 *   as `[ch]`, stays regex), matched at the start of the path (`m@^…@`, a prefix). A pattern
 *   ending in `/` covers everything below it; any other must also have as many `/` as the
 *   path, so `drivers/*` is the files directly in drivers/ and `*` crosses no `/` in the end.
 * - get_maintainer.pl adds the `/` itself when the pattern names a directory of the tree it
 *   runs in (`-d`). We have no tree: a plain pattern (no `.`, `*`, `?`, no trailing `/`,
 *   i.e. one `-d` could be true for) matches both ways, as a file prefix and as a
 *   directory. In the 6.1 tree that differs from get_maintainer.pl for one file
 *   (`F: Documentation/userspace-api/media/cec` also takes `cec.h.rst.exceptions` beside it);
 *   test/core/maintainers/get-maintainer.test.ts recounts that on the real tree.
 * - N: is a Perl regex (with /x) anywhere in the path.
 *
 * `depth` is get_maintainer.pl's pattern depth (the `/`s of the pattern, one more when it is
 * not a directory, -1 for a leading `*`; 0 for N:): deeper is more specific.
 *
 * Non-goals: which entries a file belongs to (match.ts), reading the file (parse.ts).
 */
import { complement } from './char-sets.ts';
import { parsePerlRegex, type RegexNode } from './perl-regex.ts';
import { isLiteral, literalPrefix, requiredLiterals } from './regex-literals.ts';
import { compileRegex, type Program } from './regex-program.ts';
import { search } from './regex-vm.ts';

/** One way of reading a pattern: a literal prefix, or a regex built into an automaton on first use. */
interface Reading {
  literal: string | null;
  /** What every path it matches starts with: most candidates fail on it before any automaton. */
  prefix: string;
  /** For a glob, its longest literal piece, which every path it matches contains. */
  needle: string;
  /** The regex source, and the glob it came from when it is a plain glob (no regex reader needed). */
  perl: string;
  glob: string | null;
  prog: Program | null;
}

export interface FilePattern {
  own: Reading;
  /** The same with the `/` get_maintainer.pl would add for a directory of its tree. */
  asDir: Reading | null;
  /** Ends in `/`: matches everything below. */
  dir: boolean;
  slashes: number;
  depth: number;
  /** The literal text every path it matches starts with: file-index.ts files it by this. */
  start: string;
}

/** get_maintainer.pl's glob to regex, in its order. */
export function globToPerl(value: string): string {
  return value.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.');
}

const slashCount = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) n++;
  return n;
};

// Most F: values are plain paths (their only regex is `\.`), most others plain globs (`*`,
// `?` too): neither needs the regex reader, and a plain path needs no automaton either. The
// automata are built when a file of their directory first meets them: a version touches few.
const PLAIN = /^(?:[\w/,@~=:%-]|\\\.)*$/;
const GLOB = /^[\w/,.@~=:%*?-]*$/;
const DOT: RegexNode = { t: 'set', r: complement([0x0a, 0x0a]) };

function globNode(glob: string): RegexNode {
  const items = [...glob].map((c): RegexNode => (c === '*' ? { t: 'rep', n: DOT, min: 0, max: -1 } : c === '?' ? DOT : { t: 'char', c: c.charCodeAt(0), fold: false }));
  return { t: 'seq', items };
}

/** A glob's longest run of literal text, which every path it matches contains. */
function longestPiece(glob: string): string {
  return glob.split(/[*?]/).reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** A reading and the literal text every path it matches starts with. */
function reading(perl: string, glob: string | null): Reading {
  if (PLAIN.test(perl)) {
    const literal = perl.replace(/\\\./g, '.');
    return { literal, prefix: literal, needle: '', perl, glob, prog: null };
  }
  if (glob !== null) {
    const needle = longestPiece(glob);
    return { literal: null, prefix: /^[^*?]*/.exec(glob)![0], needle, perl, glob, prog: null };
  }
  const node = parsePerlRegex(perl);
  if (isLiteral(node)) {
    const literal = literalPrefix(node);
    return { literal, prefix: literal, needle: '', perl, glob, prog: null };
  }
  return { literal: null, prefix: literalPrefix(node), needle: '', perl, glob, prog: compileRegex(node) };
}

/** Would get_maintainer.pl's regex for this F:/X: value compile? Throws RegexError if not. */
export function checkFilePattern(value: string): void {
  if (!GLOB.test(value)) filePattern(value);
}

/** The longest common start of two strings. */
function common(a: string, b: string): string {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return a.slice(0, k);
}

/**
 * The `start` filePattern(value) would have, cheaply for a plain path or glob (the others are
 * compiled to find it): file-index.ts files every F: by it and compiles a pattern only when a
 * path that starts with it first comes.
 */
export function patternStart(value: string): string {
  if (!GLOB.test(value)) return filePattern(value).start;
  const wild = value.search(/[*?]/);
  return wild < 0 ? value : value.slice(0, wild);
}

/**
 * For a glob whose start (patternStart) ends at `at`, the longest literal piece after it,
 * which every path it matches contains; '' for a value that is not a glob.
 */
export function globNeedle(value: string, at: number): string {
  return GLOB.test(value) ? longestPiece(value.slice(at)) : '';
}

// A plain path (the most common F:): its regex is itself with `.` escaped, nothing to convert.
const PLAIN_VALUE = /^[\w/,.@~=:%-]*$/;

function plainPattern(value: string): FilePattern {
  const dir = value.endsWith('/');
  const slashes = slashCount(value);
  const literal = (text: string): Reading => ({ literal: text, prefix: text, needle: '', perl: '', glob: text, prog: null });
  return {
    own: literal(value),
    asDir: !dir && !value.includes('.') ? literal(`${value}/`) : null,
    dir,
    slashes,
    depth: dir ? slashes : slashes + 1,
    start: value,
  };
}

/** Compiles an F: or X: value; throws RegexError when its regex cannot be read. */
export function filePattern(value: string): FilePattern {
  if (PLAIN_VALUE.test(value)) return plainPattern(value);
  const perl = globToPerl(value);
  const dir = perl.endsWith('/');
  const glob = GLOB.test(value) ? value : null;
  const own = reading(perl, glob);
  const canBeDir = !dir && !/[.*?]/.test(value);
  const slashes = slashCount(perl);
  const asDir = canBeDir ? reading(`${perl}/`, glob === null ? null : `${glob}/`) : null;
  return {
    own,
    asDir,
    dir,
    slashes,
    depth: perl.startsWith('.*') ? -1 : dir ? slashes : slashes + 1,
    // a match of either reading starts with its own prefix
    start: asDir ? common(own.prefix, asDir.prefix) : own.prefix,
  };
}

// Matches nothing: what a pattern that cannot be built (only a hand-edited cache holds one) runs.
const NOTHING = compileRegex({ t: 'set', r: [] });

/** Does `piece` (`?` any one character) match path at `at`? */
function pieceAt(piece: string, path: string, at: number): boolean {
  if (at + piece.length > path.length) return false;
  for (let k = 0; k < piece.length; k++) if (piece[k] !== '?' && piece[k] !== path[at + k]) return false;
  return true;
}

/** The leftmost place from `at` where `piece` matches in path, or -1. */
function findPiece(piece: string, path: string, at: number): number {
  // a piece without `?` is found natively, not by a loop of JavaScript's own (slow cold)
  if (!piece.includes('?')) return path.indexOf(piece, at);
  for (let i = at; i + piece.length <= path.length; i++) if (pieceAt(piece, path, i)) return i;
  return -1;
}

/**
 * A glob (`*` any run, `?` any one character) matched at the start of a path, without an
 * automaton: its pieces between `*`s each taken at their leftmost place, which is never worse
 * for the pieces after it, as nothing anchors the end. Perl's `.` does not match a newline:
 * paths holding one go to the automaton.
 */
function globPrefix(glob: string, path: string): boolean {
  const pieces = glob.split('*');
  if (!pieceAt(pieces[0]!, path, 0)) return false;
  let at = pieces[0]!.length;
  for (let k = 1; k < pieces.length; k++) {
    const found = findPiece(pieces[k]!, path, at);
    if (found < 0) return false;
    at = found + pieces[k]!.length;
  }
  return true;
}

function prefixMatch(r: Reading, path: string): boolean {
  if (r.literal !== null) return path.startsWith(r.literal);
  if (!path.startsWith(r.prefix) || !path.includes(r.needle)) return false;
  if (r.glob !== null && !path.includes('\n')) return globPrefix(r.glob, path);
  if (!r.prog) {
    try {
      r.prog = compileRegex(r.glob !== null ? globNode(r.glob) : parsePerlRegex(r.perl));
    } catch {
      r.prog = NOTHING;
    }
  }
  return search(r.prog, path, true);
}

/** `file_match_pattern`, plus the directory reading of a plain pattern (see above). */
export function fileMatches(p: FilePattern, path: string): boolean {
  if (p.dir) return prefixMatch(p.own, path);
  if (slashCount(path) === p.slashes && prefixMatch(p.own, path)) return true;
  return p.asDir !== null && prefixMatch(p.asDir, path);
}

export interface PathRegex {
  /** Set when the regex is one case-sensitive literal (most N: are, `imx`): no automaton needed. */
  literal: string | null;
  prog: Program;
  /** Lower-case strings one of which a matching path contains; null: test every path. */
  needles: string[] | null;
}

/** Compiles an N: value (Perl, /x); throws RegexError when it cannot be read. */
export function pathRegex(value: string): PathRegex {
  const node = parsePerlRegex(value, { x: true });
  return { literal: isLiteral(node) ? literalPrefix(node) : null, prog: compileRegex(node), needles: requiredLiterals(node) };
}

/** `$file =~ m/$value/x`; `lower` is the path in lower case, for the needles. */
export function pathMatches(r: PathRegex, path: string, lower: string): boolean {
  if (r.literal !== null) return path.includes(r.literal);
  const needles = r.needles;
  if (needles) {
    let found = false;
    for (let k = 0; k < needles.length && !found; k++) found = lower.includes(needles[k]!);
    if (!found) return false;
  }
  return search(r.prog, path);
}
