/**
 * Patchwork's checks on a series (issue 18, optional): what CI accounts posted on each patch
 * in patchwork (success, warning, fail, pending, each with its context), per patch and per
 * version, and merged into the ledger's findings so the matrix has one mark set.
 *
 *   latestChecks(all): PatchworkCheck[]                 the checks that count
 *   tally(checks): ChecksTally                          counts by state, the worst state
 *   withChecks(ledger, of): { ledger, checks }          per cell and version, findings merged
 *
 * Which checks count is patchwork's own rule (models.py `Patch.checks`,
 * `filter_unique_checks`): per (user, context) only the newest, so a passed recheck replaces
 * the failure before it; the worst state is patchwork's `combined_check_state` order (fail,
 * warning, pending, success), except that a patch with no check says so instead of
 * "pending". A failed check is a finding (ledger-findings.ts `source: 'patchwork'`, its
 * title `user/context`, the patch its message) and takes the finding's mark; warnings,
 * pending and passed checks are counted quietly, in the cell's and the version's tally.
 * Checks are never trailers and change no count of the ledger.
 *
 * Non-goals: reading patchwork's JSON (patchwork-json.ts), fetching, drawing.
 */
import type { Ledger } from './ledger.ts';
import { linkFindings, type LedgerFinding } from './ledger-findings.ts';

export type CheckState = 'pending' | 'success' | 'warning' | 'fail';

/** Worst first, as patchwork combines them. */
export const CHECK_ORDER: readonly CheckState[] = ['fail', 'warning', 'pending', 'success'];

export interface PatchworkCheck {
  state: CheckState;
  /** Its context (`build_clang`), a slug. */
  context: string;
  /** The account that posted it (`netdev`), or null. */
  user: string | null;
  description: string | null;
  /** Where it says more: an http(s) URL, else null. */
  targetUrl: string | null;
  /** ISO, UTC. */
  date: string | null;
}

/** What the instance says of one patch, as the worker holds it. */
export interface PatchChecks {
  /** The patch's Message-ID, bare. */
  msgid: string;
  /** The patch in patchwork (its projects, its page, its date), or null: the instance has no such patch. */
  patch: { projects: string[]; webUrl: string | null; date: string | null } | null;
  /** The checks that count (`latestChecks`). */
  checks: PatchworkCheck[];
  /** Epoch ms of the copy held, or null: none yet. */
  fetchedAt: number | null;
  /** Why the last attempt failed (the copy held, if any, is the last good one), or null. */
  error: string | null;
}

export interface ChecksTally {
  fail: number;
  warning: number;
  pending: number;
  success: number;
  /** The worst state, or null when there is no check. */
  worst: CheckState | null;
}

export interface CellChecks extends PatchChecks {
  tally: ChecksTally;
}

export interface VersionChecks {
  tally: ChecksTally;
  /** Present patches of the version, those with an answer, and those patchwork has not. */
  patches: number;
  read: number;
  notInPatchwork: number;
  /** The failing checks' names (`user/context`), each once. */
  failing: string[];
  /** "patchwork: 3 fail (netdev/build_clang, …), 28 success". */
  summary: string;
  /** A patch's last failed attempt, if any ("the copy held is shown"). */
  error: string | null;
}

export interface LedgerChecks {
  /** Per row and version column, as `ledger.rows[r].cells[c]`: null where no patch is or no answer came. */
  cells: Array<Array<CellChecks | null>>;
  versions: VersionChecks[];
}

/** How a check is named: `netdev/build_clang`, as patchwork's pages write it. */
export const checkName = (c: PatchworkCheck): string => (c.user ? `${c.user}/${c.context}` : c.context);

/** The newest check of each (user, context), in the order first seen; ties go to the later one. */
export function latestChecks(all: readonly PatchworkCheck[]): PatchworkCheck[] {
  const at = new Map<string, number>();
  const out: PatchworkCheck[] = [];
  for (const c of all) {
    const key = `${c.user ?? ''}\n${c.context}`;
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push(c);
    } else if ((c.date ?? '') >= (out[i]!.date ?? '')) out[i] = c;
  }
  return out;
}

export function tally(checks: readonly PatchworkCheck[]): ChecksTally {
  const t: ChecksTally = { fail: 0, warning: 0, pending: 0, success: 0, worst: null };
  for (const c of checks) t[c.state]++;
  t.worst = CHECK_ORDER.find((s) => t[s] > 0) ?? null;
  return t;
}

