/**
 * What a maintainer takes away from one version: the am-ready mbox (`b4 am` in the browser,
 * written by the worker from the cached mail: core/series/am.ts), with `Link:` or not; the
 * version's trailers as groups `# n/N title`, all or only those new since the posting (what
 * `b4 trailers -u` adds: core/series/am-trailers.ts); and `b4 shazam`. The download and
 * shazam are offered only when every patch of the version is in the archive; otherwise the
 * version says which are missing. The cover letter is saved apart, as b4's `.cover`.
 *
 * Non-goals: the mbox's rules (core), other versions' tools (each summary has its own).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Ledger } from '../../core/series/ledger.ts';
import { trailerCopy } from '../../core/series/am-trailers.ts';
import type { AmFile } from '../../core/series/am.ts';
import { CopyButton } from '../CopyButton.tsx';
import { useActions, useSeries } from '../store.ts';
import './VersionTools.css';

export interface Props {
  ledger: Ledger;
  col: number;
}

/** Saves text as a file through the browser's download (no permission: an anchor with `download`). */
export function saveText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/mbox' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function VersionTools({ ledger, col }: Props) {
  const v = ledger.versions[col]!;
  const actions = useActions();
  const am = useSeries().state.value.am;
  const [link, setLink] = useState(false);
  const saved = useRef<AmFile | null>(null);
  const mine = am && am.version === v.key ? am : null;
  useEffect(() => {
    if (mine?.file && saved.current !== mine.file) {
      saved.current = mine.file;
      saveText(`${mine.file.name}.mbx`, mine.file.mbx);
    }
  }, [mine?.file]);
  const whole = v.missing.length === 0 && v.present > 0;
  const all = trailerCopy(ledger, col, 'all');
  const fresh = trailerCopy(ledger, col, 'new');
  const freshCount = fresh.split('\n').filter((l) => l && !l.startsWith('# ')).length;
  return (
    <>
      <div class="ll-vsum-tools">
        {whole ? (
          <>
            <button type="button" class="ll-copy" onClick={() => actions.am(v.key, link)} title={`v${v.version} as an mbox for git am, with the trailers that hold (b4 am)`}>
              Download v{v.version} .mbx
            </button>
            <label class="ll-am-link" title="Add Link: https://patch.msgid.link/<msgid> to each patch (b4 am -l)">
              <input type="checkbox" checked={link} onChange={() => setLink(!link)} /> with Link:
            </label>
            <CopyButton label="Copy b4 shazam" text={() => v.shazam} title={v.shazam} />
          </>
        ) : null}
        {all ? <CopyButton label="Copy trailers" text={() => all} title={`v${v.version}'s trailers, patch by patch`} /> : null}
        {fresh ? <CopyButton label="Copy new trailers" text={() => fresh} title={`${freshCount} trailers not in v${v.version} as posted (what b4 trailers -u adds), patch by patch`} /> : null}
      </div>
      {!whole ? (
        <p class="ll-muted ll-am-note">
          No download: {v.present === 0 ? 'no patch of this version is in the archive' : `${v.missing.map((c) => `${c}/${v.total}`).join(', ')} ${v.missing.length === 1 ? 'is' : 'are'} not in the archive`}.
        </p>
      ) : null}
      {mine ? (
        <p class={`ll-am-note${mine.error ? ' ll-am-error' : ' ll-muted'}`} role="status">
          {mine.error ??
            (mine.file ? (
              <>
                Saved {mine.file.name}.mbx: {mine.file.patches} patches, {mine.file.added} trailers added
                {mine.file.borrowed.length ? `; ${mine.file.borrowed.map((b) => `${b.counter} taken from v${b.from}`).join(', ')} (a partial reroll)` : ''}.{' '}
                {mine.file.cover ? (
                  <button type="button" class="ll-copy" onClick={() => saveText(`${mine.file!.name}.cover`, mine.file!.cover!)}>
                    Save the cover letter
                  </button>
                ) : null}
              </>
            ) : (
              'Writing the mbox…'
            ))}
        </p>
      ) : null}
    </>
  );
}
