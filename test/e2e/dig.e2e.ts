/**
 * From a commit page to its discussion (issue 19), in real Chromium with the built extension:
 * Debian's real cgit serves a repository the test builds (test/helpers/dig-repo.ts: a series
 * applied as commits, one changed from the posted version, one with a Link: tag, one never
 * posted), mapped as git.kernel.org behind the rig's front; public-inbox-httpd holds the
 * series' three versions (git format-patch mail from the same repository), a review, a late
 * Tested-by, the b4 ty "applied" reply, and later mail citing the first commit with 8, 10,
 * 12 and 40 digits (one with another title: uncertain) beside ids that only look alike.
 *
 * - Refusal first: git.kernel.org not switched on, the panel says so and the front saw no
 *   request from the extension to git.kernel.org nor to lore.
 * - Switched on (site access granted in chrome://extensions, as a reader may; then the options
 *   page's switch): each commit page shows the right thread, the version applied or "nearest,
 *   with changes", the signal used; a commit never posted says it has no discussion.
 * - A second open of a commit asks neither host (the front's log).
 * - The search for later fixes answered HTTP 500: the panel says so in words, the rest stands.
 * - Speed: from the commit page's load to the thread shown, cold and warm, median of 5,
 *   logged (no timed assertion: only the hang caps).
 * - Screenshots at 360 px, light and dark, in $LISTLENS_SHOTS; axe-core on the commit section.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cgitPath, cgitSite, type CgitSite } from '../helpers/cgit.ts';
import { buildDigRepo, REPO_PATH, TITLES, type DigRepo } from '../helpers/dig-repo.ts';
import { requireTool, tool } from '../helpers/tools.ts';
import type { ChromiumRun } from './rig/browsers.ts';
import { axeSerious } from './rig/drive.ts';
import { allowHosts, expectNoErrorDump, openPanel, panelUrl, SHOTS, startChromiumRig, stopChromiumRig, waitForText } from './rig/ext.ts';
import type { Rig } from './rig/rig.ts';
import { startCgitServer, type CgitServer } from './rig/cgit.ts';
import { COMMIT_SECTION, commitUrl, digCases, EXACT_DETAILS, expectLaterFixes } from './rig/dig-checks.ts';

const git = tool('git');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

describe.runIf((git && cgitPath) || process.env.CI)('a commit page to its discussion, in Chromium', () => {
  let repo: DigRepo;
  let site: CgitSite;
  let cgit: CgitServer;
  let rig: Rig;
  let run: ChromiumRun;

  beforeAll(async () => {
    requireTool(git, 'git');
    requireTool(cgitPath, 'cgit');
    repo = buildDigRepo(git!);
    site = cgitSite(repo.gitDir, REPO_PATH);
    cgit = await startCgitServer(site);
    ({ rig, run } = await startChromiumRig({ inboxes: [{ name: 'linux-mm', address: 'linux-mm@kvack.org', files: repo.mails }] }));
    rig.front.backends.set('git.kernel.org', cgit.origin);
  }, 180_000);
  afterAll(async () => {
    await stopChromiumRig({ rig, run });
    await cgit?.stop();
    site?.done();
    repo?.done();
  });

  /** The extension's own requests (its User-Agent), as the front logged them. */
  const fromExtension = (host: string) => rig.front.log.filter((e) => e.host === host && /ListLens\//.test(e.userAgent));

  it('refuses a git web not switched on: it says so and fetches nothing', async () => {
    rig.front.reset();
    const panel = await openPanel(run, commitUrl(repo.commits.exact));
    const text = await waitForText(panel.page, [/Not switched on/, /Options → Git web → git\.kernel\.org/, /Nothing was fetched/], 20_000);
    expectNoErrorDump(text);
    // no request reached the front at all: neither the git web nor the archive
    expect(rig.front.log.filter((e) => e.host === 'git.kernel.org' || e.host === 'lore.kernel.org')).toEqual([]);
    expect(cgit.served).toEqual([]);
    expect(panel.errors).toEqual([]);
    await panel.close();
  });

  it('switched on in Options → Git web, after site access is granted', async () => {
    // A reader grants the site in chrome://extensions (Site access); the options page's switch
    // then stores it (its permission request is answered at once).
    await allowHosts(run, ['https://git.kernel.org/*']);
    const opts = await run.ctx.newPage();
    await opts.goto(`chrome-extension://${run.extensionId}/options.html`);
    await waitForText(opts, [/Git web/, /git\.kernel\.org/]);
    const box = opts.getByRole('checkbox', { name: /git\.kernel\.org/ });
    expect(await box.isChecked()).toBe(false);
    // the box follows the stored setting: it turns on once the permission answer is saved
    await box.click();
    await expect.poll(() => box.isChecked(), { timeout: 10_000 }).toBe(true);
    await waitForText(opts, [/Commit pages on git\.kernel\.org on/]);
    await opts.close();
  });

  /** The whole panel, and the commit section alone (what a reviewer of this UI looks at). */
  const shoot = async (page: Page, name: string): Promise<void> => {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    await page.locator(COMMIT_SECTION).screenshot({ path: join(SHOTS, `${name}-commit.png`) });
  };

  it('each commit page: the right thread, the version applied, the signal used', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const cases = digCases(repo);
    for (const c of cases) {
      // the commit page itself, as the reader opens it: commit.js puts the control on it
      const tab = await run.ctx.newPage();
      await tab.goto(commitUrl(c.sha));
      await expect.poll(() => tab.locator('#listlens-open').count(), { timeout: 15_000 }).toBe(1);
      await tab.close();
      const panel = await openPanel(run, commitUrl(c.sha));
      await panel.page.setViewportSize({ width: 360, height: 1200 });
      const text = await waitForText(panel.page, [c.signal, c.applied, c.thread, /3 versions/], 45_000);
      expectNoErrorDump(text);
      expect(panel.errors).toEqual([]);
      if (c.sha === repo.commits.exact) {
        await waitForText(panel.page, EXACT_DETAILS, 20_000);
        // later fixes: 8, 10, 12 and 40 digits, a tag or prose, the other title uncertain; 7 digits and look-alikes absent
        const fixes = panel.page.locator('.ll-commit-fixes li');
        await expect.poll(() => fixes.count(), { timeout: 20_000 }).toBe(5);
        const hrefs = await panel.page.locator('.ll-commit-fixes li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        expectLaterFixes(repo, hrefs, await fixes.allInnerTexts(), await panel.page.locator('.ll-commit-fixes li[data-uncertain]').count());
        // and back: the thread's b4 ty reply links each applied patch to its commit on cgit
        const back = panel.page.locator('#ll-b-applied a');
        await expect.poll(() => back.count(), { timeout: 20_000 }).toBe(3);
        expect(await back.first().getAttribute('href')).toBe(`https://git.kernel.org/${REPO_PATH}/commit/?id=${repo.commits.exact.slice(0, 12)}`);
        await shoot(panel.page, 'dig-exact-light');
        expect(await axeSerious(panel.page, COMMIT_SECTION)).toEqual([]);
        await panel.page.emulateMedia({ colorScheme: 'dark' });
        await shoot(panel.page, 'dig-exact-dark');
        expect(await axeSerious(panel.page, COMMIT_SECTION)).toEqual([]);
      }
      if (c.sha === repo.commits.changed) {
        await panel.page.getByText('Interdiff from v3 to the commit').click();
        await expect.poll(() => panel.page.locator('.ll-commit-interdiff .ll-diff-add').count(), { timeout: 10_000 }).toBeGreaterThan(0);
        expect(await panel.page.locator('.ll-commit-interdiff .ll-diff-add').first().innerText()).toMatch(/^\+\+\s*if \(x <= 0\)/);
        await shoot(panel.page, 'dig-nearest-light');
        expect(await axeSerious(panel.page, COMMIT_SECTION)).toEqual([]);
        await panel.page.emulateMedia({ colorScheme: 'dark' });
        await shoot(panel.page, 'dig-nearest-dark');
        expect(await axeSerious(panel.page, COMMIT_SECTION)).toEqual([]);
      }
      await panel.close();
    }
  }, 240_000);

  it('a commit never posted says it has no discussion', async () => {
    const panel = await openPanel(run, commitUrl(repo.commits.lone));
    const text = await waitForText(panel.page, [/No discussion found/, /README: fix a typo/], 30_000);
    expectNoErrorDump(text);
    expect(text).not.toMatch(/Found by/);
    await panel.page.setViewportSize({ width: 360, height: 600 });
    await shoot(panel.page, 'dig-none-light');
    expect(await axeSerious(panel.page, COMMIT_SECTION)).toEqual([]);
    await panel.page.emulateMedia({ colorScheme: 'dark' });
    await shoot(panel.page, 'dig-none-dark');
    expect(await axeSerious(panel.page, COMMIT_SECTION)).toEqual([]);
    await panel.close();
  });

  it('a second open asks neither the git web nor the archive', async () => {
    rig.front.reset();
    cgit.served.length = 0;
    const panel = await openPanel(run, commitUrl(repo.commits.exact));
    await waitForText(panel.page, [/Found by its patch-id/, /Applied as posted in v3/, `[PATCH v3 1/3] ${TITLES[0]}`, /3 versions/], 30_000);
    // let anything the load would still send go out
    await new Promise((r) => setTimeout(r, 1500));
    expect(fromExtension('lore.kernel.org').map((e) => e.url)).toEqual([]);
    expect(fromExtension('git.kernel.org').map((e) => e.url)).toEqual([]);
    expect(cgit.served).toEqual([]);
    await panel.close();
  });

  /** Forgets every cached commit and thread, as Options' "clear the cache" does. */
  const clear = async (): Promise<void> => {
    const p = await run.ctx.newPage();
    await p.goto(`chrome-extension://${run.extensionId}/options.html`);
    await p.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'clear-cache' }));
    await p.close();
  };

  it('the search for fixes refused with HTTP 500 (as public-inbox refuses a wildcard it will not expand): said in words, the rest stands', async () => {
    await clear();
    rig.front.reset();
    rig.front.rules = [{ kind: 'fault', path: /[?&]q=nq%3A/, count: 1, fault: { kind: 'status', status: 500 } }];
    try {
      const panel = await openPanel(run, commitUrl(repo.commits.exact));
      const text = await waitForText(panel.page, [/Found by its patch-id/, /Applied as posted in v3/, /lore\.kernel\.org answered the search for fixes with HTTP 500\./], 30_000);
      expectNoErrorDump(text);
      expect(await panel.page.locator('.ll-commit-fixes li').count()).toBe(0);
      expect(text).not.toMatch(/Searching for messages naming/);
      expect(rig.front.log.filter((e) => e.outcome === 'fault:status').length).toBe(1);
      expect(panel.errors).toEqual([]);
      await panel.close();
    } finally {
      rig.front.reset();
    }
  });

  it('speed: from the commit page loaded to the thread shown, cold and warm (logged, median of 5)', async () => {
    const once = async (): Promise<number> => {
      const tab = await run.ctx.newPage();
      await tab.goto(commitUrl(repo.commits.linked), { waitUntil: 'load' });
      const t0 = Date.now();
      const page = await run.ctx.newPage();
      await page.goto(panelUrl(run, commitUrl(repo.commits.linked)));
      await page.locator('[role="treeitem"]', { hasText: TITLES[2] }).first().waitFor({ timeout: 30_000 });
      const ms = Date.now() - t0;
      await page.close();
      await tab.close();
      return ms;
    };
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      await clear();
      cold.push(await once());
      warm.push(await once());
    }
    console.log(`[dig timing] commit page → thread shown: cold median ${median(cold)} ms (${cold.join(', ')}), warm median ${median(warm)} ms (${warm.join(', ')})`);
    expect(cold.length).toBe(5);
  }, 240_000);
});
