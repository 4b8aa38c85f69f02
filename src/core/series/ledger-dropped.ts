/**
 * Trailers the author dropped: given on vK to a patch that is unchanged (the same patch-id) in
 * the next version, and absent from its commit message there, though that version was posted
 * after they were given. The ledger still counts them (the carry-forward: the code they were
 * given on did not change) and the am-ready mbox adds them back; a maintainer wants to know.
 *
 *   droppedTrailers(ledger: Ledger, col: number): DroppedTrailer[]
 *
 * Read from the ledger alone: the cell's carried trailers whose giving was on the version just
 * before (a trailer dropped earlier is listed at the version that dropped it, once). A trailer
 * given after the next version was posted is late, not dropped; one the reviewer gave again
 * on this version is not carried, so not listed.
 *
 * Non-goals: stale trailers (the patch changed: ledger.ts marks them), what counts (givers.ts).
 */
import { counted, type Ledger, type LedgerEntry } from './ledger.ts';

export interface DroppedTrailer {
  counter: number | null;
  title: string;
  trailer: LedgerEntry;
}

export function droppedTrailers(ledger: Ledger, col: number): DroppedTrailer[] {
  const v = ledger.versions[col];
  const prev = ledger.versions[col - 1];
  if (!v || !prev) return [];
  const out: DroppedTrailer[] = [];
  for (const r of ledger.rows) {
    const cell = r.cells[col];
    if (!cell?.present || cell.state === 'squashed') continue;
    for (const t of cell.trailers) {
      if (!t.carried || !counted(t) || t.givenOn !== prev.version) continue;
      if (t.date && v.date && t.date > v.date) continue;
      out.push({ counter: cell.counter, title: r.title, trailer: t });
    }
  }
  return out.sort((a, b) => (a.counter ?? 0) - (b.counter ?? 0));
}
