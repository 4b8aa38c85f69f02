/**
 * From a commit page to its discussion (issue 19) in Firefox ESR over WebDriver BiDi, with the
 * built add-on (dist/firefox): the same real cgit as git.kernel.org and the same
 * public-inbox-httpd as dig.e2e.ts (the front on 127.0.0.1:443, which Firefox needs).
 *
 * In Firefox the commit pages' script (commit.js) is registered only for a git web switched on
 * in Options → Git web, whose click asks `permissions.request` for the host. So:
 * - before: the commit page has no ListLens control, and the panel (opened from the add-on's
 *   own tab) says git.kernel.org is not switched on; nothing reached the front for it;
 * - the switch: the options page, reached from the add-on's own tab (BiDi cannot open a
 *   moz-extension:// URL, a tab of the add-on may navigate within it), and a trusted click
 *   on git.kernel.org's box. Firefox then shows its permission doorhanger, which lives in the
 *   browser's chrome where BiDi cannot reach; the profile sets
 *   `extensions.webextOptionalPermissionPrompts` false, Firefox's own switch that answers that
 *   prompt "Allow" (what a reader clicks). The request from the click, the grant, the stored
 *   setting and the script's registration are the add-on's own;
 * - after: each commit page shows the control, whose click opens the panel in a tab (the
 *   sidebar cannot open from a page's message): the thread, the version applied, the signal,
 *   the later fixes; a commit never posted says it has no discussion;
 * - screenshots at 360 px in light and in dark (a second profile with
 *   `layout.css.prefers-color-scheme.content-override`: BiDi has no colour-scheme emulation),
 *   in $LISTLENS_SHOTS; axe-core on the commit section in both.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cgitPath, cgitSite, type CgitSite } from '../helpers/cgit.ts';
import { buildDigRepo, mid, REPO_PATH, type DigRepo } from '../helpers/dig-repo.ts';
import { requireTool, tool } from '../helpers/tools.ts';
import { launchFirefox, type FirefoxOptions, type FirefoxRun } from './rig/browsers.ts';
import { startCgitServer, type CgitServer } from './rig/cgit.ts';
import { COMMIT_SECTION, commitUrl, digCases, EXACT_DETAILS, expectLaterFixes } from './rig/dig-checks.ts';
import { axeSerious } from './rig/drive.ts';
import { expectNoErrorDump, SHOTS, startFirefoxRig, stopFirefoxRig } from './rig/ext.ts';
import { waitForFirefoxText } from './rig/firefox-pages.ts';
import { loreUrl, type Rig } from './rig/rig.ts';

const git = tool('git');

type Scheme = 'light' | 'dark';

function profile(scheme: Scheme): FirefoxOptions {
  return {
    dark: scheme === 'dark',
    // Firefox's own "answer the optional-permission prompt Allow" (see the module comment)
    prefs: { 'extensions.webextOptionalPermissionPrompts': false },
  };
}

async function poll<T>(what: string, fn: () => Promise<T | null>, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  do {
    const v = await fn().catch(() => null);
    if (v !== null) return v;
    await new Promise((r) => setTimeout(r, 200));
  } while (Date.now() < end);
  throw new Error(`timed out waiting for ${what}`);
}

/** The newest add-on tab whose location passes `test` (puppeteer calls a moz-extension tab about:blank: each is asked). */
async function addonTab(ff: FirefoxRun, test: (href: string) => boolean, what: string): Promise<Page> {
  let seen: string[] = [];
  return poll(what, async () => {
    seen = [];
    for (const p of (await ff.browser.pages()).reverse()) {
      const href = await p.evaluate(() => location.href).catch(() => '');
      seen.push(href);
      if (href.startsWith('moz-extension://') && test(href)) return p;
    }
    return null;
  }).catch((e: Error) => {
    throw new Error(`${e.message}; the tabs: ${seen.join(' | ')}`);
  });
}

/** Clicks the page's ListLens control (a trusted click, as a reader's). */
async function clickControl(tab: Page): Promise<void> {
  const handle = await tab.waitForSelector('#listlens-open', { timeout: 15_000 });
  await (handle as ElementHandle<Element>).click();
}

