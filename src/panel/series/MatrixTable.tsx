/**
 * The matrix of one series: patches as rows, versions as columns (the newest six that fit a
 * 360 px panel, with no scroll box of its own), each cell its sign (core/format.ts, the CLI's
 * too), R/A/T marks, ✓ applied (only from someone the ledger believes), ! for a trailer given
 * before the patch changed and @ for one from an address not seen before for its name (@ by a
 * version's number: it was posted from such an address); the whole cell in words for screen
 * readers and the tooltip.
 */
import type { Ledger } from '../../core/series/ledger.ts';
import { stateLegend } from '../../core/format.ts';
import { MailString } from '../MailString.tsx';
import { GLYPH, cellLabel, fromNewAddress, marksText, shownColumns, visibleRows } from './matrix-model.ts';
import type { LedgerOwnership } from '../../core/maintainers/ledger-ownership.ts';
import { CellMarks, ColumnMarks, cellExtraWords } from './CellMarks.tsx';

export interface Props {
  ledger: Ledger;
  onlyUnreviewed: boolean;
  selected: { row: number; col: number } | null;
  onCell: (row: number, col: number) => void;
  /** MAINTAINERS ownership per cell (issue 18), when the reader switched it on. */
  owners?: LedgerOwnership | null;
}

export function MatrixTable({ ledger, onlyUnreviewed, selected, onCell, owners }: Props) {
  const cols = shownColumns(ledger.versions.length);
  const rows = visibleRows(ledger, onlyUnreviewed);
  return (
    <table class="ll-matrix">
      <caption class="ll-visually-hidden">Patches by version: {stateLegend()}; R/A/T reviewed, acked, tested</caption>
      <thead>
        <tr>
          <th scope="col" class="ll-matrix-title">
            Patch
          </th>
          {cols.map((c) => (
            <th key={c} scope="col">
              v{ledger.versions[c]!.version}
              {ledger.versions[c]!.newAddress ? (
                <>
                  <span aria-hidden="true">@</span>
                  <span class="ll-visually-hidden">, posted from an address not seen before for its name</span>
                </>
              ) : null}
              <ColumnMarks ledger={ledger} col={c} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const row = ledger.rows[r]!;
          return (
            <tr key={r}>
              <th scope="row" class="ll-matrix-title">
                <MailString text={row.title} />
              </th>
              {cols.map((c) => {
                const cell = row.cells[c];
                if (!cell) return <td key={c} class="ll-cell-none" />;
                const on = selected?.row === r && selected.col === c;
                const label = [cellLabel(cell, row.title), cellExtraWords({ ledger, owners, row: r, col: c })].filter(Boolean).join('; ');
                return (
                  <td key={c} class={`ll-cell ll-cell-${cell.state}${cell.present ? '' : ' ll-cell-absent'}${on ? ' ll-cell-on' : ''}`}>
                    <button type="button" title={label} aria-pressed={on} onClick={() => onCell(r, c)}>
                      <span class="ll-visually-hidden">{label}</span>
                      <span aria-hidden="true">{GLYPH[cell.state]}</span>
                      <span class="ll-cell-marks" aria-hidden="true">
                        {marksText(cell.marks)}
                        {cell.applied ? ' ✓' : ''}
                        {cell.trailers.some((t) => t.stale) ? ' !' : ''}
                        {fromNewAddress(cell) ? ' @' : ''}
                      </span>
                      <CellMarks ledger={ledger} owners={owners} row={r} col={c} />
                    </button>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
