/**
 * What a maintainer takes from the series panel (issue 17, "Output a maintainer can use"), in
 * real Chromium with the built extension against public-inbox-httpd under lore.kernel.org
 * (rig/am-series.ts: v1..v3 in one thread; Bob's reviews of v1, carried on the unchanged 1/3
 * and stale on the changed 2/3; Carol's ack below v2's cover; Mark's Tested-by on v2 3/3; v3
 * without its 2/4):
 * - Download v2: the file the panel saves is `git am`ed in a scratch repository here, and
 *   each commit carries the trailers that hold, in b4's order; the cover is saved apart;
 * - copy per patch (the cell's detail) and per version, as `# n/N title` groups, all or new;
 * - v3, a patch missing: no Download, no shazam, and the panel says which patch is missing;
 * - screenshots at 360 px, light and dark, in $LISTLENS_SHOTS; axe-core finds nothing serious.
 * The files are the browser's own downloads (read where Chromium saved them); the clipboard is
 * caught in the page (writeText), which headless Chromium cannot be asked to read back.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ChromiumRun } from './rig/browsers.ts';
import { axeSerious } from './rig/drive.ts';
import { expectNoErrorDump, openPanel, SHOTS, startChromiumRig, stopChromiumRig, waitForText } from './rig/ext.ts';
import { loreUrl, type Rig } from './rig/rig.ts';
import { AM_SERIES, amSeriesFiles } from './rig/am-series.ts';
import { baseTree } from '../helpers/am-base.ts';
import { requireTool, tempRepo, tool } from '../helpers/tools.ts';

const git = tool('git');
const S = AM_SERIES;

/** Catches what the panel copies, in the page. */
async function catchCopies(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { copied: string[] };
    w.copied = [];
    navigator.clipboard.writeText = async (t: string) => {
      w.copied.push(t);
    };
  });
}

const copied = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { copied: string[] }).copied);

