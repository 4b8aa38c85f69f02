/**
 * The ledger's judgements in words, said alike by the panel (panel/series/matrix-model.ts) and
 * the CLI (cli/render-ledger.ts): the R/A/T marks, a trailer or a version from an address not
 * seen before for its name, who posted a version that is not the author's own, and an
 * "applied" believed or not. They were written twice and had begun to differ (one side
 * counted a look-alike's trailer for the `@`, the other did not); one home keeps a reader of
 * the terminal and of the panel reading the same verdict.
 *
 * Every string that comes from mail passes through `show`: the CLI makes controls visible
 * (cli/render.ts `shown`); the panel passes it through unchanged and isolates it when drawing.
 *
 * Non-goals: layout (columns, lines, tooltips), and what counts (core/series/ledger.ts).
 */
import type { AppliedTrust } from './applied-trust.ts';
import { counted, type Ledger, type LedgerCell, type LedgerEntry, type LedgerVersion } from './ledger.ts';
import type { LedgerApplied } from './ledger-status.ts';
import type { TrailerCounts } from '../types.ts';

/** How mail-borne text is made safe to print; the identity where the drawing isolates it. */
export type Show = (s: string) => string;
const same: Show = (s) => s;

/** Why an "applied" is believed (applied-trust.ts). */
export const BELIEVED: Record<Exclude<AppliedTrust, null>, string> = {
  maintainer: 'a maintainer',
  committer: 'a committer of this series',
  'names-commits': 'a b4 ty reply naming commits',
};

/** What an unbelieved "applied" lacks, after "not from". */
export const UNBELIEVED = `not from ${BELIEVED.maintainer}, ${BELIEVED.committer} or ${BELIEVED['names-commits']}`;

/** `R`, `R2 A`, …: the trailers that hold, a count past one; `sep` between the letters. */
export function marksText(m: TrailerCounts, sep = ' '): string {
  const one = (letter: string, n: number): string => (n <= 0 ? '' : n === 1 ? letter : `${letter}${n}`);
  return [one('R', m.reviewed), one('A', m.acked), one('T', m.tested)].filter(Boolean).join(sep);
}

/** A counted trailer sent from an address its sender's name had not used before. */
export function fromNewAddress(t: LedgerEntry): boolean {
  return !!t.newAddress && counted(t);
}

/** The cell has such a trailer: its `@`. */
export function cellFromNewAddress(cell: LedgerCell): boolean {
  return cell.trailers.some(fromNewAddress);
}

/** "Name <address>", or whichever of the two there is. */
export function person(p: { name: string; address: string }, show: Show = same): string {
  return `${show(p.name || p.address)}${p.name && p.address ? ` <${show(p.address)}>` : ''}`;
}

/** "sent from x@evil, an address not seen before for Andrew Morton (who wrote from a@b)", or null. */
export function newAddressWords(t: LedgerEntry, show: Show = same): string | null {
  if (!t.newAddress || !t.sender) return null;
  return `sent from ${show(t.sender.address)}, an address not seen before for ${show(t.sender.name || 'this name')} (who wrote from ${t.newAddress.map(show).join(', ')})`;
}

/**
 * A version not plainly the author's: "posted from x@evil, an address not seen before for
 * Alice (who wrote from a@b)" in her name from a new address; "posted by X <x>, taking over
 * from Y (carries that Signed-off-by)"; "posted by X <x>, not the series author"; null for the
 * author's own.
 */
export function postedByWords(ledger: Ledger, v: LedgerVersion, show: Show = same): string | null {
  if (!v.author) return null;
  if (v.newAddress && !v.takeover) return `posted from ${show(v.author.address)}, an address not seen before for ${show(v.author.name || 'this name')} (who wrote from ${v.newAddress.map(show).join(', ')})`;
  const by = person(v.author, show);
  return v.takeover ? `posted by ${by}, taking over from ${show(ledger.author.name || ledger.author.address)} (carries that Signed-off-by)` : `posted by ${by}, not the series author`;
}

/** " to mm-stable by Andrew Morton <akpm@…>, 2024-01-13": where, who, when of an "applied". */
export function appliedWhat(a: Pick<LedgerApplied, 'where' | 'by' | 'date'>, show: Show = same): string {
  return `${a.where ? ` to ${show(a.where)}` : ''} by ${person(a.by, show)}${a.date ? `, ${a.date.slice(0, 10)}` : ''}`;
}

/** "Applied … (a maintainer)" or "Says applied … (unverified: not from …)". */
export function appliedWords(a: LedgerApplied, show: Show = same): string {
  return a.trust ? `Applied${appliedWhat(a, show)} (${BELIEVED[a.trust]})` : `Says applied${appliedWhat(a, show)} (unverified: ${UNBELIEVED})`;
}
