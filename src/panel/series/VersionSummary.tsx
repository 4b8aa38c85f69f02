/** One version of the series in the matrix's list: its status, who posted it when not the series' author (a takeover) or from an address new for the author's name (@), its diff against the version before, ownership and findings, trailers the author dropped, its changelog folded, its tools (VersionTools). */
import type { Ledger } from '../../core/series/ledger.ts';
import type { PlacedChangelog } from '../../protocol.ts';
import { droppedTrailers } from '../../core/series/ledger-dropped.ts';
import { MailString, reveal } from '../MailString.tsx';
import { postedByWords } from '../../core/series/ledger-words.ts';
import { diffSummary } from './matrix-model.ts';
import type { LedgerOwnership } from '../../core/maintainers/ledger-ownership.ts';
import type { MaintainersInfo } from '../../protocol.ts';
import { OwnershipLine } from './OwnershipLine.tsx';
import { FindingsList } from './FindingsList.tsx';
import { VersionTools } from './VersionTools.tsx';
import { ChecksLine } from './ChecksLine.tsx';
import type { VersionChecks } from '../../core/series/patchwork-checks.ts';

export interface Props {
  ledger: Ledger;
  col: number;
  changelog: PlacedChangelog[];
  onOpen: (id: string) => void;
  /** Take this version out of the series (the reader knows better than the rules). */
  onUnlink: (key: string) => void;
  /** The version is in the thread on screen: it cannot be taken out of its own series. */
  here: boolean;
  /** MAINTAINERS ownership and the copy it read (issue 18), when on. */
  owners?: LedgerOwnership | null;
  maintainers?: MaintainersInfo;
  /** Patchwork's checks of this version (issue 18), when asked. */
  checks?: VersionChecks;
}

export function VersionSummary({ ledger, col, changelog, onOpen, onUnlink, here, owners, maintainers, checks }: Props) {
  const v = ledger.versions[col]!;
  const diff = diffSummary(ledger, col);
  const dropped = droppedTrailers(ledger, col);
  const uncertain = v.confirmedBy.length === 0;
  const posted = postedByWords(ledger, v);
  return (
    <li class="ll-vsum">
      <div class="ll-vsum-line">
        <button type="button" class="ll-version-open" onClick={() => onOpen(v.key)} title={reveal(v.subject)}>
          v{v.version}
        </button>
        <span class="ll-vsum-status">{v.summary.replace(/^v\d+:\s*/, '')}</span>
        {uncertain ? <span class="ll-vsum-uncertain">uncertain</span> : null}
      </div>
      {posted ? (
        <div class={v.takeover ? 'll-vsum-takeover' : v.newAddress ? 'll-vsum-newaddr' : 'll-vsum-other'}>
          {v.newAddress && !v.takeover ? <span aria-hidden="true">@ </span> : null}
          <MailString text={posted} />
        </div>
      ) : null}
      {diff ? <div class="ll-muted ll-vsum-diff">{diff}</div> : null}
      <OwnershipLine owners={owners} info={maintainers} col={col} copy={col === ledger.versions.length - 1} />
      <FindingsList ledger={ledger} col={col} onOpen={onOpen} />
      <ChecksLine version={checks} />
      {v.bots?.some((b) => !b.findings?.length) ? (
        <div class="ll-muted ll-vsum-bots">
          Bot reports (no trailers):{' '}
          {v.bots
            .filter((b) => !b.findings?.length)
            .map((b, i) => (
              <span key={b.message}>
                {i ? ', ' : ''}
                <MailString text={b.bot} /> on {b.counter === null ? 'the cover' : `${b.counter}/${v.total}`}
              </span>
            ))}
        </div>
      ) : null}
      {dropped.length ? (
        <div class="ll-vsum-dropped">
          <span class="ll-muted">Dropped by the author, patch unchanged since v{ledger.versions[col - 1]!.version} (still counted):</span>
          <ul>
            {dropped.map((d, i) => (
              <li key={i}>
                {d.counter ?? '?'}/{v.total} <MailString text={`${d.trailer.name}: ${d.trailer.value}`} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <VersionTools ledger={ledger} col={col} />
      {!here && !v.confirmedBy.includes('thread') ? (
        <div class="ll-vsum-tools">
          <button type="button" class="ll-copy" onClick={() => onUnlink(v.key)} title="Not a version of this series: take it out (kept in the cache)">
            Unlink
          </button>
        </div>
      ) : null}
      {changelog.length ? (
        <details class="ll-vsum-log">
          <summary>Changelog</summary>
          {changelog.map((c, i) => (
            <div key={i} class="ll-vsum-log-sec">
              <div class="ll-muted">
                <MailString text={c.heading} />
                {c.counter !== null ? ` (in patch ${c.counter})` : ''}
              </div>
              <pre class="ll-mono ll-vsum-log-text">
                <bdi>{c.lines.join('\n')}</bdi>
              </pre>
            </div>
          ))}
        </details>
      ) : null}
    </li>
  );
}
