/**
 * What changed between two versions of one patch, without git: a diff of the diffs, as
 * `git range-diff` computes it (not patchutils' interdiff, which needs both versions against
 * the same base and fails otherwise).
 *
 * Each file's diff becomes a list of lines: a header line saying what happens to the file
 * (new, deleted, renamed, mode change, binary), then per hunk an `@@` line and the hunk's own
 * ` `/`+`/`-` lines. Two versions are compared on those lines with the hunk headers' line
 * numbers and function text left out, so a hunk that only moved (the base grew above it, an
 * earlier hunk got longer) is unchanged; the output still shows each side's real `@@ -a,b
 * +c,d @@` line for the reader. The diff is line-diff.ts's (Myers in linear space, capped),
 * with 3 lines of context, as range-diff's.
 *
 * Per file: unchanged, changed (with the diff of diffs), added (only in the new version) or
 * removed (only in the old one); `whitespaceOnly` when the change vanishes once every
 * whitespace character is deleted from each line (git patch-id's rule). The commit message
 * (subject included when given) is compared the same way, its trailer block apart, so a
 * patch that only gained Reviewed-by lines is unchanged with `trailersChanged` set.
 *
 * The panel (issue 11) renders a `PatchInterdiff` as text: `files[].hunks[].lines` with
 * `kind` as the outer marker (' ', '-', '+') and `text` as the inner diff line, folded per
 * file; it must never be inserted as HTML.
 *
 * Non-goals: pairing patches across versions (the ledger's matching does that), parsing
 * (patch.ts), fetching.
 */
import { diffLines, type Edit } from './line-diff.ts';
import type { Hunk, ParsedPatch, PatchFile } from './patch.ts';

/** One line of a diff of diffs: `kind` is the outer marker, `text` the line as one version has it. */
export interface InterLine {
  kind: ' ' | '-' | '+';
  text: string;
}

export interface InterHunk {
  /** Where this hunk is: the nearest inner hunk header (`@@ -a,b +c,d @@ fn`), else the file's path or `Commit message`. */
  header: string;
  lines: InterLine[];
}

export type FileVerdict = 'unchanged' | 'changed' | 'added' | 'removed';

export interface FileInterdiff {
  /** The file's path in the newer version (the older one's for a removed file). */
  path: string;
  /** Its path in the older version, when it is there and differs from `path` (renamed between versions, or a rename in the patch). */
  oldPath: string | null;
  verdict: FileVerdict;
  /** Changed, but not once whitespace is ignored. */
  whitespaceOnly: boolean;
  /** Lines only in the older / newer version's diff. */
  removed: number;
  added: number;
  hunks: InterHunk[];
}

export interface MessageInterdiff {
  /** The message (subject, body; trailers apart) differs. */
  changed: boolean;
  whitespaceOnly: boolean;
  /** The trailer block at the message's end differs (a Reviewed-by gained, a Cc dropped). */
  trailersChanged: boolean;
  /** The diff of the whole messages, trailers included. */
  hunks: InterHunk[];
}

export interface PatchInterdiff {
  /** `unchanged` when the diff and the message (trailers apart) are the same. */
  verdict: 'unchanged' | 'changed';
  /** Some file is not unchanged. */
  diffChanged: boolean;
  /** Every change, message included, is whitespace only. */
  whitespaceOnly: boolean;
  message: MessageInterdiff;
  /** In the newer version's file order, then the removed files in the older one's. */
  files: FileInterdiff[];
}

/** A patch and its subject, as one version sent it. */
export interface PatchSide {
  patch: ParsedPatch;
  /** The subject without `[PATCH vN n/m]`; compared as the message's first line. */
  subject?: string;
}

/** Lines of context around each change, as range-diff and diff -u. */
export const CONTEXT = 3;

interface Seq {
  /** What the reader sees. */
  text: string[];
  /** What is compared: the text with hunk line numbers and function context left out. */
  key: string[];
}

/** What happens to the file, in one line; similarity and blob ids are left out (they follow from the content). */
export function fileHeader(f: PatchFile): string {
  const path = f.newPath ?? f.oldPath ?? '';
  let h = `## ${path}`;
  if (f.status === 'added') h = `## ${path} (new${f.newMode ? ` ${f.newMode}` : ''})`;
  else if (f.status === 'deleted') h = `## ${path} (deleted)`;
  else if (f.status === 'renamed') h = `## ${f.oldPath} => ${f.newPath}`;
  else if (f.status === 'copied') h = `## ${f.oldPath} => ${f.newPath} (copy)`;
  if (f.oldMode && f.newMode && f.oldMode !== f.newMode) h += ` (mode change ${f.oldMode} => ${f.newMode})`;
  if (f.binary) h += ` (binary${f.index ? ` ${f.index}` : ''})`;
  return `${h} ##`;
}

