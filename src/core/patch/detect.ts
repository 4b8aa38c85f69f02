/**
 * Is there a patch in this text, where does it start, and what does the cover or commit
 * message say around it (diffstat, `change-id:`)?
 *
 * Detection is b4's: a line `diff --git a/x b/y`, a `---` line directly followed by a `+++`
 * line, or `GIT binary patch`. Done by walking line starts rather than a multiline regex, so
 * a 50 MB body costs one pass and no backtracking.
 *
 * Non-goals: applying or parsing hunks (quotes.ts measures hunks to find where a diff ends).
 */

const DIFF_GIT = /^diff --git \S+ \S+/;
const DIFFSTAT_SUMMARY = /^\s*\d+ files? changed/;
const CHANGE_ID = /^change-id:\s+(\S+)\s*$/i;

/** Offset of the first line of the first diff in `body`, or -1. */
export function diffStart(body: string): number {
  let pos = 0;
  while (pos < body.length) {
    let end = body.indexOf('\n', pos);
    if (end < 0) end = body.length;
    const c = body.charCodeAt(pos);
    if (c === 100 /* d */ && DIFF_GIT.test(body.slice(pos, Math.min(end, pos + 400)))) return pos;
    if (c === 45 /* - */ && body.startsWith('---', pos) && body.startsWith('+++', end + 1)) return pos;
    if (c === 71 /* G */ && body.startsWith('GIT binary patch', pos)) return pos;
    pos = end + 1;
  }
  return -1;
}

export function hasDiff(body: string): boolean {
  return diffStart(body) >= 0;
}

/** `N files changed` (git's diffstat summary) outside quotes: what marks a cover letter. */
export function hasDiffstat(body: string): boolean {
  let pos = 0;
  while (pos < body.length) {
    let end = body.indexOf('\n', pos);
    if (end < 0) end = body.length;
    const c = body.charCodeAt(pos);
    if ((c === 32 || (c >= 48 && c <= 57)) && DIFFSTAT_SUMMARY.test(body.slice(pos, Math.min(end, pos + 200)))) return true;
    pos = end + 1;
  }
  return false;
}

/**
 * The `change-id:` of a cover or patch written by `b4 send`. Only a line of its own counts
 * (not `prerequisite-change-id:`), and only before the diff.
 */
export function changeIdOf(body: string): string | null {
  const stop = diffStart(body);
  const text = stop >= 0 ? body.slice(0, stop) : body;
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    if ((text.charCodeAt(pos) | 32) === 99 /* c */) {
      const m = CHANGE_ID.exec(text.slice(pos, end));
      if (m) return m[1]!;
    }
    pos = end + 1;
  }
  return null;
}

/**
 * The commit message of a patch: what comes before the `---` separator line (or before the
 * diff when the separator is missing). Trailers live at its end.
 */
export function commitMessage(body: string): string {
  const stop = diffStart(body);
  const head = stop >= 0 ? body.slice(0, stop) : body;
  const sep = /^---[ \t]*$/m.exec(head);
  return sep ? head.slice(0, sep.index) : head;
}
