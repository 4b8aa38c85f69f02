/**
 * One patch mail's body, taken apart: the commit message, the `---` notes (where changelogs
 * live), the diffstat, and per file its paths, rename/copy/mode/new/deleted headers, binary
 * markers and hunks. Input is the decoded body text (src/core/mail/body.ts), output plain JSON.
 *
 * Git's own diff format first (`diff --git`, extended headers, `GIT binary patch`), plain
 * unified diffs (`--- a\n+++ b`, `Index:` lines) too. One pass over the lines: no regex runs
 * on more than one line, hunk counts are trusted only as far as lines follow, and nothing
 * here throws on hostile input (a hunk header promising 10^9 lines ends where the mail does).
 *
 * Non-goals: applying a patch, context-format diffs (`***`), decoding binary payloads,
 * trailers (trailers.ts reads the message this returns).
 */
import { diffStart } from './detect.ts';

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The text after the second `@@` (git's function context), trimmed; '' when none. */
  section: string;
  /** Body lines as sent: first character ' ', '+', '-' or '\\' (`\ No newline at end of file`). */
  lines: string[];
}

export type FileStatus = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied';

export interface PatchFile {
  /** Path before, without `a/`; null for a new file. */
  oldPath: string | null;
  /** Path after, without `b/`; null for a deleted file. */
  newPath: string | null;
  status: FileStatus;
  /** `old mode` / `deleted file mode`, e.g. `100644`; null when not given. */
  oldMode: string | null;
  /** `new mode` / `new file mode`; null when not given. */
  newMode: string | null;
  /** `similarity index` of a rename or copy, in percent. */
  similarity: number | null;
  /** `GIT binary patch` or `Binary files … differ`: no hunks to compare. */
  binary: boolean;
  /** The blob ids of the `index` line (`abc123..def456`), or null. */
  index: string | null;
  hunks: Hunk[];
}

export interface DiffstatLine {
  path: string;
  /** `12 ++++--` → 12, `Bin 0 -> 123 bytes` → null */
  changes: number | null;
  binary: boolean;
}

export interface Diffstat {
  lines: DiffstatLine[];
  files: number;
  insertions: number;
  deletions: number;
}

export interface ParsedPatch {
  /** The commit message: the body above the `---` line (or above the diff), trailing blank lines dropped. */
  message: string;
  /** Text between `---` and the diffstat or diff, the separators dropped; '' when none. */
  notes: string;
  diffstat: Diffstat | null;
  files: PatchFile[];
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;
const STAT_LINE = /^ (.*\S)\s+\|\s+(?:(\d+)(?: [+-]*)?|Bin\b.*)$/;
const STAT_SUMMARY = /^ ?(\d+) files? changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?/;
const SEP = /^---[ \t]*$/;
/** A line of the diff a hunk may not grow beyond, whatever its header promised. */
const MAX_COUNT = 1e9;

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/** Git's C-style quoted path (`"a/t\303\251st"`), unquoted; other text as is. */
export function unquotePath(p: string): string {
  if (!(p.length >= 2 && p.startsWith('"') && p.endsWith('"'))) return p;
  const body = p.slice(1, -1);
  const bytes: number[] = [];
  const enc = new TextEncoder();
  const esc: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\' || i + 1 >= body.length) {
      bytes.push(...enc.encode(c));
      continue;
    }
    const n = body[i + 1]!;
    if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      bytes.push(parseInt(oct, 8) & 255);
      i += oct.length;
    } else {
      bytes.push(esc[n] ?? n.charCodeAt(0));
      i++;
    }
  }
  return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
}

/** `a/path\t2024-01-01 …` → `path`; `/dev/null` → null. `strip` drops git's a/ b/ prefix. */
function cleanPath(raw: string, prefix: string | null): string | null {
  // the name ends at a tab (a date may follow), by indexOf: `/\t.*$/` backtracked over every
  // tab of a line whose tabs end in a CR, quadratic (80,000 tabs: 8.9 s)
  const tab = raw.indexOf('\t');
  let p = (tab >= 0 ? raw.slice(0, tab) : raw).trim();
  p = unquotePath(p);
  if (p === '/dev/null') return null;
  if (prefix && p.startsWith(prefix)) return p.slice(prefix.length);
  if (prefix === null) {
    // a plain diff: strip one leading component when there is one (patch -p1), as git am does
    const slash = p.indexOf('/');
    if (slash > 0 && slash < p.length - 1) return p.slice(slash + 1);
  }
  return p;
}

