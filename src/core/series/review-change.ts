/**
 * "Changed after review": a Reviewed-by or Acked-by given on an earlier version vK whose patch
 * has changed by this version (its patch-id is no longer the one the review was given on), and
 * that its giver has not given again since. The ledger already keeps such a trailer, `stale`,
 * and counts it for nothing (ledger.ts, b4's carry-forward); this says which they are, so the
 * matrix can mark the cell and a reader can ask the reviewer to look again.
 *
 * A look-alike's trailer is counted for nobody and marks nothing here either. A Tested-by is
 * left out: a test of an older patch is a different question from a review of it.
 *
 * Non-goals: deciding staleness (ledger.ts), drawing the mark (the panel, the CLI).
 */
import type { LedgerCell, LedgerEntry } from './ledger.ts';

const REVIEW = /^(reviewed-by|acked-by)$/i;

/** The reviews and acks of earlier versions that this cell's patch has changed since. */
export function changedAfterReview(cell: LedgerCell | null | undefined): LedgerEntry[] {
  if (!cell?.present) return [];
  return cell.trailers.filter((t) => t.stale && !t.lookalikeOf && REVIEW.test(t.name));
}

/** "Reviewed-by Bob Reviewer on v2, Acked-by Dave on v3": who to ask again, in words. */
export function reviewChangeWords(entries: readonly LedgerEntry[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of entries) {
    const who = e.person?.name || e.person?.address || e.value.replace(/\s*<[^>]*>\s*$/, '');
    const w = `${e.name} ${who} on v${e.givenOn}`;
    if (!seen.has(w)) out.push(w);
    seen.add(w);
  }
  return out.join(', ');
}
