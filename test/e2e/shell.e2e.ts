/**
 * The extension's wiring in real Chromium (dist/chrome) on lore.kernel.org under its real
 * name: what the worker remembers of a tab survives the worker being stopped (MV3 stops idle
 * workers), a panel following a tab hears of each page, leaving the archives takes the tab's
 * panel away, the in-page control opens the panel, and the honest User-Agent rule is in place.
 *
 * Everything goes through public browser APIs and the panel's own port protocol
 * (src/protocol.ts), from an extension page, as the panel does.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.ts';
import type { ChromiumRun } from './rig/browsers.ts';
import { allowHosts, liveWorker, sidePanelOptions, stopWorker, tabIdFor, startChromiumRig, stopChromiumRig, waitForText, workerRunning } from './rig/ext.ts';
import { BUG_ON_INPUT, SEED, X86 } from './rig/mail.ts';
import { loreUrl, type Rig } from './rig/rig.ts';
import type { TabState } from '../../src/protocol.ts';

describe.skipIf(!corpusDir)('the extension shell in Chromium', () => {
  let rig: Rig;
  let run: ChromiumRun;

  beforeAll(async () => ({ rig, run } = await startChromiumRig()));
  afterAll(() => stopChromiumRig({ rig, run }));

  /** An extension page to speak the panel's protocol from (options.html: no port of its own). */
  async function extensionPage(): Promise<Page> {
    const p = await run.ctx.newPage();
    await p.goto(`chrome-extension://${run.extensionId}/options.html`);
    return p;
  }

  /** The `tab` event a panel following `tabId` receives first. */
  function followOnce(page: Page, tabId: number): Promise<TabState> {
    return page.evaluate(
      (id) =>
        new Promise<TabState>((resolve, reject) => {
          const c = (globalThis as unknown as { chrome: { runtime: { connect(o: { name: string }): { onMessage: { addListener(f: (m: { type: string; state: TabState }) => void): void }; postMessage(m: unknown): void; disconnect(): void } } } }).chrome;
          const port = c.runtime.connect({ name: 'listlens-panel' });
          const t = setTimeout(() => reject(new Error('no tab event')), 10_000);
          port.onMessage.addListener((m) => {
            if (m.type !== 'tab') return;
            clearTimeout(t);
            port.disconnect();
            resolve(m.state);
          });
          port.postMessage({ type: 'follow', tabId: id, windowId: null });
        }),
      tabId,
    );
  }

  /** A tab on an archive message page, once the worker has enabled the side panel for it. */
  async function archiveTab(sw: Worker, url: string): Promise<{ tab: Page; tabId: number }> {
    const tab = await run.ctx.newPage();
    await tab.goto(url);
    const tabId = await tabIdFor(sw, tab);
    await expect.poll(() => sidePanelOptions(sw, tabId), { timeout: 15_000 }).toMatchObject({ enabled: true, path: `panel.html?tab=${tabId}` });
    return { tab, tabId };
  }

  it('a tab’s page, as the content script saw it, survives the worker being stopped', async () => {
    const sw = await liveWorker(run);
    const url = loreUrl(SEED.list, SEED.mid);
    const { tab, tabId } = await archiveTab(sw, url);

    await stopWorker(run);
    // The port wakes a new worker, which has nothing in memory of the tab.
    const ext = await extensionPage();
    const state = await followOnce(ext, tabId);
    expect(state.tabId).toBe(tabId);
    expect(state.url).toBe(url);
    expect(state.resolution?.messageId).toBe(SEED.mid);
    expect(state.resolution?.archive).toBe('public-inbox');
    await ext.close();
    await tab.close();
  });

  it('leaving the archives takes the tab’s panel away and forgets the tab', async () => {
    const sw = await liveWorker(run);
    const { tab, tabId } = await archiveTab(sw, loreUrl(BUG_ON_INPUT.list, BUG_ON_INPUT.mid));
    const ext = await extensionPage();
    expect((await followOnce(ext, tabId)).resolution?.messageId).toBe(BUG_ON_INPUT.mid);

    // lwn.net is a known host, but /Articles/ is no archive page: no content script runs there
    await tab.goto('https://lwn.net/Articles/1000000/');
    await expect.poll(async () => (await sidePanelOptions(sw, tabId)).enabled, { timeout: 15_000 }).not.toBe(true);
    await expect.poll(async () => (await followOnce(ext, tabId)).url, { timeout: 10_000 }).toBeNull();
    await ext.close();
    await tab.close();
  });

  it('the in-page "ListLens" control opens the panel for the page (side panel, or the panel page in a tab)', async () => {
    const sw = await liveWorker(run);
    const tab = await run.ctx.newPage();
    const url = loreUrl(SEED.list, SEED.mid);
    await tab.goto(url);
    const control = tab.getByRole('button', { name: /ListLens/ });
    await control.waitFor({ timeout: 15_000 });
    const tabId = await tabIdFor(sw, tab);
    await control.click();
    // A side panel is a page target Playwright does not attach to: ask CDP for every page.
    const panelPages = async (): Promise<string[]> => {
      const cdp = await run.browser.newBrowserCDPSession();
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };
      await cdp.detach();
      return targetInfos.filter((t) => t.type === 'page' && t.url.startsWith(`chrome-extension://${run.extensionId}/panel.html`)).map((t) => t.url);
    };
    await expect.poll(panelPages, { timeout: 15_000 }).not.toEqual([]);
    const opened = await panelPages();
    console.log(`[e2e report] in-page control opened: ${opened.join(', ')}`);
    // either the side panel of this tab, or the pop-out page for this URL
    expect(opened.some((u) => u.endsWith(`panel.html?tab=${tabId}`) || decodeURIComponent(u).includes(`url=${url}`))).toBe(true);
    for (const p of run.ctx.pages()) if (p.url().includes('/panel.html')) await p.close();
    await tab.close();
  });

  it('an idle panel does not wake a stopped worker, and still follows its tab’s next page', async () => {
    const sw = await liveWorker(run);
    const { tab, tabId } = await archiveTab(sw, loreUrl(SEED.list, SEED.mid));
    // The side panel's own page, in a tab: it follows `tabId` as the side panel does.
    const panel = await run.ctx.newPage();
    await panel.goto(`chrome-extension://${run.extensionId}/panel.html?tab=${tabId}`);
    await waitForText(panel, [SEED.subject]);

    rig.front.reset();
    await stopWorker(run);
    // Long enough for an eager reconnect (it came within milliseconds) to show.
    await panel.waitForTimeout(3000);
    expect(await workerRunning(run)).toBe(false);
    expect(rig.front.requests(/./)).toEqual([]);

    // The tab moves on: its content script wakes the worker, whose broadcast the panel hears.
    await tab.goto(loreUrl(X86.list, X86.mid));
    await waitForText(panel, [X86.subject]);
    await panel.close();
    await tab.close();
  });

  it('the extension’s own requests to the archives carry an honest User-Agent rule, not the page’s', async () => {
    const sw = await liveWorker(run);
    const rules = await sw.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { declarativeNetRequest: { getDynamicRules(): Promise<unknown[]> }; runtime: { id: string; getManifest(): { version: string } } } }).chrome;
      return { rules: await c.declarativeNetRequest.getDynamicRules(), id: c.runtime.id, version: c.runtime.getManifest().version };
    });
    expect(rules.rules).toHaveLength(1);
    const rule = rules.rules[0] as { action: { requestHeaders: Array<{ header: string; value: string }> }; condition: { initiatorDomains: string[]; requestDomains: string[] } };
    expect(rule.action.requestHeaders[0]?.header.toLowerCase()).toBe('user-agent');
    expect(rule.action.requestHeaders[0]?.value).toMatch(new RegExp(`^ListLens/${rules.version.replace(/\./g, '\\.')} `));
    expect(rule.action.requestHeaders[0]?.value).not.toMatch(/Mozilla/);
    expect(rule.condition.initiatorDomains).toEqual([rules.id]);
    expect(rule.condition.requestDomains).toEqual(expect.arrayContaining(['lore.kernel.org', 'yhbt.net', 'marc.info']));

    // a reader's own page load keeps the browser's agent
    rig.front.reset();
    const tab = await run.ctx.newPage();
    await tab.goto(loreUrl(X86.list, X86.mid)); // a page not loaded before, so not from the browser's cache
    const pageLoads = rig.front.requests(/./).filter((r) => r.url.includes(X86.mid.split('@')[0] as string));
    expect(pageLoads.length).toBeGreaterThan(0);
    expect(pageLoads[0]?.userAgent).toMatch(/Mozilla/);
    await tab.close();
  });

  it('one dynamic content script per added instance and switched-on git web whose host is granted, gone when taken out', async () => {
    // The reader allows both hosts (Site access), so the options page's requests are answered at once.
    await allowHosts(run, ['https://inbox.example.org/*', 'https://git.example.org/*']);
    const sw = await liveWorker(run);
    const scripts = (): Promise<Array<{ id: string; matches?: string[]; js?: string[] }>> =>
      sw.evaluate(async () => {
        const c = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string; matches?: string[]; js?: string[] }>> } } }).chrome;
        return (await c.scripting.getRegisteredContentScripts()).map(({ id, matches, js }) => ({ id, matches, js })).sort((a, b) => a.id.localeCompare(b.id));
      });

    const opts = await extensionPage();
    await waitForText(opts, [/Public-inbox instances/, /Git web/]);
    await opts.getByLabel('Instance address').fill('inbox.example.org');
    await opts.locator('section[aria-labelledby="ll-opt-instances"]').getByRole('button', { name: 'Add' }).click();
    await waitForText(opts, [/permission granted/]);
    await opts.getByLabel('Another cgit or GitLab').fill('git.example.org');
    await opts.locator('section[aria-labelledby="ll-opt-git"]').getByRole('button', { name: 'Add' }).click();
    await waitForText(opts, [/Commit pages on git\.example\.org on/]);
    await expect.poll(scripts, { timeout: 10_000 }).toEqual([
      { id: 'listlens-git-git.example.org', matches: ['https://git.example.org/*'], js: ['commit.js'] },
      { id: 'listlens-instance-inbox.example.org', matches: ['https://inbox.example.org/*'], js: ['content.js'] },
    ]);

    await opts.getByRole('button', { name: 'Remove https://inbox.example.org/' }).click();
    await waitForText(opts, [/Removed https:\/\/inbox\.example\.org\//]);
    await opts.getByRole('checkbox', { name: /git\.example\.org/ }).click();
    await waitForText(opts, [/Commit pages on git\.example\.org off/]);
    await expect.poll(scripts, { timeout: 10_000 }).toEqual([]);
    await opts.close();
  });
});
