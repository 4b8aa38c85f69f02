/**
 * What the lines of a message's preformatted text are: runs of quoted lines (with the
 * attribution that introduced them) and diffs (from a `diff`/`---`+`+++` header through the
 * last line its hunk headers count). Plain strings in, line numbers out: no DOM here.
 *
 * Hunks are followed by their counts, as `git apply` does, so a patch's `-- ` signature and
 * the footer after it are not taken for removed lines.
 *
 * Non-goals: quote matching against the thread (src/core/mail/quotes.ts does that for the panel);
 * signatures and list footers (the page shows them as the archive does).
 */
import { parseAttribution } from '../../core/mail/quotes.ts';
import { attributionDate } from '../../core/thread/quote-fold.ts';

export interface QuoteRun {
  kind: 'quote';
  from: number;
  to: number;
  /** Fewest `>` of its lines: 2 or more is a conversation quoted again. */
  depth: number;
  /** "Jerome Glisse, Jul 20" from the attribution line, or ''. */
  who: string;
}

export interface DiffRun {
  kind: 'diff';
  from: number;
  to: number;
  files: number;
  added: number;
  removed: number;
  /** Line numbers of `+`, `-` and `@@` lines, for archives that do not mark them. */
  marks: Array<[line: number, kind: 'add' | 'del' | 'hunk']>;
}

export type Run = QuoteRun | DiffRun;

/** Lines scanned between two checks of the clock (`runsOf`, `diffEnd`). */
const SCAN_STEP = 4096;

const DIFF_START = /^(?:diff --git |diff -|Index: \S)/;
const HUNK = /^@@@? -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;
const FILE_HEADER = /^(?:diff |index |--- |\+\+\+ |new file mode|deleted file mode|old mode|new mode|similarity index|dissimilarity index|rename from|rename to|copy from|copy to|Binary files|GIT binary patch|Index: |={20})/;

/** Number of `>` markers a line starts with (up to 3 leading spaces, spaces between markers). */
export function quoteDepth(line: string): number {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  let d = 0;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 62) d++;
    else if (c !== 32 || d === 0) break;
  }
  return d;
}

function blank(s: string): boolean {
  return s.trim() === '';
}

/** Who an attribution line a few lines above `at` names ("Name, Jul 20"), or null. */
function attributionBefore(lines: readonly string[], at: number): string | null {
  for (let i = at - 1, seen = 0; i >= 0 && seen < 2; i--) {
    const t = lines[i]!;
    if (blank(t)) continue;
    // "On Fri, Jul 20, 2018 at 1:17 PM Jerome Glisse <jglisse@redhat.com>" + "wrote:" on the next line
    const a = parseAttribution(t) ?? (i > 0 ? parseAttribution(`${lines[i - 1]} ${t}`) : null);
    if (a) {
      const when = attributionDate(a.line);
      return [a.author, when].filter(Boolean).join(', ');
    }
    seen++;
  }
  return null;
}

/**
 * Where the diff starting at `from` ends (its last line), counting each hunk's lines; `null`
 * every SCAN_STEP lines or so, as `runsOf` does (a diff may be most of a long message).
 */
function* diffEnd(lines: readonly string[], from: number, run: DiffRun): Generator<null, number> {
  let i = from;
  let last = from;
  let checked = from;
  while (i < lines.length) {
    if (i - checked >= SCAN_STEP) {
      checked = i;
      yield null;
    }
    const t = lines[i]!;
    const h = HUNK.exec(t);
    if (h) {
      run.marks.push([i, 'hunk']);
      let old = h[1] === undefined ? 1 : Number(h[1]);
      let neu = h[2] === undefined ? 1 : Number(h[2]);
      i++;
      while (i < lines.length && (old > 0 || neu > 0)) {
        const c = lines[i]!.charCodeAt(0);
        if (c === 43) {
          neu--;
          run.added++;
          run.marks.push([i, 'add']);
        } else if (c === 45) {
          old--;
          run.removed++;
          run.marks.push([i, 'del']);
        } else if (c === 32 || Number.isNaN(c)) {
          // a context line ("" where trailing blanks were stripped)
          old--;
          neu--;
        } else if (c !== 92) break; // "\ No newline at end of file" counts for neither side
        i++;
      }
      while (i < lines.length && lines[i]!.startsWith('\\')) i++;
      last = i - 1;
    } else if (FILE_HEADER.test(t)) {
      if (t.startsWith('+++ ')) run.files++;
      last = i;
      i++;
    } else break;
  }
  return last;
}

/**
 * The quote runs and diffs of a message's lines, in order, not overlapping; `null` between
 * them every SCAN_STEP lines or so, where a caller may stop and go on in a later task.
 */
export function* runsOf(lines: readonly string[]): Generator<Run | null, void> {
  let who = '';
  let checked = 0;
  for (let i = 0; i < lines.length; i++) {
    if (i - checked >= SCAN_STEP) {
      checked = i;
      yield null;
    }
    const t = lines[i]!;
    if (t.charCodeAt(0) === 62 || (t.charCodeAt(0) === 32 && quoteDepth(t) > 0)) {
      const from = i;
      let depth = Infinity;
      while (i < lines.length && quoteDepth(lines[i]!) > 0) depth = Math.min(depth, quoteDepth(lines[i++]!));
      who = attributionBefore(lines, from) ?? who;
      yield { kind: 'quote', from, to: i - 1, depth, who };
      i--;
    } else if (DIFF_START.test(t) || (t.startsWith('--- ') && lines[i + 1]?.startsWith('+++ '))) {
      const run: DiffRun = { kind: 'diff', from: i, to: i, files: 0, added: 0, removed: 0, marks: [] };
      run.to = yield* diffEnd(lines, i, run);
      if (run.marks.length) yield run;
      i = run.to;
    }
  }
}

/** The quote runs and diffs of a message's lines, in order, not overlapping. */
export function findRuns(lines: readonly string[]): Run[] {
  const runs: Run[] = [];
  for (const r of runsOf(lines)) if (r) runs.push(r);
  return runs;
}
