/**
 * The matrix of one series: patches as rows in the newest version's order with its n/N (rows
 * it no longer has after them, marked with where they were last), every version a column,
 * each cell its sign (core/format.ts, the CLI's too), R/A/T marks, ✓ applied (only from someone
 * the ledger believes), ! changed after review and @ a trailer from an address not seen before
 * for its name (@ by a version's number: it was posted from such an address); the whole cell in words for screen readers and the tooltip.
 *
 * At 360 px it is a box of its own: one line per title (ellipsised; the whole title on hover
 * and when the title has the focus), the header row and the title column sticky while the box
 * scrolls down or sideways, so the page itself never scrolls sideways. A grid with one tab
 * stop (roving tabindex): the arrows move between cells, Enter or Space opens one.
 *
 * Non-goals: what a cell means (matrix-model.ts), the wide view's layout (Series.css).
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Ledger } from '../../core/series/ledger.ts';
import { stateLegend } from '../../core/format.ts';
import { MailString, reveal } from '../MailString.tsx';
import { GLYPH, cellLabel, cellMarks, goneWords, gridMove, rowPlace, visibleRows, type GridKey } from './matrix-model.ts';
import type { LedgerOwnership } from '../../core/maintainers/ledger-ownership.ts';
import { CellMarks, ColumnMarks, cellExtraWords } from './CellMarks.tsx';
import type { LedgerChecks } from '../../core/series/patchwork-checks.ts';

export interface Props {
  ledger: Ledger;
  onlyUnreviewed: boolean;
  selected: { row: number; col: number } | null;
  onCell: (row: number, col: number) => void;
  /** MAINTAINERS ownership per cell (issue 18), when the reader switched it on. */
  owners?: LedgerOwnership | null;
  /** Patchwork's checks per cell (issue 18), when asked. */
  checks?: LedgerChecks;
}

const KEYS = new Set<string>(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

export function MatrixTable({ ledger, onlyUnreviewed, selected, onCell, owners, checks }: Props) {
  const rows = visibleRows(ledger, onlyUnreviewed);
  const newest = ledger.versions[ledger.versions.length - 1];
  const box = useRef<HTMLDivElement>(null);
  const legend = useId();
  // The one tab stop, as [drawn row, grid column] (column 0: the title).
  const [at, setAt] = useState<[number, number]>([0, 0]);
  const go = (r: number, c: number): void => setAt((a) => (a[0] === r && a[1] === c ? a : [r, c]));
  const has = (r: number, c: number): boolean => r >= 0 && r < rows.length && (c === 0 || !!ledger.rows[rows[r]!.row]?.cells[c - 1]);
  const stop: [number, number] = has(at[0], at[1]) ? at : [0, 0];
  // The newest versions matter most: a box that scrolls sideways starts at its end (the
  // title column stays), older versions a scroll to the left away. Asked after the first
  // frame is out: measuring the box forces a layout, which must not hold up the matrix's paint.
  useEffect(() => {
    let t: ReturnType<typeof setTimeout> | undefined;
    const toEnd = (): void => {
      const b = box.current;
      if (b && b.scrollWidth > b.clientWidth) b.scrollLeft = getComputedStyle(b).direction === 'rtl' ? -b.scrollWidth : b.scrollWidth;
    };
    // (no frames where nothing is drawn, as in the render tests: a timeout alone)
    const f = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => (t = setTimeout(toEnd))) : ((t = setTimeout(toEnd)), 0);
    return () => {
      if (f) cancelAnimationFrame(f);
      clearTimeout(t);
    };
  }, [ledger.versions.length]);
  const onKey = (e: KeyboardEvent): void => {
    if (!KEYS.has(e.key)) return;
    const from = (e.target as HTMLElement).closest<HTMLElement>('[data-at]')?.dataset.at?.split(':').map(Number);
    if (!from || from.length !== 2) return;
    e.preventDefault();
    const page = Math.max(1, Math.floor((box.current?.clientHeight ?? 300) / 28) - 1);
    const next = gridMove([from[0]!, from[1]!], e.key as GridKey, { rows: rows.length, cols: ledger.versions.length, page }, has, e.ctrlKey || e.metaKey);
    // focus now (the element is drawn already), so a key pressed before the next render moves on from here
    box.current?.querySelector<HTMLElement>(`[data-at="${next[0]}:${next[1]}"]`)?.focus();
    go(next[0], next[1]);
  };
  const tab = (r: number, c: number): number => (stop[0] === r && stop[1] === c ? 0 : -1);
  return (
    <>
      <div class="ll-matrix-box" ref={box}>
        <table class="ll-matrix" role="grid" aria-label={`Patches by version, in v${newest?.version ?? ''}'s order`} aria-describedby={legend} onKeyDown={onKey}>
          <thead>
            <tr>
              <th scope="col" class="ll-matrix-title">
                Patch{newest ? <span class="ll-muted"> (n/{newest.total})</span> : null}
              </th>
              {ledger.versions.map((v, c) => (
                <th key={v.key} scope="col" class="ll-matrix-v">
                  v{v.version}
                  {v.newAddress ? (
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
            {rows.map((o, r) => {
              const row = ledger.rows[o.row]!;
              const gone = o.gone !== null;
              const full = reveal(row.title);
              const where = goneWords(o, newest?.version ?? 0);
              return (
                <tr key={o.row} class={gone ? (r > 0 && !rows[r - 1]!.gone ? 'll-matrix-gone ll-matrix-gone-first' : 'll-matrix-gone') : undefined}>
                  <th scope="row" class="ll-matrix-title" tabIndex={tab(r, 0)} data-at={`${r}:0`} onFocus={() => go(r, 0)} title={where ? `${full} (${where})` : full}>
                    <span class="ll-matrix-n">{rowPlace(o)}</span>
                    {gone ? <span class="ll-visually-hidden">{where}: </span> : null}
                    <MailString class="ll-matrix-name" text={row.title} />
                  </th>
                  {ledger.versions.map((_, c) => {
                    const cell = row.cells[c];
                    if (!cell) return <td key={c} class="ll-cell-none" />;
                    const on = selected?.row === o.row && selected.col === c;
                    const label = [cellLabel(cell, row.title), cellExtraWords({ ledger, owners, row: o.row, col: c, checks })].filter(Boolean).join('; ');
                    const marks = cellMarks(cell);
                    return (
                      <td key={c} class={`ll-cell ll-cell-${cell.state}${cell.present ? '' : ' ll-cell-absent'}${on ? ' ll-cell-on' : ''}`} aria-selected={on}>
                        <button type="button" title={label} tabIndex={tab(r, c + 1)} data-at={`${r}:${c + 1}`} onFocus={() => go(r, c + 1)} onClick={() => onCell(o.row, c)}>
                          <span class="ll-visually-hidden">{label}</span>
                          <span aria-hidden="true">{GLYPH[cell.state]}</span>
                          {marks ? (
                            <span class="ll-cell-marks" aria-hidden="true">
                              {marks}
                            </span>
                          ) : null}
                          <CellMarks ledger={ledger} owners={owners} row={o.row} col={c} />
                        </button>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p id={legend} class="ll-muted ll-matrix-legend">
        {stateLegend()} · R/A/T reviewed, acked, tested · ✓ applied · ! changed after review · @ a trailer or version from a new address<span class="ll-visually-hidden">. Arrow keys move between cells, Enter opens one.</span>
      </p>
    </>
  );
}
