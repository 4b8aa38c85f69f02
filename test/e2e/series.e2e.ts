/**
 * The series across versions in real Chromium (issues 10 and 11): the built extension against
 * public-inbox-httpd under lore.kernel.org, holding Patchew's quorum v1..v3 (real mail, each
 * version its own thread, the title changed between versions, a review of v1) and a reply
 * to v3 that lost its References. Opened from that reply at 360 px, the panel must show every
 * version, each version's patch present, the review carried forward, and the interdiff as
 * coloured text; axe-core finds no serious or critical violation in the new UI; screenshots
 * in light and dark land in $LISTLENS_SHOTS (default: the OS temp dir) for a human to look at.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { corpusDir, repoRoot } from '../helpers/corpus.ts';
import { launchChromium, CHROME_EXT, type ChromiumRun } from './rig/browsers.ts';
import { expectNoErrorDump, openPanel, requireBuild, waitForText } from './rig/ext.ts';
import { loreUrl, startRig, type Rig } from './rig/rig.ts';
import { derivedQuorum, REPLY } from './rig/series-inbox.ts';

const SHOTS = process.env.LISTLENS_SHOTS ?? join(tmpdir(), 'listlens-shots');

async function axeSerious(page: Page, selector: string): Promise<string[]> {
  // The panel's CSP forbids injected <script> tags; DevTools evaluation is not bound by it.
  await page.evaluate(readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8') + '\n;true');
  return page.evaluate(async (sel) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }> } }).axe;
    const r = await axe.run({ include: [[sel]] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
  }, selector);
}

describe.skipIf(!corpusDir)('the series matrix in Chromium', () => {
  let rig: Rig;
  let run: ChromiumRun;
  let tmp: string;

  beforeAll(async () => {
    requireBuild(CHROME_EXT);
    tmp = mkdtempSync(join(tmpdir(), 'listlens-series-e2e-'));
    rig = await startRig({ inboxes: [{ name: 'qemu-devel', address: 'qemu-devel@nongnu.org', files: derivedQuorum(tmp) }] });
    try {
      run = await launchChromium({ port: rig.port, spki: rig.spki });
    } catch (e) {
      await rig.dispose();
      throw e;
    }
  }, 180_000);
  afterAll(async () => {
    await run?.close();
    await rig?.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('opened from a reply that lost its References: every version, patches present, the review carried, the interdiff', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const panel = await openPanel(run, loreUrl('qemu-devel', REPLY));
    const { page } = panel;
    await page.setViewportSize({ width: 360, height: 1100 });
    const text = await waitForText(page, ['Versions', /3 versions/, 'Only patches without review'], 45_000);
    expectNoErrorDump(text);
    const ledger = page.locator('#ll-b-ledger');
    await expect.poll(() => ledger.locator('.ll-vsum').count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => ledger.innerText(), { timeout: 20_000 }).not.toMatch(/Fetching other versions/);
    const versions = await ledger.locator('.ll-vsum .ll-version-open').allInnerTexts();
    expect(versions).toEqual(['v1', 'v2', 'v3']);
    // One row (the one patch), present in every version, unchanged since v1, Rita's review carried
    const cells = ledger.locator('table.ll-matrix tbody td button');
    const labels = await cells.evaluateAll((bs) => bs.map((b) => b.getAttribute('title')));
    expect(labels).toEqual([
      expect.stringMatching(/^v1, patch 1, .*, new, 1 Reviewed-by/),
      expect.stringMatching(/^v2, patch 1, .*, unchanged, 1 Reviewed-by/),
      expect.stringMatching(/^v3, patch 1, .*, unchanged, 1 Reviewed-by/),
    ]);
    expect(labels.join(' ')).not.toMatch(/not in the archive|missing/);
    expect(await ledger.locator('.ll-vsum-diff').allInnerTexts()).toEqual(['1 unchanged', '1 unchanged']);
    // no nested scroll box: the matrix is as wide as the panel allows
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(overflow).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'series-matrix-light.png'), fullPage: true });

    // v3's cell: the patch is in this thread; its detail lists the trailers with their origin
    await cells.nth(2).click();
    await waitForText(page, [/Reviewed-by: Rita Reviewer <rita@example\.org> \(given on v1\)/, 'Interdiff from v2'], 10_000);
    await page.getByRole('button', { name: 'Interdiff from v2' }).click();
    await waitForText(page, [/Interdiff/, /message changed/], 15_000);
    // from v1 instead: the subject changed twice
    await page.locator('.ll-interdiff select').selectOption('1');
    await expect.poll(() => page.locator('.ll-interdiff .ll-diff-add').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const added = await page.locator('.ll-interdiff .ll-diff-add').first().innerText();
    expect(added).toMatch(/^\+.*only compile quorum when supported/);
    const colours = await page.locator('.ll-interdiff .ll-diff-add').first().evaluate((e) => getComputedStyle(e).color);
    await page.screenshot({ path: join(SHOTS, 'series-interdiff-light.png'), fullPage: true });

    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);

    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await page.locator('.ll-interdiff .ll-diff-add').first().evaluate((e) => getComputedStyle(e).color);
    expect(dark).not.toBe(colours);
    await page.screenshot({ path: join(SHOTS, 'series-interdiff-dark.png'), fullPage: true });
    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);

    // The reader takes v1 out by hand, then ties it back with its Message-ID: kept by the worker
    await page.emulateMedia({ colorScheme: 'light' });
    await ledger.locator('.ll-vsum').first().getByRole('button', { name: 'Unlink' }).click();
    await expect.poll(() => ledger.locator('.ll-vsum .ll-version-open').allInnerTexts(), { timeout: 15_000 }).toEqual(['v2', 'v3']);
    await ledger.getByLabel('Add a version by hand').fill('<20160628014747.20971-1-famz@redhat.com>');
    await ledger.getByRole('button', { name: 'Link', exact: true }).click();
    await expect.poll(() => ledger.locator('.ll-vsum .ll-version-open').allInnerTexts(), { timeout: 15_000 }).toEqual(['v1', 'v2', 'v3']);
    expect(panel.errors).toEqual([]);
    await panel.close();
  }, 180_000);
});
