/**
 * The trailers each patch of a version holds, as the am-ready mbox adds them (am.ts) and the
 * copy buttons and `listlens` paste them: one answer, read from the ledger (ledger.ts), so
 * what is copied, what is downloaded and what the matrix counts never disagree.
 *
 *   versionPatches(ledger, col): PatchTrailers[]      (present patches, by counter)
 *   addedTrailers(cell): LedgerEntry[]                 (what `b4 am` adds to its message)
 *   trailerCopy(ledger, col, 'all' | 'new'): string    (groups headed `# n/N title`)
 *   patchCopy(cell, 'all' | 'new'): string
 *
 * A patch's trailers are its own (in its commit message: the ledger's `patch` trailers of this
 * very message) and those `b4 am` adds, in b4's order: its follow-ups, then those carried from
 * an earlier version whose patch-id still holds, then the cover letter's follow-ups (b4 applies
 * them to every patch, and `b4 trailers -u` adds the same). What the ledger does not count is
 * never added or copied: stale ones (the patch changed since), a look-alike's, what someone
 * gave on another's behalf or a bot wrote (those are the cell's evidence, not its trailers).
 * A Signed-off-by is only ever the posting's own or a follow-up's: one carried from an earlier
 * version's message is not re-added (a sign-off certifies a posting; b4 never moves one).
 *
 * "New" means not in the patch as posted: what `b4 trailers -u` would add to that commit. In a
 * version's copy, lines new on every patch (a cover-letter ack) are written once, headed
 * `# every patch (N)`, instead of once per patch with no patch named.
 *
 * Non-goals: where in the message they go (am-message.ts), the mbox (am.ts), dropped ones
 * (ledger-dropped.ts).
 */
import { counted, type Ledger, type LedgerCell, type LedgerEntry } from './ledger.ts';
import { trailerKey, trailerLine } from './am-message.ts';
import { parseSubject } from '../mail/subject.ts';

export interface PatchTrailers {
  /** Index of its row in the ledger. */
  row: number;
  counter: number;
  total: number;
  /** Its title in this version. */
  title: string;
  /** Message key of the patch. */
  id: string;
  cell: LedgerCell;
  /** In its commit message. */
  own: LedgerEntry[];
  /** What `b4 am` adds, in b4's order. */
  added: LedgerEntry[];
}

/** In the patch's own commit message: the message itself, on this version. */
export function ownTrailer(cell: LedgerCell, t: LedgerEntry): boolean {
  return t.origin === 'patch' && t.from === cell.id && t.givenOn === cell.version;
}

/** b4's order of what it adds: this version's follow-ups, then carried ones, then the cover's. */
function rank(cell: LedgerCell, t: LedgerEntry): number {
  if (t.givenOn !== cell.version) return 1;
  return t.origin === 'cover' ? 2 : 0;
}

/** Each trailer once (b4's equality), none of `besides`. */
function distinct(list: LedgerEntry[], besides: readonly LedgerEntry[] = []): LedgerEntry[] {
  const seen = new Set(besides.map(trailerKey));
  const out: LedgerEntry[] = [];
  for (const t of list) {
    const k = trailerKey(t);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}

/** What `b4 am` adds to this patch's message, in its order; never what the ledger does not count. */
export function addedTrailers(cell: LedgerCell): LedgerEntry[] {
  const own = cell.trailers.filter((t) => ownTrailer(cell, t));
  const adds = cell.trailers
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => counted(t) && !ownTrailer(cell, t) && !(t.carried && t.name === 'Signed-off-by'))
    .sort((a, b) => rank(cell, a.t) - rank(cell, b.t) || a.i - b.i)
    .map(({ t }) => t);
  return distinct(adds, own);
}

/** The present patches of version column `col`, by counter (a squashed cell is its target's). */
export function versionPatches(ledger: Ledger, col: number): PatchTrailers[] {
  const v = ledger.versions[col];
  if (!v) return [];
  const out: PatchTrailers[] = [];
  const seen = new Set<string>();
  ledger.rows.forEach((r, row) => {
    const cell = r.cells[col];
    if (!cell?.present || !cell.id || cell.state === 'squashed' || seen.has(cell.id)) return;
    seen.add(cell.id);
    const own = cell.trailers.filter((t) => ownTrailer(cell, t));
    out.push({ row, counter: cell.counter ?? 1, total: Math.max(v.total, 1), title: cell.subject ? parseSubject(cell.subject).base || r.title : r.title, id: cell.id, cell, own, added: addedTrailers(cell) });
  });
  return out.sort((a, b) => a.counter - b.counter);
}

export type CopyWhich = 'all' | 'new';

function linesOf(p: PatchTrailers, which: CopyWhich): string[] {
  return (which === 'all' ? distinct([...p.own, ...p.added]) : p.added).map(trailerLine);
}

/** One patch's trailers, a line each, for the clipboard; '' when there are none. */
export function patchCopy(cell: LedgerCell, which: CopyWhich): string {
  const own = cell.trailers.filter((t) => ownTrailer(cell, t));
  const lines = (which === 'all' ? distinct([...own, ...addedTrailers(cell)]) : addedTrailers(cell)).map(trailerLine);
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Groups `# n/N title` and their lines, one per patch that has any; '' when none has. */
export function trailerCopy(ledger: Ledger, col: number, which: CopyWhich): string {
  const patches = versionPatches(ledger, col);
  const lines = patches.map((p) => linesOf(p, which));
  const out: string[] = [];
  // new on every patch (a cover letter's ack): once, not once per patch with no patch named
  const sets = lines.map((ls) => new Set(ls));
  const common = new Set(which === 'new' && patches.length > 1 ? lines[0]!.filter((l) => sets.every((ls) => ls.has(l))) : []);
  if (common.size) out.push(`# every patch (${patches.length})`, ...common);
  patches.forEach((p, i) => {
    const rest = lines[i]!.filter((l) => !common.has(l));
    if (rest.length) out.push(`# ${p.counter}/${p.total} ${p.title}`, ...rest);
  });
  return out.length ? out.join('\n') + '\n' : '';
}
