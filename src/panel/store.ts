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
import type { ChecksPatch, PanelEvent } from '../protocol.ts';
import { empty, focusOn, markSeen, reduce, type PanelState } from './panel-state.ts';
import { newIds } from './new-marks.ts';
import { isFrom, sameRange, type Range } from './tree-model.ts';
import type { createSeriesStore } from './series/series-state.ts';
import type { createCommitStore } from './commit-state.ts';

/** What components may ask for; the controller decides how (port, tab, history). */
export interface Actions {
  retry(): void;
  refresh(): void;
  /** Go to a message of the thread: the tab follows, the context shows it. */
  navigate(id: string): void;
  /** Open another thread's page (another version of the series, a related thread). */
  openUrl(url: string): void;
  /** Ask for the host permission of the public-inbox in the tab (from the click). */
  enableHost(): void;
  /** The pop-out link: this view in a normal tab (`series`: the wide view of the series' matrix). */
  popOutHref(view?: 'series'): string | null;
  /** Opens one of the panel's own addresses (popOutHref's) in a new tab: a plain link's new tab does not open from Firefox's extension pages everywhere. */
  openTab(href: string): void;
  /** The interdiff of two versions of a patch (ledger Message-ID keys). */
  interdiff(from: string, to: string): void;
  /** Version `version` (its ledger key) as an am-ready mbox, `Link:` added or not (answered in the series slice). */
  am(version: string, link: boolean): void;
  /** Tie a thread (message URL or Message-ID) to the series on screen, or take it out. */
  linkThread(target: string, link: boolean): void;
  /** Open a message that may be in another thread of the series. */
  openMessage(id: string): void;
  /** The conversation view drew these messages: fetch the bodies not yet here. */
  loadBodies(ids: string[]): void;
  /** "Mark all read": nothing of the thread is new any more. */
  markAllRead(): void;
  /** The matrix shows these patches: patchwork's checks of them, when the reader switched that on (none: the matrix is gone). */
  checks(patches: ChecksPatch[]): void;
}

/** `f` of two inputs, recomputed only when one of them is another object. */
function memo2<A, B, R>(f: (a: A, b: B) => R): (a: A, b: B) => R {
  let la: A | undefined;
  let lb: B | undefined;
  let lr: R | undefined;
  let has = false;
  return (a, b) => {
    if (!has || a !== la || b !== lb) {
      lr = f(a, b);
      la = a;
      lb = b;
      has = true;
    }
    return lr as R;
  };
}

export function createLoadStore() {
  const state = signal<PanelState>(empty);
  const freshOf = memo2(newIds);
  return {
    state: state as ReadonlySignal<PanelState>,
    /** Messages new since the last visit and not opened yet (empty when the marks are off). */
    fresh: computed(() => freshOf(state.value.messages, state.value.visits)),
    apply(e: PanelEvent): void {
      state.value = reduce(state.value, e);
    },
    reset(next: PanelState): void {
      state.value = next;
    },
    focus(id: string, url: string | null): void {
      state.value = focusOn(state.value, id, url);
    },
    seen(ids: string[] | 'all'): void {
      state.value = markSeen(state.value, ids);
    },
  };
}

/** The participant the tree is filtered to, or null; and the search's hits, or null. */
export function createFilterStore() {
  const who = signal<Participant | null>(null);
  const hits = signal<ReadonlySet<string> | null>(null);
  return {
    who: who as ReadonlySignal<Participant | null>,
    hits: hits as ReadonlySignal<ReadonlySet<string> | null>,
    toggle(p: Participant): void {
      who.value = who.value && who.value.address === p.address && who.value.name === p.name ? null : p;
    },
    clear(): void {
      batch(() => {
        who.value = null;
        hits.value = null;
      });
    },
    setHits(h: ReadonlySet<string> | null): void {
      hits.value = h;
    },
    matcher: computed(() => {
      const p = who.value;
      const h = hits.value;
      if (!p && !h) return null;
      return (m: ThreadMessage) => (!p || isFrom(m.from, p)) && (!h || h.has(m.id));
    }),
  };
}

/**
 * The conversation view's own state: the search typed, which messages show only their header
 * (a baseline for all, set by collapse-all/expand-all, and the reader's own toggles on top),
 * and the slice of the conversation drawn (null: around the anchor).
 */
export function createReadStore(sliceSize = 20) {
  const query = signal('');
  const baseline = signal<'open' | 'closed'>('open');
  const toggles: Signal<ReadonlyMap<string, boolean>> = signal(new Map<string, boolean>());
  const range = signal<Range | null>(null);
  return {
    /**
     * The message a reading key (j/k/n) moved to: the conversation scrolls it to the top.
     * Not a signal: it only says why the focus moved, read once when it has.
     */
    reveal: null as string | null,
    query: query as ReadonlySignal<string>,
    baseline: baseline as ReadonlySignal<'open' | 'closed'>,
    toggles: toggles as ReadonlySignal<ReadonlyMap<string, boolean>>,
    range: range as ReadonlySignal<Range | null>,
    sliceSize,
    setQuery(q: string): void {
      batch(() => {
        query.value = q;
        toggles.value = new Map();
      });
    },
    setAll(state: 'open' | 'closed'): void {
      batch(() => {
        baseline.value = state;
        toggles.value = new Map();
      });
    },
    setCollapsed(id: string, collapsed: boolean): void {
      const next = new Map(toggles.value);
      next.set(id, collapsed);
      toggles.value = next;
    },
    setRange(r: Range | null): void {
      if (!sameRange(range.value, r)) range.value = r;
    },
    reset(): void {
      batch(() => {
        query.value = '';
        baseline.value = 'open';
        toggles.value = new Map();
        range.value = null;
      });
    },
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
      if (!sameRange(range.value, r)) range.value = r;
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
  read: ReturnType<typeof createReadStore>;
  series: ReturnType<typeof createSeriesStore>;
  /** The commit of a git web's commit page (issue 19); empty on an archive page. */
  commit: ReturnType<typeof createCommitStore>;
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
export const useRead = (): Store['read'] => useStore().read;
export const useSeries = (): Store['series'] => useStore().series;
export const useCommit = (): Store['commit'] => useStore().commit;
export const useActions = (): Actions => useStore().actions;
export const useNow = (): (() => number) => useStore().now;
