/**
 * The panel's controller: it holds the port to the worker, decides which archive page the
 * panel shows (its own `?url=` in a pop-out tab, else the active tab, followed as the reader
 * moves), and carries out the components' intents (navigate, retry, open a version).
 *
 * Moving to another message of the thread on screen never reloads the thread: the focus
 * moves here, the tab is pointed at the message's page, and only its context is asked for.
 *
 * Non-goals: state rules (panel-state.ts), drawing (components).
 */
import browser from 'webextension-polyfill';
import { PANEL_PORT, type ChecksPatch, type CommitEvent, type PanelEvent, type PanelRequest, type PortEvent, type TabBroadcast, type TabState } from '../protocol.ts';
import { opening, type PanelState } from './panel-state.ts';
import { archiveId, messageUrl, midFromArchiveUrl, withUrlParam, withView, type PanelParams } from './nav.ts';
import type { Actions, Store } from './store.ts';
import { ancestorsOf } from './tree-model.ts';
import { isSeriesEvent } from './series/series-state.ts';
import { recorded } from '../errors.ts';

type Port = browser.Runtime.Port;

/** Reconnects in a row after the worker died mid-load, before the panel gives up. */
const MAX_RECONNECTS = 3;

export class Controller implements Actions {
  private port: Port | null = null;
  private reconnects = 0;
  /** Side panel: the tab followed. Pop-out: a tab found showing the thread, if any. */
  private tabId: number | null = null;
  private windowId: number | null = null;
  private readonly popOut: boolean;
  private lastContext = '';
  /** Bodies asked for in this thread, so a redraw does not ask twice. */
  private asked = new Set<string>();
  /** The patches whose checks were last asked for (thread key and ids), '' for none, and the request. */
  private checksAsked = '';
  private checksRequest: PanelRequest | null = null;

  constructor(
    private readonly store: Pick<Store, 'load' | 'filter' | 'tree' | 'read' | 'series' | 'commit'>,
    private readonly params: PanelParams,
  ) {
    this.popOut = params.url !== null;
  }

  async start(): Promise<void> {
    if (this.params.url) return this.open(this.params.url);
    // Side panel / sidebar: the worker reports the followed tab's page (`tab` events, from the
    // content script's report), so the panel needs no tabs permission to read URLs.
    this.tabId = this.params.tab;
    const win = await browser.windows.getCurrent().catch(recorded('panel: current window', null));
    this.windowId = win?.id ?? null;
    this.post(this.followRequest());
    browser.runtime.onMessage.addListener((msg: unknown) => {
      const b = msg as Partial<TabBroadcast> | null;
      if (b?.type === 'tab-broadcast' && b.state && !this.port && this.follows(b.state.tabId)) this.onTab(b.state);
    });
    // Firefox's sidebar is one per window and follows whichever tab is active: ask the worker
    // again on a switch (the event carries no URL, so it needs no tabs permission).
    if (this.params.tab === null) {
      browser.tabs.onActivated.addListener(({ windowId }) => {
        if (this.windowId === null || windowId === this.windowId) this.post(this.followRequest());
      });
    }
  }

  private followRequest(): PanelRequest {
    return { type: 'follow', tabId: this.params.tab, windowId: this.windowId };
  }

  /** Whether a broadcast about `tabId` is for this panel (Firefox's sidebar: the tab last shown). */
  private follows(tabId: number): boolean {
    if (this.popOut) return false;
    return tabId === (this.params.tab ?? this.tabId);
  }

  /** The followed tab's page changed: same thread → move the focus; archive page → load it. */
  private onTab(t: TabState): void {
    this.tabId = t.tabId;
    const url = t.url;
    // A public-inbox page on a host the reader has not enabled: its thread may load through
    // activeTab for now, and the offer to keep that host stays beside it.
    const host = t.host && !t.host.granted && t.host.publicInbox ? { origin: t.host.origin, pattern: t.host.pattern } : null;
    if (!url || !t.resolution) {
      this.store.load.reset({
        ...opening(''),
        url: null,
        loading: false,
        host,
        error: host ? null : { kind: 'unsupported', message: 'This tab is not a mailing-list archive page ListLens knows: open a message on an archive to see its thread here.' },
      });
      return;
    }
    const s = this.store.load.state.value;
    if (url === s.url && !s.error) {
      if (s.host?.pattern !== host?.pattern) this.store.load.reset({ ...s, host });
      return;
    }
    const mid = midFromArchiveUrl(url, s.resolution?.inboxUrl ?? null);
    if (mid && s.analysis && s.messages.some((m) => m.id === mid && !m.ghost)) return this.focus(mid, url);
    this.open(url, host);
  }

  /**
   * Loads `url` in this panel, nothing of the page before kept: the followed tab's page, a
   * retry, or a link opened without a tab (pop-out, or the followed tab is gone).
   */
  private open(url: string, host: PanelState['host'] = null): void {
    this.store.load.reset({ ...opening(url), host });
    this.store.filter.clear();
    this.store.tree.reset();
    this.store.read.reset();
    this.store.series.reset();
    this.store.commit.reset();
    this.lastContext = '';
    this.asked = new Set();
    this.checksAsked = '';
    this.checksRequest = null;
    this.post({ type: 'open', url });
  }

