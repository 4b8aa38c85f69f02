/** Hunks of a diff of diffs as monospace text: one line per span, +/- by class (never HTML). */
import type { InterHunk } from '../core/patch/interdiff.ts';
import { lineClass } from './diff-lines.ts';
import './Diff.css';

export interface Props {
  hunks: InterHunk[];
}

export function InterHunks({ hunks }: Props) {
  return (
    <pre class="ll-mono ll-diff">
      {hunks.map((h, i) => (
        <span key={i}>
          <span class="ll-diff-hunk">{h.header + '\n'}</span>
          {h.lines.map((l, j) => (
            <span key={j} class={lineClass(l.kind)}>
              {l.kind + l.text + '\n'}
            </span>
          ))}
        </span>
      ))}
    </pre>
  );
}
