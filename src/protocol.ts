/**
 * The typed messages between the content script, the panel and the background worker.
 * Types only: the content script is a classic script and must not pull worker code in.
 *
 * One-shot requests go through `runtime.sendMessage` answered with `sendResponse` (never a
 * promise returned from `onMessage`, which Chrome does not honour). A panel holds a port
 * named `PANEL_PORT` for the stream of state a thread load produces.
 */
import type { Analysis, ContextEntry, Progress, Thread } from './core/types.ts';
import type { MessagePreview } from './core/mail/preview.ts';
import type { Resolution } from './sites/types.ts';
import type { Ledger } from './core/series/ledger.ts';
import type { PatchInterdiff } from './core/patch/interdiff.ts';
import type { AmFile } from './core/series/am.ts';
import type { PlacedChangelog } from './core/series/changelog.ts';
import type { Person } from './core/types.ts';
import type { Found } from './core/commit/discussion-search.ts';
import type { AppliedVersion } from './core/commit/applied-version.ts';
import type { TrailerRow } from './core/commit/trailer-compare.ts';
import type { LaterFix } from './core/commit/later-fixes.ts';
import type { LedgerOwnership } from './core/maintainers/ledger-ownership.ts';
import type { LedgerChecks, PatchChecks } from './core/series/patchwork-checks.ts';

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

/** Content script → worker: the reader clicked the in-page "ListLens" control (opens the panel). */
export interface OpenPanelMessage {
  type: 'open-panel';
  url: string;
}

/** Content script → worker: this page is no archive page (e.g. injected on an unknown host by the toolbar button). */
export interface NoPageMessage {
  type: 'no-page';
  url: string;
}

/**
 * Content script → worker, after annotating a public-inbox page: what is known of the messages
 * the page shows or links to (answered with `PageMarksAnswer`). `ids` are bare Message-IDs,
 * each once, at most 2,000 (a page's own links; the worker must not trust the count).
 */
export interface PageMarksMessage {
  type: 'page-marks';
  url: string;
  /** The thread the page belongs to (its Message-ID), when the page says. */
  threadId: string | null;
  ids: string[];
}

/** What the status beside a message link says; every field optional (nothing known: no mark). */
export interface PageMark {
  reviewed?: number;
  acked?: number;
  tested?: number;
  /** Arrived since the reader's last visit to the thread. */
  isNew?: boolean;
  /** A reply says the patch was applied. */
  applied?: boolean;
}

/** Answer to `page-marks`: marks by bare Message-ID; ids with nothing known are left out. */
export interface PageMarksAnswer {
  marks: Record<string, PageMark>;
}

export type RuntimeRequest =
  | PageMessage
  | PageMarksMessage
  | ProbeMessage
  | OpenPanelMessage
  | NoPageMessage
  | { type: 'clear-cache' }
  | { type: 'cache-usage' }
  /** Options → worker: a local MAINTAINERS file the reader chose (answered with `MaintainersFileAnswer`). */
  | { type: 'maintainers-file'; name: string; text: string }
  /** Options → worker: every MAINTAINERS source's state (answered with `MaintainersStatus[]`). */
  | { type: 'maintainers-status' }
  /** Options → worker: fetch this source now (after its permission was granted); answered with its `MaintainersStatus`. */
  | { type: 'maintainers-fetch'; source: string }
  /** Panel/options → worker: what is known of this tab (answered with `TabState | null`). */
  | { type: 'tab-state'; tabId: number };

/**
 * Answer to `page`: whether ListLens takes the page (adapter switched on), so the content
 * script shows its control, and whether it may annotate the page (the `annotatePages`
 * setting; absent from an older worker: no).
 */
export interface PageAnswer {
  ok: boolean;
  annotate?: boolean;
}

/** Answer to `maintainers-file`: the source it is stored as (`file:<name>`), or why not. */
export interface MaintainersFileAnswer {
  ok: boolean;
  source: string;
  message: string;
}

