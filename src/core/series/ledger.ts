/**
 * The review ledger of a series across v1…vN: patches as rows, versions as columns, each cell
 * saying whether the patch is there, whether it changed, and every trailer it has, where each
 * came from and whether it still holds. Shared by the panel's matrix and `listlens series`.
 *
 *   buildLedger(series: SeriesVersions): Ledger      (series from version-group.ts)
 *
 * Rows: consecutive versions are paired by patch-match.ts (patch-id, title, files). A row
 * goes on through a version where its patch is missing (the next version is matched against
 * the row's last present patch); a split starts a row of its own (`splitFrom`), a squashed or
 * dropped patch ends its row. A counter a version lacks (`missing`) takes over the row of the
 * previous version's patch at that counter when no patch of the version claimed that row.
 *
 * Trailers per cell: the patch's own (`patch`), its follow-ups (`followup`), the cover's
 * follow-ups (`cover`, for every patch of the version), each with who, when and which message.
 * A trailer given on an earlier version is carried forward only while the patch-id is the one
 * it was given on (`carried`); after a change it is still listed, `stale`, "given on v2; patch
 * changed since", and counts for nothing. A trailer already in the patch is not repeated.
 * Marks (R/A/T) count distinct people by their address (trailers.ts `trailerWho`).
 *
 * Every follow-up trailer is checked against the senders of all the series' threads
 * (sender-history.ts): one whose sender or person imitates someone seen there gets
 * `lookalikeOf` and counts for nobody; one whose sender's name wrote before from other
 * addresses only gets `newAddress` ("address not seen before for this name") and counts,
 * marked. "Applied" replies are believed by applied-trust.ts's rule (`applied`, ✓) or kept as
 * "says applied (unverified)" (`saysApplied`); `LedgerOptions.trustedAppliers` is where the
 * worker passes the tree's MAINTAINERS people. A version by another author is a column only
 * as a takeover (`author`, `takeover`); one only tied by a link or a reply is `otherAuthors`.
 * One posted in the author's name from an address the name never wrote from before is a
 * column, marked (`author`, `newAddress`: the trailers' rule, applied by version-group.ts).
 *
 * Non-goals: finding versions (version-group.ts), status lines (ledger-status.ts), rendering.
 */
import { matchPatches, type LedgerPatch, type MatchBy } from './patch-match.ts';
import { appliedTrust, committersOf } from './applied-trust.ts';
import { sameAuthor } from './version-edges.ts';
import { trailerVetter, type Vetted } from './sender-history.ts';
import type { LedgerEvidence, LedgerTrailer, PatchFacts } from './series-facts.ts';
import { countTrailers, trailerWho } from './trailers.ts';
import { columns } from './ledger-columns.ts';
import type { BotReport, Person, TrailerCounts } from '../types.ts';
import type { Confirmation, SeriesVersions, VersionMember } from './version-group.ts';
import { versionStatus, type AppliedSummary, type LedgerApplied } from './ledger-status.ts';
import type { LedgerFinding } from './ledger-findings.ts';

export type CellState = 'new' | 'unchanged' | 'changed' | 'split' | 'squashed' | 'dropped' | 'missing';

export interface LedgerEntry extends LedgerTrailer {
  /** The version it was given on. */
  givenOn: number;
  /** Given on an earlier version whose patch-id this one still has. */
  carried: boolean;
  /** Given on an earlier version; the patch changed since. Shown, not counted. */
  stale: boolean;
  /**
   * Set when the sender's name wrote before from these other addresses, and never from this
   * one: "address not seen before for this name". Counted, shown marked.
   */
  newAddress?: string[];
}

export interface LedgerCell {
  version: number;
  /** `unchanged` (≡, same patch-id as the row's previous version), `changed`, `new`, … */
  state: CellState;
  /** The patch is in the archive for this version (false for missing and dropped). */
  present: boolean;
  /** Message key of the patch (for `squashed`: the patch it went into). */
  id: string | null;
  counter: number | null;
  subject: string | null;
  patchId: string | null;
  /** How it was paired with the row's previous version. */
  by: MatchBy | null;
  /** Set when this version borrowed the patch from an earlier one (partial reroll). */
  borrowedFrom: number | null;
  trailers: LedgerEntry[];
  /** Trailers in its replies and the cover's that count for nobody (on someone's behalf, a bot's). */
  evidence: LedgerEvidence[];
  marks: TrailerCounts;
  /** The "applied" reply covering this patch from someone believed (applied-trust.ts), if any. */
  applied: LedgerApplied | null;
  /** An "applied" reply covering it from someone not believed: "says applied (unverified)", never ✓. */
  saysApplied: LedgerApplied | null;
}

export interface LedgerRow {
  /** The title in the newest version that has the patch. */
  title: string;
  /** One per `Ledger.versions`, null before the patch existed or after it was dropped. */
  cells: Array<LedgerCell | null>;
  /** For a row started by a split: the row it was split from. */
  splitFrom: number | null;
}

