/**
 * One panel page, driven the same way in both browsers, so a suite's checks are written once
 * and run in Chromium (playwright-core over CDP) and in Firefox ESR (puppeteer-core over
 * WebDriver BiDi): evaluate a function in the page, click, press a key, size the viewport,
 * switch the colour scheme, take a screenshot, run axe-core. Everything a check asserts is read
 * from the page as a reader would see it; clicks and keys are the browser's own (trusted).
 *
 * Also `openFirefoxPanel`: the one way into an extension page in Firefox over BiDi (its
 * moz-extension:// URLs cannot be navigated to): the lore page's "ListLens" control opens the
 * panel tab, which may then navigate within the extension.
 *
 * Non-goals: what a suite checks (the suites), starting browsers (browsers.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PwPage } from 'playwright-core';
import type { ElementHandle, Page as PpPage } from 'puppeteer-core';
import { repoRoot } from '../../helpers/corpus.ts';
import type { FirefoxRun } from './browsers.ts';

export interface Drive {
  browser: 'chromium' | 'firefox';
  /** `fn` runs in the page (serialised: it may use only its argument). */
  evaluate<A, R>(fn: (a: A) => R | Promise<R>, arg: A): Promise<R>;
  click(selector: string): Promise<void>;
  press(key: string): Promise<void>;
  viewport(width: number, height: number): Promise<void>;
  /** The colour schemes this page can be shown in (Firefox: the one it was launched with). */
  schemes: ReadonlyArray<'light' | 'dark'>;
  scheme(s: 'light' | 'dark'): Promise<void>;
  screenshot(path: string, fullPage?: boolean): Promise<void>;
  /** The first element matching `selector` alone. */
  screenshotOf(selector: string, path: string): Promise<void>;
  /** Navigates the panel page to another panel address (same extension). */
  goto(href: string): Promise<void>;
  /** Uncaught errors thrown in the page so far. */
  errors: string[];
  close(): Promise<void>;
}

export function chromiumDrive(page: PwPage): Drive {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    browser: 'chromium',
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: (sel) => page.locator(sel).first().click(),
    press: (key) => page.keyboard.press(key),
    viewport: (width, height) => page.setViewportSize({ width, height }),
    schemes: ['light', 'dark'],
    scheme: (s) => page.emulateMedia({ colorScheme: s }),
    screenshot: async (path, fullPage = false) => void (await page.screenshot({ path, fullPage })),
    screenshotOf: async (sel, path) => void (await page.locator(sel).first().screenshot({ path })),
    goto: async (href) => void (await page.goto(href)),
    errors,
    close: () => page.close(),
  };
}

/** `launched`: the scheme the Firefox was started in (launchFirefox's `dark`); BiDi cannot switch it. */
export function firefoxDrive(page: PpPage, launched: 'light' | 'dark' = 'light'): Drive {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    browser: 'firefox',
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: async (sel) => {
      const h = await page.waitForSelector(sel, { timeout: 10_000 });
      await (h as ElementHandle<Element>).click();
    },
    press: (key) => page.keyboard.press(key as never),
    viewport: (width, height) => page.setViewport({ width, height }),
    schemes: [launched],
    scheme: async (s) => {
      if (s !== launched) throw new Error(`this Firefox shows ${launched} pages only (launchFirefox's dark option)`);
    },
    screenshot: async (path, fullPage = false) => void (await page.screenshot({ path: path as `${string}.png`, fullPage })),
    screenshotOf: async (sel, path) => {
      const h = await page.waitForSelector(sel, { timeout: 10_000 });
      await h!.screenshot({ path: path as `${string}.png` });
    },
    goto: async (href) => {
      await page.evaluate((h) => void (location.href = h), href);
      await page.waitForFunction((h) => location.href === h && document.readyState === 'complete', { timeout: 15_000 }, href);
    },
    errors,
    close: () => page.close(),
  };
}

/** Polls `fn` in the page until `ok`; the last value in the error. */
export async function until<A, R>(d: Drive, fn: (a: A) => R | Promise<R>, arg: A, ok: (v: R) => boolean, what: string, timeout = 30_000): Promise<R> {
  const end = Date.now() + timeout;
  let v = await d.evaluate(fn, arg).catch(() => undefined as R);
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await d.evaluate(fn, arg).catch(() => undefined as R);
  }
  if (!ok(v)) throw new Error(`${what}: got ${JSON.stringify(v)?.slice(0, 2000)}`);
  return v;
}

/** The page's visible text once it shows every pattern. */
export async function textOf(d: Drive, patterns: Array<string | RegExp>, timeout = 30_000): Promise<string> {
  const test = (t: string): boolean => patterns.every((p) => (typeof p === 'string' ? t.includes(p) : p.test(t)));
  return until(d, () => document.body?.innerText ?? '', null, (t) => typeof t === 'string' && test(t), `the page never showed ${patterns.map(String).join(', ')}`, timeout);
}

/**
 * axe-core in the page (a Drive, or a Playwright or puppeteer page as it is): the serious and
 * critical violations inside `selector`, each with the elements it found them on.
 */
export async function axeSerious(page: Pick<Drive, 'evaluate'> | PpPage, selector: string): Promise<string[]> {
  const d = { evaluate: page.evaluate.bind(page) as Drive['evaluate'] };
  // The panel's CSP forbids injected <script> tags; an evaluated string is not bound by it.
  const src = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await d.evaluate((s: string) => {
    if (!('axe' in globalThis)) (0, eval)(s);
  }, src);
  return d.evaluate(async (sel: string) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }> } }).axe;
    const r = await axe.run({ include: [[sel]] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => (n as { target: unknown }).target))}`);
  }, selector);
}

/** Firefox: the panel tab for `archiveUrl`, opened from the lore page's control. */
export async function openFirefoxPanel(ff: FirefoxRun, archiveUrl: string, launched: 'light' | 'dark' = 'light'): Promise<{ drive: Drive; tab: PpPage; page: PpPage }> {
  const tab = await ff.browser.newPage();
  await tab.goto(archiveUrl);
  const before = new Set(await ff.browser.pages());
  const control = await tab.waitForSelector('#listlens-open', { timeout: 15_000 });
  await (control as ElementHandle<Element>).click();
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    for (const p of await ff.browser.pages()) {
      if (before.has(p)) continue;
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && href.includes('panel.html')) return { drive: firefoxDrive(p, launched), tab, page: p };
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('the lore page control opened no panel tab');
}

/** Firefox: the extension tab whose address contains `part`, opened after `before` was taken. */
export async function firefoxPageWith(ff: FirefoxRun, part: string, before: Set<PpPage>, timeout = 15_000): Promise<PpPage> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const p of await ff.browser.pages()) {
      if (before.has(p)) continue;
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.includes(part)) return p;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no new tab at an address with ${part}`);
}
