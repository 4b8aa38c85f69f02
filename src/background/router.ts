/**
 * The worker's message handling: one-shot requests from content scripts, panels and the
 * options page (`runtime.onMessage`, answered through `sendResponse`: Chrome ignores a
 * promise returned from the listener), and panel ports (`PANEL_PORT`) that carry a thread
 * load's stream of events.
 *
 * Each port runs at most one load at a time: a new `open` aborts the previous one, and a
 * closed port aborts its load, so a panel that moved on costs the archive nothing more.
 * Everything that must outlive the worker is in storage (browser/tab-state.ts, the idb cache in cache/).
 *
 * An `open` is the thread (load/), then its series across versions (series/), on one sink:
 * the router is where the two meet, so neither imports the other's loader.
 *
 * Non-goals: loading threads (load/load.ts), series (series/load.ts), the side panel's mechanics (side-panel.ts).
 */
import browser from 'webextension-polyfill';
import type { Resolution } from '../sites/types.ts';
import { PANEL_PORT, type PageAnswer, type PageMarksAnswer, type PanelRequest, type PortEvent, type RuntimeRequest, type TabBroadcast, type TabState } from '../protocol.ts';
import { loadThread, type LoadSink } from './load/load.ts';
import { digCommit } from './commit/dig.ts';
import { commitPageOf } from '../sites/git-web.ts';
import { loadContext } from './load/context.ts';
import { refreshThread } from './load/refresh.ts';
import { linkThread } from './series/link.ts';
import { sendInterdiff } from './series/interdiff.ts';
import { sendAm } from './series/am.ts';
import { loadSeries } from './series/load.ts';
import { cachedThreads } from './series/ledgers.ts';
import { pageMarks as seriesPageMarks } from './series/page-marks.ts';
import { cacheUsage, clearCache } from './load/cache-admin.ts';
import { getTabState, removeTabState, resolutionForUrl, setTabState } from './browser/tab-state.ts';
import { disableForTab, enableForTab, openFromGesture, openPanelTab } from './browser/side-panel.ts';
import { coveredByManifest, hasOrigin, probeOrigin } from './browser/permissions.ts';
import { getSettings } from '../settings-storage.ts';
import { recorded } from '../errors.ts';
import { badgeForPage, loadEntries, markSeen, readingSink } from './load/reading.ts';
import { maintainersFile, maintainersFetch, maintainersStatus } from './maintainers/status.ts';
import { sendChecks } from './patchwork/checks.ts';
import { hostPattern } from '../sites/host-pattern.ts';

type Port = browser.Runtime.Port;
type Sender = browser.Runtime.MessageSender;
type Respond = (answer: unknown) => void;

interface PanelConn {
  port: Port;
  load: AbortController | null;
  /** The running answer to its last `checks` request (a new one, or the port's end, stops it). */
  checks: AbortController | null;
  /** The tab this panel follows (for `tab` events), or null: the active tab of `windowId`. */
  follow: { tabId: number | null; windowId: number | null } | null;
  closed: boolean;
}

/** Open panel ports; they die with the worker, and their panels reconnect when they next need it. */
const conns = new Set<PanelConn>();

/** Work that must finish before the first load (the User-Agent rule): set by the entry. */
let ready: Promise<unknown> = Promise.resolve();
export function setReady(p: Promise<unknown>): void {
  ready = p.catch(recorded('worker start', undefined));
}

function send(conn: PanelConn, e: PortEvent): void {
  if (conn.closed) return;
  try {
    conn.port.postMessage(e);
  } catch {
    conn.closed = true; // the panel went away between our check and the post
  }
}

function sinkOf(conn: PanelConn): LoadSink {
  return { emit: (e) => send(conn, e), series: (e) => send(conn, e) };
}

/** A load's failure that escaped the loader still reaches the panel as a sentence. */
function reportCrash(conn: PanelConn, e: unknown): void {
  console.error('ListLens: load failed', e);
  send(conn, { type: 'error', error: { kind: 'parse', message: 'ListLens failed while reading this thread; reopening the panel may help.' }, cache: null });
}

