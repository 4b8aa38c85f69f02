/**
 * Hosts beyond the built-in archives (Refined GitHub's model for GitHub Enterprise):
 * - the toolbar button, on a page of a host ListLens does not know, injects the content
 *   script into that tab once (activeTab allows it after the click); the content script
 *   judges the page by public-inbox's traits and reports like anywhere else;
 * - the panel or the options page then offers "Enable ListLens on <host>", which calls
 *   `permissions.request` from that click (a worker cannot: it has no user gesture) and
 *   stores the instance in settings;
 * - for every added instance whose permission is granted, a dynamic content script is
 *   registered (dynamic-scripts.ts), kept in step with settings and permission changes by
 *   `syncInstanceScripts`.
 * - `probeOrigin` asks an instance's root page whether it is public-inbox (options page's
 *   "test the connection"), once permission is there.
 *
 * Non-goals: storing settings (src/settings-storage.ts), fetching threads (load/load.ts).
 */
import browser from 'webextension-polyfill';
import type { ProbeAnswer } from '../../protocol.ts';
import { matchPattern } from './host-rules.ts';
import { syncScripts, type ScriptSet } from './dynamic-scripts.ts';
import { looksLikePublicInbox } from '../../sites/public-inbox-url.ts';
import { originPattern } from '../../sites/host-pattern.ts';

export { matchPattern } from './host-rules.ts';

/** The content script of added instances, registered here under its own prefix. */
const INSTANCE_SCRIPTS: ScriptSet = { prefix: 'listlens-instance-', js: 'content.js', failure: 'could not register content scripts for added hosts' };

export async function hasOrigin(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

/** Whether a URL is covered by the manifest's content scripts (the built-in archives). */
export function coveredByManifest(url: string): boolean {
  const patterns = browser.runtime.getManifest().content_scripts?.flatMap((c) => c.matches ?? []) ?? [];
  return patterns.some((p) => matchPattern(p, url));
}

/**
 * Registers one dynamic content script per added instance whose host permission is granted,
 * and unregisters the ones no longer wanted. Idempotent; called at start, on settings and
 * on permission changes. Returns the instances that have a script.
 */
export async function syncInstanceScripts(instances: string[]): Promise<string[]> {
  // no scripting API (an old browser): no permission checks either, and no instance has a script
  if (!browser.scripting?.registerContentScripts) return [];
  const wanted = new Map<string, string>();
  for (const inst of instances) {
    const pattern = originPattern(inst);
    if (!(await hasOrigin(pattern))) continue;
    const host = new URL(inst).hostname;
    wanted.set(INSTANCE_SCRIPTS.prefix + host, pattern);
  }
  await syncScripts(INSTANCE_SCRIPTS, wanted);
  return instances.filter((i) => wanted.has(INSTANCE_SCRIPTS.prefix + new URL(i).hostname));
}

/**
 * Runs the content script once in a tab of an unknown host (after a toolbar click, under
 * activeTab). The script reports `page` or `no-page` itself. False when injection is refused
 * (a browser page, a store page, no gesture).
 */
export async function injectContentScript(tabId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
    return true;
  } catch {
    return false;
  }
}

/** Whether `origin` (an instance URL) serves public-inbox, when ListLens may ask it. */
export async function probeOrigin(origin: string, signal?: AbortSignal): Promise<ProbeAnswer> {
  let pattern: string;
  try {
    pattern = originPattern(origin);
  } catch {
    return { origin, granted: false, publicInbox: null, reason: 'That is not a web address.' };
  }
  const granted = await hasOrigin(pattern);
  if (!granted) return { origin, granted, publicInbox: null, reason: 'ListLens has no permission for this host yet.' };
  try {
    const res = await fetch(origin, { credentials: 'include', signal: signal ?? AbortSignal.timeout(15_000) });
    const html = (await res.text()).slice(0, 200_000);
    if (!res.ok && res.status !== 300) return { origin, granted, publicInbox: null, reason: `The host answered HTTP ${res.status}.` };
    const yes = looksLikePublicInbox(html);
    return { origin, granted, publicInbox: yes, reason: yes ? null : 'The page there does not look like a public-inbox archive.' };
  } catch (e) {
    return { origin, granted, publicInbox: null, reason: `The host could not be reached (${e instanceof Error ? e.message : String(e)}).` };
  }
}
