/**
 * MAINTAINERS ownership in the panel (issue 18): a version's line ("1 of 2 subsystems
 * acked; waiting on MEMORY MANAGEMENT (M: …)", highlighted when it waits on the reader, with
 * each entry and its status folded below it, and which copy of the file was read, its
 * failure said), and a patch's entries in the cell detail. Everything comes from the worker
 * (SeriesLedger.owners, .maintainers); names from the file are drawn as mail strings.
 *
 * Non-goals: the matrix's marks (CellMarks.tsx), deciding states.
 */
import type { CellOwnership, LedgerOwnership } from '../../core/maintainers/ledger-ownership.ts';
import type { MaintainersInfo } from '../../protocol.ts';
import { MailString } from '../MailString.tsx';
import { copyWords, entryWords, OWNER_SIGN } from './ownership-model.ts';
import './Ownership.css';

export interface Props {
  owners: LedgerOwnership | null | undefined;
  info: MaintainersInfo | undefined;
  col: number;
  /** Say which copy was read (once per series: on its newest version). */
  copy: boolean;
}

export function OwnershipLine({ owners, info, col, copy: sayCopy }: Props) {
  if (!info) return null;
  const copy = copyWords(info);
  const v = owners?.versions[col];
  if (!v && !sayCopy) return null;
  return (
    <div class="ll-owners">
      {v ? (
        <details class={`ll-owners-summary${v.waitingOnMe ? ' ll-owners-mine' : ''}`}>
          <summary>
            {v.waitingOnMe ? <strong class="ll-owners-you">Waiting on you: </strong> : null}
            <MailString text={v.summary} />
          </summary>
          <ul class="ll-owners-entries">
            {v.entries.map((e) => (
              <li key={e.entry} class={`ll-owner-${e.state}${e.mine ? ' ll-owners-mine' : ''}`}>
                <span aria-hidden="true">{OWNER_SIGN[e.state]} </span>
                <MailString text={entryWords(owners!, e)} />
                <span class="ll-muted"> ({e.keywordOnly ? 'by a keyword, owes no ack; ' : ''}patch {e.counters.join(', ')})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {sayCopy ? <div class="ll-muted ll-owners-copy">{copy.line}</div> : null}
      {sayCopy && copy.problem ? <div class="ll-owners-problem">{copy.problem}</div> : null}
    </div>
  );
}

export interface CellProps {
  owners: LedgerOwnership | null | undefined;
  cell: CellOwnership | null | undefined;
}

/** A patch's entries, most specific first, in the cell detail. */
export function CellOwners({ owners, cell }: CellProps) {
  if (!owners || !cell) return null;
  if (!cell.entries.length) return <p class="ll-muted">MAINTAINERS: {cell.restOnly ? 'only the catch-all (THE REST) owns these files.' : 'no entry owns these files.'}</p>;
  return (
    <>
      <p class="ll-muted ll-evidence-head">MAINTAINERS{cell.waitingOnMe ? <strong class="ll-owners-you"> (waiting on you)</strong> : null}:</p>
      <ul class="ll-owners-entries">
        {cell.entries.map((e) => (
          <li key={e.entry} class={`ll-owner-${e.state}${e.mine ? ' ll-owners-mine' : ''}`}>
            <span aria-hidden="true">{OWNER_SIGN[e.state]} </span>
            <MailString text={entryWords(owners, e)} />
            {e.keywordOnly ? <span class="ll-muted"> (a keyword: owes no ack)</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
