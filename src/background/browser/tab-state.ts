/**
 * What the worker knows of each tab (the content script's last report), kept in
 * `storage.session`: MV3 stops an idle worker at any time, so nothing lives only in memory.
 * Session storage dies with the browser session, as tab ids do. Where it is missing (older
 * Firefox), `storage.local` stands in, and stale entries are dropped at start.
 *
 * Non-goals: deciding what a page is (the content script), side panel state (side-panel.ts).
 */
import browser from 'webextension-polyfill';
import type { TabState } from '../../protocol.ts';
import { recorded } from '../../errors.ts';

const PREFIX = 'tab:';

/** storage.session, or storage.local where a browser lacks it: for what must outlive the worker only. */
export function sessionArea(): browser.Storage.StorageArea {
  return (browser.storage as { session?: browser.Storage.StorageArea }).session ?? browser.storage.local;
}

export async function getTabState(tabId: number): Promise<TabState | null> {
  try {
    const key = PREFIX + tabId;
    const got = await sessionArea().get(key);
    return (got[key] as TabState | undefined) ?? null;
  } catch {
    return null;
  }
}

export async function setTabState(state: TabState): Promise<void> {
  await sessionArea()
    .set({ [PREFIX + state.tabId]: state })
    .catch(recorded('tab state: save', undefined));
}

export async function removeTabState(tabId: number): Promise<void> {
  await sessionArea()
    .remove(PREFIX + tabId)
    .catch(recorded('tab state: remove', undefined));
}

export async function allTabStates(): Promise<TabState[]> {
  try {
    const all = await sessionArea().get(null);
    return Object.entries(all)
      .filter(([k]) => k.startsWith(PREFIX))
      .map(([, v]) => v as TabState);
  } catch {
    return [];
  }
}

/** Without the fragment and a trailing slash: `…/T/#m…` and `…/T/` are the same page for this. */
function pageKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * The content script's resolution for `url` from any tab that reported it (a popped-out
 * panel, `panel.html?url=…`, has no tab of its own but the page it names was seen). An exact
 * match (fragment included) wins over one that differs only by the fragment.
 */
export async function resolutionForUrl(url: string): Promise<TabState['resolution']> {
  const states = (await allTabStates()).filter((s) => s.url && s.resolution);
  const exact = states.filter((s) => s.url === url).sort((a, b) => b.at - a.at)[0];
  if (exact) return exact.resolution;
  const key = pageKey(url);
  const near = states.filter((s) => pageKey(s.url as string) === key).sort((a, b) => b.at - a.at)[0];
  // A fragment names the message in view on T/ pages: a state for another fragment is another message.
  if (near && !new URL(url).hash) return near.resolution;
  return null;
}

/** Where storage.local stood in for session storage, tab ids from an earlier session are meaningless. */
export async function dropStaleTabStates(): Promise<void> {
  if ((browser.storage as { session?: unknown }).session) return;
  const open = new Set((await browser.tabs.query({}).catch(recorded('tab state: tab query', []))).map((t) => t.id));
  const stale = (await allTabStates()).filter((s) => !open.has(s.tabId)).map((s) => PREFIX + s.tabId);
  if (stale.length) await browser.storage.local.remove(stale).catch(recorded('tab state: drop stale', undefined));
}
