/**
 * The browser fault matrix (issue 9) in Firefox ESR: the scenarios faults.e2e.ts runs in
 * Chromium (rig/fault-checks.ts: 300, 404, HTML sent as 200, not gzip, a cut body, 503 +
 * Retry-After, the server gone mid-load, a damaged cache entry, a v1 database), with dist/firefox
 * over WebDriver BiDi against the same public-inbox-httpd under lore.kernel.org.
 *
 * BiDi cannot open moz-extension:// URLs, so the add-on's panel tab is opened once by the lore
 * page's "ListLens" control, and every later open navigates that tab within the add-on
 * (`panel.html?url=…`); a close leaves it on the options page, so nothing follows the lore tab
 * between scenarios. The cache's IndexedDB is read and damaged from that tab: an add-on's pages
 * and its background share one origin. Not here, since Firefox gives no way to make them: the
 * worker stopped mid-load (Firefox's background is an event page BiDi cannot suspend) and a
 * write refused for quota (the background's IndexedDB cannot be reached to refuse it).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.ts';
import type { FirefoxRun } from './rig/browsers.ts';
import { openFirefoxPanel, type Drive } from './rig/drive.ts';
import { startFirefoxRig, stopFirefoxRig } from './rig/ext.ts';
import { cacheKeep, faultScenarios, KEEP, type FaultRun, type FaultSide } from './rig/fault-checks.ts';
import { loreUrl, type Rig } from './rig/rig.ts';

describe.skipIf(!corpusDir)('the fault matrix in Firefox ESR', () => {
  let rig: Rig;
  let ff: FirefoxRun;
  let state: FaultRun;

  beforeAll(async () => {
    ({ rig, ff } = await startFirefoxRig());
    const { page, tab } = await openFirefoxPanel(ff, loreUrl(KEEP.list, KEEP.mid));
    await tab.close();
    const base = new URL(await page.evaluate(() => location.href));
    const go = async (p: Page, href: string): Promise<void> => {
      await p.evaluate((h) => void (location.href = h), href);
      await p.waitForFunction((h) => location.href === h && document.readyState === 'complete', { timeout: 15_000 }, href);
    };
    const side: FaultSide = {
      open: async (url) => {
        const errors: string[] = [];
        const onError = (e: unknown): void => void errors.push(String(e));
        page.on('pageerror', onError);
        await go(page, new URL(`panel.html?url=${encodeURIComponent(url)}`, base).href);
        const d: Drive = {
          browser: 'firefox',
          evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
          click: async () => undefined,
          press: async () => undefined,
          viewport: async () => undefined,
          schemes: ['light'],
          scheme: async () => undefined,
          screenshot: async () => undefined,
          screenshotOf: async () => undefined,
          goto: (href) => go(page, href),
          errors,
          close: async () => {
            page.off('pageerror', onError);
            await go(page, new URL('options.html', base).href);
          },
        };
        return d;
      },
      idb: (fn, arg) => page.evaluate(fn as never, arg) as never,
    };
    state = { rig, side, kept: [] };
    await cacheKeep(state);
  }, 120_000);
  afterAll(() => stopFirefoxRig({ rig, ff }));

  for (const [name, fn] of faultScenarios(() => state)) it(name, fn, 120_000);
});
