/**
 * The series across versions as the panel holds it: the worker's `ledger` events (sent again
 * as each version's thread arrives), the interdiff on screen, the selected cell and the
 * "only patches without review" filter. A pure reducer plus a small signal store, apart from
 * panel-state.ts so the thread's state and the series' stay independent.
 *
 * Non-goals: what the matrix draws (matrix-model.ts), the port (connection.ts).
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { SeriesEvent } from '../protocol.ts';

export interface Selected {
  row: number;
  col: number;
}

type LedgerEvent = Extract<SeriesEvent, { type: 'ledger' }>;
type InterdiffEvent = Extract<SeriesEvent, { type: 'interdiff' }>;

/** The last `ledger` event as it came (its fields are the protocol's), plus what the reader chose. */
export interface SeriesState extends Omit<LedgerEvent, 'type' | 'threadKey'> {
  threadKey: string | null;
  onlyUnreviewed: boolean;
  selected: Selected | null;
  /** The interdiff asked for (`result` null while it is on its way). */
  interdiff: Omit<InterdiffEvent, 'type' | 'threadKey'> | null;
}

export const emptySeries: SeriesState = { threadKey: null, ledger: null, changelogs: {}, pending: 0, done: 0, total: 0, failures: [], onlyUnreviewed: false, selected: null, interdiff: null };

export function reduceSeries(s: SeriesState, e: SeriesEvent): SeriesState {
  switch (e.type) {
    case 'ledger': {
      const same = s.threadKey === e.threadKey;
      const { type: _type, ...fields } = e;
      return {
        ...(same ? s : emptySeries),
        ...fields,
        // A selection survives only while its row and column still exist.
        selected: same && s.selected && e.ledger && s.selected.row < e.ledger.rows.length && s.selected.col < e.ledger.versions.length ? s.selected : null,
      };
    }
    case 'interdiff':
      if (e.threadKey !== s.threadKey || !s.interdiff || s.interdiff.from !== e.from || s.interdiff.to !== e.to) return s;
      return { ...s, interdiff: { from: e.from, to: e.to, result: e.result, error: e.error } };
  }
}

export function isSeriesEvent(e: { type: string }): e is SeriesEvent {
  return e.type === 'ledger' || e.type === 'interdiff';
}

export function createSeriesStore() {
  const state = signal<SeriesState>(emptySeries);
  return {
    state: state as ReadonlySignal<SeriesState>,
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
    closeInterdiff(): void {
      state.value = { ...state.value, interdiff: null };
    },
  };
}
