/**
 * Which posted version of a patch a commit is, from the series' ledger (series/ledger.ts):
 * the version whose patch has the commit's `git patch-id --stable` (the newest of them when
 * several versions left the diff unchanged), else the nearest one, the posting whose interdiff
 * to the commit (patch/interdiff.ts) changes the fewest diff lines: "nearest, with changes",
 * and that interdiff, so the reader sees what the maintainer changed on the way in.
 *
 *   ledgerRowOf(ledger, commit, foundId): number            the row of the commit's patch, or -1
 *   postedPatches(ledger, row): PostedPatch[]               its present cells, oldest first
 *   appliedVersion(commit, posted, bodyOf): AppliedVersion | null
 *
 * Non-goals: building the ledger (series/), reading bodies (the caller brings them), trailers
 * (trailer-compare.ts).
 */
import { interdiff, type PatchInterdiff } from '../patch/interdiff.ts';
import { parsePatch } from '../patch/patch.ts';
import { strippedTitle } from '../series/patch-match.ts';
import { parseSubject } from '../mail/subject.ts';
import type { Ledger } from '../series/ledger.ts';
import type { CommitPatch } from './commit-patch.ts';

/** One version's posting of the patch, as the ledger has it. */
export interface PostedPatch {
  version: number;
  /** Message key of the patch. */
  id: string;
  subject: string;
  patchId: string | null;
}

export interface AppliedVersion {
  version: number;
  id: string;
  subject: string;
  /** The posting's patch-id is the commit's: applied as posted (message and trailers aside). */
  exact: boolean;
  /** Other versions with that same patch-id (an unchanged patch across rerolls). */
  sameAs: number[];
  /** Not exact: from the posting to the commit. */
  interdiff: PatchInterdiff | null;
  /** Diff lines the interdiff adds or removes (0 when exact). */
  changedLines: number;
  /** Versions compared when none was exact. */
  compared: number[];
}

/**
 * The ledger row that is the commit's patch: the one holding its patch-id, else the one
 * holding the message the discussion was found by, else the one with its title.
 */
export function ledgerRowOf(ledger: Ledger, c: CommitPatch, foundId: string | null): number {
  const rows = ledger.rows;
  const by = (f: (cell: NonNullable<Ledger['rows'][number]['cells'][number]>) => boolean): number => rows.findIndex((r) => r.cells.some((x) => x !== null && x.present && f(x)));
  if (c.patchId) {
    const i = by((x) => x.patchId === c.patchId);
    if (i >= 0) return i;
  }
  if (foundId) {
    const i = by((x) => x.id === foundId);
    if (i >= 0) return i;
  }
  const title = strippedTitle(c.subject);
  return by((x) => x.subject !== null && strippedTitle(parseSubject(x.subject).base) === title);
}

export function postedPatches(ledger: Ledger, row: number): PostedPatch[] {
  const r = ledger.rows[row];
  if (!r) return [];
  return r.cells.flatMap((x) => (x && x.present && x.id ? [{ version: x.version, id: x.id, subject: x.subject ?? '', patchId: x.patchId }] : []));
}

function changedLines(d: PatchInterdiff): number {
  return d.files.reduce((n, f) => n + f.added + f.removed, 0);
}

/**
 * `bodyOf(id)`: a posting's decoded body, or null when it is not at hand (it is then not
 * compared). Null when nothing matches and nothing could be compared.
 */
export function appliedVersion(c: CommitPatch, posted: PostedPatch[], bodyOf: (id: string) => string | null): AppliedVersion | null {
  const same = c.patchId ? posted.filter((p) => p.patchId === c.patchId) : [];
  if (same.length) {
    const best = same[same.length - 1]!;
    return { version: best.version, id: best.id, subject: best.subject, exact: true, sameAs: same.slice(0, -1).map((p) => p.version), interdiff: null, changedLines: 0, compared: [] };
  }
  const commitSide = { patch: parsePatch(c.body), subject: c.subject };
  let best: { p: PostedPatch; d: PatchInterdiff; n: number; msg: number } | null = null;
  const compared: number[] = [];
  for (const p of posted) {
    const body = bodyOf(p.id);
    if (body === null) continue;
    compared.push(p.version);
    const d = interdiff({ patch: parsePatch(body), subject: parseSubject(p.subject).base }, commitSide);
    const n = changedLines(d);
    const msg = d.message.hunks.reduce((k, h) => k + h.lines.filter((l) => l.kind !== ' ').length, 0);
    // fewer diff lines wins; then fewer message lines; then the newer version (it came later)
    if (!best || n < best.n || (n === best.n && msg <= best.msg)) best = { p, d, n, msg };
  }
  if (!best) return null;
  return { version: best.p.version, id: best.p.id, subject: best.p.subject, exact: false, sameAs: [], interdiff: best.d, changedLines: best.n, compared };
}
