/**
 * An honest User-Agent on the extension's own requests to the archives: `ListLens/<version>`.
 *
 * Why: lore.kernel.org sits behind Anubis, whose default policy challenges User-Agents that
 * say "Mozilla" and lets honest tool agents through (b4 sends `b4/<version>`). A browser's
 * fetch always says Mozilla, and Chrome ignores a User-Agent set in `fetch()`, so a
 * declarativeNetRequest rule rewrites the header, and only for requests the extension itself
 * makes (`initiatorDomains`: the extension's own host) to archive hosts: a reader's own page
 * loads keep the browser's agent. Needs `declarativeNetRequestWithHostAccess` and host
 * permission for the archive (the manifest grants both).
 *
 * Non-goals: deciding whether to rely on it (the fetcher's tests do), cookies.
 */
import browser from 'webextension-polyfill';

export { hostsOfPatterns } from './host-rules.ts';

/** The rule's id: fixed, so each install replaces the previous one. */
export const UA_RULE_ID = 1;

export function userAgent(): string {
  return `ListLens/${browser.runtime.getManifest().version} (mailing-list reader; browser extension)`;
}

/** The extension's own host as an initiator: the Chrome id, or Firefox's per-install UUID. */
function ownHost(): string {
  return new URL(browser.runtime.getURL('/')).host;
}

/**
 * Installs (or replaces) the User-Agent rule for `hosts` (bare hostnames; their subdomains
 * match too). With no hosts, removes it. Never throws: a browser without DNR keeps its agent.
 */
export async function installUserAgentRule(hosts: string[]): Promise<boolean> {
  const dnr = browser.declarativeNetRequest;
  if (!dnr?.updateDynamicRules) return false;
  const rules: browser.DeclarativeNetRequest.Rule[] = hosts.length
    ? [
        {
          id: UA_RULE_ID,
          priority: 1,
          action: {
            type: 'modifyHeaders',
            requestHeaders: [{ header: 'user-agent', operation: 'set', value: userAgent() }],
          },
          condition: {
            initiatorDomains: [ownHost()],
            requestDomains: hosts,
            resourceTypes: ['xmlhttprequest', 'other'],
          },
        },
      ]
    : [];
  try {
    await dnr.updateDynamicRules({ removeRuleIds: [UA_RULE_ID], addRules: rules });
    return true;
  } catch (e) {
    console.warn('ListLens: could not set the User-Agent rule:', e instanceof Error ? e.message : String(e));
    return false;
  }
}
