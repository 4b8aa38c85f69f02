/**
 * The commit's trailers against those given on the list for the version applied: which
 * reviews made it into the commit, which were given on the list but are not in it, and which
 * came after the patch was applied (the "applied" reply's date), too late to be in it.
 *
 *   compareTrailers(commit, listed: LedgerEntry[], appliedAt): TrailerRow[]
 *
 * Person trailers only (`…-by:`): Link, Fixes and Cc say nothing about review. People are
 * matched by trailer name and address (b4's email_eq), else by the value. A trailer the
 * ledger marks stale (given on an older, changed version) is shown, never taken as given.
 *
 * Non-goals: counting (the ledger counts), deciding who may give a trailer (trailers.ts).
 */
import { emailEq, trailerWho } from '../series/trailers.ts';
import type { LedgerEntry } from '../series/ledger.ts';
import type { Person } from '../types.ts';
import type { CommitPatch } from './commit-patch.ts';

export interface TrailerRow {
  name: string;
  value: string;
  person: Person | null;
  inCommit: boolean;
  /** Where the list gave it, or null when only the commit has it (the committer's own, or given off-list). */
  onList: { message: string; date: string | null; givenOn: number; stale: boolean } | null;
  /** Given on the list after the "applied" reply. */
  late: boolean;
}

const PERSON = /-by$/i;

function same(a: { name: string; value: string; person: Person | null }, b: { name: string; value: string; person: Person | null }): boolean {
  if (a.name.toLowerCase() !== b.name.toLowerCase()) return false;
  if (a.person?.address && b.person?.address) return emailEq(a.person.address, b.person.address);
  return trailerWho({ ...a, from: '' }) === trailerWho({ ...b, from: '' });
}

export function compareTrailers(c: CommitPatch, listed: readonly LedgerEntry[], appliedAt: string | null): TrailerRow[] {
  const list = listed.filter((e) => PERSON.test(e.name));
  const late = (d: string | null): boolean => !!appliedAt && !!d && d > appliedAt;
  const used = new Set<LedgerEntry>();
  const rows: TrailerRow[] = c.trailers
    .filter((t) => PERSON.test(t.name))
    .map((t) => {
      const hit = list.find((e) => !used.has(e) && same(t, e));
      if (hit) used.add(hit);
      return {
        name: t.name,
        value: t.value,
        person: t.person,
        inCommit: true,
        onList: hit ? { message: hit.from, date: hit.date, givenOn: hit.givenOn, stale: hit.stale } : null,
        late: false,
      };
    });
  const rest = list.filter((e) => !used.has(e)).sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : 1));
  for (const e of rest) {
    if (rows.some((r) => !r.inCommit && same(r, e))) continue;
    rows.push({ name: e.name, value: e.value, person: e.person, inCommit: false, onList: { message: e.from, date: e.date, givenOn: e.givenOn, stale: e.stale }, late: late(e.date) });
  }
  return rows;
}
