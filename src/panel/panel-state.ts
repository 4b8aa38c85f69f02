/**
 * What the panel shows, as a pure reducer over the worker's events: a load starts with
 * `opening(url)`, then `resolved`, `preview` (the page's message on a slow link), `progress`,
 * `tree` (headers only), `analysis`, `context`, `cache` and `error` events fold into one plain
 * state (the series across versions has its own slice, series/series-state.ts). Pure so the tests can
 * replay event sequences (cached reopen, offline, error after a shown thread).
 *
 * Non-goals: signals and rendering (store.ts and the components), the port (connection.ts).
 */
import type { Analysis, ContextEntry, Progress, ThreadMessage } from '../core/types.ts';
import type { Resolution } from '../sites/types.ts';
import type { CacheInfo, LoadError, MessagePreview, PanelEvent, Visits } from '../protocol.ts';
import { conversationIds } from './conversation-model.ts';

export interface PanelState {
  /** The archive page the panel was asked about. */
  url: string | null;
  resolution: Resolution | null;
  threadKey: string | null;
  /** The tree, from the headers pass first, then from the analysis. */
  messages: ThreadMessage[];
  roots: string[];
  analysis: Analysis | null;
  /** Key of the current message in the tree, as the worker chose it. */
  focus: string | null;
  /** The page's own message while its thread is still arriving; gone once the analysis is shown. */
  preview: MessagePreview | null;
  cache: CacheInfo | null;
  progress: Progress | null;
  loading: boolean;
  /** A failure with nothing to show instead. */
  error: LoadError | null;
  /** A failure beside a thread that is still shown (refresh failed, quota). */
  notice: LoadError | null;
  /** The archive asked to wait and the load goes on after it: said, but not a failure. */
  waiting: string | null;
  context: { id: string; entries: ContextEntry[] } | null;
  /** A public-inbox host without permission yet: the panel offers to enable it. */
  host: { origin: string; pattern: string } | null;
  /**
   * The message the conversation view is built around. Moving to one of its ancestors or
   * replies (j/k, a tree click inside it) keeps it, so the scroll stays; elsewhere it moves.
   */
  anchor: string | null;
  /** Bodies received so far (context and conversation slices), by message key. */
  bodies: Readonly<Record<string, ContextEntry>>;
  /** Each message's own words, once the worker sent them (search, reply marks). */
  texts: Readonly<Record<string, string>> | null;
  /** The reader's earlier visits; null until known, or when the marks are switched off. */
  visits: Visits | null;
}

export const empty: PanelState = {
  url: null,
  resolution: null,
  threadKey: null,
  messages: [],
  roots: [],
  analysis: null,
  focus: null,
  preview: null,
  cache: null,
  progress: null,
  loading: false,
  error: null,
  notice: null,
  waiting: null,
  context: null,
  host: null,
  anchor: null,
  bodies: {},
  texts: null,
  visits: null,
};

/** A new load: nothing of the previous page stays, so no stale thread shows under a new URL. */
export function opening(url: string): PanelState {
  return { ...empty, url, loading: true };
}

