/**
 * The panel's place in each browser: Chrome's `sidePanel`, enabled per tab on archive pages
 * only (globally disabled, so other tabs show no ListLens panel), and Firefox's
 * `sidebar_action`, which is per window and follows the active tab by itself.
 *
 * The toolbar button opens it. Chrome allows `sidePanel.open` only inside the click's user
 * gesture, so `openFromAction` issues `setOptions` and `open` synchronously, without awaiting
 * anything first (the calls are queued in order).
 *
 * Non-goals: which pages are archive pages (the content script says), the panel's content.
 */
import browser from 'webextension-polyfill';
import { recorded } from '../../errors.ts';

/** The part of `chrome.sidePanel` ListLens uses (no @types/chrome in this project). */
interface SidePanelApi {
  setOptions(o: { tabId?: number; path?: string; enabled?: boolean }): Promise<void>;
  open(o: { tabId?: number; windowId?: number }): Promise<void>;
  setPanelBehavior?(o: { openPanelOnActionClick: boolean }): Promise<void>;
}

function sidePanel(): SidePanelApi | null {
  const c = (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome;
  return c?.sidePanel ?? null;
}

/** Firefox's sidebar, absent in Chrome. */
function sidebar(): { open(): Promise<void> } | null {
  return (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction ?? null;
}

export function panelPath(tabId: number): string {
  return `panel.html?tab=${tabId}`;
}

/** At every worker start: Chrome's panel off by default, opened by our click handler only. */
export async function initSidePanel(): Promise<void> {
  const sp = sidePanel();
  if (!sp) return;
  await sp.setOptions({ enabled: false }).catch(recorded('side panel: disable by default', undefined));
  await sp.setPanelBehavior?.({ openPanelOnActionClick: false }).catch(recorded('side panel: behaviour', undefined));
}

/** The tab shows an archive page: its side panel becomes available (Chrome). */
export async function enableForTab(tabId: number): Promise<void> {
  await sidePanel()
    ?.setOptions({ tabId, path: panelPath(tabId), enabled: true })
    .catch(recorded('side panel: enable for tab', undefined));
}

/** The tab left the archives: its side panel goes (Chrome closes it). */
export async function disableForTab(tabId: number): Promise<void> {
  await sidePanel()
    ?.setOptions({ tabId, enabled: false })
    // A tab closed meanwhile has no panel to disable.
    .catch(() => undefined);
}

/**
 * Opens the panel from a user gesture (toolbar click or the in-page control's message).
 * Must be called synchronously in the gesture's handler. Resolves false when the browser
 * refused (no gesture), so the caller can open the panel page in a tab instead.
 */
export function openFromGesture(tabId: number): Promise<boolean> {
  const no = (): boolean => false;
  try {
    const sp = sidePanel();
    if (sp) {
      if (tabId < 0) return Promise.resolve(false);
      // Not awaited before open(): awaiting would end the gesture.
      const enabled = sp.setOptions({ tabId, path: panelPath(tabId), enabled: true });
      const opened = sp.open({ tabId });
      return Promise.all([enabled, opened]).then(() => true, no);
    }
    const sb = sidebar();
    return sb ? sb.open().then(() => true, no) : Promise.resolve(false);
  } catch {
    return Promise.resolve(false);
  }
}

/** The panel page for `url` in a normal tab next to `openerTabId` (pop-out; Firefox's in-page control). */
export async function openPanelTab(url: string, openerTabId?: number): Promise<void> {
  const page = browser.runtime.getURL(`panel.html?url=${encodeURIComponent(url)}`);
  await browser.tabs.create({ url: page, ...(openerTabId !== undefined ? { openerTabId } : {}) });
}
