/**
 * Finding and reading the extension's pages in Firefox, where puppeteer reports a
 * moz-extension tab's URL as about:blank: each page is asked for its own location. And
 * reaching the add-on's background from one of them (`runtime.getBackgroundPage`, one origin),
 * since BiDi reaches no background page itself.
 */
import type { Page } from 'puppeteer-core';
import type { FirefoxRun } from './browsers.ts';
import type { Drive } from './drive.ts';

/** The panel.html tab the add-on opened. */
export async function extensionPage(ff: FirefoxRun, timeout = 15_000): Promise<Page> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const p of await ff.browser.pages()) {
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && href.includes('panel.html')) return p;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the extension opened no panel.html tab');
}

/** The page's text once it shows every pattern; the text it did show if it never does. */
export async function waitForFirefoxText(page: Page, patterns: Array<string | RegExp>, timeout = 30_000): Promise<string> {
  const end = Date.now() + timeout;
  let text = '';
  let missing: string[];
  do {
    text = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    missing = patterns.filter((p) => (typeof p === 'string' ? !text.includes(p) : !p.test(text))).map(String);
    if (!missing.length) return text;
    await new Promise((r) => setTimeout(r, 200));
  } while (Date.now() < end);
  throw new Error(`the Firefox panel never showed ${missing.join(', ')}; it shows:\n${text.slice(0, 2000)}`);
}

/**
 * Firefox's twin of ext.ts's `advanceWorkerClock`: moves the add-on's background `Date.now`
 * forward by `ms` from `tab`, one of the add-on's tabs, and returns the undo. The replacement
 * function belongs to `tab`'s realm and dies with its document ("can't access dead object"
 * then fails every load), so `tab` must stay open, unnavigated, until the undo has run.
 */
export async function advanceBackgroundClock(tab: Pick<Drive, 'evaluate'>, ms: number): Promise<() => Promise<void>> {
  interface Bg {
    Date: DateConstructor;
    __listlensRealNow?: () => number;
  }
  type Ext = { browser: { runtime: { getBackgroundPage(): Promise<Bg | null> } } };
  const set = await tab.evaluate(async (by) => {
    const bg = await (globalThis as unknown as Ext).browser.runtime.getBackgroundPage();
    if (!bg) return false;
    // the background's own function, which outlives this tab (Date.now needs no this)
    bg.__listlensRealNow ??= bg.Date.now;
    const real = bg.__listlensRealNow;
    bg.Date.now = () => real() + by;
    return true;
  }, ms);
  if (!set) throw new Error('the add-on has no background page to move the clock of');
  return async () => {
    await tab.evaluate(async () => {
      const bg = await (globalThis as unknown as Ext).browser.runtime.getBackgroundPage();
      if (bg?.__listlensRealNow) bg.Date.now = bg.__listlensRealNow;
    }, null);
  };
}