  private connect(): Port {
    const port = browser.runtime.connect({ name: PANEL_PORT });
    port.onMessage.addListener((msg: unknown) => {
      const e = msg as PortEvent;
      if (e.type === 'tab') this.onTab(e.state);
      else if (isSeriesEvent(e)) this.store.series.apply(e);
      else if (e.type === 'commit') this.onCommit(e);
      else this.onEvent(e);
    });
    port.onDisconnect.addListener(() => {
      if (this.port !== port) return;
      this.port = null;
      // MV3 may stop the worker at any time; a load in flight is asked for again. Otherwise
      // the panel waits until it needs the worker (a click, or the worker's broadcast of the
      // followed tab's next page): reconnecting now would wake a worker only for it to stop
      // again, and re-open the thread each time, a refresh every TTL while the panel sat open.
      const s = this.store.load.state.value;
      if (s.loading && s.url && this.reconnects++ < MAX_RECONNECTS) this.post({ type: 'open', url: s.url });
      // patchwork's checks still being read for the matrix on screen: asked of the next worker
      else if (this.checksRequest && this.store.series.state.value.checks.pending && this.reconnects++ < MAX_RECONNECTS) this.post(this.checksRequest);
    });
    return port;
  }

  private post(req: PanelRequest): void {
    if (!this.port) {
      this.port = this.connect();
      // A new worker answers nothing the old one was asked: bodies not here are asked again.
      this.asked = new Set(Object.keys(this.store.load.state.value.bodies));
      if (!this.popOut && req.type !== 'follow') this.port.postMessage(this.followRequest());
      const url = this.store.load.state.value.url;
      // A new port is a new worker session: it must know the thread before a follow-up request.
      if (req.type !== 'open' && url) this.port.postMessage({ type: 'open', url } satisfies PanelRequest);
    }
    this.port.postMessage(req);
  }

  /** A commit page's lookup: when it ends without a thread, the panel is no longer loading. */
  private onCommit(e: CommitEvent): void {
    this.store.commit.apply(e, this.store.load.state.value.url);
    const s = this.store.load.state.value;
    if (s.url === e.view.url && s.loading && !s.messages.length && (e.view.state === 'none' || e.view.state === 'refused' || e.view.state === 'failed')) this.store.load.reset({ ...s, loading: false });
  }

  private onEvent(e: PanelEvent): void {
    if (e.type === 'analysis') this.reconnects = 0;
    this.store.load.apply(e);
    const s = this.store.load.state.value;
    if (e.type === 'analysis' && s.focus) {
      this.store.tree.expandAll(ancestorsOf(s.messages, s.focus));
      this.askContext();
    }
    // The page the reader opened is read: on the visit it was opened for, it is not new.
    if (e.type === 'visits' && s.focus) this.markRead(s.focus);
  }

  /** The reader opened `id`: it leaves the new marks, here and in the worker's record. */
  private markRead(id: string): void {
    const s = this.store.load.state.value;
    if (!s.threadKey || !this.store.load.fresh.value.has(id)) return;
    this.store.load.seen([id]);
    this.post({ type: 'seen', threadKey: s.threadKey, ids: [id] });
  }

  private askContext(): void {
    const s = this.store.load.state.value;
    if (!s.threadKey || !s.focus || !s.analysis) return;
    const key = s.threadKey + '\n' + s.focus;
    if (key === this.lastContext) return;
    this.lastContext = key;
    this.post({ type: 'context', threadKey: s.threadKey, id: s.focus });
  }

  private focus(id: string, url: string | null): void {
    this.store.load.focus(id, url);
    this.store.tree.expandAll(ancestorsOf(this.store.load.state.value.messages, id));
    this.askContext();
    this.markRead(id);
  }

  // ---- intents ----

  interdiff(from: string, to: string): void {
    const k = this.store.load.state.value.threadKey;
    if (!k) return;
    this.store.series.askInterdiff(from, to);
    this.post({ type: 'interdiff', threadKey: k, from, to });
  }

  am(version: string, link: boolean): void {
    const k = this.store.load.state.value.threadKey;
    if (!k) return;
    this.store.series.askAm(version, link);
    this.post({ type: 'am', threadKey: k, version, link });
  }

  linkThread(target: string, link: boolean): void {
    const k = this.store.load.state.value.threadKey;
    if (k) this.post({ type: 'series-link', threadKey: k, target, link });
  }

