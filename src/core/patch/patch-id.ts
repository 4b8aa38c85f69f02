/**
 * git's patch-id of a patch mail's body, and the files it touches: what tells two versions
 * of a patch apart (or proves them the same) without git.
 *
 * `patchId(body)` is `git patch-id --stable` (builtin/patch-id.c `get_one_patchid`, git 2.39)
 * run on the body, as b4 runs it (`LoreMessage.get_patch_id`): the text is decoded mail, so a
 * latin-1 or quoted-printable mail is hashed as the UTF-8 of its decoded text, like b4 does.
 * - Everything before the first `diff ` line is ignored (commit message, `---`, diffstat).
 * - Hashed: `diff ` lines, extended headers starting with a letter, `---`/`+++` and hunk
 *   lines, each with git's whitespace (space, tab, CR, LF) removed. Not hashed: `index`
 *   lines, hunk headers (line numbers and function text), `\ No newline` lines.
 * - Stable: one SHA-1 per file, the 20-byte digests summed little-endian with carry, so the
 *   order of files does not matter. A header-only file (pure rename, mode change) joins the
 *   next file's hash. A binary file hashes its `index` blob ids.
 * - The patch ends at the first line after a completed hunk that is neither `@@ -` nor
 *   `diff ` (so a `-- ` signature is outside), or at a line starting with a full object id
 *   (the next commit; an object-id line before any diff is skipped, as git skips an empty patch).
 * - A NUL ends a line, as in git's C strings.
 * Checked against `git patch-id --stable` on every diff of the corpus (test/core/patch-id.test.ts).
 *
 * Non-goals: parsing hunks for display or interdiff (src/core/patch*.ts does that), git's
 * unstable and verbatim modes.
 */
import { Sha1, toHex } from './sha1.ts';

export interface PatchIdentity {
  /** git patch-id --stable, 40 hex digits; null when the body holds no diff. */
  patchId: string | null;
  /** Paths the diff touches (the new path of a rename, both sides when they differ), sorted. */
  files: string[];
}

const HEX40 = /^[0-9a-f]{40}/;
const enc = new TextEncoder();

/** git's `isspace` (sane_ctype: space, \t, \n, \r; not \v or \f). */
const GIT_SPACE = /[ \t\n\r]/g;

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `@@ -a,b +c,d @@`: the counts; a missing count is 1 (git's scan_hunk_header). */
function hunkCounts(line: string): [number, number] {
  const m = /^@@ -\d*(?:,(\d*))? \+\d*(?:,(\d*))?/.exec(line);
  if (!m) return [0, 0];
  return [m[1] === undefined ? 1 : Number(m[1]) || 0, m[2] === undefined ? 1 : Number(m[2]) || 0];
}

/** `a/x` or `"a/x y"` → `x`, `/dev/null` → null. */
function pathOf(token: string): string | null {
  let t = token.trim();
  if (t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
  // the name ends at a tab (a date may follow), by indexOf: `/\t.*$/` backtracked over every
  // tab of a line whose tabs end in a CR, quadratic (80,000 tabs: 8.9 s)
  const tab = t.indexOf('\t');
  if (tab >= 0) t = t.slice(0, tab);
  if (t === '/dev/null' || !t) return null;
  return t.replace(/^[ab]\//, '');
}

/** The patch-id and touched files of a patch mail body (or any text holding one diff). */
export function patchIdentity(body: string): PatchIdentity {
  const sum = new Uint8Array(20);
  let ctx = new Sha1();
  const flush = (): void => {
    const d = ctx.digest();
    let carry = 0;
    for (let i = 0; i < 20; i++) {
      carry += sum[i]! + d[i]!;
      sum[i] = carry & 0xff;
      carry >>= 8;
    }
    ctx = new Sha1();
  };
  const files = new Set<string>();
  let patchlen = 0;
  let before = -1;
  let after = -1;
  let binary = false;
  /** Inside the `---`/`+++` pair of a file header. */
  let header = false;
  let pre = '';
  let post = '';
  let pos = 0;
  while (pos < body.length) {
    let end = body.indexOf('\n', pos);
    end = end < 0 ? body.length : end + 1;
    let line = body.slice(pos, end);
    pos = end;
    // git handles each line as a C string: a NUL ends it
    const nul = line.indexOf('\0');
    if (nul >= 0) line = line.slice(0, nul);
    // git reads whole lines, newline included: `12 < strlen(line)` counts it
    if (line.startsWith('\\ ') && line.length > 12) continue;
    const rest = line.startsWith('commit ') ? line.slice(7) : line.startsWith('From ') ? line.slice(5) : line;
    // a line opening with an object id starts the next patch; git prints the first non-empty one
    if (HEX40.test(rest)) {
      if (patchlen) break;
      continue;
    }
    if (!patchlen && !line.startsWith('diff ')) continue;
    if (before === -1) {
      if (line.startsWith('GIT binary patch') || line.startsWith('Binary files')) {
        binary = true;
        before = 0;
        ctx.update(enc.encode(pre + post));
        flush();
        continue;
      }
      if (line.startsWith('index ')) {
        // as git cuts them: up to the first `..`, then up to a space or the newline
        const text = line.replace(/\n$/, '');
        const dots = text.indexOf('..');
        if (dots >= 0) {
          const space = text.indexOf(' ', dots);
          pre = text.slice(6, dots);
          post = text.slice(dots + 2, space < 0 ? text.length : space);
        }
        continue;
      }
      if (line.startsWith('--- ')) {
        before = after = 1;
        header = true;
      } else if (!isAlpha(line.charCodeAt(0))) break;
    }
    if (binary) {
      if (line.startsWith('diff ')) {
        binary = false;
        before = -1;
        collectDiffLine(line, files);
        // git `continue`s here without hashing this `diff ` line
      }
      continue;
    }
    if (before === 0 && after === 0) {
      if (line.startsWith('@@ -')) {
        [before, after] = hunkCounts(line);
        continue;
      }
      if (!line.startsWith('diff ')) break;
      flush();
      before = after = -1;
    }
    const c = line.charCodeAt(0);
    if (c === 45 /* - */ || c === 32) before--;
    if (c === 43 /* + */ || c === 32) after--;
    if (line.startsWith('diff ')) collectDiffLine(line, files);
    else if (header && (line.startsWith('--- ') || line.startsWith('+++ '))) {
      const p = pathOf(line.slice(4));
      if (p) files.add(p);
      header = line.startsWith('--- ');
    } else if (before === -1 && /^rename (?:to|from) /.test(line)) files.add(line.slice(line.indexOf(' ', 7) + 1).trim());
    const squeezed = line.replace(GIT_SPACE, '');
    patchlen += squeezed.length;
    ctx.update(enc.encode(squeezed));
  }
  // git flushes once more at the end, even an empty hash after a binary file
  if (patchlen) flush();
  return { patchId: patchlen ? toHex(sum) : null, files: [...files].sort() };
}

/** `diff --git a/x b/y`: both paths (quoted or not). */
function collectDiffLine(line: string, files: Set<string>): void {
  const text = line.replace(/\r?\n$/, '');
  const m = /^diff --git ("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(text);
  if (!m) return;
  for (const t of [m[1]!, m[2]!]) {
    const p = pathOf(t);
    if (p) files.add(p);
  }
}

/** Just the id: `git patch-id --stable` of the body, or null without a diff. */
export function patchId(body: string): string | null {
  return patchIdentity(body).patchId;
}
