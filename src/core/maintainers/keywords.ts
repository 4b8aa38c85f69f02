/**
 * K: keywords against a patch's text, line by line as scripts/get_maintainer.pl reads a patch
 * file: lines naming files (`diff --git`, `---`/`+++`, `rename from/to`, ` mode change`),
 * `Fixes:` lines and `@@ -n,m` hunk heads are never searched; before the first `---`/`+++`
 * line (mail headers, commit message) a keyword may be anywhere in a line; from there on
 * get_maintainer.pl prefixes it with `^[+-].*`, so it counts on added and removed lines only.
 * That prefix is glued to the keyword's text, not grouped: in a keyword `a|b` only `a` is
 * tied to +/- lines and `b` counts on any later line (context lines too). We do the same, so
 * a keyword matches here exactly when it does there.
 *
 * Each keyword runs in the linear-time VM (regex-vm.ts), and only on lines holding one of
 * the strings every match must contain: a patch costs about its length per keyword found in
 * it, whatever the patterns and the text.
 *
 * Non-goals: the file list (the caller's patch parser gives it), which entries own a file.
 */
import { parsePerlRegex } from './perl-regex.ts';
import { requiredLiterals } from './regex-literals.ts';
import { compileRegex, search, type Program } from './regex-vm.ts';
import { DIFF_LINE_PREFIX } from './parse.ts';

export interface Keyword {
  /** On the preamble's lines. */
  head: Program;
  /** On the diff's lines, with get_maintainer.pl's `^[+-].*` in front. */
  diff: Program;
  /** Lower-case strings one of which any line it matches contains; null: try every line. */
  needles: string[] | null;
}

/** Drops a needle that contains another: the shorter one finds every line the longer does. */
function shortest(needles: string[]): string[] {
  return needles.filter((n, i) => !needles.some((m, j) => j !== i && n.includes(m) && (m.length < n.length || j < i)));
}

/** Throws RegexError when the keyword cannot be read (parse.ts has already refused those). */
export function compileKeyword(value: string): Keyword {
  const head = parsePerlRegex(value, { x: true });
  const diff = parsePerlRegex(DIFF_LINE_PREFIX + value, { x: true });
  const h = requiredLiterals(head);
  const d = requiredLiterals(diff);
  return { head: compileRegex(head), diff: compileRegex(diff), needles: h && d ? shortest([...new Set([...h, ...d])]) : null };
}

const SKIP = 0;
const HEAD = 1;
const DIFF = 2;

/** A patch's lines as get_maintainer.pl reads them, with what each may be searched for. */
export interface PatchLines {
  text: string;
  /** The text in lower case, for the needles; null when that moved offsets. */
  lower: string | null;
  /** Start offset of each line; a line includes its `\n`, as Perl's does. */
  starts: number[];
  modes: Uint8Array;
}

const NOT_SEARCHED = [
  /^ mode change [0-7]+ => [0-7]+ (\S+)\s*$/,
  /^rename (?:from|to) (\S+)\s*$/,
  /^diff --git a\/(\S+) b\/(\S+)\s*$/,
  /^Fixes:\s+([0-9a-fA-F]{6,40})/,
];
const FILE_LINE = /^(?:\+\+\+|---)\s+\S/;
const HUNK = /^@@ -\d+,\d+/;

export function patchLines(text: string): PatchLines {
  const starts: number[] = [];
  for (let i = 0; i < text.length; ) {
    starts.push(i);
    const nl = text.indexOf('\n', i);
    i = nl < 0 ? text.length : nl + 1;
  }
  const modes = new Uint8Array(starts.length);
  let inDiff = false;
  starts.forEach((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]! - 1 : text.length;
    const line = text.slice(start, end);
    if (NOT_SEARCHED.some((re) => re.test(line))) modes[k] = SKIP;
    else if (FILE_LINE.test(line)) {
      modes[k] = SKIP;
      inDiff = true;
    } else if (HUNK.test(line)) modes[k] = SKIP;
    else modes[k] = inDiff ? DIFF : HEAD;
  });
  const lower = text.toLowerCase();
  // offsets in `lower` must be offsets in `text` ('İ' lower-cases to two code units)
  return { text, lower: lower.length === text.length ? lower : null, starts, modes };
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Does get_maintainer.pl's keyword scan find this keyword in the patch? */
export function keywordMatches(k: Keyword, p: PatchLines): boolean {
  const tried = new Set<number>();
  const tryLine = (line: number): boolean => {
    if (tried.has(line)) return false;
    tried.add(line);
    const mode = p.modes[line];
    if (mode === SKIP) return false;
    const start = p.starts[line]!;
    const end = line + 1 < p.starts.length ? p.starts[line + 1]! : p.text.length;
    const s = p.text.slice(start, end);
    return search(mode === HEAD ? k.head : k.diff, s);
  };
  const needles = k.needles;
  if (!needles || p.lower === null) {
    for (let line = 0; line < p.starts.length; line++) if (tryLine(line)) return true;
    return false;
  }
  for (const needle of needles) {
    for (let at = p.lower.indexOf(needle); at >= 0; at = p.lower.indexOf(needle, at + 1)) {
      const line = lineAt(p.starts, at);
      if (tryLine(line)) return true;
      // the rest of this line has been searched whole
      const next = p.starts[line + 1];
      if (next === undefined) break;
      at = next - 1;
    }
  }
  return false;
}