async function openUrl(conn: PanelConn, url: string): Promise<void> {
  conn.load?.abort();
  const ctl = new AbortController();
  conn.load = ctl;
  await ready;
  const known = await resolutionForUrl(url);
  if (ctl.signal.aborted) return;
  const reading = readingSink(sinkOf(conn), true, () => tabOf(conn));
  // A thread known to the cache names its key before its view is read: its series' cached
  // facts are read from then on, beside the thread, so the ledger follows the tree at once.
  const early: { key: string | null; got?: ReturnType<typeof cachedThreads> } = { key: null };
  const sink: LoadSink = {
    ...reading,
    emit: (e) => {
      if (e.type === 'resolved' && e.threadKey && !early.got) {
        early.key = e.threadKey;
        early.got = cachedThreads(e.threadKey).catch(recorded('series: read cache early', null));
      }
      reading.emit(e);
    },
  };
  const crashed = (e: unknown): void => {
    if (!ctl.signal.aborted) reportCrash(conn, e);
  };
  // A git web's commit page: its discussion is looked up first, then loaded as any thread.
  const commit = known?.kind === 'commit' ? known : commitAt(url);
  if (commit) return digCommit(commit, url, sink, (e) => send(conn, e), ctl.signal).catch(crashed);
  try {
    const loaded = await loadThread(url, sink, ctl.signal, known);
    if (loaded) await loadSeries(loaded, sink, ctl.signal, false, early.key === loaded.key ? early.got : undefined);
  } catch (e) {
    crashed(e);
  }
}

function commitAt(url: string): Resolution | null {
  try {
    return commitPageOf(new URL(url));
  } catch {
    return null;
  }
}

async function followedTab(f: NonNullable<PanelConn['follow']>): Promise<number | null> {
  if (f.tabId !== null) return f.tabId;
  const q = f.windowId !== null ? { active: true, windowId: f.windowId } : { active: true, lastFocusedWindow: true };
  const [tab] = await browser.tabs.query(q).catch(recorded('router: tab query', []));
  return tab?.id ?? null;
}

/** The tab a panel follows, if it follows one (a pop-out follows none). */
async function tabOf(conn: PanelConn): Promise<number | null> {
  return conn.follow ? followedTab(conn.follow) : null;
}

async function sendTabState(conn: PanelConn): Promise<void> {
  if (!conn.follow) return;
  const tabId = await followedTab(conn.follow);
  if (tabId === null) return;
  const state = (await getTabState(tabId)) ?? { tabId, url: null, resolution: null, at: Date.now(), host: null };
  send(conn, { type: 'tab', state });
}

function onPanelRequest(conn: PanelConn, req: PanelRequest): void {
  const sink = sinkOf(conn);
  const fail = (e: unknown): void => reportCrash(conn, e);
  switch (req.type) {
    case 'open':
      void openUrl(conn, req.url);
      return;
    case 'context':
      void ready.then(() => loadContext(req.threadKey, req.id, sink)).catch(fail);
      return;
    case 'refresh':
      void ready
        .then(async () => {
          const reading = readingSink(sink, false, () => tabOf(conn));
          const loaded = await refreshThread(req.threadKey, reading);
          if (loaded) await loadSeries(loaded, reading, conn.load?.signal ?? new AbortController().signal);
        })
        .catch(fail);
      return;
    case 'entries':
      if (Array.isArray(req.ids)) void ready.then(() => loadEntries(req.threadKey, req.ids.filter((x) => typeof x === 'string'), sink)).catch(fail);
      return;
    case 'seen':
      void tabOf(conn)
        .then((tab) => markSeen(req.threadKey, req.ids === 'all' ? 'all' : Array.isArray(req.ids) ? req.ids : [], tab))
        .catch(recorded('reading: mark read', undefined));
      return;
    case 'interdiff':
      void ready.then(() => sendInterdiff(req.threadKey, req.from, req.to, sink)).catch(fail);
      return;
    case 'am':
      void ready.then(() => sendAm(req.threadKey, req.version, req.link === true, sink)).catch(fail);
      return;
    case 'series-link':
      void ready.then(() => linkThread(req.threadKey, req.target, req.link, sink, conn.load?.signal ?? new AbortController().signal)).catch(fail);
      return;
    case 'checks': {
      conn.checks?.abort();
      conn.checks = null;
      // none: the matrix is gone, nothing more is asked for it
      if (!Array.isArray(req.patches) || !req.patches.length) return;
      const ctl = (conn.checks = new AbortController());
      void ready.then(async () => sendChecks((await getSettings()).patchwork, String(req.threadKey), req.patches, sink, ctl.signal)).catch(fail);
      return;
    }
    case 'follow':
      conn.follow = { tabId: req.tabId, windowId: req.windowId ?? null };
      void sendTabState(conn);
      return;
  }
}

