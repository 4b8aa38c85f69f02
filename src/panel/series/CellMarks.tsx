/**
 * The matrix's compact marks of issue 18: in a cell, its ownership sign (◆ acked, ◈ reviewed
 * not acked, ◇ waiting on a maintainer; outlined when it waits on the reader) and ⚑ when a
 * bot found something on that patch; in a version's column head, ⚑ for findings on the
 * whole version. Signs are for the eye (aria-hidden); the words go into the cell's label
 * (`cellExtraWords`).
 *
 * Non-goals: the cell's own sign and R/A/T marks (MatrixTable.tsx), the details.
 */
import type { LedgerOwnership } from '../../core/maintainers/ledger-ownership.ts';
import type { Ledger } from '../../core/series/ledger.ts';
import { findingsMark, findingsOn, findingsWords, OWNER_SIGN, ownerCellWords } from './ownership-model.ts';
import { cellChecksWords, type LedgerChecks } from '../../core/series/patchwork-checks.ts';
import './Ownership.css';

export interface Props {
  ledger: Ledger;
  owners: LedgerOwnership | null | undefined;
  row: number;
  col: number;
  /** Patchwork's checks (issue 18), when asked. */
  checks?: LedgerChecks;
}

/** The cell's ownership, findings and checks in words, for its label and tooltip. */
export function cellExtraWords({ ledger, owners, row, col, checks }: Props): string {
  const cell = ledger.rows[row]?.cells[col];
  const own = owners ? ownerCellWords(owners, owners.cells[row]?.[col]) : '';
  const found = cell?.present ? findingsWords(findingsOn(ledger, col, cell.counter)) : '';
  return [own, found, cellChecksWords(checks?.cells[row]?.[col])].filter(Boolean).join('; ');
}

export function CellMarks({ ledger, owners, row, col }: Props) {
  const cell = ledger.rows[row]?.cells[col];
  const own = owners?.cells[row]?.[col];
  const flag = cell?.present ? findingsMark(findingsOn(ledger, col, cell.counter)) : '';
  if (!own?.state && !flag) return null;
  return (
    <span class="ll-cell-extra" aria-hidden="true">
      {own?.state ? <span class={`ll-owner-sign ll-owner-${own.state}${own.waitingOnMe ? ' ll-owners-mine' : ''}`}>{OWNER_SIGN[own.state]}</span> : null}
      {flag ? <span class="ll-finding-flag">{flag}</span> : null}
    </span>
  );
}

/** ⚑ beside a version's number for findings on the whole version. */
export function ColumnMarks({ ledger, col }: { ledger: Ledger; col: number }) {
  const list = findingsOn(ledger, col, null);
  const flag = findingsMark(list);
  if (!flag) return null;
  return (
    <>
      <span class="ll-finding-flag" aria-hidden="true">
        {flag}
      </span>
      <span class="ll-visually-hidden">{findingsWords(list)}</span>
    </>
  );
}