export interface LedgerVersion {
  version: number;
  /** Version key (cover, else first patch). */
  key: string;
  cover: string | null;
  subject: string;
  date: string | null;
  total: number;
  /** Patches present in the archive. */
  present: number;
  missing: number[];
  /** Patches with at least one (not stale) Reviewed-by / Acked-by / Tested-by. */
  counts: TrailerCounts;
  /** "v4: 6/8 reviewed, 1 missing". */
  summary: string;
  confirmedBy: Confirmation[];
  changeId: string | null;
  /** Its "applied" replies, oldest first, each with whether its sender is believed. */
  applied: LedgerApplied[];
  /** Set when another author than the series' posted it, or the author's name from a new address (`newAddress`). */
  author?: Person;
  /** Posted by another author as b4's takeover (their patches carry the series author's Signed-off-by). */
  takeover?: true;
  /**
   * Set when the poster's name wrote before from these other addresses, and never from this
   * one (`author.address`): "address not seen before for this name". Linked, shown marked.
   */
  newAddress?: string[];
  /** `b4 shazam <msgid>` for this version. */
  shazam: string;
  /** Bots' reports on this version: shown as reports, counted for nothing. Absent when none. */
  bots?: BotReport[];
  /** What those reports found, placed on the version and patch they are about (ledger-findings.ts). Absent when none. */
  findings?: LedgerFinding[];
}

export interface Ledger {
  title: string;
  author: { name: string; address: string };
  changeId: string | null;
  versions: LedgerVersion[];
  rows: LedgerRow[];
  /** Rows whose patch in the newest version lacks a Reviewed-by or Acked-by. */
  needsReview: number[];
  /** The series' newest "applied" news from someone believed, or null. */
  applied: AppliedSummary | null;
  /** The newest "applied" from someone not believed: "says applied (unverified)", or null. */
  saysApplied: AppliedSummary | null;
  /** Candidate versions not confirmed: shown apart, never merged. */
  uncertain: Array<{ version: number; key: string; subject: string; date: string | null }>;
  /** Versions by another author tied only by a link, a reply, a change-id: "posted by X, not the series author". */
  otherAuthors: ForeignVersion[];
  /** On a series posted as another author's: the versions of theirs it claims to continue, by a link or a reply. */
  claims: ForeignVersion[];
}

/** A version of another author's, tied by what a sender claims (a link, a reply): shown apart. */
export interface ForeignVersion {
  version: number;
  key: string;
  subject: string;
  date: string | null;
  author: Person;
  tiedBy: Confirmation[];
}

export interface LedgerOptions {
  /**
   * People whose "applied" is believed as the tree's maintainers': the seam where the worker
   * passes MAINTAINERS' `M:` people for the series' files. Without it, only committers of the
   * series' patches and b4 ty replies naming commits are believed (applied-trust.ts).
   */
  trustedAppliers?: (person: Person) => boolean;
}

const ZERO: TrailerCounts = { reviewed: 0, acked: 0, tested: 0 };

const asLedgerPatch = (p: PatchFacts): LedgerPatch => ({ counter: p.counter, title: p.title, patchId: p.patchId, files: p.files, code: p.code ?? '' });

/** Who gave what, once per person and trailer name (trailers.ts `trailerWho`). */
const giverKey = (e: LedgerTrailer): string => `${e.name}\n${trailerWho(e)}`;

/**
 * Whether an entry counts in its cell's marks: the one rule every reader of the ledger (the
 * tree's marks, the page's badges) asks instead of deciding again. What counts for nobody
 * never gets here (it is the cell's `evidence`); a look-alike's is kept out by the counter.
 */
export function counted(e: LedgerEntry): boolean {
  return !e.stale && !e.lookalikeOf;
}
const foreign = (o: VersionMember): ForeignVersion => ({ version: o.version, key: o.facts.key, subject: o.facts.subject, date: o.facts.date, author: { ...o.facts.author }, tiedBy: o.confirmedBy.slice() });

