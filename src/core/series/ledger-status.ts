/**
 * Where a series stands, from its ledger rows: per version the reviewed / acked / tested
 * counts and what is missing ("v4: 6/8 reviewed, 1 missing"), the newest version's patches
 * still lacking a Reviewed-by or Acked-by, and whether (and by whom, to where) it was applied.
 *
 * An "applied" reply to the cover covers every patch of its version (or the counters its
 * b4 ty summary lists); one to a patch covers that patch. The series counts as applied when
 * every present patch of the version is covered (`partial` otherwise). Only a reply from
 * someone the archive gives reason to trust (applied-trust.ts) is "applied" (✓); any other
 * "says applied (unverified)" (`saysApplied`), shown and never counted.
 *
 * Non-goals: building rows (ledger.ts), words for a UI beyond the one-line summary.
 */
import type { LedgerCell, LedgerRow, LedgerVersion } from './ledger.ts';
import type { AppliedTrust } from './applied-trust.ts';
import type { AppliedMark, VersionFacts } from './series-facts.ts';
import type { Confirmation } from './version-group.ts';

export interface AppliedSummary {
  version: number;
  by: { name: string; address: string };
  where: string | null;
  date: string | null;
  message: string;
  /** Every present patch of that version is covered, or only some. */
  scope: 'series' | 'partial';
  /** Why the sender is believed (applied-trust.ts); null: "says applied (unverified)". */
  trust: AppliedTrust;
}

/** An "applied" reply with whether its sender is believed. */
export interface LedgerApplied extends AppliedMark {
  trust: AppliedTrust;
}

interface Column {
  version: number;
  facts: VersionFacts;
  confirmedBy: Confirmation[];
}

/** The Message-ID of a key (`<id>#2` keys name a reused id). */
const messageIdOf = (key: string): string => key.replace(/#\d+$/, '');

export function summaryLine(v: { version: number; total: number; present: number; missing: number[]; counts: { reviewed: number; acked: number; tested: number } }, applied: LedgerApplied[]): string {
  const n = Math.max(v.total, v.present);
  const parts = [`${v.counts.reviewed}/${n} reviewed`];
  if (v.counts.acked) parts.push(`${v.counts.acked}/${n} acked`);
  if (v.counts.tested) parts.push(`${v.counts.tested}/${n} tested`);
  if (v.missing.length) parts.push(`${v.missing.length} missing`);
  const a = applied.findLast((m) => m.trust);
  const claim = applied.findLast((m) => !m.trust);
  if (a) parts.push(a.where ? `applied to ${a.where}` : 'applied');
  else if (claim) parts.push(`says applied${claim.where ? ` to ${claim.where}` : ''} (unverified)`);
  return `v${v.version}: ${parts.join(', ')}`;
}

export function versionStatus(cols: Column[], rows: LedgerRow[], trustOf: (m: AppliedMark) => AppliedTrust): { versions: LedgerVersion[]; needsReview: number[]; applied: AppliedSummary | null; saysApplied: AppliedSummary | null } {
  let applied: AppliedSummary | null = null;
  let saysApplied: AppliedSummary | null = null;
  const versions = cols.map((col, k): LedgerVersion => {
    const f = col.facts;
    const cells = rows.map((r) => r.cells[k]).filter((c): c is LedgerCell => !!c && c.present && c.state !== 'squashed');
    // applied replies, oldest first, onto the cells they cover
    const marks: LedgerApplied[] = f.applied.map((m) => ({ ...m, trust: trustOf(m) })).sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : 1));
    for (const m of marks) {
      const covered = cells.filter((c) => (m.counter !== null ? c.counter === m.counter : m.subset ? m.subset.includes(c.counter ?? -1) : true));
      for (const c of covered) {
        if (m.trust) c.applied = m;
        else c.saysApplied = m;
      }
      const last = m.trust ? applied : saysApplied;
      if (covered.length && (!last || (last.date ?? '') <= (m.date ?? ''))) {
        const scope = cells.every((c) => (m.trust ? c.applied : c.saysApplied)) ? 'series' : 'partial';
        const summary: AppliedSummary = { version: col.version, by: { ...m.by }, where: m.where, date: m.date, message: m.message, scope, trust: m.trust };
        if (m.trust) applied = summary;
        else saysApplied = summary;
      }
    }
    const counts = {
      reviewed: cells.filter((c) => c.marks.reviewed > 0).length,
      acked: cells.filter((c) => c.marks.acked > 0).length,
      tested: cells.filter((c) => c.marks.tested > 0).length,
    };
    const base = { version: col.version, total: f.total, present: cells.length, missing: f.missing.slice(), counts };
    return {
      ...base,
      key: f.key,
      cover: f.cover,
      subject: f.subject,
      date: f.date,
      summary: summaryLine(base, marks),
      confirmedBy: col.confirmedBy,
      changeId: f.changeId,
      applied: marks,
      shazam: `b4 shazam ${messageIdOf(f.key)}`,
      ...(f.bots?.length ? { bots: f.bots.slice() } : {}),
    };
  });
  const last = cols.length - 1;
  const needsReview: number[] = [];
  rows.forEach((r, i) => {
    const c = r.cells[last];
    if (c && c.present && c.state !== 'squashed' && c.marks.reviewed === 0 && c.marks.acked === 0) needsReview.push(i);
  });
  return { versions, needsReview, applied, saysApplied };
}
