/**
 * The series across versions as the panel holds it: the worker's `ledger` events (every
 * series of the thread, the page's first, sent again as each version's thread arrives), the
 * interdiff on screen, the am-ready mbox asked for, the selected cell and the "only patches
 * without review" filter; patchwork's checks as the `checks` answers bring them (issue 18),
 * put on the ledgers by the core (patchwork-checks.ts `withChecks`: the failures among the
 * findings, `SeriesLedger.checks` per cell and version), so every reader of `series` sees
 * one set of findings; and
 * the tree's marks, read from those same ledgers (core/series/ledger-marks.ts). A pure reducer
 * plus a small signal store, apart from panel-state.ts so the thread's state and the series'
 * stay independent.
 *
 * Non-goals: what the matrix draws (matrix-model.ts), the port (connection.ts).
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ChecksEvent, SeriesEvent, SeriesLedger } from '../../protocol.ts';
import { withChecks, type PatchChecks } from '../../core/series/patchwork-checks.ts';
import type { AmFile } from '../../core/series/am.ts';
import { replyMarks } from '../../core/series/ledger-marks.ts';

export interface Selected {
  /** Index of the series in the event's list (0: the page's). */
  series: number;
  row: number;
  col: number;
}

type LedgerEvent = Extract<SeriesEvent, { type: 'ledger' }>;
type InterdiffEvent = Extract<SeriesEvent, { type: 'interdiff' }>;

/** The am-ready mbox asked for: `file` and `error` null while it is on its way. */
export interface AmAsked {
  version: string;
  link: boolean;
  file: AmFile | null;
  error: string | null;
}

/** Patchwork's checks as the `checks` events said them: every patch's newest answer. */
export interface PanelChecks {
  /** Null: nothing asked yet. */
  state: ChecksEvent['state'] | null;
  instance: string | null;
  byId: Readonly<Record<string, PatchChecks>>;
  pending: number;
  note: string | null;
}

export const noChecks: PanelChecks = { state: null, instance: null, byId: {}, pending: 0, note: null };

/**
 * The last `ledger` event (its fields are the protocol's; `series` with the checks put on,
 * `raw` as it came), plus what the reader chose.
 */
export interface SeriesState extends Omit<LedgerEvent, 'type' | 'threadKey'> {
  threadKey: string | null;
  raw: SeriesLedger[];
  checks: PanelChecks;
  onlyUnreviewed: boolean;
  selected: Selected | null;
  /** The interdiff asked for (`result` null while it is on its way). */
  interdiff: Omit<InterdiffEvent, 'type' | 'threadKey'> | null;
  am: AmAsked | null;
}

export const emptySeries: SeriesState = { threadKey: null, series: [], raw: [], checks: noChecks, pending: 0, done: 0, total: 0, failures: [], onlyUnreviewed: false, selected: null, interdiff: null, am: null };

/** The ledgers with what patchwork said of their patches (unchanged while it said nothing). */
function withPatchwork(raw: SeriesLedger[], c: PanelChecks): SeriesLedger[] {
  if (c.state === 'off' || !Object.keys(c.byId).length) return raw;
  return raw.map((s) => {
    const m = withChecks(s.ledger, (id) => c.byId[id]);
    return { ...s, ledger: m.ledger, checks: m.checks };
  });
}

function applyChecks(c: PanelChecks, e: ChecksEvent): PanelChecks {
  if (e.state === 'off') return { ...noChecks, state: 'off' };
  const byId: Record<string, PatchChecks> = { ...(c.instance === e.instance ? c.byId : {}) };
  for (const p of e.patches) byId[p.msgid] = p;
  return { state: e.state, instance: e.instance, byId, pending: e.pending, note: e.note };
}

/** A selection survives a new ledger only while its series, row and column still exist. */
function stillThere(sel: Selected | null, e: LedgerEvent): Selected | null {
  const l = sel ? e.series[sel.series]?.ledger : undefined;
  return sel && l && sel.row < l.rows.length && sel.col < l.versions.length ? sel : null;
}

export function reduceSeries(s: SeriesState, e: SeriesEvent): SeriesState {
  switch (e.type) {
    case 'ledger': {
      const same = s.threadKey === e.threadKey;
      const { type: _type, ...fields } = e;
      const checks = same ? s.checks : noChecks;
      return { ...(same ? s : emptySeries), ...fields, raw: e.series, series: withPatchwork(e.series, checks), checks, selected: same ? stillThere(s.selected, e) : null };
    }
    case 'checks': {
      if (e.threadKey !== s.threadKey) return s;
      const checks = applyChecks(s.checks, e);
      return { ...s, checks, series: withPatchwork(s.raw, checks) };
    }
    case 'interdiff':
      if (e.threadKey !== s.threadKey || !s.interdiff || s.interdiff.from !== e.from || s.interdiff.to !== e.to) return s;
      return { ...s, interdiff: { from: e.from, to: e.to, result: e.result, error: e.error } };
    case 'am':
      if (e.threadKey !== s.threadKey || !s.am || s.am.version !== e.version || s.am.link !== e.link) return s;
      return { ...s, am: { ...s.am, file: e.file, error: e.error ?? (e.file ? null : 'No answer.') } };
  }
}

export function isSeriesEvent(e: { type: string }): e is SeriesEvent {
  return e.type === 'ledger' || e.type === 'interdiff' || e.type === 'am' || e.type === 'checks';
}

export function createSeriesStore() {
  const state = signal<SeriesState>(emptySeries);
  return {
    state: state as ReadonlySignal<SeriesState>,
    /** The tree's marks: what each reply gave that the ledgers count, and "applied". */
    marks: computed(() => replyMarks(state.value.series.map((s) => s.ledger))),
    apply(e: SeriesEvent): void {
      state.value = reduceSeries(state.value, e);
    },
    reset(): void {
      state.value = emptySeries;
    },
    toggleUnreviewed(): void {
      state.value = { ...state.value, onlyUnreviewed: !state.value.onlyUnreviewed };
    },
    select(sel: Selected | null): void {
      state.value = { ...state.value, selected: sel };
    },
    askInterdiff(from: string, to: string): void {
      state.value = { ...state.value, interdiff: { from, to, result: null, error: null } };
    },
    askAm(version: string, link: boolean): void {
      state.value = { ...state.value, am: { version, link, file: null, error: null } };
    },
    closeInterdiff(): void {
      state.value = { ...state.value, interdiff: null };
    },
  };
}
