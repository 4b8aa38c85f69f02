/**
 * Whose ack is missing, read onto a series' ledger (issue 18): per patch and version, each
 * MAINTAINERS entry its files (or K: keywords) bring, with its state (acked / own /
 * reviewed / waiting, ownership.ts's rules) and status; per version the entries and the
 * summary line ("4 of 6 subsystems acked; waiting on MEMORY MANAGEMENT - ZSWAP (M: …)");
 * and which of them wait on the reader.
 *
 *   ledgerOwnership(ledger, { matchOf, entryAt, me?, appliedBy? }): LedgerOwnership
 *
 * The inputs are the ledger's own: a cell's trailers that COUNT on its version (`counted`:
 * neither stale nor a look-alike's; what counts for nobody is never in `trailers`), the
 * series' author, and who applied it as far as the ledger BELIEVES them (`appliedBy`,
 * default `believedAppliers`); the ledger is told to believe the M: people of the series'
 * entries through `maintainerAppliers` (its `trustedAppliers`). A cell's match (its files and `Subject + body` text against
 * the file, match.ts) comes from the caller, made once while the patch's text was at hand.
 *
 * Plain JSON out, entries named once (`entries`) and referred to by index: the worker sends
 * it beside the ledger, the CLI prints it.
 *
 * Non-goals: matching (match.ts), the rules of a state (ownership.ts), which trailers count
 * (the ledger), fetching the file (the worker).
 */
import { counted, type Ledger, type LedgerCell } from '../series/ledger.ts';
import { emailEq } from '../series/trailers.ts';
import type { Person } from '../types.ts';
import type { OwnerEntry, PatchMatch } from './match.ts';
import { ownershipOfMatch, versionOwnershipOf, waitingOnMe, type OwnerState, type OwnershipPatch, type PatchOwnership, type VersionOwnership } from './ownership.ts';

export interface OwnershipRef {
  /** Index in `LedgerOwnership.entries`. */
  entry: number;
  state: OwnerState;
  /** Whose trailer or application settled it (acked / reviewed / own). */
  by: Person[];
  /** Only a K: keyword brought it: it owes no ack. */
  keywordOnly: boolean;
  /** It waits on the reader (one of their addresses is its M:, or R: while nobody reviewed). */
  mine: boolean;
}

export interface CellOwnership {
  /** Owning entries, most specific first, then keyword-only ones. */
  entries: OwnershipRef[];
  /** The cell's mark: the worst state of its owning entries that have an M:, null when none. */
  state: OwnerState | null;
  /** Only the catch-all (THE REST) owns its files. */
  restOnly: boolean;
  waitingOnMe: boolean;
}

export interface VersionOwnershipView {
  version: number;
  /** "4 of 6 subsystems acked; waiting on …" (ownership.ts). */
  summary: string;
  counts: VersionOwnership['counts'];
  /** Per entry over the version's patches: its worst state and the patches (counters) it owns. */
  entries: Array<OwnershipRef & { counters: number[] }>;
  waitingOnMe: boolean;
}

export interface LedgerOwnership {
  /** Every entry named below, once. */
  entries: OwnerEntry[];
  /** One per `Ledger.versions`. */
  versions: VersionOwnershipView[];
  /** [row][col] as `Ledger.rows[row].cells[col]`: null where no patch is present. */
  cells: Array<Array<CellOwnership | null>>;
}

export interface LedgerOwnershipInputs {
  /** The cell's match against the file, or null when it could not be made (no text yet). */
  matchOf: (cell: LedgerCell, col: number) => PatchMatch | null;
  entryAt: (index: number) => OwnerEntry;
  /** The reader's own addresses ("waiting on me"). */
  me?: readonly string[];
  /** Who applied the cell's patch, believed (default: `believedAppliers`). */
  appliedBy?: (cell: LedgerCell) => Person[];
}

const RANK: Record<OwnerState, number> = { waiting: 0, reviewed: 1, own: 2, acked: 3 };

/**
 * Who applied a cell's patch, as far as the ledger believes them: its `applied` mark holds
 * only a believed "applied" (applied-trust.ts: a maintainer the caller trusts, a committer of
 * the series, a b4 ty naming commits); a stranger's "says applied (unverified)" is
 * `saysApplied`, and settles no ack here.
 */
