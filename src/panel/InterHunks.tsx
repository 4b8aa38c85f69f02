/**
 * Hunks of a diff of diffs as monospace text: one line per span, +/- by class (never HTML).
 * Lines do not wrap: the block scrolls sideways (Diff.css), each line as wide as the longest.
 */
import { Fragment } from 'preact';
import type { InterHunk } from '../core/patch/interdiff.ts';
import { lineClass } from './diff-lines.ts';
import './Diff.css';

export interface Props {
  hunks: InterHunk[];
}

export function InterHunks({ hunks }: Props) {
  return (
    <pre class="ll-mono ll-diff" tabIndex={0}>
      <span class="ll-diff-body">
        {hunks.map((h, i) => (
          <Fragment key={i}>
            <span class="ll-diff-hunk">{h.header + '\n'}</span>
            {h.lines.map((l, j) => (
              <span key={j} class={lineClass(l.kind)}>
                {l.kind + l.text + '\n'}
              </span>
            ))}
          </Fragment>
        ))}
      </span>
    </pre>
  );
}
