/**
 * Starting a suite's archive and browser with the built extension (Chromium, or Firefox ESR),
 * and reading the extension's visible behaviour in Chromium: the panel page opened in a tab
 * (`panel.html?url=<archive URL>`), the side panel's per-tab options, and the panel's text as a
 * reader sees it (innerText: folded or hidden text is not in it).
 *
 * Non-goals: no hooks into the extension's internals. Everything here goes through public
 * browser APIs from the worker (`chrome.tabs`, `chrome.sidePanel`) or the rendered page.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { expect } from 'vitest';
import { CHROME_EXT, FIREFOX_EXT, launchChromium, launchFirefox, type ChromiumRun, type FirefoxOptions, type FirefoxRun } from './browsers.ts';
import { startRig, type Rig, type RigOptions } from './rig.ts';

/** Fails with one clear line when the build is missing, instead of a browser error. */
export function requireBuild(dir: string): void {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir}/manifest.json is missing: run \`npm run build\` first`);
}

export interface ChromiumRig {
  rig: Rig;
  run: ChromiumRun;
}

/**
 * The test archive, then the browser `launch` starts against it. A browser that fails to start
 * takes the archive down with it, since the suite's afterAll only sees what was returned.
 */
async function rigThen<B>(opts: RigOptions, launch: (rig: Rig) => Promise<B>): Promise<{ rig: Rig; browser: B }> {
  const rig = await startRig(opts);
  try {
    return { rig, browser: await launch(rig) };
  } catch (e) {
    await rig.dispose();
    throw e;
  }
}

/** The test archive (the e2e suite's inboxes, or `opts.inboxes`) and a Chromium with the built extension, as each Chromium suite starts them in its beforeAll. */
export async function startChromiumRig(opts: RigOptions = {}): Promise<ChromiumRig> {
  requireBuild(CHROME_EXT);
  const { rig, browser: run } = await rigThen(opts, (r) => launchChromium({ port: r.port, spki: r.spki }));
  console.log(`[e2e timing] rig ${rig.timings.total}s (archive setup ${rig.timings.archiveSetup}s); chromium + worker ${run.startSeconds}s`);
  return { rig, run };
}

/** For afterAll: either part may be missing when beforeAll failed. */
export async function stopChromiumRig(s: Partial<ChromiumRig>): Promise<void> {
  await s.run?.close();
  await s.rig?.dispose();
}

export interface FirefoxRig {
  rig: Rig;
  ff: FirefoxRun;
}

/** The same for a Firefox suite (`firefox`: its profile's options): the front also on 127.0.0.1:443, which Firefox needs. */
export async function startFirefoxRig(opts: Omit<RigOptions, 'port443'> = {}, firefox: FirefoxOptions = {}): Promise<FirefoxRig> {
  requireBuild(FIREFOX_EXT);
  const { rig, browser: ff } = await rigThen({ ...opts, port443: true }, () => launchFirefox(firefox));
  console.log(`[e2e timing] rig ${rig.timings.total}s; firefox + add-on ${ff.startSeconds}s`);
  return { rig, ff };
}

/** For afterAll: either part may be missing when beforeAll failed. */
export async function stopFirefoxRig(s: Partial<FirefoxRig>): Promise<void> {
  await s.ff?.close();
  await s.rig?.dispose();
}

/** Where the suites' screenshots land for a human to look at: $LISTLENS_SHOTS, else the OS temp dir. */
export const SHOTS = process.env.LISTLENS_SHOTS ?? join(tmpdir(), 'listlens-shots');

/**
 * Allows the extension `patterns` as a reader does in chrome://extensions (Site access): the
 * extension's own `permissions.request` for them is then answered at once, with no prompt for
 * headless Chromium to show.
 */
export async function allowHosts(run: ChromiumRun, patterns: string[]): Promise<void> {
  const ext = await run.ctx.newPage();
  try {
    await ext.goto('chrome://extensions');
    await ext.evaluate(
      async ({ id, patterns }) => {
        const dp = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate;
        for (const p of patterns) await dp.addHostPermission(id, p);
      },
      { id: run.extensionId!, patterns },
    );
  } finally {
    await ext.close();
  }
}

export function panelUrl(run: ChromiumRun, archiveUrl: string): string {
  return `chrome-extension://${run.extensionId}/panel.html?url=${encodeURIComponent(archiveUrl)}`;
}

/** The worker's `chrome` global, typed only as far as these helpers use it. */
interface WorkerGlobals {
  chrome: {
    tabs: { query(q: object): Promise<Array<{ id?: number; url?: string; pendingUrl?: string; active?: boolean }>> };
    sidePanel: { getOptions(o: { tabId: number }): Promise<{ enabled?: boolean; path?: string }> };
  };
}

export interface PanelPage {
  page: Page;
  /** Uncaught errors thrown in the panel page: a crash, whatever the panel shows. */
  errors: string[];
  close(): Promise<void>;
}

/** Opens the panel for `archiveUrl` in a normal tab, the way "pop out" does. */
export async function openPanel(run: ChromiumRun, archiveUrl: string): Promise<PanelPage> {
  const page = await run.ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(panelUrl(run, archiveUrl));
  return { page, errors, close: () => page.close() };
}

/** The text a reader sees on the page. */
export async function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText({ timeout: 5000 }).catch(() => '');
}