export function believedAppliers(cell: LedgerCell): Person[] {
  const a = cell.applied;
  return a && a.trust ? [{ ...a.by }] : [];
}

export function ledgerOwnership(ledger: Ledger, inputs: LedgerOwnershipInputs): LedgerOwnership {
  const me = inputs.me ?? [];
  const appliedBy = inputs.appliedBy ?? believedAppliers;
  const entries: OwnerEntry[] = [];
  const refOf = new Map<number, number>();
  const ref = (e: OwnerEntry): number => {
    let k = refOf.get(e.index);
    if (k === undefined) {
      refOf.set(e.index, (k = entries.length));
      entries.push(e);
    }
    return k;
  };
  const byMe = (p: Person | null | undefined): boolean => !!p?.address && me.some((a) => emailEq(a, p.address));
  const authorIsMe = byMe(ledger.author);
  const mine = (e: OwnerEntry, state: OwnerState, keywordOnly: boolean): boolean => !keywordOnly && !authorIsMe && me.length > 0 && waitingOnMe({ entry: e, state }, me);
  const cells: LedgerOwnership['cells'] = ledger.rows.map((r) => r.cells.map(() => null));
  const versions = ledger.versions.map((v, col): VersionOwnershipView => {
    const per: PatchOwnership[] = [];
    const at: Array<{ row: number; counter: number }> = [];
    ledger.rows.forEach((r, row) => {
      const cell = r.cells[col];
      if (!cell?.present || cell.state === 'squashed') return;
      const match = inputs.matchOf(cell, col);
      if (!match) return;
      const patch: OwnershipPatch = {
        files: [],
        trailers: cell.trailers.filter((t) => counted(t) && t.person).map((t) => ({ name: t.name, person: t.person! })),
        appliedBy: appliedBy(cell),
        author: ledger.author,
      };
      const o = ownershipOfMatch(inputs.entryAt, match, patch);
      per.push(o);
      at.push({ row, counter: cell.counter ?? 0 });
      const refs = o.entries.map((e): OwnershipRef => ({ entry: ref(e.entry), state: e.state, by: e.by, keywordOnly: e.keywordOnly, mine: mine(e.entry, e.state, e.keywordOnly) }));
      const owning = o.entries.filter((e) => !e.keywordOnly && e.entry.maintainers.length);
      const state = owning.length ? owning.reduce<OwnerState>((w, e) => (RANK[e.state] < RANK[w] ? e.state : w), 'acked') : null;
      cells[row]![col] = { entries: refs, state, restOnly: !o.entries.some((e) => !e.keywordOnly) && o.rest.length > 0, waitingOnMe: refs.some((x) => x.mine) };
    });
    const vo = versionOwnershipOf(per);
    const vEntries = vo.entries.map((e) => ({
      entry: ref(e.entry),
      state: e.state,
      by: e.by,
      keywordOnly: e.keywordOnly,
      mine: e.patches.some((p) => mine(e.entry, p.state, p.keywordOnly)),
      counters: e.patches.map((p) => at[p.patch]!.counter),
    }));
    return { version: v.version, summary: vo.summary, counts: vo.counts, entries: vEntries, waitingOnMe: vEntries.some((e) => e.mine) };
  });
  return { entries, versions, cells };
}

/**
 * The people whose "applied" the ledger may believe as the tree's (`LedgerOptions.
 * trustedAppliers`): the M: people of the entries owning the patches' files (not those only
 * a keyword brought), by address only (a name is what an impostor copies first).
 */
export function maintainerAppliers(matches: Iterable<PatchMatch>, entryAt: (index: number) => OwnerEntry): (p: Person) => boolean {
  const addresses = new Set<string>();
  // entries owning the patches' files: a K: keyword says who may care, not whose tree it is
  for (const m of matches) for (const e of [...m.entries, ...m.rest]) if (e.files.length) for (const p of entryAt(e.entry).maintainers) if (p.address) addresses.add(p.address);
  const list = [...addresses];
  return (p) => !!p.address && list.some((a) => emailEq(a, p.address));
}
