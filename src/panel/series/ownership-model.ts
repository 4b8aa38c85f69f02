/**
 * What the matrix says of MAINTAINERS ownership and bots' findings (issue 18), as plain
 * data: a cell's ownership sign and words, a version's entries in words, which copy of the
 * file was read ("git.kernel.org, 2026-07-02 10:00 UTC+2"; "the refresh failed: …"), a
 * version's and a patch's findings, and the earlier versions' findings with whether they
 * were reported again. The worker computed every state; nothing here counts again.
 *
 * Non-goals: deciding states (core/maintainers/ledger-ownership.ts), placing findings
 * (core/series/ledger-findings.ts), drawing (OwnershipLine, FindingsList, MatrixTable).
 */
import type { CellOwnership, LedgerOwnership, OwnershipRef } from '../../core/maintainers/ledger-ownership.ts';
import type { OwnerState } from '../../core/maintainers/ownership.ts';
import type { LedgerFinding } from '../../core/series/ledger-findings.ts';
import type { Ledger } from '../../core/series/ledger.ts';
import type { FindingKind, Person } from '../../core/types.ts';
import { stamp } from '../../core/format.ts';
import type { MaintainersInfo } from '../../protocol.ts';

/** A cell's ownership sign: filled once its maintainers acked, hollow while waiting. */
export const OWNER_SIGN: Readonly<Record<OwnerState, string>> = { acked: '◆', own: '◆', reviewed: '◈', waiting: '◇' };

const STATE_WORDS: Record<OwnerState, string> = { acked: 'acked', own: 'own patch', reviewed: 'reviewed, not acked', waiting: 'waiting' };

const who = (people: Person[]): string => people.map((p) => p.name || p.address).join(', ');

/** One entry on one patch or version, in words: "waiting on MEMORY MANAGEMENT (M: Andrew Morton)". */
export function entryWords(o: LedgerOwnership, r: OwnershipRef): string {
  const e = o.entries[r.entry]!;
  const status = e.status ? ` [${e.status}]` : '';
  if (r.state === 'waiting') return `waiting on ${e.name}${e.maintainers.length ? ` (M: ${who(e.maintainers)})` : ' (no maintainer)'}${status}`;
  const by = r.by.length ? ` by ${who(r.by)}` : '';
  return `${e.name}: ${STATE_WORDS[r.state]}${by}${status}`;
}

/** The cell's ownership for its label: "MAINTAINERS: waiting on …; MM: acked by …". */
export function ownerCellWords(o: LedgerOwnership, c: CellOwnership | null | undefined): string {
  if (!c) return '';
  const owning = c.entries.filter((e) => !e.keywordOnly);
  if (!owning.length) return c.restOnly ? 'MAINTAINERS: only the catch-all' : '';
  return `MAINTAINERS: ${owning.map((r) => entryWords(o, r)).join('; ')}${c.waitingOnMe ? '; waiting on you' : ''}`;
}

/** Where the file came from, for the version line: "git.kernel.org" or "my-MAINTAINERS (local file)". */
export function sourceName(source: string): string {
  if (source.startsWith('file:')) return `${source.slice(5)} (local file)`;
  try {
    return new URL(source).host;
  } catch {
    return source;
  }
}

/** Which copy was read, and whether its last refresh failed. Empty when there is no info. */
export function copyWords(info: MaintainersInfo | undefined, timeZone?: string): { line: string; problem: string | null } {
  if (!info) return { line: '', problem: null };
  const from = sourceName(info.source);
  if (!info.fetchedAt) return { line: info.pending ? `MAINTAINERS: fetching from ${from}…` : `MAINTAINERS from ${from}: no copy yet`, problem: info.error };
  const line = `MAINTAINERS from ${from}, ${stamp(info.fetchedAt, timeZone)}${info.pending ? ' (matching…)' : ''}`;
  const problem = info.error ? `the last refresh${info.checkedAt ? ` (${stamp(info.checkedAt, timeZone)})` : ''} failed: ${info.error}; showing the copy held` : null;
  return { line, problem };
}

const KIND_SIGN: Record<FindingKind, string> = { crash: '✗', 'build error': '✗', 'test failed': '✗', warning: '⚠', regression: '⚠', review: '?', report: '•', 'test passed': '✓' };
export const findingSign = (k: FindingKind): string => KIND_SIGN[k];

/** Findings that are no good news (everything but a passed test). */
export const isProblem = (f: LedgerFinding): boolean => f.kind !== 'test passed';

/** The findings on version column `col` about patch `counter` (null: the whole version). */
export function findingsOn(ledger: Ledger, col: number, counter: number | null): LedgerFinding[] {
  return (ledger.versions[col]?.findings ?? []).filter((f) => f.counter === counter);
}

/** A cell's or column's findings sign: the worst one's, or '' for none. */
export function findingsMark(list: LedgerFinding[]): string {
  if (!list.length) return '';
  const worst = list.find((f) => KIND_SIGN[f.kind] === '✗') ?? list.find((f) => KIND_SIGN[f.kind] === '⚠') ?? list.find(isProblem) ?? list[0]!;
  return `${KIND_SIGN[worst.kind] === '✓' ? '✓' : '⚑'}`;
}

/** A bot's mail's findings in words; patchwork's failed checks are said with the cell's checks (checks-model.ts). */
export function findingsWords(list: LedgerFinding[]): string {
  const mail = mailFindings(list);
  return mail.length ? `bot findings: ${mail.map((f) => `${f.kind}: ${f.title}`).join('; ')}` : '';
}

/** The findings read from bots' mail (not patchwork's checks, listed with the cell's checks). */
export const mailFindings = (list: LedgerFinding[]): LedgerFinding[] => list.filter((f) => !f.source);

/** "reported again on v3", "first reported on v1", or '' (nothing later to say). */
export function againWords(f: LedgerFinding, ledger: Ledger, col: number): string {
  const parts: string[] = [];
  if (f.firstOn !== null) parts.push(`first reported on v${f.firstOn}`);
  if (f.againOn.length) parts.push(`reported again on ${f.againOn.map((v) => `v${v}`).join(', ')}`);
  else if (col < ledger.versions.length - 1 && isProblem(f)) parts.push(`not reported on ${ledger.versions.slice(col + 1).map((v) => `v${v.version}`).join(', ')}`);
  return parts.join('; ');
}

/** The earlier versions' findings, each with whether this version had it again. */
export function earlierFindings(ledger: Ledger, col: number): Array<{ f: LedgerFinding; version: number; again: boolean }> {
  const here = ledger.versions[col]?.version;
  if (here === undefined) return [];
  return ledger.versions.slice(0, col).flatMap((v) => mailFindings(v.findings ?? []).filter((f) => f.firstOn === null && isProblem(f)).map((f) => ({ f, version: v.version, again: f.againOn.includes(here) })));
}
