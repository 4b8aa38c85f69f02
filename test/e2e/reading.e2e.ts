/**
 * Reading a discussion (issue 12), in Chromium and in Firefox against the real
 * public-inbox-httpd: a first visit to Joe Perches' 100-message "[PATCH 00/44] remove
 * unnecessary semicolons" marks nothing; two real replies held back from the archive then
 * arrive; the reopened thread says "2 new since <date>" and marks exactly those two, in the
 * tree and in the conversation, with the toolbar badge saying 2. The conversation around
 * [PATCH 44/44] shows Joe's own answer to Mark Brown with Mark's "Applied, thanks" quote
 * folded, since Mark's message is right above it.
 *
 * Each browser gets its own pair of held-back replies, so the second browser's first visit is
 * a real first visit of the archive as the first one left it. Chromium comes back a week later
 * (the cached thread's full check brings the replies); Firefox clears the cache first, so its
 * marks must outlive the thread's mail.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page as FirefoxPage, ElementHandle } from 'puppeteer-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, corpusPath, repoRoot } from '../helpers/corpus.ts';
import { FIREFOX_EXT, CHROME_EXT, launchChromium, launchFirefox, type ChromiumRun, type FirefoxRun } from './rig/browsers.ts';
import { advanceWorkerClock, expectNoErrorDump, openPanel, requireBuild, tabIdFor, waitForText } from './rig/ext.ts';
import { SEMICOLONS } from './rig/mail.ts';
import { loreUrl, startRig, type Rig } from './rig/rig.ts';
import { extensionPage, waitForFirefoxText } from './rig/firefox-pages.ts';

const LIST = SEMICOLONS.list;
const COVER = SEMICOLONS.cover;
const PATCH44 = '97fd199b7dac50613f6843156687223928cce44a.1289789605.git.joe@perches.com';
/** Joe's answer to Mark Brown's "Applied, thanks": his own words below Mark's quoted ones. */
const JOE = '1289842444.16461.140.camel@Joe-Laptop';
const JOE_OWN = "I think it's more important to use consistent changelogs";
const MARK_OWN = "Please try to use changelog formats consistent with the code you're";
/** Replies held back, two per browser: leaves of the thread, so nothing else moves when they arrive. */
const HELD = {
  chromium: ['4CE0D533.1010407@monstr.eu', '20101117001046.GE10237@mail.oracle.com'],
  firefox: ['20101205033232.GD24000@void.printf.net', '20101117193256.GA28010@ucw.cz'],
};
const NEW_SINCE = /2 new since \d{4}-\d\d-\d\d \d\d:\d\d UTC/;

/** The corpus mbox split into raw messages, keyed by Message-ID. */
function splitCorpus(): { all: string[]; byId: Map<string, string> } {
  const text = readFileSync(corpusPath('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'), 'latin1');
  const all = text.split(/\n(?=From [^\n]*\n)/);
  const byId = new Map<string, string>();
  for (const m of all) {
    const id = idOf(m);
    if (id) byId.set(id, m.replace(/^From [^\n]*\n/, ''));
  }
  return { all, byId };
}

function idOf(m: string): string | undefined {
  return /^Message-ID:\s*<([^>]+)>/im.exec(m.split('\n\n')[0] ?? '')?.[1];
}

/** The header's message count ("98 messages · …"). */
function count(text: string): number {
  const m = /(\d+) messages/.exec(text);
  if (!m) throw new Error('no message count in the header');
  return Number(m[1]);
}

