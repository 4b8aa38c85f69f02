/**
 * ListLens on the archive page itself (issue 12) in Firefox ESR over WebDriver BiDi, with the
 * built add-on (dist/firefox) on lore.kernel.org served by the rig's real public-inbox-httpd:
 * quotes folded and toggling, the page's text unchanged, j/k moving between messages, and the
 * setting off leaving the page as the archive sent it.
 *
 * The setting is written from the add-on's own panel tab (opened by the page's "ListLens"
 * control, as firefox.e2e.ts does), the one extension page BiDi can drive; its options page
 * writes the same storage key.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.ts';
import type { FirefoxRun } from './rig/browsers.ts';
import { startFirefoxRig, stopFirefoxRig } from './rig/ext.ts';
import { SEED, X86 } from './rig/mail.ts';
import { bodiesText, expandAll, pageState, position, shows } from './rig/page-checks.ts';
import { loreUrl, type Rig } from './rig/rig.ts';

async function annotated(tab: Page, url: string): Promise<void> {
  await tab.goto(url);
  await tab.waitForSelector('#listlens-style', { timeout: 15_000 });
}

async function poll<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  let v = await fn();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 150));
    v = await fn();
  }
  if (!ok(v)) throw new Error(`${what}: got ${JSON.stringify(v)}`);
  return v;
}

/** The add-on's panel tab, opened by clicking the page's control (see the module comment). */
async function extensionTab(ff: FirefoxRun, tab: Page): Promise<Page> {
  const handle = await tab.waitForSelector('#listlens-open', { timeout: 15_000 });
  await (handle as ElementHandle<Element>).click();
  return poll(
    async () => {
      for (const p of await ff.browser.pages()) {
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (href.startsWith('moz-extension://')) return p;
      }
      return null;
    },
    (p) => p !== null,
    'the add-on opened no tab of its own',
    15_000,
  ) as Promise<Page>;
}

async function setAnnotate(ext: Page, on: boolean): Promise<void> {
  await ext.evaluate(async (value) => {
    const b = (globalThis as unknown as { browser: { storage: { sync: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } } }).browser;
    const got = await b.storage.sync.get('settings');
    await b.storage.sync.set({ settings: { ...((got.settings as object) ?? {}), annotatePages: value } });
  }, on);
}

describe.skipIf(!corpusDir)('ListLens on the lore page in Firefox ESR', () => {
  let rig: Rig;
  let ff: FirefoxRun;

  beforeAll(async () => {
    ({ rig, ff } = await startFirefoxRig());
  });
  afterAll(() => stopFirefoxRig({ rig, ff }));

  it('quotes folded and toggling, text unchanged, j/k, and the setting off leaves the page untouched', async () => {
    const tab = await ff.browser.newPage();
    await annotated(tab, loreUrl(SEED.list, SEED.mid));
    const state = await tab.evaluate(pageState);
    expect(state.textSame).toBe(true);
    const big = state.folds.find((f) => f.label === '24 quoted lines — Jerome Glisse, Jul 20');
    expect(big, JSON.stringify(state.folds)).toMatchObject({ expanded: false });
    expect(await tab.evaluate(shows, SEED.deepQuoteLine)).toBe(false);
    await tab.click('button.listlens-fold[aria-expanded="false"]');
    expect(await tab.evaluate(shows, SEED.deepQuoteLine)).toBe(true);
    await tab.click('button.listlens-fold[aria-expanded="true"]');
    expect(await tab.evaluate(shows, SEED.deepQuoteLine)).toBe(false);

    // j/k on a thread page.
    const thread = loreUrl(X86.list, X86.mid, 'T/');
    await annotated(tab, thread);
    const anchors = await tab.evaluate(() => [...document.querySelectorAll('pre > a[id^="m"]')].map((a) => a.id).filter((id) => /^m[0-9a-f]{40}$/.test(id)));
    expect(anchors.length).toBeGreaterThan(3);
    const at = (i: number) => (p: { hash: string; top: string | null }) => p.hash === `#${anchors[i]}` && p.top === anchors[i];
    await tab.keyboard.press('j');
    await poll(() => tab.evaluate(position), at(1), 'j to the second message');
    await tab.keyboard.press('j');
    await poll(() => tab.evaluate(position), at(2), 'j to the third message');
    await tab.keyboard.press('k');
    await poll(() => tab.evaluate(position), at(1), 'k back to the second message');
    const on = await tab.evaluate(pageState);
    expect(on.textSame).toBe(true);
    const expanded = await tab.evaluate(expandAll);

    // The setting off: the same page as the archive sent it.
    const ext = await extensionTab(ff, tab);
    await setAnnotate(ext, false);
    try {
      // The open page hears the setting and goes back to what the archive sent.
      await poll(() => tab.evaluate(pageState), (st) => st.folds.length === 0 && !st.styled && st.htmlSame, 'the open page un-annotated');
      await tab.bringToFront();
      await tab.goto(thread);
      await tab.waitForSelector('#listlens-open', { timeout: 15_000 });
      await new Promise((r) => setTimeout(r, 500));
      const off = await tab.evaluate(pageState);
      expect(off).toMatchObject({ folds: [], marks: 0, styled: false, textSame: true, htmlSame: true });
      expect(await tab.evaluate(bodiesText)).toBe(expanded);
    } finally {
      await setAnnotate(ext, true);
    }
    await ext.close();
    await tab.close();
  });
});
