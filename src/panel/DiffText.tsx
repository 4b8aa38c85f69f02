/**
 * A patch's diff as mail shows it, coloured: one span per line, classed by diff-lines.ts
 * (file and hunk headers, +, -, context). Text nodes only, never HTML; the +/- stay in the
 * text so nothing rests on colour alone. Lines do not wrap: the block scrolls sideways
 * (Diff.css), each line as wide as the longest so its tint spans the block.
 */
import { patchLineClass } from './diff-lines.ts';
import './Diff.css';

export interface Props {
  lines: string[];
  class?: string;
}

export function DiffText({ lines, class: cls }: Props) {
  return (
    <pre class={cls ? `ll-mail ll-diff ${cls}` : 'll-mail ll-diff'} tabIndex={0}>
      <span class="ll-diff-body">
        {lines.map((l, i) => (
          <span key={i} class={patchLineClass(l)}>
            {l + (i < lines.length - 1 ? '\n' : '')}
          </span>
        ))}
      </span>
    </pre>
  );
}
