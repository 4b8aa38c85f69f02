/**
 * The typed messages between the content script, the panel and the background worker.
 * Types only: the content script is a classic script and must not pull worker code in.
 *
 * One-shot requests go through `runtime.sendMessage` answered with `sendResponse` (never a
 * promise returned from `onMessage`, which Chrome does not honour). A panel holds a port
 * named `PANEL_PORT` for the stream of state a thread load produces.
 */
import type { Analysis, MessageHead, Progress, QuoteBlock, Person, Thread } from '../core/types.ts';
import type { Resolution } from '../sites/types.ts';

export const PANEL_PORT = 'listlens-panel';

/** Content script → worker, once per page run. */
export interface PageMessage {
  type: 'page';
  url: string;
  resolution: Resolution;
}

/** Toolbar/options → worker: is this unknown host a public-inbox? */
export interface ProbeMessage {
  type: 'probe-host';
  origin: string;
}

export type RuntimeRequest = PageMessage | ProbeMessage | { type: 'clear-cache' } | { type: 'cache-usage' };

/** Panel → worker over the port. */
export type PanelRequest =
  | { type: 'open'; url: string }
  | { type: 'context'; threadKey: string; id: string }
  | { type: 'refresh'; threadKey: string }
  | { type: 'open-version'; url: string };

export type LoadErrorKind = 'challenge' | 'network' | 'not-found' | 'http' | 'rate-limited' | 'parse' | 'unsupported' | 'quota';

export interface LoadError {
  kind: LoadErrorKind;
  /** One sentence for the reader, never a stack trace. */
  message: string;
}

export interface CacheInfo {
  /** Epoch ms of the last successful fetch, or null when not from cache. */
  cachedAt: number | null;
  /** True when the last network attempt failed and the cached copy is shown. */
  offline: boolean;
  /** `fresh`, or `refreshing` while a background refresh runs. */
  state: 'fresh' | 'cached' | 'refreshing';
}

/** Another version of the series found by searching the archive. */
export interface VersionLink {
  version: number;
  subject: string;
  url: string;
  date: string | null;
  /** Already part of the loaded thread. */
  inThread: boolean;
}

/** A message of the context view: the current message and its ancestors. */
export interface ContextEntry {
  id: string;
  ghost: boolean;
  subject: string;
  from: Person | null;
  date: string | null;
  blocks: QuoteBlock[];
}

/** Worker → panel over the port. */
export type PanelEvent =
  | { type: 'resolved'; resolution: Resolution; threadKey: string | null }
  | { type: 'progress'; progress: Progress }
  | { type: 'tree'; threadKey: string; thread: Thread; heads: MessageHead[] }
  | { type: 'analysis'; threadKey: string; analysis: Analysis; focus: string | null; cache: CacheInfo; url: string }
  | { type: 'versions'; threadKey: string; versions: VersionLink[] }
  | { type: 'context'; threadKey: string; id: string; entries: ContextEntry[] }
  | { type: 'cache'; threadKey: string; cache: CacheInfo }
  | { type: 'error'; error: LoadError; cache: CacheInfo | null };