describe.skipIf(!corpusDir)('reading a discussion: new since the last visit, and the conversation', () => {
  let rig: Rig;
  let dir: string;
  let held: Map<string, string>;

  beforeAll(async () => {
    requireBuild(CHROME_EXT);
    requireBuild(FIREFOX_EXT);
    const { all, byId } = splitCorpus();
    const holdBack = new Set([...HELD.chromium, ...HELD.firefox]);
    for (const id of holdBack) if (!byId.has(id)) throw new Error(`the corpus lost ${id}`);
    held = new Map([...holdBack].map((id) => [id, byId.get(id) as string]));
    dir = mkdtempSync(join(tmpdir(), 'listlens-reading-'));
    const kept = all.filter((m) => !holdBack.has(idOf(m) ?? ''));
    if (kept.length !== all.length - holdBack.size) throw new Error('holding back the replies did not work');
    const file = join(dir, 'lkml-held-back.mboxrd');
    writeFileSync(file, kept.join('\n'), 'latin1');
    rig = await startRig({ port443: true, inboxes: [{ name: LIST, address: 'linux-kernel@vger.kernel.org', files: [file] }] });
  });
  afterAll(async () => {
    await rig?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('Chromium', () => {
    let run: ChromiumRun;
    beforeAll(async () => {
      run = await launchChromium({ port: rig.port, spki: rig.spki });
    });
    afterAll(() => run?.close());

    /** The ids of the tree rows marked new, sorted. */
    const newRows = (page: Page): Promise<string[]> => page.$$eval('li.ll-row-new', (els) => els.map((e) => e.getAttribute('data-id') ?? '').sort());

    it('a first visit marks nothing; two replies arrive; the reopened thread says "2 new" and marks exactly those', async () => {
      const sw = run.sw;
      if (!sw) throw new Error('no extension service worker');
      const url = loreUrl(LIST, COVER);
      const archiveTab = await run.ctx.newPage();
      await archiveTab.goto(url);
      const tabId = await tabIdFor(sw, archiveTab);

      const first = await openPanel(run, url);
      const text1 = await waitForText(first.page, [SEMICOLONS.subject, / messages/]);
      expectNoErrorDump(text1);
      // The visit is recorded (in this browser's IndexedDB) before the panel is closed.
      await expect.poll(() => sw.evaluate(hasVisit, COVER), { timeout: 10_000 }).toBe(true);
      expect(text1).not.toMatch(/new since/);
      expect(await newRows(first.page)).toEqual([]);
      await first.close();

      await rig.archive.addMail(LIST, HELD.chromium.map((id) => held.get(id) as string));
      // Eight days later the reader comes back: the cached thread is due for its weekly full
      // check (the late replies carry their 2010 dates, which a `dt:` window would not see).
      const undo = await advanceWorkerClock(sw, 8 * 24 * 3600 * 1000);
      try {
        let again = await openPanel(run, url);
        const text2 = await waitForText(again.page, [NEW_SINCE]);
        expectNoErrorDump(text2);
        expect(count(text2)).toBe(count(text1) + 2);
        expect(await newRows(again.page)).toEqual([...HELD.chromium].sort());
        // The conversation of the cover holds every reply: the same two carry the mark there.
        const marked = await again.page.$$eval('article.ll-ctx-new', (els) => els.map((e) => e.getAttribute('data-id') ?? ''));
        for (const id of marked) expect(HELD.chromium).toContain(id);
        await expect.poll(() => badge(sw, tabId), { timeout: 10_000 }).toBe('2');
        // The archive's own thread page marks the same two. davem's "Applied." on 07/44 puts no
        // applied mark there: the thread gives no reason to believe its sender (no MAINTAINERS
        // read yet, no sign-off of his on the series, no commit named), so the ledger holds it
        // as "says applied (unverified)" (issue 16: anyone can write "Applied").
        await archiveTab.goto(loreUrl(LIST, COVER, 'T/'));
        await expect.poll(() => archiveTab.locator('pre.listlens-new').count(), { timeout: 15_000 }).toBe(2);
        expect(await archiveTab.locator('.listlens-mark[data-applied]').count()).toBe(0);
        await lookAt(again.page, 'new-light');
        await axeCheck(again.page);
        await again.page.emulateMedia({ colorScheme: 'dark' });
        await lookAt(again.page, 'new-dark', 'li.ll-row-new');
        await axeCheck(again.page);
        await again.page.emulateMedia({ colorScheme: 'light' });

        // `n` goes to the next new message; opened, it is no longer new.
        await again.page.locator('body').press('n');
        await waitForText(again.page, [/1 new since/]);
        const left = await newRows(again.page);
        expect(left.length).toBe(1);
        await again.close();

        // Options → Reading off: a reopened thread marks nothing and the badge is empty;
        // back on, the one still unread is marked again (off hides, it does not forget).
        await setNewMarks(sw, false);
        const off = await openPanel(run, url);
        await waitForText(off.page, [SEMICOLONS.subject, /Conversation/]);
        await expect.poll(() => badge(sw, tabId), { timeout: 10_000 }).toBe('');
        expect(await visibleTextOf(off.page)).not.toMatch(/new since/);
        expect(await newRows(off.page)).toEqual([]);
        await off.close();
        await setNewMarks(sw, true);
        const on = await openPanel(run, url);
        await waitForText(on.page, [/1 new since/]);
        expect(await newRows(on.page)).toEqual(left);
        await expect.poll(() => badge(sw, tabId), { timeout: 10_000 }).toBe('1');
        await on.close();

        again = await openPanel(run, url);
        await waitForText(again.page, [/1 new since/]);
        await again.page.getByRole('button', { name: 'Mark all read' }).click();
        await expect.poll(() => newRows(again.page)).toEqual([]);
        await expect.poll(() => badge(sw, tabId), { timeout: 10_000 }).toBe('');
        expect(again.errors).toEqual([]);
        await again.close();
      } finally {
        await undo();
      }
      await archiveTab.close();
    });

    it('the conversation shows a reply`s own words with its parent`s quote folded, and j/k move through it', async () => {
      const panel = await openPanel(run, loreUrl(LIST, PATCH44));
      const { page } = panel;
      const text = await waitForText(page, [JOE_OWN, MARK_OWN]);
      expectNoErrorDump(text);
      // Mark's words show once, in his own message: Joe's quote of them is a folded toggle, one
      // with the quote of Joe's patch right before it (consecutive folds are one toggle, issue 17).
      expect(text.split(MARK_OWN).length - 1).toBe(1);
      const joe = page.locator(`article[data-id="${JOE}"]`);
      const toggle = joe.getByRole('button', { name: /\d+ quoted lines — [^\n]*Mark Brown/ });
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      await waitForText(page, [MARK_OWN]);
      expect((await page.locator('body').innerText()).split(MARK_OWN).length - 1).toBe(2);

      // j moves to the next message of the conversation; the tree's current row follows.
      const current = (): Promise<string | null> => page.locator('li[role="treeitem"][aria-current="true"]').getAttribute('data-id');
      expect(await current()).toBe(PATCH44);
      await page.locator('body').press('j');
      await expect.poll(current).not.toBe(PATCH44);
      const next = await current();
      await expect.poll(() => page.locator(`article.ll-ctx-current`).getAttribute('data-id')).toBe(next);
      await page.locator('body').press('k');
      await expect.poll(current).toBe(PATCH44);

      // Search narrows to a person's words; collapse-all closes every message to its header.
      await page.getByRole('searchbox', { name: 'Search this thread' }).fill('from:perches "more important to use consistent changelogs"');
      await waitForText(page, [/1 match, 1 here/]);
      await page.getByRole('button', { name: 'Collapse all' }).click();
      await page.getByRole('searchbox', { name: 'Search this thread' }).fill('');
      await expect.poll(async () => (await page.locator('body').innerText()).includes(JOE_OWN)).toBe(false);
      await page.getByRole('button', { name: 'Expand all' }).click();
      await waitForText(page, [JOE_OWN]);
      expect(panel.errors).toEqual([]);

      await lookAt(page, 'conversation-light', `article[data-id="${JOE}"]`);
      await axeCheck(page);
      await page.emulateMedia({ colorScheme: 'dark' });
      await lookAt(page, 'conversation-dark', `article[data-id="${JOE}"]`);
      await axeCheck(page);
      await panel.close();
    });
  });

  describe('Firefox', () => {
    let ff: FirefoxRun;
    beforeAll(async () => {
      ff = await launchFirefox();
    });
    afterAll(() => ff?.close());

    it('a first visit, two replies, and the reopened thread says "2 new", marking exactly those', async () => {
      const url = loreUrl(LIST, COVER);
      const tab = await ff.browser.newPage();
      await tab.goto(url);
      await clickControl(tab);
      const panel = await extensionPage(ff);
      const errors: string[] = [];
      panel.on('pageerror', (e) => errors.push(String(e)));
      const text1 = await waitForFirefoxText(panel, [SEMICOLONS.subject, / messages/]);
      expectNoErrorDump(text1);
      expect(text1).not.toMatch(/new since/);
      // The visit is recorded before the panel is sent away.
      await expect.poll(() => panel.evaluate(hasVisit, COVER), { timeout: 10_000 }).toBe(true);

      await rig.archive.addMail(LIST, HELD.firefox.map((id) => held.get(id) as string));
      // The reader clears the cache (Options → Clear cache): the thread's mail is gone, the
      // record of what they saw is not, so the reopened thread, fetched anew, marks the two.
      await panel.evaluate(() => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime.sendMessage({ type: 'clear-cache' }));
      await panel.evaluate((u) => {
        location.href = `panel.html?url=${encodeURIComponent(u)}`;
      }, url);
      const text2 = await waitForFirefoxText(panel, [NEW_SINCE]);
      expectNoErrorDump(text2);
      expect(count(text2)).toBe(count(text1) + 2);
      const rows = await panel.$$eval('li.ll-row-new', (els) => els.map((e) => e.getAttribute('data-id') ?? '').sort());
      expect(rows).toEqual([...HELD.firefox].sort());
      expect(errors).toEqual([]);
      await tab.close();
    });
  });
});

/**
 * Whether a visit to the thread rooted at `root` is recorded, read from the extension's own
 * IndexedDB (the worker's, or an extension page's: the same origin). Runs in the browser.
 */
async function hasVisit(root: string): Promise<boolean> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('listlens-cache');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    if (!db.objectStoreNames.contains('visits')) return false;
    const all = await new Promise<Array<{ key: string; seen: string[] }>>((resolve, reject) => {
      const req = db.transaction('visits').objectStore('visits').getAll();
      req.onsuccess = () => resolve(req.result as Array<{ key: string; seen: string[] }>);
      req.onerror = () => reject(req.error);
    });
    return all.some((v) => v.key.endsWith(' ' + root) && v.seen.length > 0);
  } finally {
    db.close();
  }
}