/** Waits until the visible text matches every pattern; the message names what was missing. */
export async function waitForText(page: Page, patterns: Array<string | RegExp>, timeout = 30_000): Promise<string> {
  let text = '';
  let missing: string[];
  const end = Date.now() + timeout;
  do {
    text = await visibleText(page);
    missing = patterns.filter((p) => (typeof p === 'string' ? !text.includes(p) : !p.test(text))).map(String);
    if (!missing.length) return text;
    await new Promise((r) => setTimeout(r, 200));
  } while (Date.now() < end);
  throw new Error(`the page never showed ${missing.join(', ')}; it shows:\n${text.slice(0, 2000)}`);
}

/** Mail and errors are shown as sentences, never as stack traces or raw objects. */
export function expectNoErrorDump(text: string): void {
  expect(text).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError|RangeError)\b|\[object Object\]|\n\s+at \S+ \(|chrome-extension:\/\/\S+\.js:\d+/);
}

/**
 * The id of the tab showing `page`, as the worker sees tabs. Brought to the front first: where
 * the extension may not read the tab's URL (no host permission), the active tab is it, and where
 * an earlier test left a tab on the same URL, the active one of them is this page's.
 */
export async function tabIdFor(sw: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const url = page.url();
  let id: number | null = null;
  await expect
    .poll(async () => {
      id = await sw.evaluate(async (u) => {
        const { chrome } = globalThis as unknown as WorkerGlobals;
        const byUrl = (await chrome.tabs.query({})).filter((t) => t.url === u || t.pendingUrl === u);
        const pick = byUrl.length === 1 ? byUrl[0] : byUrl.find((t) => t.active);
        if (pick) return pick.id ?? null;
        if (byUrl.length > 1) return null;
        const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return active && active.url === undefined ? (active.id ?? null) : null;
      }, url);
      return id;
    }, { timeout: 10_000, message: `no tab with ${url}` })
    .not.toBeNull();
  return id as unknown as number;
}

/** Whether the extension's worker runs now: Chromium lists a service worker target only while it does. */
export async function workerRunning(run: ChromiumRun): Promise<boolean> {
  const cdp = await run.browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };
    return targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${run.extensionId}/`));
  } finally {
    await cdp.detach();
  }
}

/**
 * The extension's worker, running: woken by opening one of its pages if MV3 stopped it.
 * Playwright keeps a stopped worker's handle listed (and evaluating on it waits for ever), so
 * a listed handle is not proof that it runs; Chromium's targets are.
 */
export async function liveWorker(run: ChromiumRun): Promise<Worker> {
  const mine = (): Worker | undefined => run.ctx.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${run.extensionId}/`));
  const found = mine();
  if (found && (await workerRunning(run))) return found;
  const wake = await run.ctx.newPage();
  await wake.goto(`chrome-extension://${run.extensionId}/panel.html`).catch(() => undefined);
  await expect.poll(() => workerRunning(run), { timeout: 15_000, message: 'the extension worker did not wake' }).toBe(true);
  const sw = mine() ?? (await run.ctx.waitForEvent('serviceworker', { timeout: 15_000 }));
  await wake.close();
  return sw;
}

/**
 * Stops the extension's worker, as MV3 does when it is idle, and waits for Chromium to say it
 * stopped. Anything may wake a new one at once (a page's late message, a tab event) and it keeps
 * the old target id and Playwright's handle, so neither "no worker target" nor the handle's end
 * is the signal: the ServiceWorker domain's "stopped" is. It is heard through a page already
 * open, since opening or closing a tab is itself an event that wakes the worker.
 */
export async function stopWorker(run: ChromiumRun): Promise<void> {
  const script = `chrome-extension://${run.extensionId}/background.js`;
  const page = run.ctx.pages()[0];
  if (!page) throw new Error('stopWorker needs a page already open to listen through');
  const cdp = await run.ctx.newCDPSession(page);
  try {
    let stopped = false;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.scriptURL === script && v.runningStatus === 'stopped')) stopped = true;
    });
    await cdp.send('ServiceWorker.enable');
    for (let attempt = 0; attempt < 3 && !stopped; attempt++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      const until = Date.now() + 5000;
      while (!stopped && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    }
    if (!stopped) throw new Error('the extension worker was not reported stopped within 15 s of three requests');
  } finally {
    await cdp.detach();
  }
}

export interface SidePanelOptions {
  enabled?: boolean;
  path?: string;
}

export async function sidePanelOptions(sw: Worker, tabId: number): Promise<SidePanelOptions> {
  return sw.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as WorkerGlobals;
    const o = await chrome.sidePanel.getOptions({ tabId: id });
    return { enabled: o.enabled, path: o.path };
  }, tabId);
}


/**
 * Moves the worker's `Date.now` forward by `ms`: "an hour later" without waiting an hour, so a
 * cached thread is due for its refresh. Returns the undo. Lost (harmlessly) if the worker restarts.
 */
export async function advanceWorkerClock(sw: Worker, ms: number): Promise<() => Promise<void>> {
  await sw.evaluate((by) => {
    const g = globalThis as unknown as { __listlensRealNow?: () => number };
    g.__listlensRealNow ??= Date.now.bind(Date);
    const real = g.__listlensRealNow;
    Date.now = () => real() + by;
  }, ms);
  return async () => {
    await sw.evaluate(() => {
      const g = globalThis as unknown as { __listlensRealNow?: () => number };
      if (g.__listlensRealNow) Date.now = g.__listlensRealNow;
    }).catch(() => undefined);
  };
}
