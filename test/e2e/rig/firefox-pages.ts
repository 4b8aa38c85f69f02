/**
 * Finding and reading the extension's pages in Firefox, where puppeteer reports a
 * moz-extension tab's URL as about:blank: each page is asked for its own location.
 */
import type { Page } from 'puppeteer-core';
import type { FirefoxRun } from './browsers.ts';

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