/** The two names of `diff --git a/x b/y`; for unquoted names with spaces, the split where both halves agree. */
function gitNames(rest: string): [string, string] | null {
  if (rest.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*")\s+(.*)$/.exec(rest);
    return m ? [unquotePath(m[1]!), unquotePath(m[2]!)] : null;
  }
  const quotedB = /^(.*?) ("(?:[^"\\]|\\.)*")$/.exec(rest);
  if (quotedB) return [quotedB[1]!, unquotePath(quotedB[2]!)];
  // `a/foo bar b/foo bar`: the same name twice is the common case, so split in the middle
  if (rest.length % 2 === 1) {
    const half = (rest.length - 1) / 2;
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (rest[half] === ' ' && a.slice(2) === b.slice(2)) return [a, b];
  }
  const sp = rest.indexOf(' b/');
  if (sp > 0) return [rest.slice(0, sp), rest.slice(sp + 1)];
  const any = rest.indexOf(' ');
  return any > 0 ? [rest.slice(0, any), rest.slice(any + 1)] : null;
}

function stripAB(p: string, ab: 'a/' | 'b/'): string {
  return p.startsWith(ab) ? p.slice(2) : p;
}

function newFile(oldPath: string | null, newPath: string | null): PatchFile {
  return { oldPath, newPath, status: 'modified', oldMode: null, newMode: null, similarity: null, binary: false, index: null, hunks: [] };
}

function finishFile(f: PatchFile): PatchFile {
  if (f.oldPath === null && f.newPath !== null) f.status = 'added';
  else if (f.newPath === null && f.oldPath !== null) f.status = 'deleted';
  else if (f.status === 'modified' && f.oldPath !== f.newPath) f.status = 'renamed';
  return f;
}

/** The diffstat block that ends at `summaryAt` (its ` N files changed` line): where it starts. */
function statStart(lines: string[], from: number, summaryAt: number): number {
  let i = summaryAt;
  while (i - 1 >= from && STAT_LINE.test(lines[i - 1]!)) i--;
  return i;
}

function readDiffstat(lines: string[], start: number, summaryAt: number): Diffstat {
  const out: DiffstatLine[] = [];
  for (let i = start; i < summaryAt; i++) {
    const m = STAT_LINE.exec(lines[i]!);
    if (!m) continue;
    out.push({ path: m[1]!.trim(), changes: m[2] !== undefined ? Number(m[2]) : null, binary: m[2] === undefined });
  }
  const s = STAT_SUMMARY.exec(lines[summaryAt]!)!;
  return { lines: out, files: Number(s[1]), insertions: Number(s[2] ?? 0), deletions: Number(s[3] ?? 0) };
}

/** The message, notes and diffstat: everything above the first diff line. */
function readHead(lines: string[], stop: number): Pick<ParsedPatch, 'message' | 'notes' | 'diffstat'> {
  let sep = -1;
  for (let i = 0; i < stop; i++) {
    if (SEP.test(lines[i]!)) {
      sep = i;
      break;
    }
  }
  let summary = -1;
  for (let i = Math.max(sep, 0); i < stop; i++) {
    const l = lines[i]!;
    if ((l.charCodeAt(0) === 32 || (l.charCodeAt(0) >= 48 && l.charCodeAt(0) <= 57)) && STAT_SUMMARY.test(l)) {
      summary = i;
      break;
    }
  }
  // No `---`: a diffstat alone still ends the message (some tools drop the separator).
  let msgEnd = sep >= 0 ? sep : stop;
  let diffstat: Diffstat | null = null;
  let notesEnd = stop;
  if (summary >= 0) {
    const begin = statStart(lines, sep + 1, summary);
    diffstat = readDiffstat(lines, begin, summary);
    notesEnd = begin;
    if (sep < 0) msgEnd = begin;
  }
  const trimEnd = (ls: string[]): string[] => {
    let n = ls.length;
    while (n > 0 && ls[n - 1]!.trim() === '') n--;
    let s = 0;
    while (s < n && ls[s]!.trim() === '') s++;
    return ls.slice(s, n);
  };
  // trimEnd, not `/\s+$/` (the same characters): that regex retried its run of spaces from
  // each of them, quadratic on a long one (40,000 spaces then `x`: 2 s)
  const message = trimEnd(lines.slice(0, msgEnd).map((l) => l.trimEnd())).join('\n');
  const notes = sep >= 0 ? trimEnd(lines.slice(sep + 1, notesEnd).filter((l) => !SEP.test(l))).join('\n') : '';
  return { message, notes, diffstat };
}

/** Parses the decoded body of a patch mail. Never throws; a body without a diff gives `files: []`. */
export function parsePatch(body: string): ParsedPatch {
  const text = body.replace(/\r\n/g, '\n');
  const start = diffStart(text);
  const lines = splitLines(text);
  let stop = lines.length;
  if (start >= 0) {
    // the line index of the offset diffStart found
    let n = 0;
    for (let p = text.indexOf('\n'); p >= 0 && p < start; p = text.indexOf('\n', p + 1)) n++;
    stop = n;
  }
  const head = readHead(lines, stop);
  return { ...head, files: start >= 0 ? readFiles(lines, stop) : [] };
}

