/**
 * The colour class of a diff line, for the interdiff (outer markers) and patch diffs in the
 * context view (a line's first character). The colours live in Diff.css with a
 * dark-mode pair each; the +/- marker stays in the text, so the meaning never rests on colour.
 *
 * Non-goals: parsing diffs (core/patch/patch.ts).
 */
export function lineClass(kind: string): string {
  return kind === '+' ? 'll-diff-add' : kind === '-' ? 'll-diff-del' : 'll-diff-ctx';
}

/** A line of a patch as mail shows it: file headers and hunk headers apart from +/- lines. */
export function patchLineClass(line: string): string {
  if (line.startsWith('+++ ') || line.startsWith('--- ') || line.startsWith('diff --git ')) return 'll-diff-file';
  if (line.startsWith('@@')) return 'll-diff-hunk';
  return lineClass(line.charAt(0));
}