export function reduce(s: PanelState, e: PanelEvent): PanelState {
  // Anything the load sends after a wait means the wait is over.
  if (s.waiting && e.type !== 'wait' && e.type !== 'context') s = { ...s, waiting: null };
  switch (e.type) {
    case 'wait':
      return { ...s, waiting: e.message };
    case 'resolved': {
      const listLevel = e.threadKey === null && (e.resolution.kind === 'index' || e.resolution.kind === 'search');
      return { ...s, resolution: e.resolution, threadKey: e.threadKey ?? s.threadKey, loading: !listLevel && s.loading };
    }
    case 'progress':
      return { ...s, progress: e.progress, loading: e.progress.phase !== 'done' || !s.analysis };
    case 'preview':
      // Only while the thread is on its way: a late preview never covers the analysed thread,
      // nor a failed load (it would say the rest is still loading).
      return s.analysis || s.error ? s : { ...s, preview: e.preview };
    case 'tree': {
      if (s.analysis && s.threadKey === e.threadKey) return s; // a refresh's headers pass: keep the full view
      // The worker chose the current message (background/load/focus.ts); the panel takes it.
      return { ...s, threadKey: e.threadKey, messages: e.thread.messages, roots: e.thread.roots, focus: e.focus, anchor: e.focus };
    }
    case 'analysis': {
      const same = s.threadKey === e.threadKey;
      // A refresh keeps where the reader moved to, if it is still there; otherwise the worker's choice.
      const kept = same && s.analysis && s.focus && e.analysis.messages.some((m) => m.id === s.focus && !m.ghost) ? s.focus : null;
      const focus = kept ?? e.focus;
      return {
        ...s,
        preview: null,
        threadKey: e.threadKey,
        analysis: e.analysis,
        messages: e.analysis.messages,
        roots: e.analysis.roots,
        focus,
        cache: e.cache,
        progress: null,
        loading: false,
        error: null,
        context: s.context && s.context.id === focus && same ? s.context : null,
        anchor: keepAnchor(e.analysis.messages, same ? s.anchor : null, focus),
        // A refresh keeps what was read: a message's body does not change; its own text and
        // the new messages' come again in the next `texts`.
        bodies: same ? s.bodies : {},
        texts: same ? s.texts : null,
        visits: same ? s.visits : null,
      };
    }
    case 'entries':
      return e.threadKey === s.threadKey ? { ...s, bodies: withEntries(s.bodies, e.entries) } : s;
    case 'texts':
      return e.threadKey === s.threadKey ? { ...s, texts: e.texts } : s;
    case 'visits':
      return e.threadKey === s.threadKey ? { ...s, visits: e.visits } : s;
    case 'context':
      if (e.threadKey !== s.threadKey) return s;
      return { ...s, bodies: withEntries(s.bodies, e.entries), context: e.id === s.focus ? { id: e.id, entries: e.entries } : s.context };
    case 'cache':
      return e.threadKey === s.threadKey ? { ...s, cache: e.cache } : s;
    case 'error':
      if (s.messages.length > 0) return { ...s, notice: e.error, cache: e.cache ?? s.cache, loading: false, progress: null };
      // The load failed: the preview's "still loading" would no longer be true (the archive
      // page beside the panel shows the message itself).
      return { ...s, error: e.error, cache: e.cache, loading: false, progress: null, preview: null };
  }
}

function withEntries(bodies: Readonly<Record<string, ContextEntry>>, entries: ContextEntry[]): Record<string, ContextEntry> {
  const next = { ...bodies };
  for (const x of entries) next[x.id] = x;
  return next;
}

/** The anchor stays while `focus` is inside its conversation; otherwise the focus is the anchor. */
export function keepAnchor(messages: ThreadMessage[], anchor: string | null, focus: string | null): string | null {
  if (!anchor || !focus || anchor === focus) return focus;
  return conversationIds(messages, anchor).includes(focus) ? anchor : focus;
}

/** Move to another message of the same thread without reloading it. */
export function focusOn(s: PanelState, id: string, url: string | null): PanelState {
  return { ...s, focus: id, url: url ?? s.url, context: null, anchor: keepAnchor(s.messages, s.anchor, id) };
}

/** The reader opened `ids` (or all): they leave the new marks. */
export function markSeen(s: PanelState, ids: string[] | 'all'): PanelState {
  if (!s.visits?.seen) return s;
  const add = ids === 'all' ? s.messages.filter((m) => !m.ghost).map((m) => m.id) : ids;
  const have = new Set(s.visits.seen);
  const extra = add.filter((id) => !have.has(id));
  return extra.length ? { ...s, visits: { ...s.visits, seen: [...s.visits.seen, ...extra] } } : s;
}

/** Whether `id` is a message of the thread on screen (then a navigation needs no reload). */
export function inThread(s: PanelState, id: string | null): boolean {
  return !!id && s.messages.some((m) => m.id === id && !m.ghost);
}
