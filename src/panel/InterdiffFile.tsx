/** One file of an interdiff, folded: its verdict in the summary line, its hunks when opened. */
import type { FileInterdiff } from '../core/patch/interdiff.ts';
import { InterHunks } from './InterHunks.tsx';

export interface Props {
  file: FileInterdiff;
}

export function InterdiffFile({ file }: Props) {
  const path = file.oldPath ? `${file.oldPath} → ${file.path}` : file.path;
  const what = file.verdict === 'changed' ? `${file.whitespaceOnly ? 'whitespace, ' : ''}+${file.added} −${file.removed}` : file.verdict;
  return (
    <details class={`ll-idf ll-idf-${file.verdict}`} open={file.verdict === 'changed'}>
      <summary>
        <bdi class="ll-mono">{path}</bdi> <span class="ll-muted">{what}</span>
      </summary>
      {file.hunks.length ? <InterHunks hunks={file.hunks} /> : null}
    </details>
  );
}