function readFiles(lines: string[], from: number): PatchFile[] {
  const files: PatchFile[] = [];
  let cur: PatchFile | null = null;
  /** `diff --git` seen: `---`/`+++` and extended headers belong to `cur`. */
  let git = false;
  const close = (): void => {
    if (cur) files.push(finishFile(cur));
    cur = null;
  };
  let i = from;
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.startsWith('diff --git ')) {
      close();
      const names = gitNames(l.slice(11));
      cur = newFile(names ? stripAB(names[0], 'a/') : null, names ? stripAB(names[1], 'b/') : null);
      git = true;
      i++;
      continue;
    }
    if (l.startsWith('--- ') && i + 1 < lines.length && lines[i + 1]!.startsWith('+++ ')) {
      const c = cur as PatchFile | null;
      const fresh = !git || !c || c.hunks.length > 0;
      if (fresh) {
        close();
        git = false;
      }
      const oldP = cleanPath(l.slice(4), git ? 'a/' : null);
      const newP = cleanPath(lines[i + 1]!.slice(4), git ? 'b/' : null);
      if (fresh || !cur) cur = newFile(oldP, newP);
      else {
        const f = cur as PatchFile;
        f.oldPath = oldP;
        f.newPath = newP;
      }
      i += 2;
      continue;
    }
    if (l.startsWith('@@ -') && cur) {
      const m = HUNK.exec(l);
      if (m) {
        i = readHunk(lines, i, m, cur);
        continue;
      }
    }
    if (cur && git && readExtended(l, cur)) {
      if (l.startsWith('GIT binary patch')) {
        // literal/delta payload: base85 lines until the file ends
        i++;
        while (i < lines.length && !lines[i]!.startsWith('diff --git ') && !(lines[i]!.startsWith('--- ') && lines[i + 1]?.startsWith('+++ '))) i++;
        continue;
      }
      i++;
      continue;
    }
    i++;
  }
  close();
  return files;
}

/** An extended header line of `diff --git`; false when `l` is none. */
function readExtended(l: string, f: PatchFile): boolean {
  let m: RegExpExecArray | null;
  if ((m = /^old mode (\d+)/.exec(l))) f.oldMode = m[1]!;
  else if ((m = /^new mode (\d+)/.exec(l))) f.newMode = m[1]!;
  else if ((m = /^deleted file mode (\d+)/.exec(l))) {
    f.oldMode = m[1]!;
    f.newPath = null;
  } else if ((m = /^new file mode (\d+)/.exec(l))) {
    f.newMode = m[1]!;
    f.oldPath = null;
  } else if ((m = /^rename from (.*)$/.exec(l))) {
    f.oldPath = unquotePath(m[1]!);
    f.status = 'renamed';
  } else if ((m = /^rename to (.*)$/.exec(l))) {
    f.newPath = unquotePath(m[1]!);
    f.status = 'renamed';
  } else if ((m = /^copy from (.*)$/.exec(l))) {
    f.oldPath = unquotePath(m[1]!);
    f.status = 'copied';
  } else if ((m = /^copy to (.*)$/.exec(l))) {
    f.newPath = unquotePath(m[1]!);
    f.status = 'copied';
  } else if ((m = /^(?:dis)?similarity index (\d+)%/.exec(l))) f.similarity = Number(m[1]);
  else if ((m = /^index ([0-9a-f]+\.\.[0-9a-f]+)(?: (\d+))?/.exec(l))) {
    f.index = m[1]!;
    if (m[2] && !f.oldMode && !f.newMode) f.oldMode = f.newMode = m[2];
  } else if (l.startsWith('GIT binary patch') || /^Binary files .* differ$/.test(l)) f.binary = true;
  else return false;
  return true;
}

/** Reads one hunk from its header at `at`; returns the index after it. */
function readHunk(lines: string[], at: number, m: RegExpExecArray, f: PatchFile): number {
  const oldLines = m[2] === undefined ? 1 : Math.min(Number(m[2]), MAX_COUNT);
  const newLines = m[4] === undefined ? 1 : Math.min(Number(m[4]), MAX_COUNT);
  const hunk: Hunk = { oldStart: Number(m[1]), oldLines, newStart: Number(m[3]), newLines, section: m[5]!.trim(), lines: [] };
  let o = oldLines;
  let n = newLines;
  let i = at + 1;
  while (i < lines.length && (o > 0 || n > 0)) {
    const l = lines[i]!;
    const c = l.charCodeAt(0);
    if (c === 32 /* ' ' */ || l === '') {
      // a mailer that strips trailing blanks turns an empty context line into ''
      if (o === 0 || n === 0) break;
      o--;
      n--;
      hunk.lines.push(l === '' ? ' ' : l);
    } else if (c === 45 /* - */) {
      if (o === 0) break;
      o--;
      hunk.lines.push(l);
    } else if (c === 43 /* + */) {
      if (n === 0) break;
      n--;
      hunk.lines.push(l);
    } else if (c === 92 /* \ */) hunk.lines.push(l);
    else break;
    i++;
  }
  // `\ No newline at end of file` after the last line belongs to the hunk
  if (i < lines.length && lines[i]!.startsWith('\\ ')) hunk.lines.push(lines[i++]!);
  f.hunks.push(hunk);
  return i;
}
