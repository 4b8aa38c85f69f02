/**
 * The interdiff of one patch between two versions: the commit message's change, then each
 * file folded (changed files open), monospace, +/- coloured by class. Text nodes only.
 */
import type { PatchInterdiff } from '../../core/patch/interdiff.ts';
import { InterdiffFile } from '../InterdiffFile.tsx';
import { InterHunks } from '../InterHunks.tsx';

export interface Props {
  title: string;
  fromVersion: number;
  toVersion: number;
  /** Earlier versions the reader may compare from instead. */
  sources: number[];
  result: PatchInterdiff | null;
  error: string | null;
  onFrom: (version: number) => void;
  onClose: () => void;
}

export function InterdiffView({ title, fromVersion, toVersion, sources, result, error, onFrom, onClose }: Props) {
  return (
    <section class="ll-interdiff" aria-label={`Interdiff v${fromVersion} to v${toVersion}`}>
      <div class="ll-interdiff-head">
        <label>
          Interdiff{' '}
          <select value={String(fromVersion)} onChange={(e) => onFrom(Number((e.target as HTMLSelectElement).value))}>
            {sources.map((v) => (
              <option key={v} value={String(v)}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        <span> → v{toVersion}</span>
        <button type="button" class="ll-copy" onClick={onClose}>
          Close
        </button>
      </div>
      <div class="ll-interdiff-title">
        <bdi>{title}</bdi>
      </div>
      {error ? <p class="ll-interdiff-error">{error}</p> : null}
      {!result && !error ? <p class="ll-muted">Comparing…</p> : null}
      {result ? (
        <>
          <p class="ll-muted">
            {result.verdict === 'unchanged' ? 'No change (line numbers aside).' : result.whitespaceOnly ? 'Whitespace changes only.' : `${result.files.filter((f) => f.verdict !== 'unchanged').length} of ${result.files.length} files changed${result.message.changed ? '; message changed' : ''}${result.message.trailersChanged ? '; trailers changed' : ''}.`}
          </p>
          {result.message.changed || result.message.trailersChanged ? (
            <details class="ll-idf" open={result.message.changed}>
              <summary>Commit message</summary>
              <InterHunks hunks={result.message.hunks} />
            </details>
          ) : null}
          {result.files.map((f) => (
            <InterdiffFile key={f.path + (f.oldPath ?? '')} file={f} />
          ))}
        </>
      ) : null}
    </section>
  );
}