/** Clicks `button` and returns the file the browser downloaded: its name and text. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), click()]);
  const text = readFileSync(await d.path(), 'utf8');
  await d.delete();
  return { name: d.suggestedFilename(), text };
}

describe('the am-ready mbox and the copy buttons in Chromium', () => {
  let rig: Rig;
  let run: ChromiumRun;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'listlens-am-e2e-'));
    ({ rig, run } = await startChromiumRig({ inboxes: [{ name: S.list, address: 'linux-mm@kvack.org', files: amSeriesFiles(tmp) }] }));
  }, 180_000);
  afterAll(async () => {
    await stopChromiumRig({ rig, run });
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('downloads v2 as an mbox that git am applies with the trailers that hold; copies per patch and per version; no download or shazam for v3', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const panel = await openPanel(run, loreUrl(S.list, S.cover(2)));
    const { page } = panel;
    await page.setViewportSize({ width: 360, height: 1400 });
    const text = await waitForText(page, ['Versions', /3 versions/], 45_000);
    expectNoErrorDump(text);
    const ledger = page.locator('#ll-b-ledger');
    await expect.poll(() => ledger.locator('.ll-vsum').count(), { timeout: 20_000 }).toBe(3);
    await catchCopies(page);
    const [v1, v2, v3] = [0, 1, 2].map((i) => ledger.locator('.ll-vsum').nth(i));

    // v3 lacks 2/4: neither the download nor b4 shazam, and it says which patch is missing
    expect(await v3!.getByRole('button', { name: /^Download/ }).count()).toBe(0);
    expect(await v3!.getByRole('button', { name: 'Copy b4 shazam' }).count()).toBe(0);
    expect(await v3!.innerText()).toContain('No download: 2/4 is not in the archive.');
    expect(await v2!.getByRole('button', { name: 'Copy b4 shazam' }).count()).toBe(1);
    // v2 1/3 came without Bob's review of v1, though the patch did not change
    expect(await v2!.innerText()).toMatch(/Dropped by the author, patch unchanged since v1 \(still counted\):\s*1\/3 Reviewed-by: Bob Reviewer <bob@example\.org>/);
    await ledger.screenshot({ path: join(SHOTS, 'series-am-tools-light.png') });
    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);

    // Download v2 (with Link:) and git am it here
    await v2!.getByLabel('with Link:').check();
    const file = await download(page, () => v2!.getByRole('button', { name: 'Download v2 .mbx' }).click());
    expect(file.name).toBe('v2_20240308_alice_mm_frob_make_the_frobnicator_faster.mbx');
    await waitForText(page, [/Saved v2_20240308_alice_mm_frob_make_the_frobnicator_faster\.mbx: 3 patches, 8 trailers added/], 10_000);
    const mails = file.text.split(/^From git@z Thu Jan {2}1 00:00:00 1970\n/m).filter(Boolean);
    expect(mails).toHaveLength(3);
    {
      const base = baseTree(mails);
      if (typeof base === 'string') throw new Error(base);
      const repo = tempRepo(requireTool(git, 'git'));
      try {
        for (const [p, f] of base.files) repo.write(p, f.content);
        repo.commit('base');
        writeFileSync(join(repo.dir, 'v2.mbx'), file.text);
        repo.git('am', 'v2.mbx');
        const commits = repo.git('log', '--reverse', '--format=%s%n%b%x00', '-3').split('\0').map((c) => c.trim()).filter(Boolean);
        const link = (n: number): string => `Link: https://patch.msgid.link/${S.patch(2, n)}`;
        expect(commits).toEqual([
          `${S.titles[0]}\n${S.titles[0]} for the faster frobnicator.\n\nSigned-off-by: ${S.author}\nReviewed-by: ${S.bob}\nAcked-by: ${S.carol}\n${link(1)}`,
          // Bob's review of v1 2/3 is stale: the patch changed since
          `${S.titles[1]}\n${S.titles[1]} for the faster frobnicator.\n\nSigned-off-by: ${S.author}\nAcked-by: ${S.carol}\n${link(2)}`,
          `${S.titles[2]}\n${S.titles[2]} for the faster frobnicator.\n\nSigned-off-by: ${S.author}\nTested-by: ${S.mark}\nAcked-by: ${S.carol}\n${link(3)}`,
        ]);
      } finally {
        repo.done();
      }
    }
    // the cover, apart
    const cover = await download(page, () => v2!.getByRole('button', { name: 'Save the cover letter' }).click());
    expect(cover.name).toBe('v2_20240308_alice_mm_frob_make_the_frobnicator_faster.cover');
    expect(cover.text).toMatch(/^Subject: \[PATCH v2 0\/3\] mm\/frob: make the frobnicator faster\n/);

    // copy per version: every trailer, then only the new ones, grouped by patch
    await v2!.getByRole('button', { name: 'Copy trailers' }).click();
    await v2!.getByRole('button', { name: 'Copy new trailers' }).click();
    await expect.poll(async () => (await copied(page)).length, { timeout: 5000 }).toBe(2);
    const [all, fresh] = await copied(page);
    expect(all).toBe(
      [`# 1/3 ${S.titles[0]}`, `Signed-off-by: ${S.author}`, `Reviewed-by: ${S.bob}`, `Acked-by: ${S.carol}`, `# 2/3 ${S.titles[1]}`, `Signed-off-by: ${S.author}`, `Acked-by: ${S.carol}`, `# 3/3 ${S.titles[2]}`, `Signed-off-by: ${S.author}`, `Tested-by: ${S.mark}`, `Acked-by: ${S.carol}`, ''].join('\n'),
    );
    expect(fresh).toBe([`# every patch (3)`, `Acked-by: ${S.carol}`, `# 1/3 ${S.titles[0]}`, `Reviewed-by: ${S.bob}`, `# 3/3 ${S.titles[2]}`, `Tested-by: ${S.mark}`, ''].join('\n'));
    expect(await v1!.getByRole('button', { name: 'Copy new trailers' }).count()).toBe(1);

    // copy per patch: v2 3/3's cell
    await ledger.locator('table.ll-matrix tbody td button[title^="v2, patch 3,"]').click();
    const detail = page.locator('.ll-cell-detail');
    await expect.poll(() => detail.count(), { timeout: 10_000 }).toBe(1);
    await detail.getByRole('button', { name: 'Copy trailers' }).click();
    await detail.getByRole('button', { name: 'Copy new' }).click();
    await expect.poll(async () => (await copied(page)).length, { timeout: 5000 }).toBe(4);
    expect((await copied(page)).slice(2)).toEqual([`Signed-off-by: ${S.author}\nTested-by: ${S.mark}\nAcked-by: ${S.carol}\n`, `Tested-by: ${S.mark}\nAcked-by: ${S.carol}\n`]);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(overflow).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'series-am-light.png'), fullPage: true });
    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'series-am-dark.png'), fullPage: true });
    await ledger.screenshot({ path: join(SHOTS, 'series-am-tools-dark.png') });
    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);
    expect(panel.errors).toEqual([]);
    await panel.close();
  }, 180_000);
});