/** The panel tab the add-on opened for `url`. */
function panelFor(ff: FirefoxRun, url: string): Promise<Page> {
  return addonTab(ff, (href) => href.includes('/panel.html') && decodeURIComponent(href).includes(url), `the add-on's panel tab for ${url}`);
}

/** An add-on tab to drive: the panel the lore page's control opens (the one way in BiDi allows). */
async function ownTab(ff: FirefoxRun): Promise<Page> {
  const lore = await ff.browser.newPage();
  const url = loreUrl('linux-mm', mid(3, 0));
  await lore.goto(url);
  await clickControl(lore);
  const tab = await panelFor(ff, url);
  // the thread loaded, so nothing of it is still on its way when a test starts counting requests
  await waitForFirefoxText(tab, ['mm: foo helpers', /3 versions/], 30_000);
  await lore.close();
  return tab;
}

/** Options → Git web → git.kernel.org, switched on by a click; the box follows the stored setting. */
async function switchOn(ff: FirefoxRun): Promise<void> {
  const tab = await ownTab(ff);
  await tab.evaluate(() => {
    location.href = '/options.html';
  });
  const opts = await addonTab(ff, (href) => href.includes('/options.html'), 'the options page');
  await waitForFirefoxText(opts, [/Git web/, /git\.kernel\.org/]);
  const box = await poll('the git.kernel.org box', () =>
    opts.evaluateHandle(() => [...document.querySelectorAll('label')].find((l) => /git\.kernel\.org/.test(l.textContent ?? ''))?.querySelector('input[type="checkbox"]') ?? null).then((h) => h.asElement() as ElementHandle<HTMLInputElement> | null),
  );
  expect(await box.evaluate((b) => b.checked)).toBe(false);
  await box.click();
  await waitForFirefoxText(opts, [/Commit pages on git\.kernel\.org on/], 10_000);
  await poll('the box to follow the grant', async () => ((await box.evaluate((b) => b.checked)) ? true : null), 10_000);
  await opts.close();
}

/** Opens the commit page, clicks its control, and returns the panel tab (360 px wide) with its uncaught errors. */
async function openCommit(ff: FirefoxRun, sha: string): Promise<{ panel: Page; errors: string[]; close(): Promise<void> }> {
  const tab = await ff.browser.newPage();
  await tab.goto(commitUrl(sha));
  await clickControl(tab);
  const panel = await panelFor(ff, commitUrl(sha)).catch(async (e: Error) => {
    // say what the commit page looked like, so a click that opened nothing can be told apart
    const control = (await tab.$('#listlens-open').catch(() => null)) !== null;
    await tab.screenshot({ path: join(SHOTS, `dig-firefox-no-panel-${sha.slice(0, 12)}.png`) as `${string}.png` }).catch(() => undefined);
    throw new Error(`${e.message}; the control is ${control ? 'still' : 'no longer'} on the commit page (screenshot in ${SHOTS})`);
  });
  const errors: string[] = [];
  panel.on('pageerror', (e) => errors.push(String(e)));
  await panel.setViewport({ width: 360, height: 1200 });
  return { panel, errors, close: async () => void (await Promise.all([panel.close(), tab.close()])) };
}

