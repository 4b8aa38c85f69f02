/**
 * The order a reader meets a ledger's rows in: the newest version's patches first, by their
 * counter (so v6's 29/33 is the 29th row, whatever version it first appeared in), each with its
 * n/N there; then the rows the newest version no longer has (dropped, squashed, or simply not
 * posted again), newest-last-seen first, each by its counter in the version that last had it.
 * A row that shows up only in an uncounted shape (no counter anywhere) keeps the ledger's order
 * at the end. The ledger keeps its rows in order of first appearance; this is a view of it.
 *
 * One function for every reader (the panel's matrix, `listlens series --order newest`).
 *
 * Non-goals: building the ledger (ledger.ts), filtering rows (the panel's review filter).
 */
import type { Ledger, LedgerCell } from './ledger.ts';

export interface OrderedRow {
  /** Index into `ledger.rows`. */
  row: number;
  /** In the newest version: the patch's counter there (also for a patch missing from the archive). */
  current: boolean;
  /** `n` of n/N: in the newest version when `current`, else in `lastVersion`. */
  counter: number | null;
  /** `N` of n/N, same version as `counter`. */
  total: number | null;
  /** The version `counter` and `total` are read from (the newest one when `current`). */
  lastVersion: number | null;
}

/** A cell that places its row in a version: the patch is there, or its counter is known to be (missing). */
function holds(c: LedgerCell | null | undefined): c is LedgerCell {
  return !!c && (c.present || c.state === 'missing') && c.state !== 'squashed' && c.state !== 'dropped';
}

export function newestOrder(ledger: Ledger): OrderedRow[] {
  const last = ledger.versions.length - 1;
  const rows: Array<OrderedRow & { col: number }> = ledger.rows.map((r, i) => {
    for (let c = last; c >= 0; c--) {
      const cell = r.cells[c];
      if (holds(cell)) return { row: i, current: c === last, counter: cell.counter, total: ledger.versions[c]?.total ?? null, lastVersion: ledger.versions[c]?.version ?? null, col: c };
    }
    return { row: i, current: false, counter: null, total: null, lastVersion: null, col: -1 };
  });
  // Newest column first, then the counter there; rows of equal place keep the ledger's order.
  rows.sort((a, b) => b.col - a.col || (a.counter ?? Infinity) - (b.counter ?? Infinity) || a.row - b.row);
  return rows.map(({ col: _col, ...o }) => o);
}

/** `3/30`, or '' when the row has no counter. */
export function rowCounter(o: OrderedRow): string {
  return o.counter === null ? '' : `${o.counter}/${o.total ?? '?'}`;
}