function add(a: ChecksTally, b: ChecksTally): ChecksTally {
  const t = { fail: a.fail + b.fail, warning: a.warning + b.warning, pending: a.pending + b.pending, success: a.success + b.success, worst: null };
  return { ...t, worst: CHECK_ORDER.find((s) => t[s] > 0) ?? null };
}

const NO_CHECKS: ChecksTally = { fail: 0, warning: 0, pending: 0, success: 0, worst: null };

/** Worst first, then by name: how a patch's checks are listed. */
export function orderChecks(checks: readonly PatchworkCheck[]): PatchworkCheck[] {
  return [...checks].sort((a, b) => CHECK_ORDER.indexOf(a.state) - CHECK_ORDER.indexOf(b.state) || (checkName(a) < checkName(b) ? -1 : checkName(a) > checkName(b) ? 1 : 0));
}

/** "1 fail (netdev/build_clang), 2 warning, 28 success", or "no checks". */
export function tallyWords(t: ChecksTally, failing: readonly string[]): string {
  const names = failing.length ? ` (${failing.slice(0, 3).join(', ')}${failing.length > 3 ? ', …' : ''})` : '';
  const parts = CHECK_ORDER.filter((s) => t[s] > 0).map((s) => `${t[s]} ${s}${s === 'fail' ? names : ''}`);
  return parts.length ? parts.join(', ') : 'no checks';
}

/** A cell's checks in words, for its label: "patchwork: 1 fail (netdev/build_clang), 2 success". */
export function cellChecksWords(c: CellChecks | null | undefined): string {
  if (!c) return '';
  if (!c.patch) return c.fetchedAt === null ? '' : 'patchwork: not in patchwork';
  return `patchwork: ${tallyWords(c.tally, [...new Set(c.checks.filter((x) => x.state === 'fail').map(checkName))])}`;
}

function versionSummary(v: Omit<VersionChecks, 'summary'>): string {
  const notes: string[] = [];
  if (v.notInPatchwork) notes.push(`${v.notInPatchwork} of ${v.patches} not in patchwork`);
  if (v.read < v.patches) notes.push(`${v.patches - v.read} of ${v.patches} not read yet`);
  return `patchwork: ${tallyWords(v.tally, v.failing)}${notes.length ? `; ${notes.join('; ')}` : ''}`;
}

/**
 * The ledger with patchwork's failed checks among its findings, and every cell's and
 * version's checks. `of(msgid)`: what the instance says of the patch with that Message-ID,
 * undefined while nothing is known. A cell is looked up by its patch's Message-ID (its
 * message key without `#n`); a squashed cell or one without a patch has none.
 */
export function withChecks(ledger: Ledger, of: (msgid: string) => PatchChecks | undefined): { ledger: Ledger; checks: LedgerChecks } {
  const fails: LedgerFinding[][] = ledger.versions.map(() => []);
  const cells = ledger.rows.map((r) =>
    r.cells.map((cell, col): CellChecks | null => {
      if (!cell?.present || !cell.id || cell.state === 'squashed') return null;
      const p = of(cell.id.replace(/#\d+$/, ''));
      if (!p) return null;
      const checks = latestChecks(p.checks);
      for (const c of checks) {
        if (c.state !== 'fail') continue;
        fails[col]!.push({ title: checkName(c), kind: 'test failed', link: c.targetUrl, message: cell.id, bot: 'patchwork', date: c.date, counter: cell.counter, againOn: [], firstOn: null, source: 'patchwork', detail: c.description });
      }
      return { ...p, checks, tally: tally(checks) };
    }),
  );
  const versions = ledger.versions.map((_, col): VersionChecks => {
    let t = NO_CHECKS;
    let patches = 0;
    let read = 0;
    let notInPatchwork = 0;
    let error: string | null = null;
    const failing = new Set<string>();
    ledger.rows.forEach((r, row) => {
      const cell = r.cells[col];
      if (!cell?.present || !cell.id || cell.state === 'squashed') return;
      patches++;
      const c = cells[row]![col];
      if (!c) return;
      error ??= c.error;
      if (c.fetchedAt === null) return;
      read++;
      if (!c.patch) notInPatchwork++;
      t = add(t, c.tally);
      for (const x of c.checks) if (x.state === 'fail') failing.add(checkName(x));
    });
    const v = { tally: t, patches, read, notInPatchwork, failing: [...failing], error };
    return { ...v, summary: versionSummary(v) };
  });
  const per = ledger.versions.map((v, col) => [...(v.findings ?? []).filter((f) => f.source !== 'patchwork'), ...fails[col]!]);
  return { ledger: linkFindings(ledger, per), checks: { cells, versions } };
}
