/**
 * Lines of a reply that are pasted, not written: a ``` fenced block, and `git show` /
 * `git log` output (a `commit <sha>` line, its `Author:` / `Date:` / `Commit:` header lines
 * and the indented commit message below them). A trailer there is someone else's commit
 * quoted for the discussion: `Author: …` is not a trailer, and the `Tested-by:` lines of a
 * pasted commit test nothing in this thread.
 *
 *   pastedLines(lines: string[]): Uint8Array      1 where the line is pasted
 *
 * One pass, linear. An unclosed fence runs to the end of the text: when unsure, a line is not
 * the sender's word. Quoted lines (`>`) are the caller's (trailers.ts skips them first).
 *
 * Non-goals: telling whose words a line is otherwise (givers.ts applies b4's sender rule),
 * diffs (trailers.ts skips diff lines), quotes.
 */

const FENCE = /^ {0,3}(```|~~~)/;
/** `commit 1a2b3c4…` as git show, git log and tig print it (an abbreviated id too). */
const COMMIT = /^(\s*)commit [0-9a-f]{7,64}\b/;
/** The header lines git prints between `commit` and the message (`--pretty=fuller` too). */
const GIT_HEADER = /^\s*(?:Author|AuthorDate|Commit|CommitDate|Date|Merge|Reflog|Notes)\s*:/;

export function pastedLines(lines: readonly string[]): Uint8Array {
  const out = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trimStart().startsWith(fence[1]!)) j++;
      out.fill(1, i, Math.min(j + 1, lines.length));
      i = j;
      continue;
    }
    const commit = COMMIT.exec(line);
    // a `commit <sha>` line is git's only when git's header lines follow it
    if (commit && i + 1 < lines.length && GIT_HEADER.test(lines[i + 1]!)) {
      const base = commit[1]!.length;
      let j = i + 1;
      while (j < lines.length && GIT_HEADER.test(lines[j]!)) j++;
      // the message: indented four spaces past the commit line, blank lines inside it
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (!l.trim()) continue;
        const indent = l.length - l.trimStart().length;
        if (indent < base + 4 || COMMIT.test(l)) break;
      }
      // trailing blank lines belong to what follows
      let end = j;
      while (end > i && !lines[end - 1]!.trim()) end--;
      out.fill(1, i, end);
      i = end - 1;
    }
  }
  return out;
}