function onConnect(port: Port): void {
  if (port.name !== PANEL_PORT) return;
  const conn: PanelConn = { port, load: null, checks: null, follow: null, closed: false };
  conns.add(conn);
  port.onMessage.addListener((msg: unknown) => {
    if (msg && typeof msg === 'object' && 'type' in msg) onPanelRequest(conn, msg as PanelRequest);
  });
  port.onDisconnect.addListener(() => {
    conn.closed = true;
    conn.load?.abort();
    conn.checks?.abort();
    conns.delete(conn);
  });
}

/** Tells the panels following `state.tabId` (or the active tab) what it now shows. */
async function broadcastTab(state: TabState): Promise<void> {
  let heard = false;
  for (const conn of conns) {
    if (!conn.follow) continue;
    if ((await followedTab(conn.follow)) !== state.tabId) continue;
    send(conn, { type: 'tab', state });
    heard = true;
  }
  // Panels open since before the worker last stopped have no port (see TabBroadcast).
  // No panel without a port is listening: "Receiving end does not exist", nothing to deliver.
  if (!heard) await browser.runtime.sendMessage({ type: 'tab-broadcast', state } satisfies TabBroadcast).catch(() => undefined);
}

/** Records a tab's page and makes its panel available (or not). */
export async function reportTab(state: TabState): Promise<void> {
  await setTabState(state);
  if (state.resolution) await enableForTab(state.tabId);
  // A page the toolbar probed on an unknown host keeps the panel the reader just opened.
  else if (!state.host) await disableForTab(state.tabId);
  await broadcastTab(state);
  await badgeForPage(state.tabId, state.resolution?.inboxUrl ?? null, state.resolution?.messageId ?? null).catch(recorded('reading: badge', undefined));
}

/** The tab left the archives: its state goes, its side panel goes (Chrome), a following sidebar hears it (Firefox). */
export async function forgetTab(tabId: number): Promise<void> {
  await removeTabState(tabId);
  await disableForTab(tabId);
  await broadcastTab({ tabId, url: null, resolution: null, at: Date.now(), host: null });
}

/** The host fields of a page outside the built-in archives (the toolbar's probe, added instances). */
async function hostInfo(url: string, publicInbox: boolean): Promise<TabState['host']> {
  if (coveredByManifest(url)) return null;
  // no http(s) page, no offer: the optional `*://*/*` covers http and https only
  const pattern = hostPattern(url);
  if (!pattern) return null;
  return { origin: new URL(url).origin, pattern, granted: await hasOrigin(pattern), publicInbox };
}

async function onPage(req: Extract<RuntimeRequest, { type: 'page' }>, sender: Sender): Promise<PageAnswer> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId) return { ok: false };
  const settings = await getSettings();
  const ok = !settings.disabledAdapters.includes(req.resolution.archive);
  // a git web's commit page is no public-inbox: the panel must not offer to add it as one
  await reportTab({ tabId, url: req.url, resolution: ok ? req.resolution : null, at: Date.now(), host: await hostInfo(req.url, ok && req.resolution.kind !== 'commit') });
  return { ok, annotate: ok && settings.annotatePages };
}

