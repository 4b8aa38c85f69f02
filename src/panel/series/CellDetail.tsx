/**
 * The selected cell of the matrix: the patch in that version, its trailers with where each came
 * from (a look-alike's flagged, counted for nobody), the trailers that count for nobody apart
 * ("given by X on behalf of Y", a bot's report: the ledger's `evidence`), one from an address not
 * seen before for its name flagged (counted), the "applied" that covers it and whether the
 * ledger believes it (issue 16), open / interdiff / copy.
 */
import type { Ledger } from '../../core/series/ledger.ts';
import { CopyButton } from '../CopyButton.tsx';
import { MailString } from '../MailString.tsx';
import { fromNewAddress } from '../../core/series/ledger-words.ts';
import { appliedNote, interdiffSources, trailerNote } from './matrix-model.ts';
import { patchCopy } from '../../core/series/am-trailers.ts';
import type { LedgerOwnership } from '../../core/maintainers/ledger-ownership.ts';
import { CellOwners } from './OwnershipLine.tsx';
import { FindingsList } from './FindingsList.tsx';
import { CellChecksList } from './ChecksLine.tsx';
import type { LedgerChecks } from '../../core/series/patchwork-checks.ts';
import { changedAfterReview, reviewChangeWords } from '../../core/series/review-change.ts';

export interface Props {
  ledger: Ledger;
  row: number;
  col: number;
  onOpen: (id: string) => void;
  onInterdiff: (fromCol: number) => void;
  /** MAINTAINERS ownership (issue 18), when on. */
  owners?: LedgerOwnership | null;
  /** Patchwork's checks (issue 18), when asked. */
  checks?: LedgerChecks;
}

export function CellDetail({ ledger, row, col, onOpen, onInterdiff, owners, checks }: Props) {
  const r = ledger.rows[row]!;
  const cell = r.cells[col];
  const v = ledger.versions[col]!;
  if (!cell) return null;
  const sources = interdiffSources(ledger, row, col);
  const all = cell.present ? patchCopy(cell, 'all') : '';
  const fresh = cell.present ? patchCopy(cell, 'new') : '';
  const applied = appliedNote(cell);
  const changed = changedAfterReview(cell);
  return (
    <div class="ll-cell-detail" role="region" aria-label={`Patch ${cell.counter ?? ''} in v${v.version}`}>
      <div>
        <strong>
          v{v.version}
          {cell.counter !== null ? ` ${cell.counter}/${v.total}` : ''}
        </strong>{' '}
        <MailString text={cell.subject ?? r.title} />
      </div>
      {changed.length ? (
        <p class="ll-cell-changed-note">
          <span aria-hidden="true">! </span>Changed after review: <MailString text={reviewChangeWords(changed)} />
        </p>
      ) : null}
      <div class="ll-vsum-tools">
        {cell.id && cell.present ? (
          <button type="button" class="ll-copy" onClick={() => onOpen(cell.id!)}>
            Open patch
          </button>
        ) : null}
        {cell.present && sources.length ? (
          <button type="button" class="ll-copy" onClick={() => onInterdiff(sources[0]!)}>
            Interdiff from v{ledger.versions[sources[0]!]!.version}
          </button>
        ) : null}
        {all ? <CopyButton label="Copy trailers" text={() => all} title="The trailers that hold on this patch, as b4 am writes them" /> : null}
        {fresh ? <CopyButton label="Copy new" text={() => fresh} title="Only those not in the patch as posted (b4 trailers -u)" /> : null}
      </div>
      {cell.trailers.length ? (
        <ul class="ll-cell-trailers">
          {cell.trailers.map((t, i) => (
            <li key={i} class={t.lookalikeOf ? 'll-trailer-lookalike' : t.stale ? 'll-trailer-stale' : fromNewAddress(t) ? 'll-trailer-newaddr' : undefined}>
              {t.lookalikeOf || fromNewAddress(t) ? <span aria-hidden="true">⚠ </span> : null}
              <MailString text={`${t.name}: ${t.value}`} /> <span class={t.lookalikeOf ? undefined : 'll-muted'}>({t.lookalikeOf ? <>names a look-alike of <MailString text={t.lookalikeOf} />; not counted</> : trailerNote(t)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="ll-muted">No trailers.</p>
      )}
      {applied ? (
        <p class={cell.applied ? 'll-cell-applied' : 'll-cell-says-applied'}>
          {cell.applied ? <span aria-hidden="true">✓ </span> : null}
          <MailString text={applied} />
        </p>
      ) : null}
      {cell.evidence.length ? (
        <>
          <p class="ll-muted ll-evidence-head">Not counted:</p>
          <ul class="ll-cell-evidence">
            {cell.evidence.map((e, i) => (
              <li key={i}>
                <MailString text={`${e.name}: ${e.value}`} />{' '}
                <span class="ll-muted">
                  (
                  {e.why === 'bot' ? (
                    <>
                      in a report of <MailString text={e.bot ?? (e.sender?.name || e.sender?.address || 'a bot')} />, a bot: no trailer
                    </>
                  ) : (
                    <>
                      given by <MailString text={e.sender?.name || e.sender?.address || 'someone'} /> on behalf of <MailString text={e.person?.name || e.person?.address || e.value} />
                    </>
                  )}
                  )
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {cell.present ? <CellOwners owners={owners} cell={owners?.cells[row]?.[col]} /> : null}
      {cell.present ? <FindingsList ledger={ledger} col={col} counter={cell.counter} onOpen={onOpen} /> : null}
      {cell.present ? <CellChecksList cell={checks?.cells[row]?.[col]} /> : null}
    </div>
  );
}
