/**
 * What changed between two versions of a series, patch by patch: the `git range-diff`
 * answer, from mail alone. Pairs come from the ledger's matcher (patch-match.ts: patch-id,
 * then title, then files; split and squashed patches), each pair's verdict from
 * interdiff.ts (the diff of diffs, the commit message with its trailers apart).
 *
 *   diffVersions(older, newer): VersionDiff     one step, e.g. v2 → v3
 *   diffSeries(versions): VersionDiff[]         each version against the one before
 *
 * A row is `unchanged`, `changed`, `new`, `dropped`, `split` (a newer patch carved out of an
 * older one) or `squashed` (an older patch folded into a newer one), with `by` and `reason`
 * saying why the pair was made; `moved` marks the patches that changed place (the fewest
 * moves that explain the new order: those off the longest run kept in order), which the
 * summary counts as `reordered`. Rows are in the newer version's order, a dropped patch after
 * its older predecessor's row, as range-diff prints.
 *
 * For the panel (issue 11): a version header shows `summaryLine(diff)` ("3 changed, 5
 * unchanged, 1 new"); a changed ledger cell opens `row.interdiff` (interdiff.ts says how
 * to render it: text only). Any two versions can be compared, not only neighbours.
 *
 * Non-goals: finding versions (series.ts, the ledger), rendering.
 */
import { interdiff, type PatchInterdiff } from '../patch/interdiff.ts';
import { parsePatch, type ParsedPatch } from '../patch/patch.ts';
import { patchIdentity } from '../patch/patch-id.ts';
import { codePrint } from './code-print.ts';
import { matchPatches, type LedgerPatch, type MatchBy } from './patch-match.ts';
import { parseSubject } from '../mail/subject.ts';
import type { SeriesVersion } from '../types.ts';

/** One patch of a version, as the mail has it. */
export interface VersionPatchInput {
  counter: number;
  /** Key of the patch's message. */
  id: string;
  /** The subject line as sent (`[PATCH v3 2/8] mm: …`). */
  subject: string;
  /** The decoded body. */
  body: string;
  /** Set when a partial reroll did not re-send this patch and kept this earlier version's. */
  borrowedFrom?: number | null;
}

export interface VersionInput {
  version: number;
  patches: VersionPatchInput[];
}

export type RowStatus = 'unchanged' | 'changed' | 'new' | 'dropped' | 'split' | 'squashed';

export interface PatchRef {
  counter: number;
  id: string;
  /** The subject without reply markers and bracketed tags. */
  title: string;
}

export interface VersionDiffRow {
  older: PatchRef | null;
  newer: PatchRef | null;
  status: RowStatus;
  /** What paired them: the same patch-id, title or files; `none` for new and dropped. */
  by: MatchBy;
  /** In words, for a reader: "same patch-id", "same title; code and message changed", … */
  reason: string;
  /** The patch changed place relative to the others (counted as reordered). */
  moved: boolean;
  /** The diff of the two versions of the patch; null for a new or dropped one. */
  interdiff: PatchInterdiff | null;
}

export interface VersionDiffCounts {
  unchanged: number;
  changed: number;
  new: number;
  dropped: number;
  reordered: number;
  split: number;
  squashed: number;
}

export interface VersionDiff {
  from: number;
  to: number;
  rows: VersionDiffRow[];
  counts: VersionDiffCounts;
}

interface Prepared {
  input: VersionPatchInput;
  title: string;
  parsed: ParsedPatch;
  ledger: LedgerPatch;
}

/** Patches parse once even when a version is compared with two others. */
const cache = new WeakMap<VersionPatchInput, Prepared>();

function prepare(p: VersionPatchInput): Prepared {
  let got = cache.get(p);
  if (!got) {
    const title = parseSubject(p.subject).base;
    const id = patchIdentity(p.body);
    got = { input: p, title, parsed: parsePatch(p.body), ledger: { counter: p.counter, title, patchId: id.patchId, files: id.files, code: codePrint(p.body) } };
    cache.set(p, got);
  }
  return got;
}

/** A version of an analysed series as this module takes it; `bodies` are the decoded texts by message key. */
export function versionInput(v: SeriesVersion, bodies: Map<string, string>): VersionInput {
  return { version: v.version, patches: v.patches.map((p) => ({ counter: p.counter, id: p.id, subject: p.subject, body: bodies.get(p.id) ?? '', borrowedFrom: p.borrowedFrom })) };
}

const ref = (p: Prepared): PatchRef => ({ counter: p.input.counter, id: p.input.id, title: p.title });