/** Options → Reading, as the options page saves it (settings in storage.sync, else local). */
async function setNewMarks(sw: import('playwright-core').Worker, on: boolean): Promise<void> {
  await sw.evaluate(async (v) => {
    type Area = { get(k: string): Promise<Record<string, unknown>>; set(o: Record<string, unknown>): Promise<void> };
    const storage = (globalThis as unknown as { chrome: { storage: { sync: Area; local: Area } } }).chrome.storage;
    let area = storage.sync;
    try {
      await area.get('settings');
    } catch {
      area = storage.local;
    }
    const old = ((await area.get('settings')).settings ?? {}) as Record<string, unknown>;
    await area.set({ settings: { ...old, newMarks: v } });
  }, on);
}

async function visibleTextOf(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

async function badge(sw: import('playwright-core').Worker, tabId: number): Promise<string> {
  return sw.evaluate((id) => (globalThis as unknown as { chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } } }).chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** A screenshot of the panel at 360 px, kept for a person to look at (test-results/). */
async function lookAt(page: Page, name: string, scrollTo?: string): Promise<void> {
  await page.setViewportSize({ width: 360, height: 900 });
  if (scrollTo) await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
  else await page.evaluate(() => window.scrollTo(0, 0));
  const out = join(repoRoot, 'test-results', `reading-panel-${name}.png`);
  await page.screenshot({ path: out, fullPage: false });
}

/** axe-core over the panel's new UI: no violations of WCAG 2 A/AA. */
async function axeCheck(page: Page): Promise<void> {
  const axePath = join(repoRoot, 'node_modules/axe-core/axe.min.js');
  // The panel's CSP forbids inline scripts; DevTools' evaluate is not a page script.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(readFileSync(axePath, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  expect(violations).toEqual([]);
}

async function clickControl(tab: FirefoxPage): Promise<void> {
  const handle = await tab
    .waitForFunction(() => {
      const els = [...document.querySelectorAll('a, button, [role="button"]')];
      return els.find((e) => /ListLens/i.test(`${e.textContent} ${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`)) ?? null;
    }, { timeout: 15_000 })
    .catch(() => null);
  const control = handle?.asElement() as ElementHandle<Element> | null | undefined;
  if (!control) throw new Error('the content script put no "ListLens" control on the lore page');
  await control.click();
}