export function buildLedger(series: SeriesVersions, opts: LedgerOptions = {}): Ledger {
  const cols = columns(series.members);
  const vet = trailerVetter(series.senders);
  const rows: LedgerRow[] = [];
  /** Per row: the last present patch, and the entries given so far with the patch-id they were given on. */
  const lastPatch: Array<PatchFacts | null> = [];
  const given: Array<Map<string, { e: Vetted; on: number; pid: string | null }>> = [];
  const open = (k: number, splitFrom: number | null = null): number => {
    rows.push({ title: '', cells: cols.map(() => null), splitFrom });
    lastPatch.push(null);
    given.push(new Map());
    return rows.length - 1;
  };
  let live: number[] = [];
  cols.forEach((col, k) => {
    const f = col.facts;
    const cur = f.patches;
    const older = live.map((r) => lastPatch[r]!);
    const m = k === 0 ? cur.map((_, i) => ({ newer: i, by: 'none' as MatchBy, kind: 'new' as const, older: undefined as number | undefined })) : matchPatches(older.map(asLedgerPatch), cur.map(asLedgerPatch));
    const next: number[] = [];
    const claimed = new Set<number>();
    // rows known only as a missing counter: a patch at that counter now continues them
    const waiting = new Map<number, number>();
    for (const r of live) if (lastPatch[r]!.id === '') waiting.set(lastPatch[r]!.counter, r);
    const reused = new Set<number>();
    const place = (r: number, p: PatchFacts | null, state: CellState, by: MatchBy | null, present = true): void => {
      rows[r]!.cells[k] = { version: col.version, state, present, id: p?.id ?? null, counter: p?.counter ?? null, subject: p?.subject ?? null, patchId: p?.patchId ?? null, by, borrowedFrom: p?.borrowedFrom ?? null, trailers: [], evidence: [], marks: ZERO, applied: null, saysApplied: null };
    };
    for (const x of m) {
      const n = x.newer === undefined ? null : cur[x.newer]!;
      const r = x.older === undefined ? null : live[x.older]!;
      if (x.kind === 'new' && waiting.has(n!.counter) && !reused.has(waiting.get(n!.counter)!)) {
        const row = waiting.get(n!.counter)!;
        reused.add(row);
        place(row, n, 'new', null);
        lastPatch[row] = n;
        next.push(row);
      } else if (x.kind === 'new' || x.kind === 'split') {
        const row = open(k, x.kind === 'split' ? r : null);
        place(row, n, x.kind, x.kind === 'split' ? x.by : null);
        lastPatch[row] = n;
        next.push(row);
      } else if (x.kind === 'dropped') {
        if (reused.has(r!)) continue;
        // a counter this version lacks takes the row over (a row only ever missing, or one of
        // a version of the same size); otherwise the patch was dropped
        const c = lastPatch[r!]!.counter;
        const placeholder = lastPatch[r!]!.id === '';
        if (f.missing.includes(c) && !claimed.has(c) && (placeholder || c <= f.total)) {
          claimed.add(c);
          place(r!, null, 'missing', null, false);
          rows[r!]!.cells[k]!.counter = c;
          next.push(r!);
        } else place(r!, null, 'dropped', null, false);
      } else if (x.kind === 'squashed') {
        place(r!, n, 'squashed', x.by);
      } else {
        place(r!, n, x.kind, x.by);
        lastPatch[r!] = n;
        next.push(r!);
      }
    }
    for (const c of f.missing) {
      if (claimed.has(c)) continue;
      const row = open(k);
      place(row, null, 'missing', null, false);
      rows[row]!.cells[k]!.counter = c;
      lastPatch[row] = { counter: c, id: '', subject: '', title: '', date: null, patchId: null, files: [], trailers: [], borrowedFrom: null, code: '' };
      next.push(row);
    }
    // trailers, after the cells of this version exist
    for (const r of next) {
      const cell = rows[r]!.cells[k]!;
      if (!cell.present) continue;
      const p = f.patches.find((q) => q.id === cell.id);
      // a cover's trailer was given on every patch of the version: on this one's patch-id
      const own = [...(p?.trailers ?? []), ...f.coverTrailers].map(vet);
      const ownKeys = own.map(giverKey);
      const entries: LedgerEntry[] = own.map((e) => ({ ...e, givenOn: col.version, carried: false, stale: false }));
      const have = new Set(ownKeys);
      for (const [key, g] of given[r]!) {
        if (have.has(key)) continue;
        have.add(key);
        // b4's carry-forward: exactly while the patch-id is the one it was given on
        const same = g.pid !== null && g.pid === cell.patchId;
        entries.push({ ...g.e, givenOn: g.on, carried: same, stale: !same });
      }
      cell.trailers = entries;
      if (p?.evidence || f.coverEvidence) cell.evidence = [...(p?.evidence ?? []), ...(f.coverEvidence ?? [])];
      cell.marks = countTrailers(entries.filter(counted));
      // the latest giving stands: a re-ack on v4 replaces the ack of v3, whose patch changed since
      own.forEach((e, i) => given[r]!.set(ownKeys[i]!, { e, on: col.version, pid: e.patchId !== undefined ? e.patchId : cell.patchId }));
      rows[r]!.title = p?.title ?? rows[r]!.title;
    }
    live = next.filter((r, i) => next.indexOf(r) === i);
  });
  for (const r of rows) if (!r.title) r.title = r.cells.find((c) => c?.subject)?.subject ?? '';
  const committers = committersOf(cols.map((c) => c.facts));
  const status = versionStatus(cols, rows, (m) => appliedTrust(m, committers, opts.trustedAppliers));
  const versions = status.versions.map((v, k): LedgerVersion => {
    const col = cols[k]!;
    const by = col.facts.author;
    if (!col.takeover && !col.newAddress && sameAuthor(by, series.author)) return v;
    return { ...v, author: { ...by }, ...(col.takeover ? { takeover: true as const } : {}), ...(col.newAddress ? { newAddress: col.newAddress.slice() } : {}) };
  });
  return {
    title: series.title,
    author: { ...series.author },
    changeId: series.changeId,
    versions,
    rows,
    needsReview: status.needsReview,
    applied: status.applied,
    saysApplied: status.saysApplied,
    uncertain: series.uncertain.map((u) => ({ version: u.version, key: u.facts.key, subject: u.facts.subject, date: u.facts.date })),
    otherAuthors: series.otherAuthors.map(foreign),
    claims: series.claims.map(foreign),
  };
}