function describe(by: MatchBy, d: PatchInterdiff): string {
  const why = by === 'patch-id' ? 'same patch-id' : by === 'title' ? 'same title' : 'same files';
  if (d.verdict === 'unchanged') return d.message.trailersChanged ? `${why}; only trailers changed` : why;
  const what: string[] = [];
  if (d.diffChanged) {
    const files = d.files.filter((f) => f.verdict !== 'unchanged');
    what.push(`${files.length} file${files.length === 1 ? '' : 's'} changed${files.every((f) => f.whitespaceOnly) ? ' (whitespace only)' : ''}`);
  }
  if (d.message.changed) what.push(`message changed${d.message.whitespaceOnly ? ' (whitespace only)' : ''}`);
  return `${why}; ${what.join(', ')}`;
}

/** Indices (into `seq`) of one longest strictly increasing run: the patches that kept their order. */
function keptInOrder(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) kept.add(i);
  return kept;
}

/** The range-diff of two versions; `older` should be the earlier one, but any two compare. */
export function diffVersions(older: VersionInput, newer: VersionInput): VersionDiff {
  const olds = older.patches.map(prepare);
  const news = newer.patches.map(prepare);
  const matches = matchPatches(
    olds.map((p) => p.ledger),
    news.map((p) => p.ledger),
  );
  const rows: VersionDiffRow[] = matches.map((m) => {
    const o = m.older === undefined ? null : olds[m.older]!;
    const n = m.newer === undefined ? null : news[m.newer]!;
    if (!o) return { older: null, newer: ref(n!), status: 'new', by: m.by, reason: `no patch of v${older.version} with this patch-id, title or files`, moved: false, interdiff: null };
    if (!n) return { older: ref(o), newer: null, status: 'dropped', by: m.by, reason: `not in v${newer.version}`, moved: false, interdiff: null };
    const d = interdiff({ patch: o.parsed, subject: o.title }, { patch: n.parsed, subject: n.title });
    if (m.kind === 'split') return { older: ref(o), newer: ref(n), status: 'split', by: m.by, reason: `split out of v${older.version} ${o.input.counter}/${older.patches.length} (shared code; v${older.version} ${o.input.counter} is gone)`, moved: false, interdiff: d };
    if (m.kind === 'squashed') return { older: ref(o), newer: ref(n), status: 'squashed', by: m.by, reason: `squashed into v${newer.version} ${n.input.counter}/${newer.patches.length} (shared code)`, moved: false, interdiff: d };
    const kept = n.input.borrowedFrom != null && n.input.id === o.input.id ? `not re-sent in v${newer.version}: the partial reroll keeps v${n.input.borrowedFrom}'s` : null;
    return { older: ref(o), newer: ref(n), status: d.verdict, by: m.by, reason: kept ?? describe(m.by, d), moved: false, interdiff: d };
  });
  // reordered: the pairs off the longest run whose older counters rise in the newer order
  const paired = rows.map((r, i) => [r, i] as const).filter(([r]) => r.older && r.newer && (r.status === 'unchanged' || r.status === 'changed'));
  paired.sort((a, b) => a[0].newer!.counter - b[0].newer!.counter);
  const kept = keptInOrder(paired.map(([r]) => r.older!.counter));
  paired.forEach(([r], k) => {
    if (!kept.has(k)) {
      r.moved = true;
      r.reason += `; moved from ${r.older!.counter} to ${r.newer!.counter}`;
    }
  });
  const counts: VersionDiffCounts = { unchanged: 0, changed: 0, new: 0, dropped: 0, reordered: 0, split: 0, squashed: 0 };
  for (const r of rows) {
    counts[r.status]++;
    if (r.moved) counts.reordered++;
  }
  return { from: older.version, to: newer.version, rows, counts };
}

/** Each version against the one before it, oldest first. */
export function diffSeries(versions: VersionInput[]): VersionDiff[] {
  const sorted = versions.slice().sort((a, b) => a.version - b.version);
  const out: VersionDiff[] = [];
  for (let i = 1; i < sorted.length; i++) out.push(diffVersions(sorted[i - 1]!, sorted[i]!));
  return out;
}

/** "3 changed, 5 unchanged, 1 new, 1 reordered": the counts that are not zero, in a fixed order. */
export function summaryLine(d: VersionDiff): string {
  const c = d.counts;
  const parts: Array<[number, string]> = [
    [c.changed, 'changed'],
    [c.unchanged, 'unchanged'],
    [c.new, 'new'],
    [c.dropped, 'dropped'],
    [c.split, 'split'],
    [c.squashed, 'squashed'],
    [c.reordered, 'reordered'],
  ];
  const said = parts.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`);
  return said.length ? said.join(', ') : 'no patches';
}