/** Answer to `probe-host`. `publicInbox` is null when the host could not be asked (no permission, network). */
export interface ProbeAnswer {
  origin: string;
  granted: boolean;
  publicInbox: boolean | null;
  reason: string | null;
}

/**
 * What the worker knows of a browser tab, kept in storage.session (the worker may die at any
 * time). A panel that follows a tab receives it as a `tab` event whenever it changes.
 */
export interface TabState {
  tabId: number;
  /** The page's URL as the content script saw it, or null when unknown. */
  url: string | null;
  /** The content script's resolution (with the page in hand), or null: not an archive page. */
  resolution: Resolution | null;
  /** Epoch ms of the report. */
  at: number;
  /**
   * Set when the page is on a host ListLens has no standing permission for (found by the
   * toolbar button's probe): the panel can offer "Enable ListLens on <origin>", which calls
   * `permissions.request({origins: [pattern]})` from that click.
   */
  host: { origin: string; pattern: string; granted: boolean; publicInbox: boolean } | null;
}

/** Panel → worker over the port. */
export type PanelRequest =
  | { type: 'open'; url: string }
  | { type: 'context'; threadKey: string; id: string }
  | { type: 'refresh'; threadKey: string }
  /** The interdiff of two versions of one patch (Message-ID keys from the ledger), answered with an `interdiff` event. */
  | { type: 'interdiff'; threadKey: string; from: string; to: string }
  /**
   * Version `version` (its ledger key, `LedgerVersion.key`) of a series of the thread as an
   * am-ready mbox (core/series/am.ts; `link`: add `Link:` as `b4 am -l`), answered with an `am` event.
   */
  | { type: 'am'; threadKey: string; version: string; link: boolean }
  /** The reader ties a thread (any message URL or Message-ID of it) to the series on screen, or takes it out; kept in the cache. */
  | { type: 'series-link'; threadKey: string; target: string; link: boolean }
  /**
   * Follow a tab: the worker answers with a `tab` event now and again whenever the content
   * script (or the toolbar's probe) reports on that tab. It loads nothing by itself: the panel
   * sends `open` for the page it wants. `tabId` null: the active tab of `windowId`, or of the
   * last focused window.
   */
  | { type: 'follow'; tabId: number | null; windowId?: number | null }
  /** The conversation view's next slice: these messages' bodies, split into quote blocks. */
  | { type: 'entries'; threadKey: string; ids: string[] }
  /** The reader opened these messages (or `all`: "Mark all read"); they are no longer new. */
  | { type: 'seen'; threadKey: string; ids: string[] | 'all' }
  /**
   * The matrix is on screen: patchwork's checks of these patches (issue 18; at most 400, the
   * newest version's first), answered with `checks` events, nothing asked while the feature is off.
   */
  | { type: 'checks'; threadKey: string; patches: ChecksPatch[] };

/** A patch whose checks the panel wants: its Message-ID, and its version's date (how often to ask again). */
export interface ChecksPatch {
  msgid: string;
  date: string | null;
}

/** `cache`: the browser's storage failed to read a saved thread (not: the thread is not saved). */
/** `too-large`: the thread file is past the reader's size limits (settings' `maxDownloadMB`, `maxInflatedMB`). */
export type LoadErrorKind = 'challenge' | 'network' | 'not-found' | 'http' | 'rate-limited' | 'parse' | 'unsupported' | 'quota' | 'cache' | 'too-large';

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
  /**
   * Set when a refresh was asked for within the minute after the last check, so nothing was
   * asked: the earliest time the archive may be asked again (epoch ms).
   */
  nextCheckAt?: number;
}

/** What the worker remembers of the reader's visits to one thread. */
export interface Visits {
  /** Ids of the messages seen, or null on a first visit. */
  seen: string[] | null;
  /** Epoch ms of the previous visit, or null on a first visit. */
  lastVisit: number | null;
}

/** The context view's messages travel to the panel as core builds them. */
export type { ContextEntry } from './core/types.ts';
export type { MessagePreview } from './core/mail/preview.ts';

