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
 * on this version is not carried, so not listed. Nor is one whose person wrote the same trailer
 * into this version's commit message under another address (an author who moved: their
 * Signed-off-by is there, only the address changed; the ledger marks the address, not this).
 *
 * Non-goals: stale trailers (the patch changed: ledger.ts marks them), what counts (givers.ts).
 */
import { comparableName } from '../mail/address.ts';
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
    const own = new Set(cell.trailers.filter((t) => t.origin === 'patch' && !t.carried && t.person?.name).map(key));
    for (const t of cell.trailers) {
      if (!t.carried || !counted(t) || t.givenOn !== prev.version) continue;
      if (t.person?.name && own.has(key(t))) continue;
      if (t.date && v.date && t.date > v.date) continue;
      out.push({ counter: cell.counter, title: r.title, trailer: t });
    }
  }
  return out.sort((a, b) => (a.counter ?? 0) - (b.counter ?? 0));
}

const key = (t: LedgerEntry): string => `${t.name.toLowerCase()}\0${comparableName(t.person?.name ?? '')}`;