function hunkHeader(h: Hunk): string {
  return `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@${h.section ? ` ${h.section}` : ''}`;
}

function fileSeq(f: PatchFile): Seq {
  const head = fileHeader(f);
  const text = [head];
  const key = [head];
  for (const h of f.hunks) {
    text.push(hunkHeader(h));
    key.push('@@');
    for (const l of h.lines) {
      text.push(l);
      key.push(l);
    }
  }
  return { text, key };
}

const NO_SPACE = /\s+/g;
const stripSpace = (k: string): string => k.replace(NO_SPACE, '');

function sameSeq(a: string[], b: string[], map?: (s: string) => string): boolean {
  if (a.length !== b.length && !map) return false;
  if (!map) return a.every((x, i) => x === b[i]);
  // without whitespace, lines that become empty still count (patch-id keeps them as '+' / '-');
  // compared pair by pair, stopping at the first difference, with no mapped copies
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (map(a[i]!) !== map(b[i]!)) return false;
  return true;
}

/** Edits → hunks with `context` lines around each change, each headed by the inner hunk header it falls under. */
export function toHunks(a: Seq, b: Seq, edits: Edit[], home: string, context = CONTEXT): InterHunk[] {
  // one flat list of lines with both sides' positions (typed arrays: a file of 160,000 lines
  // made as many objects for the collector), then windows around the changes
  let count = 0;
  for (const e of edits) count += e.length;
  const KINDS = [' ', '-', '+'] as const;
  const kinds = new Uint8Array(count);
  const ais = new Int32Array(count);
  const bis = new Int32Array(count);
  let n = 0;
  for (const e of edits) {
    const k = e.kind === 'equal' ? 0 : e.kind === 'delete' ? 1 : 2;
    for (let i = 0; i < e.length; i++, n++) {
      kinds[n] = k;
      ais[n] = k === 2 ? e.a : e.a + i;
      bis[n] = k === 1 ? e.b : e.b + i;
    }
  }
  const hunks: InterHunk[] = [];
  const placesA = places(a);
  const placesB = places(b);
  let i = 0;
  while (i < count) {
    if (kinds[i] === 0) {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    // extend while changes are within 2*context of each other
    let end = i;
    let j = i;
    while (j < count) {
      if (kinds[j] !== 0) {
        end = j;
        j++;
        continue;
      }
      if (j - end > 2 * context) break;
      j++;
    }
    const stop = Math.min(count, end + context + 1);
    const lines: InterLine[] = [];
    for (let r = start; r < stop; r++) lines.push({ kind: KINDS[kinds[r]!]!, text: kinds[r] === 1 ? a.text[ais[r]!]! : b.text[bis[r]!]! });
    const first = { kind: KINDS[kinds[start]!]!, ai: ais[start]!, bi: bis[start]! };
    const side = first.kind === '-' ? a : b;
    hunks.push({ header: placeOf(side, first.kind === '-' ? first.ai : first.bi, side === a ? placesA : placesB) ?? home, lines });
    i = stop;
  }
  return hunks;
}

/**
 * For each line of `s`, the index of the inner hunk header at or above it (-1 above the
 * first): made once per sequence, as scanning back from each outer hunk was quadratic (a
 * 160,000-line new file changed every 8 lines: 6 s).
 */
function places(s: Seq): Int32Array {
  const at = new Int32Array(s.key.length);
  let last = -1;
  for (let k = 0; k < s.key.length; k++) {
    if (s.key[k] === '@@') last = k;
    at[k] = last;
  }
  return at;
}

/** The inner hunk header at or above line `i`, or null above the first one. */
function placeOf(s: Seq, i: number, at: Int32Array): string | null {
  const k = at[Math.min(i, s.key.length - 1)] ?? -1;
  return k >= 0 ? s.text[k]! : null;
}

function compareSeqs(a: Seq, b: Seq, home: string): { changed: boolean; whitespaceOnly: boolean; hunks: InterHunk[]; added: number; removed: number } {
  if (sameSeq(a.key, b.key)) return { changed: false, whitespaceOnly: false, hunks: [], added: 0, removed: 0 };
  const edits = diffLines(a.key, b.key);
  let added = 0;
  let removed = 0;
  for (const e of edits) {
    if (e.kind === 'insert') added += e.length;
    else if (e.kind === 'delete') removed += e.length;
  }
  return { changed: true, whitespaceOnly: sameSeq(a.key, b.key, stripSpace), hunks: toHunks(a, b, edits, home), added, removed };
}

const TRAILER = /^\s*[A-Za-z][\w-]*:\s+\S/;

/** The message's lines and where its trailer block (the last paragraph, all `Name: value` or `[…]`) starts. */
function messageLines(side: PatchSide): { lines: string[]; trailersAt: number } {
  const lines = side.patch.message === '' ? [] : side.patch.message.split('\n');
  if (side.subject !== undefined) lines.unshift(side.subject.trim(), '');
  let at = lines.length;
  while (at > 0 && (TRAILER.test(lines[at - 1]!) || /^\s*\[.*\]\s*$/.test(lines[at - 1]!))) at--;
  // only a block that follows a blank line (or starts the message) is the trailer block
  if (at > 0 && lines[at - 1]!.trim() !== '') at = lines.length;
  return { lines, trailersAt: at };
}

function compareMessages(a: PatchSide, b: PatchSide): MessageInterdiff {
  const ma = messageLines(a);
  const mb = messageLines(b);
  const whole = compareSeqs({ text: ma.lines, key: ma.lines }, { text: mb.lines, key: mb.lines }, 'Commit message');
  if (!whole.changed) return { changed: false, whitespaceOnly: false, trailersChanged: false, hunks: [] };
  const bodyA = ma.lines.slice(0, ma.trailersAt);
  const bodyB = mb.lines.slice(0, mb.trailersAt);
  const changed = !sameSeq(bodyA, bodyB);
  const trailersChanged = !sameSeq(ma.lines.slice(ma.trailersAt), mb.lines.slice(mb.trailersAt));
  return { changed, whitespaceOnly: changed && sameSeq(bodyA, bodyB, stripSpace), trailersChanged, hunks: whole.hunks };
}

function keyOf(f: PatchFile): string {
  return f.newPath ?? f.oldPath ?? '';
}

/** The files of both versions in pairs: by final path, then by original path (the target of a rename changed). */
function pairFiles(a: PatchFile[], b: PatchFile[]): Array<[PatchFile | null, PatchFile | null]> {
  const byKey = new Map<string, PatchFile[]>();
  const bySource = new Map<string, PatchFile[]>();
  const add = (m: Map<string, PatchFile[]>, k: string, f: PatchFile): void => {
    const list = m.get(k);
    if (list) list.push(f);
    else m.set(k, [f]);
  };
  for (const f of a) {
    add(byKey, keyOf(f), f);
    if (f.oldPath) add(bySource, f.oldPath, f);
  }
  const used = new Set<PatchFile>();
  // The first file of a list not used yet, from where the last search stopped: a list only
  // gains used files, so each is passed over once (searching each list from its start was
  // quadratic in files sharing one path: 20,000 took 4.9 s).
  const from = new Map<PatchFile[], number>();
  const free = (list: PatchFile[] | undefined): PatchFile | undefined => {
    if (!list) return undefined;
    let k = from.get(list) ?? 0;
    while (k < list.length && used.has(list[k]!)) k++;
    from.set(list, k);
    return list[k];
  };
  const pairs: Array<[PatchFile | null, PatchFile | null]> = b.map((f) => {
    const match = free(byKey.get(keyOf(f)));
    if (!match) return [null, f];
    used.add(match);
    return [match, f];
  });
  for (const pair of pairs) {
    const f = pair[1]!;
    if (pair[0] || !f.oldPath) continue;
    const match = free(bySource.get(f.oldPath));
    if (!match) continue;
    used.add(match);
    pair[0] = match;
  }
  for (const f of a) if (!used.has(f)) pairs.push([f, null]);
  return pairs;
}

function fileInterdiff(fa: PatchFile | null, fb: PatchFile | null): FileInterdiff {
  const path = keyOf(fb ?? fa!);
  const before = fa ? (fa.oldPath ?? fa.newPath) : (fb!.oldPath ?? null);
  const oldPath = before !== null && before !== path ? before : null;
  const empty: Seq = { text: [], key: [] };
  const sa = fa ? fileSeq(fa) : empty;
  const sb = fb ? fileSeq(fb) : empty;
  const r = compareSeqs(sa, sb, path);
  const verdict: FileVerdict = !fa ? 'added' : !fb ? 'removed' : r.changed ? 'changed' : 'unchanged';
  return { path, oldPath, verdict, whitespaceOnly: verdict === 'changed' && r.whitespaceOnly, removed: r.removed, added: r.added, hunks: r.hunks };
}

/** The interdiff of two versions of one patch, `a` the older. Pure and deterministic; never throws on parsed input. */
export function interdiff(a: PatchSide, b: PatchSide): PatchInterdiff {
  const files = pairFiles(a.patch.files, b.patch.files).map(([fa, fb]) => fileInterdiff(fa, fb));
  const message = compareMessages(a, b);
  const diffChanged = files.some((f) => f.verdict !== 'unchanged');
  const verdict = diffChanged || message.changed ? 'changed' : 'unchanged';
  const whitespaceOnly = verdict === 'changed' && files.every((f) => f.verdict === 'unchanged' || f.whitespaceOnly) && (!message.changed || message.whitespaceOnly);
  return { verdict, diffChanged, whitespaceOnly, message, files };
}