/** Worker → panel over the port. */
export type PanelEvent =
  | { type: 'resolved'; resolution: Resolution; threadKey: string | null }
  | { type: 'progress'; progress: Progress }
  /**
   * The page's own message, read from its `/raw` while the thread is still arriving (a slow
   * link); shown until the analysis is. Never sent for a cached thread.
   */
  | { type: 'preview'; preview: MessagePreview }
  /**
   * The thread's shape before its analysis: what the tree needs, nothing the panel would not
   * read, and the current message as the worker chose it (load/focus.ts; the panel takes it).
   */
  | { type: 'tree'; threadKey: string; thread: Thread; focus: string | null }
  /** `focus`: the worker's choice of the current message (load/focus.ts), never a ghost. */
  | { type: 'analysis'; threadKey: string; analysis: Analysis; focus: string | null; cache: CacheInfo; url: string }
  | { type: 'context'; threadKey: string; id: string; entries: ContextEntry[] }
  | { type: 'cache'; threadKey: string; cache: CacheInfo }
  | { type: 'error'; error: LoadError; cache: CacheInfo | null }
  /** Bodies the panel asked for with `entries`, in the order asked. */
  | { type: 'entries'; threadKey: string; entries: ContextEntry[] }
  /** Each message's own words (quotes, diffs, signatures left out), for search and reply marks. */
  | { type: 'texts'; threadKey: string; texts: Record<string, string> }
  /**
   * What the reader saw of this thread before this visit (kept in this browser only), or
   * null when "new since the last visit" is switched off.
   */
  | { type: 'visits'; threadKey: string; visits: Visits | null }
  /** The archive said to wait (429/503 + Retry-After): the load goes on after `seconds`. */
  | { type: 'wait'; message: string; seconds: number };

/** Worker → panel over the port, beside the load's `PanelEvent`s: the followed tab's page changed. */
export interface TabEvent {
  type: 'tab';
  state: TabState;
}

/**
 * The same news for panels without a port: a panel whose port closed when MV3 stopped the
 * worker does not reconnect until it needs the worker (reconnecting at once would wake the
 * worker just to wait for it to stop again), so the worker also broadcasts a tab's page with
 * `runtime.sendMessage`, and each such panel keeps what is about the tab it follows.
 */
export interface TabBroadcast {
  type: 'tab-broadcast';
  state: TabState;
}

/** A version's changelog sections, as the core places them (cover first, then its patches'). */
export type { PlacedChangelog } from './core/series/changelog.ts';

/** One series of the thread: its ledger (core/series/ledger.ts) and each version's changelog. */
export interface SeriesLedger {
  ledger: Ledger;
  /** Changelog sections by version number. */
  changelogs: Record<number, PlacedChangelog[]>;
  /**
   * Whose ack is missing, per patch and version (core/maintainers/ledger-ownership.ts), when
   * the reader switched MAINTAINERS on and the list has a file; null while not every patch
   * is matched yet (`maintainers.pending`) or no copy is held. Absent: the feature is off.
   */
  owners?: LedgerOwnership | null;
  /** Which MAINTAINERS copy `owners` read, its date and its last failure. */
  maintainers?: MaintainersInfo;
  /**
   * Patchwork's checks per patch and version (core/series/patchwork-checks.ts), put on by the
   * panel and the CLI from the `checks` answers (their failures are already among the
   * ledger's findings). Absent: none asked or known.
   */
  checks?: LedgerChecks;
}

/** The MAINTAINERS copy a series' ownership was read from (background/maintainers/). */
export interface MaintainersInfo {
  /** A URL, or `file:<name>` for a local file. */
  source: string;
  /** Epoch ms of the copy held, or null: none yet. */
  fetchedAt: number | null;
  /** Epoch ms of the last attempt to fetch it. */
  checkedAt: number | null;
  /** Why the last attempt failed (the copy held is the last good one), or null. */
  error: string | null;
  entries: number;
  /** Still fetching the copy or matching the patches: ownership comes in a later event. */
  pending: boolean;
}

