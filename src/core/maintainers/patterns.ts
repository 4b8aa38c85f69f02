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
import { parsePerlRegex } from './perl-regex.ts';
import { compileRegex, isLiteral, literalPrefix, requiredLiterals, search, type Program } from './regex-vm.ts';

export interface FilePattern {
  /** Literal patterns (most of them) compare with startsWith; the rest run the automaton. */
  literal: string | null;
  prog: Program | null;
  /** The same with the `/` get_maintainer.pl would add for a directory of its tree. */
  dirLiteral: string | null;
  dirProg: Program | null;
  /** Ends in `/`: matches everything below. */
  dir: boolean;
  slashes: number;
  depth: number;
  /** The literal directory every path it matches lies in ('' for none): match.ts indexes by it. */
  bucket: string;
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

// Most F: values are plain paths (their only regex is `\.`): nothing to read or run for them.
const PLAIN = /^(?:[\w/,@~=:%-]|\\\.)*$/;

function compiled(perl: string): { literal: string | null; prog: Program | null; prefix: string } {
  if (PLAIN.test(perl)) {
    const literal = perl.replace(/\\\./g, '.');
    return { literal, prog: null, prefix: literal };
  }
  const node = parsePerlRegex(perl);
  if (isLiteral(node)) {
    const literal = literalPrefix(node);
    return { literal, prog: null, prefix: literal };
  }
  return { literal: null, prog: compileRegex(node), prefix: literalPrefix(node) };
}

/** Compiles an F: or X: value; throws RegexError when its regex cannot be read. */
export function filePattern(value: string): FilePattern {
  const perl = globToPerl(value);
  const dir = perl.endsWith('/');
  const own = compiled(perl);
  const canBeDir = !dir && !/[.*?]/.test(value);
  const asDir = canBeDir ? compiled(`${perl}/`) : null;
  const slashes = slashCount(perl);
  const depth = perl.startsWith('.*') ? -1 : dir ? slashes : slashes + 1;
  const cut = own.prefix.lastIndexOf('/');
  return {
    literal: own.literal,
    prog: own.prog,
    dirLiteral: asDir?.literal ?? null,
    dirProg: asDir?.prog ?? null,
    dir,
    slashes,
    depth,
    bucket: cut < 0 ? '' : own.prefix.slice(0, cut),
  };
}

const prefixMatch = (literal: string | null, prog: Program | null, path: string): boolean =>
  literal !== null ? path.startsWith(literal) : search(prog!, path, true);

/** `file_match_pattern`, plus the directory reading of a plain pattern (see above). */
export function fileMatches(p: FilePattern, path: string): boolean {
  if (p.dir) return prefixMatch(p.literal, p.prog, path);
  if (prefixMatch(p.literal, p.prog, path) && slashCount(path) === p.slashes) return true;
  return (p.dirLiteral !== null || p.dirProg !== null) && prefixMatch(p.dirLiteral, p.dirProg, path);
}

export interface PathRegex {
  prog: Program;
  /** Lower-case strings one of which a matching path contains; null: test every path. */
  needles: string[] | null;
}

/** Compiles an N: value (Perl, /x); throws RegexError when it cannot be read. */
export function pathRegex(value: string): PathRegex {
  const node = parsePerlRegex(value, { x: true });
  return { prog: compileRegex(node), needles: requiredLiterals(node) };
}

/** `$file =~ m/$value/x`; `lower` is the path in lower case, for the needles. */
export function pathMatches(r: PathRegex, path: string, lower: string): boolean {
  if (r.needles && !r.needles.some((n) => lower.includes(n))) return false;
  return search(r.prog, path);
}
