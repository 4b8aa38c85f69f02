/**
 * The marks other views put beside a message, read from the ledgers of the thread's series
 * (thread-series.ts) and never counted again:
 * - `patchMarks`: per patch, its R/A/T (the cell's marks) and whether an "applied" reply from
 *   someone believed covers it: the lore page's badges beside patch links;
 * - `replyMarks`: per reply, which of R/A/T it gave that the ledger counts, and whether it is
 *   the "applied" reply of a version (`applied`, believed; `saysApplied`, not): the tree's
 *   marks beside a row.
 * A trailer the ledger does not count (stale, a pasted changelog, a bot's template, someone
 * else's on their behalf) marks nothing, here as in the matrix.
 *
 * Non-goals: building the ledger (ledger.ts); words and glyphs (the panel, the content script).
 */
import { counted, type Ledger } from './ledger.ts';
import type { TrailerCounts } from '../types.ts';

export interface PatchMark extends TrailerCounts {
  applied: boolean;
}

export interface ReplyMarks {
  /** Subset of "RAT", in that order: Reviewed-by, Acked-by, Tested-by this reply gave. */
  trailers: string;
  /** The reply says the patch or series was applied, and its sender is believed (applied-trust.ts). */
  applied: boolean;
  /** The reply says so, from someone not believed: "says applied (unverified)", never ✓. Absent otherwise. */
  saysApplied?: true;
}

/** Marks by patch message key; a patch in two ledgers keeps the first (the page's series). */
export function patchMarks(ledgers: readonly Ledger[]): Map<string, PatchMark> {
  const out = new Map<string, PatchMark>();
  for (const l of ledgers) {
    for (const r of l.rows) {
      for (const c of r.cells) {
        if (!c?.present || !c.id || c.state === 'squashed' || out.has(c.id)) continue;
        out.set(c.id, { ...c.marks, applied: c.applied !== null });
      }
    }
  }
  return out;
}

const LETTER: Record<string, string> = { 'Reviewed-by': 'R', 'Acked-by': 'A', 'Tested-by': 'T' };

/** Marks by reply message key: the counted R/A/T it gave on any cell, and "applied". */
export function replyMarks(ledgers: readonly Ledger[]): Map<string, ReplyMarks> {
  const given = new Map<string, Set<string>>();
  const applied = new Set<string>();
  const claimed = new Set<string>();
  for (const l of ledgers) {
    for (const v of l.versions) for (const a of v.applied) (a.trust ? applied : claimed).add(a.message);
    for (const r of l.rows) {
      for (const c of r.cells) {
        for (const e of c?.trailers ?? []) {
          const letter = LETTER[e.name];
          if (!letter || !counted(e)) continue;
          // the giving is counted once; every reply that gave it gave it (a patch's own is no reply)
          for (const from of [...(e.origin === 'patch' ? [] : [e.from]), ...(e.alsoFrom ?? [])]) {
            let set = given.get(from);
            if (!set) given.set(from, (set = new Set()));
            set.add(letter);
          }
        }
      }
    }
  }
  const out = new Map<string, ReplyMarks>();
  for (const id of new Set([...given.keys(), ...applied, ...claimed])) {
    const set = given.get(id);
    const m: ReplyMarks = { trailers: set ? ['R', 'A', 'T'].filter((x) => set.has(x)).join('') : '', applied: applied.has(id) };
    if (claimed.has(id) && !applied.has(id)) m.saysApplied = true;
    out.set(id, m);
  }
  return out;
}