/** A MAINTAINERS source's state, for the options page. */
export type MaintainersStatus = Omit<MaintainersInfo, 'pending'> & { errors: number };

/**
 * Worker → panel over the port, after the thread has painted: every series the thread holds
 * across every version found (background/series/ in the worker), sent again as each version's
 * thread arrives. The one source of the panel's series: header, matrix, tree marks, copy.
 */
export type SeriesEvent =
  | {
      type: 'ledger';
      threadKey: string;
      /** Every series of the thread, the page's first; empty when it holds none. */
      series: SeriesLedger[];
      /** Version threads still being fetched (0 once every candidate is in). */
      pending: number;
      /** Threads fetched or read so far, and how many were found. */
      done: number;
      total: number;
      /** Candidate threads that could not be fetched, in words. */
      failures: string[];
    }
  | { type: 'interdiff'; threadKey: string; from: string; to: string; result: PatchInterdiff | null; error: string | null }
  /** Answer to `am`: the files to save (the patches' mbox, the cover apart), or why not, in words. */
  | { type: 'am'; threadKey: string; version: string; link: boolean; file: AmFile | null; error: string | null }
  | ChecksEvent;

/**
 * Answer to `checks` (background/patchwork/), sent as answers come: `patches` are the ones
 * new since the last event (the panel keeps the others).
 */
export interface ChecksEvent {
  type: 'checks';
  threadKey: string;
  /** The instance asked (`https://patchwork.kernel.org/`), or null. */
  instance: string | null;
  /** `on`: read; `off`: switched off, or a list the instance does not track (nothing asked); `refused`: its host not granted (the copies held only). */
  state: 'on' | 'off' | 'refused';
  patches: PatchChecks[];
  /** Patches still to be asked in this run. */
  pending: number;
  /** A sentence: why asking stopped or failed, or that the instance asked to wait; null when all went well. */
  note: string | null;
}

/**
 * What the worker knows of a commit the panel was opened on (a git web's commit page, issue
 * 19): sent as the lookup goes (reading the patch, searching, found or not), again once the
 * series is in (the version applied, the trailers), and kept in the cache by the commit's id.
 */
export interface CommitView {
  /** The commit page the panel was opened on. */
  url: string;
  /** The full id once the patch was read, else as the URL names it. */
  sha: string;
  repoUrl: string;
  /**
   * `reading` the patch, `searching` the archive, `found`, `none` (no discussion found),
   * `refused` (the host is not switched on: nothing was fetched), `failed` (in `message`).
   */
  state: 'reading' | 'searching' | 'found' | 'none' | 'refused' | 'failed';
  /** A sentence for `none`, `refused` and `failed`. */
  message: string | null;
  subject: string | null;
  author: Person | null;
  date: string | null;
  patchId: string | null;
  /** How the discussion was found (signal, evidence, uncertain), with the message it found. */
  found: Found | null;
  /** The found message's page on the archive. */
  threadUrl: string | null;
  /** Which posted version the commit is: exact by patch-id, or nearest with its interdiff; null until the series is in. */
  applied: AppliedVersion | null;
  /** The series is still being read (the version applied may change). */
  pending: boolean;
  /** The commit's trailers against the list's for the version applied; null until known. */
  trailers: TrailerRow[] | null;
  /** Messages saying `Fixes:` of this commit; null when not searched (or the search failed: `fixesError`). */
  fixes: LaterFix[] | null;
  fixesError: string | null;
  /** Epoch ms the lookup ran (a cached answer shows it). */
  at: number;
  /** Shown from the cache. */
  cached: boolean;
}

/** Worker → panel over the port, beside the thread's events: the commit the panel was opened on. */
export interface CommitEvent {
  type: 'commit';
  view: CommitView;
}

/** Everything a panel's port may receive. */
export type PortEvent = PanelEvent | TabEvent | SeriesEvent | CommitEvent;
