/**
 * The panel's state as small @preact/signals slices, each with a `useX()` hook, reaching
 * components through one context (preact-devtools' store pattern). Components read `.value`
 * and call intents on `Actions`; only the controller (connection.ts) writes the load slice.
 *
 * Non-goals: the rules of how events change the state (panel-state.ts, pure and tested).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { batch, computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Participant, ThreadMessage } from '../core/types.ts';
import type { PanelEvent } from '../protocol.ts';
import { empty, focusOn, reduce, type PanelState } from './panel-state.ts';
import { isFrom, type Range } from './tree-model.ts';
import type { createSeriesStore } from './series-state.ts';

/** What components may ask for; the controller decides how (port, tab, history). */
export interface Actions {
  retry(): void;
  refresh(): void;
  /** Go to a message of the thread: the tab follows, the context shows it. */
  navigate(id: string): void;
  /** Open another thread's page (another version of the series, a related thread). */
  openUrl(url: string, kind: 'version' | 'page'): void;
  /** Ask for the host permission of the public-inbox in the tab (from the click). */
  enableHost(): void;
  /** The pop-out link: this view in a normal tab. */
  popOutHref(): string | null;
  /** The interdiff of two versions of a patch (ledger Message-ID keys). */
  interdiff(from: string, to: string): void;
  /** Tie a thread (message URL or Message-ID) to the series on screen, or take it out. */
  linkThread(target: string, link: boolean): void;
  /** Open a message that may be in another thread of the series. */
  openMessage(id: string): void;
}

export function createLoadStore() {
  const state = signal<PanelState>(empty);
  return {
    state: state as ReadonlySignal<PanelState>,
    apply(e: PanelEvent): void {
      state.value = reduce(state.value, e);
    },
    reset(next: PanelState): void {
      state.value = next;
    },
    focus(id: string, url: string | null): void {
      state.value = focusOn(state.value, id, url);
    },
  };
}

/** The participant the tree is filtered to, or null. */
export function createFilterStore() {
  const who = signal<Participant | null>(null);
  return {
    who: who as ReadonlySignal<Participant | null>,
    toggle(p: Participant): void {
      who.value = who.value && who.value.address === p.address && who.value.name === p.name ? null : p;
    },
    clear(): void {
      who.value = null;
    },
    matcher: computed(() => {
      const p = who.value;
      return p ? (m: ThreadMessage) => isFrom(m.from, p) : null;
    }),
  };
}

/** Collapsed branches, and which slice of the rows the tree draws (null: around the current message). */
export function createTreeStore(pageSize = 150) {
  const collapsed: Signal<ReadonlySet<string>> = signal(new Set<string>());
  const range = signal<Range | null>(null);
  return {
    collapsed: collapsed as ReadonlySignal<ReadonlySet<string>>,
    range: range as ReadonlySignal<Range | null>,
    pageSize,
    setCollapsed(id: string, on: boolean): void {
      const next = new Set(collapsed.value);
      if (on) next.add(id);
      else next.delete(id);
      collapsed.value = next;
    },
    expandAll(ids: string[]): void {
      if (!ids.some((id) => collapsed.value.has(id))) return;
      const next = new Set(collapsed.value);
      for (const id of ids) next.delete(id);
      collapsed.value = next;
    },
    setRange(r: Range | null): void {
      const old = range.value;
      if (old && r && old.start === r.start && old.end === r.end) return;
      range.value = r;
    },
    reset(): void {
      batch(() => {
        collapsed.value = new Set();
        range.value = null;
      });
    },
  };
}

export interface Store {
  load: ReturnType<typeof createLoadStore>;
  filter: ReturnType<typeof createFilterStore>;
  tree: ReturnType<typeof createTreeStore>;
  series: ReturnType<typeof createSeriesStore>;
  actions: Actions;
  /** Injected so tests and benchmarks can pin it. */
  now: () => number;
}

export const StoreContext = createContext<Store | null>(null);

function useStore(): Store {
  const s = useContext(StoreContext);
  if (!s) throw new Error('panel store missing: wrap the app in StoreContext');
  return s;
}

export const useLoad = (): Store['load'] => useStore().load;
export const useFilter = (): Store['filter'] => useStore().filter;
export const useTree = (): Store['tree'] => useStore().tree;
export const useSeries = (): Store['series'] => useStore().series;
export const useActions = (): Actions => useStore().actions;
export const useNow = (): (() => number) => useStore().now;
