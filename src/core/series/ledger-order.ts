/**
 * The order a ledger's rows are read in, one answer for the panel's matrix and `listlens series`:
 * `newest` (the default) follows the newest version, by its counters, each row with its n/N
 * there; rows the newest version no longer has (dropped, or squashed into another patch) come
 * after, the most recently gone first, marked with the last version that had them. `first`
 * keeps the ledger's own order (first appearance), with the same n/N and marks.
 *
 *   orderRows(ledger: Ledger, order?: RowOrder): OrderedRow[]
 *
 * A counter the newest version lacks (a patch missing from the archive) keeps its place: it is
 * still patch n of N. A row only ever missing and a row split from another are rows like any.
 *
 * Non-goals: building rows (ledger.ts), filters (the panel's "only without review").
 */
import type { CellState, Ledger } from './ledger.ts';

export type RowOrder = 'newest' | 'first';

export const ROW_ORDERS: readonly RowOrder[] = ['newest', 'first'];

export interface OrderedRow {
  /** Index into `ledger.rows`. */
  row: number;
  /** Patch n of N in the newest version; null for a row that version no longer has. */
  counter: number | null;
  total: number | null;
  /** Set for a row the newest version no longer has. */
  gone: { how: Extract<CellState, 'dropped' | 'squashed'>; last: { version: number; counter: number | null; total: number } } | null;
}

export function orderRows(ledger: Ledger, order: RowOrder = 'newest'): OrderedRow[] {
  const newest = ledger.versions.length - 1;
  const total = ledger.versions[newest]?.total ?? 0;
  const rows = ledger.rows.map((r, row): OrderedRow & { at: number } => {
    const cell = r.cells[newest];
    if (cell && cell.state !== 'dropped' && cell.state !== 'squashed') return { row, counter: cell.counter, total, gone: null, at: newest };
    // the last version that had it as a patch of its own, and how it went
    let at = -1;
    let how: 'dropped' | 'squashed' = 'dropped';
    for (let c = newest; c >= 0; c--) {
      const x = r.cells[c];
      if (!x) continue;
      if (x.state === 'dropped' || x.state === 'squashed') {
        if (at < 0) how = x.state;
        continue;
      }
      at = c;
      break;
    }
    const last = at >= 0 ? r.cells[at]! : null;
    return { row, counter: null, total: null, gone: { how, last: { version: ledger.versions[Math.max(at, 0)]?.version ?? 0, counter: last?.counter ?? null, total: ledger.versions[Math.max(at, 0)]?.total ?? 0 } }, at };
  });
  if (order === 'newest') {
    rows.sort((a, b) => {
      if (!a.gone !== !b.gone) return a.gone ? 1 : -1;
      if (!a.gone) return (a.counter ?? Infinity) - (b.counter ?? Infinity) || a.row - b.row;
      return b.at - a.at || (a.gone.last.counter ?? Infinity) - (b.gone!.last.counter ?? Infinity) || a.row - b.row;
    });
  }
  return rows.map(({ at: _at, ...o }) => o);
}
