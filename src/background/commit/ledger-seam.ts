/**
 * THE SEAM between the commit lookup and the series pipeline: the one place that reads the
 * series loader's `ledger` events (protocol.ts `SeriesEvent`) for the ledgers they carry.
 * An event carries every series of the thread (`series: SeriesLedger[]`, the page's first);
 * the lookup picks the ledger holding the commit's patch (applied-version.ts `ledgerRowOf`).
 *
 * Non-goals: building ledgers (core/series), loading series (the series loader).
 */
import type { Ledger } from '../../core/series/ledger.ts';
import type { SeriesEvent } from '../../protocol.ts';

/** The ledgers a series event carries (none for an interdiff answer or a thread without a series). */
export function ledgersOf(e: SeriesEvent): Ledger[] {
  if (e.type !== 'ledger') return [];
  return e.series.map((s) => s.ledger);
}