/**
 * What is known of the messages an annotated page links to, from the cached thread (trailer
 * counts and applied as its ledger says, new since the last visit: series/page-marks.ts). The page's inbox comes from the
 * tab's own report, else from any tab that reported the URL.
 */
async function pageMarks(req: Extract<RuntimeRequest, { type: 'page-marks' }>, sender: Sender): Promise<PageMarksAnswer> {
  const ids = Array.isArray(req.ids) ? req.ids.filter((x): x is string => typeof x === 'string') : [];
  const tab = sender.tab?.id !== undefined ? await getTabState(sender.tab.id) : null;
  const res = tab?.url === req.url && tab.resolution ? tab.resolution : await resolutionForUrl(req.url);
  if (!res?.inboxUrl) return { marks: {} };
  const own = [req.threadId, res.messageId].filter((x): x is string => typeof x === 'string' && x.length > 0);
  return { marks: await seriesPageMarks(res.inboxUrl, [...own, ...ids], ids, (await getSettings()).newMarks) };
}

/**
 * The in-page control was clicked: the side panel if the browser counted the click as the
 * reader's gesture (`opened`, started synchronously by the caller), else the panel page in a
 * tab beside the page (Firefox's sidebar never opens from a message).
 */
async function openPanel(url: string, sender: Sender, opened: Promise<boolean>): Promise<{ ok: boolean; where: 'panel' | 'tab' }> {
  if (sender.tab?.id !== undefined && (await opened)) return { ok: true, where: 'panel' };
  await openPanelTab(url, sender.tab?.id);
  return { ok: true, where: 'tab' };
}

async function onRuntime(req: RuntimeRequest, sender: Sender): Promise<unknown> {
  switch (req.type) {
    case 'page':
      return onPage(req, sender);
    case 'page-marks':
      return pageMarks(req, sender);
    case 'no-page': {
      const tabId = sender.tab?.id;
      if (tabId !== undefined && !sender.frameId) await reportTab({ tabId, url: req.url, resolution: null, at: Date.now(), host: await hostInfo(req.url, false) });
      return { ok: true };
    }
    case 'open-panel':
      return openPanel(req.url, sender, openFromGesture(sender.tab?.id ?? -1));
    case 'tab-state':
      return getTabState(req.tabId);
    case 'probe-host':
      return probeOrigin(req.origin);
    case 'clear-cache':
      await clearCache();
      return { ok: true };
    case 'cache-usage':
      return cacheUsage();
    case 'maintainers-file':
      return maintainersFile(req.name, req.text);
    case 'maintainers-status':
      return maintainersStatus();
    case 'maintainers-fetch':
      return maintainersFetch(req.source);
  }
}

function onMessage(msg: unknown, sender: Sender, sendResponse: Respond): true | undefined {
  if (!msg || typeof msg !== 'object' || !('type' in msg)) return undefined;
  const req = msg as RuntimeRequest;
  // The in-page control's gesture lasts only while this handler runs: the side panel is
  // asked for synchronously here, before anything is awaited.
  const work = req.type === 'open-panel' ? openPanel(req.url, sender, openFromGesture(sender.tab?.id ?? -1)) : onRuntime(req, sender);
  work.then(
    (answer) => sendResponse(answer ?? null),
    (e: unknown) => sendResponse({ ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
  return true;
}

/** Registers the listeners; must run synchronously at the worker's start (MV3 wakes it by event). */
export function installRouter(): void {
  browser.runtime.onMessage.addListener(onMessage as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  browser.runtime.onConnect.addListener(onConnect);
  browser.tabs.onRemoved.addListener((tabId) => void removeTabState(tabId));
}