  /** A patch of the series: moved to in place when it is in this thread, else its page is opened. */
  openMessage(id: string): void {
    const s = this.store.load.state.value;
    if (s.messages.some((m) => m.id === id && !m.ghost)) return this.navigate(id);
    const inbox = s.resolution?.inboxUrl;
    if (inbox) this.openUrl(messageUrl(inbox, id.replace(/#\d+$/, '')));
  }

  retry(): void {
    const url = this.store.load.state.value.url;
    if (url) this.open(url);
  }

  refresh(): void {
    const k = this.store.load.state.value.threadKey;
    if (k) this.post({ type: 'refresh', threadKey: k });
  }

  navigate(id: string): void {
    const s = this.store.load.state.value;
    const m = s.messages.find((x) => x.id === id);
    const inbox = s.resolution?.inboxUrl;
    const mid = m ? archiveId(m) : null;
    if (!m || m.ghost) return;
    // A thread from an archive's own data (pipermail, HyperKitty) has no page per Message-ID
    // to point the tab at: the panel still moves to the message and shows its context.
    if (!inbox || !mid) return this.focus(id, null);
    const url = messageUrl(inbox, mid);
    const from = s.url;
    this.focus(id, url);
    if (this.popOut) history.replaceState(null, '', withUrlParam(location.href, url));
    void this.pointTab(url, from);
  }

  openUrl(url: string): void {
    const from = this.store.load.state.value.url;
    if (!this.popOut && this.tabId !== null) {
      // The tab is followed: its content script reports the new page, and the panel loads it then.
      // If the followed tab is gone, the panel opens the page itself instead.
      void browser.tabs.update(this.tabId, { url }).catch(() => this.open(url, null));
      return;
    }
    history.replaceState(null, '', withUrlParam(location.href, url));
    void this.pointTab(url, from);
    this.open(url, null);
  }

  loadBodies(ids: string[]): void {
    const s = this.store.load.state.value;
    if (!s.threadKey || !s.analysis) return;
    const want = ids.filter((id) => !this.asked.has(id));
    if (!want.length) return;
    for (const id of want) this.asked.add(id);
    this.post({ type: 'entries', threadKey: s.threadKey, ids: want });
  }

  markAllRead(): void {
    const s = this.store.load.state.value;
    if (!s.threadKey) return;
    this.store.load.seen('all');
    this.post({ type: 'seen', threadKey: s.threadKey, ids: 'all' });
  }

  checks(patches: ChecksPatch[]): void {
    const k = this.store.load.state.value.threadKey;
    if (!k) return;
    const key = `${k}\n${patches.map((p) => p.msgid).join(' ')}`;
    if (key === this.checksAsked) return;
    // the matrix went away: stop what runs for it (nothing to stop without a port or a request)
    if (!patches.length && (!this.checksAsked || !this.port)) {
      this.checksAsked = '';
      this.checksRequest = null;
      return;
    }
    this.checksAsked = patches.length ? key : '';
    const req: PanelRequest = { type: 'checks', threadKey: k, patches };
    this.checksRequest = patches.length ? req : null;
    this.post(req);
  }

  enableHost(): void {
    const host = this.store.load.state.value.host;
    if (!host) return;
    // Must run inside the click's user gesture: no await before the request.
    void browser.permissions.request({ origins: [host.pattern] }).then(
      (ok) => {
        if (ok) this.post(this.followRequest());
      },
      () => undefined, // the prompt refused to show: the offer simply stays
    );
  }

  popOutHref(view?: 'series'): string | null {
    const url = this.store.load.state.value.url;
    return url ? withView(withUrlParam(browser.runtime.getURL('panel.html'), url), view ?? null) : null;
  }

  openTab(href: string): void {
    void browser.tabs.create({ url: href }).catch((e: unknown) => {
      recorded('panel: open a tab', null)(e);
      window.open(href, '_blank', 'noopener');
    });
  }

  /** Points the followed tab (side panel) or the archive tab showing the thread (pop-out) at `url`. */
  private async pointTab(url: string, from: string | null): Promise<void> {
    if (this.popOut) this.tabId = await this.archiveTab(from);
    if (this.tabId === null) return;
    // A closed tab: forget it, the panel goes on showing the page itself.
    await browser.tabs.update(this.tabId, { url }).catch(() => {
      this.tabId = null;
    });
  }

  /** In a pop-out: the tab last pointed at, if still on the archive, else one showing `from`. */
  private async archiveTab(from: string | null): Promise<number | null> {
    const inbox = this.store.load.state.value.resolution?.inboxUrl ?? null;
    const tabs = await browser.tabs.query({}).catch(recorded('panel: tab query', [] as browser.Tabs.Tab[]));
    const onArchive = (t: browser.Tabs.Tab): boolean => !!t.url && !!inbox && t.url.startsWith(inbox);
    const known = tabs.find((t) => t.id === this.tabId && onArchive(t));
    if (known?.id !== undefined) return known.id;
    const same = tabs.find((t) => !!from && !!t.url && sameUrl(t.url, from));
    return same?.id ?? null;
  }
}

function sameUrl(a: string, b: string): boolean {
  const norm = (u: string): string => {
    try {
      const x = new URL(u);
      return decodeURIComponent(x.origin + x.pathname).replace(/\/$/, '');
    } catch {
      return u;
    }
  };
  return norm(a) === norm(b);
}
