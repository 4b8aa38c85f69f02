/**
 * The background worker's entry (Chrome service worker, Firefox background script). MV3
 * starts it for an event and stops it when idle, so this file only registers listeners,
 * synchronously, and re-applies settings on every start: nothing here is kept in memory
 * that storage does not also hold.
 *
 * Wiring:
 * - messages and panel ports → router.ts (loads via load/load.ts);
 * - the fetcher's per-host waits → storage.session (host-holds.ts), so a restart honours them;
 * - settings (storage.sync) → the loader's settings, the User-Agent rule's hosts (MAINTAINERS
 *   sources' and the patchwork instance's too, while those are on), the dynamic content scripts of added public-inbox
 *   instances and of the git webs switched on (commit pages, browser/git-hosts.ts), the
 *   badge's "waiting on me" count; re-applied on change;
 * - toolbar button → opens the panel (in the click's gesture); on a page of an unknown host
 *   it runs the content script there once, which judges the page by public-inbox's traits;
 * - tab navigation away from the archives → the tab's side panel goes.
 *
 * Non-goals: fetching, caching, rendering.
 */
import browser from 'webextension-polyfill';
import { configureLoader } from './load/load.ts';
import { configureFetcher } from './net/polite-fetch.ts';
import { sessionHolds } from './net/host-holds.ts';
import { forgetTab, installRouter, reportTab, setReady } from './router.ts';
import type { Settings } from '../settings.ts';
import { addInstance, getSettings, onSettingsChanged } from '../settings-storage.ts';
import { installUserAgentRule } from './browser/user-agent.ts';
import { hostsOfPatterns, matchPattern } from './browser/host-rules.ts';
import { coveredByManifest, hasOrigin, injectContentScript, syncInstanceScripts } from './browser/permissions.ts';
import { onGitHost, syncGitScripts } from './browser/git-hosts.ts';
import { initSidePanel, openFromGesture, openPanelTab } from './browser/side-panel.ts';
import { allTabStates, dropStaleTabStates, getTabState } from './browser/tab-state.ts';
import { noteWaiting, showWaiting } from './maintainers/waiting.ts';
import { configureMaintainers } from './maintainers/config.ts';
import { configureOptionalHosts } from './optional-hosts.ts';
import { recorded } from '../errors.ts';

configureFetcher({ holds: sessionHolds });
configureLoader({
  cacheLimitMB: async () => (await getSettings()).cacheLimitMB,
  extraHosts: async () => (await getSettings()).instances,
  refreshMinutes: async () => (await getSettings()).refreshMinutes,
  sizeLimitsMB: async () => {
    const s = await getSettings();
    return { download: s.maxDownloadMB, inflated: s.maxInflatedMB };
  },
});
// read once per worker life and on change: a series run asks for them on every open
let maintainersSettings: Promise<Settings['maintainers']> | null = null;
configureMaintainers({ settings: () => (maintainersSettings ??= getSettings().then((s) => s.maintainers)), noteSeries: noteWaiting });
configureOptionalHosts(hasOrigin);

/** The archive hosts the User-Agent rule covers: the manifest's and the reader's instances. */
function archiveHosts(s: Settings): string[] {
  const fromManifest = hostsOfPatterns(browser.runtime.getManifest().host_permissions ?? []);
  const sources = s.maintainers.on ? [s.maintainers.kernel, ...s.maintainers.lists.map((l) => l.source)].filter((x) => /^https?:/.test(x)) : [];
  if (s.patchwork.on) sources.push(s.patchwork.url);
  const added = [...s.instances, ...s.gitHosts, ...sources].map((i) => new URL(i).origin + '/*');
  return [...new Set([...fromManifest, ...hostsOfPatterns(added)])];
}

async function applySettings(s: Settings): Promise<void> {
  await Promise.all([installUserAgentRule(archiveHosts(s)), syncInstanceScripts(s.instances), syncGitScripts(s.gitHosts), showWaiting()]);
}

installRouter();
// Loads wait for the User-Agent rule, so the first request already carries it.
setReady(getSettings().then(applySettings));
void initSidePanel();
void dropStaleTabStates();

onSettingsChanged((s) => {
  maintainersSettings = Promise.resolve(s.maintainers);
  void applySettings(s);
});
browser.permissions.onAdded.addListener((p) => void onGranted(p.origins ?? []));
browser.permissions.onRemoved.addListener(() => void getSettings().then((s) => Promise.all([syncInstanceScripts(s.instances), syncGitScripts(s.gitHosts)])));

/**
 * A host permission was granted (the panel's "Enable ListLens on <host>", or the options
 * page): hosts that tabs showed as public-inbox become added instances, which registers
 * their content script (through the settings change); the tabs' panels hear of it.
 */
async function onGranted(origins: string[]): Promise<void> {
  for (const state of await allTabStates()) {
    const host = state.host;
    if (!host || !origins.includes(host.pattern)) continue;
    if (host.publicInbox) await addInstance(host.origin + '/').catch(recorded('settings: add instance', null));
    await reportTab({ ...state, host: { ...host, granted: true } });
  }
  const s = await getSettings();
  await Promise.all([syncInstanceScripts(s.instances), syncGitScripts(s.gitHosts)]);
}

browser.action.onClicked.addListener((tab) => {
  const tabId = tab.id;
  if (tabId === undefined) return;
  // Synchronously, inside the click's gesture (see side-panel.ts).
  const opened = openFromGesture(tabId);
  void (async () => {
    const state = await getTabState(tabId);
    // A page no content script reported on: let the content script judge it (activeTab).
    if (!state?.resolution && !(await injectContentScript(tabId))) {
      await reportTab({ tabId, url: tab.url ?? null, resolution: null, at: Date.now(), host: null });
    }
    if (!(await opened) && state?.url) await openPanelTab(state.url, tabId);
  })();
});

/** Whether a content script will report on `url` (built-in archives, or an added instance). */
async function reportedOn(url: string): Promise<boolean> {
  if (coveredByManifest(url)) return true;
  const s = await getSettings();
  return s.instances.some((i) => matchPattern(new URL(i).origin + '/*', url)) || onGitHost(url, s.gitHosts);
}

browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status !== 'loading') return;
  void (async () => {
    // Without host permission the URL is hidden from us: certainly no archive page.
    const url = change.url ?? tab.url;
    if (url && (await reportedOn(url))) return; // its content script will report
    const state = await getTabState(tabId);
    if (!state) return;
    if (url && state.url === url) return; // the toolbar's probe on this very page
    await forgetTab(tabId);
  })();
});
