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
 * it, whatever the patterns and the text. A keyword that is one literal (`mediatek`,
 * `of_overlay_remove`) needs no automaton at all, and a line's kind is worked out only for
 * the lines a needle leads to: a patch's first match runs before the JIT has warmed up, so
 * what is never run costs nothing (issue 18: a version's first match ≤ 20 ms).
 *
 * Non-goals: the file list (the caller's patch parser gives it), which entries own a file.
 */
import { parsePerlRegex, type RegexNode } from './perl-regex.ts';
import { isLiteral, literalPrefix, requiredLiterals } from './regex-literals.ts';
import { compileRegex, type Program } from './regex-program.ts';
import { search } from './regex-vm.ts';
import { DIFF_LINE_PREFIX } from './parse.ts';

export interface Keyword {
  /** On the preamble's lines. */
  head: Program;
  /** On the diff's lines, with get_maintainer.pl's `^[+-].*` in front. */
  diff: Program;
  /**
   * `diff` is `^[+-].*` then this keyword whole (it has no top-level `|`): a diff line is then
   * one starting with + or -, with a match of `head` starting after that and before the `\n`.
   * The automaton is spared carrying `.*` along every character of the line.
   */
  glued: boolean;
  /** Set when the keyword is glued and one case-sensitive literal: a substring test does. */
  literal: string | null;
  /** Lower-case strings one of which any line it matches contains; null: try every line. */
  needles: string[] | null;
}

/** Drops a needle that contains another: the shorter one finds every line the longer does. */
function shortest(needles: string[]): string[] {
  return needles.filter((n, i) => !needles.some((m, j) => j !== i && n.includes(m) && (m.length < n.length || j < i)));
}

const PREFIX = parsePerlRegex(DIFF_LINE_PREFIX, { x: true });

function same(a: RegexNode, b: RegexNode): boolean {
  switch (a.t) {
    case 'char':
      return b.t === 'char' && a.c === b.c && a.fold === b.fold;
    case 'set':
      return b.t === 'set' && a.r.length === b.r.length && a.r.every((v, k) => v === b.r[k]);
    case 'assert':
      return b.t === 'assert' && a.k === b.k;
    case 'seq':
      return b.t === 'seq' && a.items.length === b.items.length && a.items.every((n, k) => same(n, b.items[k]!));
    case 'alt':
      return b.t === 'alt' && a.alts.length === b.alts.length && a.alts.every((n, k) => same(n, b.alts[k]!));
    case 'rep':
      return b.t === 'rep' && a.min === b.min && a.max === b.max && same(a.n, b.n);
  }
}

/** Is the diff form exactly `^[+-].*` followed by the keyword's own items? */
function isGlued(head: RegexNode, diff: RegexNode): boolean {
  if (PREFIX.t !== 'seq' || diff.t !== 'seq') return false;
  const n = PREFIX.items.length;
  if (!PREFIX.items.every((p, k) => same(p, diff.items[k]!))) return false;
  // the keyword's items follow, or the keyword as one item (a group around all of it)
  const items = head.t === 'seq' ? head.items : [head];
  if (diff.items.length === n + items.length && items.every((h, k) => same(h, diff.items[n + k]!))) return true;
  return diff.items.length === n + 1 && same(head, diff.items[n]!);
}

/** Throws RegexError when the keyword cannot be read (parse.ts has already refused those). */
export function compileKeyword(value: string): Keyword {
  const head = parsePerlRegex(value, { x: true });
  const diff = parsePerlRegex(DIFF_LINE_PREFIX + value, { x: true });
  const h = requiredLiterals(head);
  const d = requiredLiterals(diff);
  const glued = isGlued(head, diff);
  return {
    head: compileRegex(head),
    diff: compileRegex(diff),
    glued,
    literal: glued && isLiteral(head) ? literalPrefix(head) : null,
    needles: h && d ? shortest([...new Set([...h, ...d])]) : null,
  };
}

const SKIP = 0;
const HEAD = 1;
const DIFF = 2;

/** A patch's text as get_maintainer.pl reads it, with what each line may be searched for. */
export interface PatchLines {
  text: string;
  /** The text in lower case, for the needles; null when that moved offsets. */
  lower: string | null;
  /** Start of the first line naming a file (`---`/`+++`): the diff's lines come after it. */
  diffAt: number;
  /** Line start → SKIP, HEAD or DIFF, for the lines looked at so far. */
  modes: Map<number, number>;
}

// Each with the text every line it takes starts with: most lines are told apart by that,
// without running a regex (whose first runs, in a fresh worker, include compiling it).
const NOT_SEARCHED: Array<[string, RegExp]> = [
  [' mode change ', /^ mode change [0-7]+ => [0-7]+ (\S+)\s*$/],
  ['rename ', /^rename (?:from|to) (\S+)\s*$/],
  ['diff --git a/', /^diff --git a\/(\S+) b\/(\S+)\s*$/],
  ['Fixes:', /^Fixes:\s+([0-9a-fA-F]{6,40})/],
  ['@@ -', /^@@ -\d+,\d+/],
];
const FILE_LINE = /^(?:\+\+\+|---)\s+\S/;
const isFileLine = (line: string): boolean => (line.startsWith('---') || line.startsWith('+++')) && FILE_LINE.test(line);

/** The line starting at `start`, without its `\n`. */
function lineFrom(text: string, start: number): string {
  const nl = text.indexOf('\n', start);
  return text.slice(start, nl < 0 ? text.length : nl);
}

/** Start of the first line that starts with `mark` and names a file, or text.length. */
function firstFileLine(text: string, mark: string): number {
  for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) {
    if ((at === 0 || text.charCodeAt(at - 1) === 0x0a) && isFileLine(lineFrom(text, at))) return at;
  }
  return text.length;
}

export function patchLines(text: string): PatchLines {
  const lower = text.toLowerCase();
  // (no line naming a file is also one get_maintainer.pl skips: the two kinds never overlap)
  const diffAt = Math.min(firstFileLine(text, '---'), firstFileLine(text, '+++'));
  // offsets in `lower` must be offsets in `text` ('İ' lower-cases to two code units)
  return { text, lower: lower.length === text.length ? lower : null, diffAt, modes: new Map() };
}

function modeAt(p: PatchLines, start: number): number {
  let mode = p.modes.get(start);
  if (mode === undefined) {
    const line = lineFrom(p.text, start);
    if (isFileLine(line) || NOT_SEARCHED.some(([start, re]) => line.startsWith(start) && re.test(line))) mode = SKIP;
    else mode = start > p.diffAt ? DIFF : HEAD;
    p.modes.set(start, mode);
  }
  return mode;
}

/** Does the keyword match the line starting at `start` (its `\n` included, as Perl's is)? */
function lineMatches(k: Keyword, p: PatchLines, start: number, end: number): boolean {
  const mode = modeAt(p, start);
  if (mode === SKIP) return false;
  const s = p.text.slice(start, end);
  if (mode === HEAD) return k.literal !== null ? s.includes(k.literal) : search(k.head, s);
  if (!k.glued) return search(k.diff, s);
  const c = s.charCodeAt(0);
  if (c !== 0x2b && c !== 0x2d) return false;
  // `.*` crosses no newline: the match starts at the line's `\n` at the latest
  const nl = s.indexOf('\n', 1);
  return k.literal !== null ? s.indexOf(k.literal, 1) >= 0 : search(k.head, s, false, 1, s.length, nl < 0 ? s.length : nl);
}

const lineEnd = (text: string, at: number): number => {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
};

/** Does get_maintainer.pl's keyword scan find this keyword in the patch? */
export function keywordMatches(k: Keyword, p: PatchLines): boolean {
  const { text, lower } = p;
  const needles = k.needles;
  if (!needles || lower === null) {
    for (let start = 0; start < text.length; start = lineEnd(text, start)) if (lineMatches(k, p, start, lineEnd(text, start))) return true;
    return false;
  }
  // a line two needles lead to is searched once
  const tried = needles.length > 1 ? new Set<number>() : null;
  for (const needle of needles) {
    for (let at = lower.indexOf(needle); at >= 0; ) {
      const start = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
      const end = lineEnd(text, at);
      if (!tried?.has(start)) {
        if (lineMatches(k, p, start, end)) return true;
        tried?.add(start);
      }
      // the rest of this line has been searched whole
      at = end < text.length ? lower.indexOf(needle, end) : -1;
    }
  }
  return false;
}