/** The whole panel and the commit section alone, and axe-core over the section. */
async function lookAt(panel: Page, name: string, scheme: Scheme): Promise<void> {
  expect(await panel.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
  await panel.screenshot({ path: join(SHOTS, `dig-firefox-${name}-${scheme}.png`) as `${string}.png`, fullPage: true });
  const section = await panel.$(COMMIT_SECTION);
  await section!.screenshot({ path: join(SHOTS, `dig-firefox-${name}-${scheme}-commit.png`) as `${string}.png` });
  expect(await axeSerious(panel, COMMIT_SECTION)).toEqual([]);
}

describe.runIf((git && cgitPath) || process.env.CI)('a commit page to its discussion, in Firefox ESR', () => {
  let repo: DigRepo;
  let site: CgitSite;
  let cgit: CgitServer;
  let rig: Rig;
  let ff: FirefoxRun;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    requireTool(git, 'git');
    requireTool(cgitPath, 'cgit');
    repo = buildDigRepo(git!);
    site = cgitSite(repo.gitDir, REPO_PATH);
    cgit = await startCgitServer(site);
    ({ rig, ff } = await startFirefoxRig({ inboxes: [{ name: 'linux-mm', address: 'linux-mm@kvack.org', files: repo.mails }] }, profile('light')));
    rig.front.backends.set('git.kernel.org', cgit.origin);
  }, 180_000);
  afterAll(async () => {
    await stopFirefoxRig({ rig, ff });
    await cgit?.stop();
    site?.done();
    repo?.done();
  });

  it('before the switch: no control on the commit page, the panel says it is off, nothing is fetched', async () => {
    const tab = await ff.browser.newPage();
    await tab.goto(commitUrl(repo.commits.exact));
    expect(await tab.evaluate(() => document.title)).toMatch(/mm: add helper foo/);
    // commit.js is not registered for git.kernel.org: give it the time it takes once switched on
    await new Promise((r) => setTimeout(r, 2000));
    expect(await tab.$('#listlens-open')).toBeNull();
    await tab.close();
    const own = await ownTab(ff);
    rig.front.reset();
    cgit.served.length = 0;
    await own.evaluate((u) => {
      location.href = `panel.html?url=${encodeURIComponent(u)}`;
    }, commitUrl(repo.commits.exact));
    const text = await waitForFirefoxText(own, [/Not switched on/, /Options → Git web → git\.kernel\.org/, /Nothing was fetched/], 20_000);
    expectNoErrorDump(text);
    expect(rig.front.log.filter((e) => e.host === 'git.kernel.org' || e.host === 'lore.kernel.org')).toEqual([]);
    expect(cgit.served).toEqual([]);
    await own.close();
  });

  it('switched on in Options → Git web by a click', async () => {
    await switchOn(ff);
  });

  it('each commit page: the control, then the right thread, the version applied, the signal used, the later fixes', async () => {
    for (const c of digCases(repo)) {
      const { panel, errors, close } = await openCommit(ff, c.sha);
      const text = await waitForFirefoxText(panel, [c.signal, c.applied, c.thread, /3 versions/], 45_000);
      expectNoErrorDump(text);
      if (c.sha === repo.commits.exact) {
        await waitForFirefoxText(panel, EXACT_DETAILS, 20_000);
        const rows = await poll('five later fixes', async () => {
          const r = await panel.$$eval('.ll-commit-fixes li', (lis) => lis.map((li) => (li as HTMLElement).innerText));
          return r.length === 5 ? r : null;
        }, 20_000);
        const hrefs = await panel.$$eval('.ll-commit-fixes li > a', (as) => as.map((a) => a.getAttribute('href')));
        expectLaterFixes(repo, hrefs, rows, (await panel.$$('.ll-commit-fixes li[data-uncertain]')).length);
        await lookAt(panel, 'exact', 'light');
      }
      expect(errors).toEqual([]);
      await close();
    }
  }, 240_000);

  it('a commit never posted says it has no discussion', async () => {
    const { panel, errors, close } = await openCommit(ff, repo.commits.lone);
    const text = await waitForFirefoxText(panel, [/No discussion found/, /README: fix a typo/], 30_000);
    expectNoErrorDump(text);
    expect(text).not.toMatch(/Found by/);
    await lookAt(panel, 'none', 'light');
    expect(errors).toEqual([]);
    await close();
  });

  it('dark: the same panel in a profile whose pages prefer dark, axe-clean', async () => {
    await ff.close();
    ff = await launchFirefox(profile('dark'));
    await switchOn(ff);
    const exact = await openCommit(ff, repo.commits.exact);
    await waitForFirefoxText(exact.panel, [/Found by its patch-id/, /Applied as posted in v3/, /Uncertain: the id is this commit's, the title quoted is another/], 45_000);
    await lookAt(exact.panel, 'exact', 'dark');
    expect(exact.errors).toEqual([]);
    await exact.close();
    const none = await openCommit(ff, repo.commits.lone);
    await waitForFirefoxText(none.panel, [/No discussion found/], 30_000);
    await lookAt(none.panel, 'none', 'dark');
    expect(none.errors).toEqual([]);
    await none.close();
  }, 180_000);
});
