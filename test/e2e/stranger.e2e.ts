/**
 * Issue 16, "The ledger believes a stranger", tried as an attacker would, end to end: the
 * attacker's mail (test/fixtures/model/stranger-mail.ts: Alice's v8 and v9, Mallory's
 * `[PATCH v10]` of the same title replying to the v9 cover with pasted trailers, "Applied to
 * mm-stable, thanks!" from a random address, a Reviewed-by in Andrew Morton's name from an
 * address his history never used, Eve's v10 linking v9) served by a real public-inbox-httpd
 * under lore.kernel.org, read by the built extension in real Chromium:
 * - the v9 page: only versions in Alice's name are versions (v8 found by v9's link), no b4
 *   shazam of the stranger's; Mallory's v10 is listed apart, "posted by Mallory Poster, not the
 *   series author"; the v10 in Alice's name from an address hers never used is a column marked
 *   @, "posted from … an address not seen before for Alice Author"; v9 "says applied to
 *   mm-stable (unverified)" and no cell has a ✓; 3/3's cell is marked @ and its detail says the
 *   Reviewed-by was sent from an address not seen before for Andrew Morton, and that the
 *   "applied" is unverified;
 * - Mallory's page: her posting is a series of its own that "claims to continue" Alice's v9.
 * axe-core finds no serious or critical violation; screenshots at 360 px in light and dark land
 * in $LISTLENS_SHOTS (default: the OS temp dir) for a human to look at.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumRun } from './rig/browsers.ts';
import { axeSerious } from './rig/drive.ts';
import { expectNoErrorDump, openPanel, SHOTS, startChromiumRig, stopChromiumRig, waitForText } from './rig/ext.ts';
import { loreUrl, type Rig } from './rig/rig.ts';
import { mbox } from '../fixtures/model/series-mail.ts';
import { strangerMail } from '../fixtures/model/stranger-mail.ts';

describe("a stranger's mail in the series panel", () => {
  let rig: Rig;
  let run: ChromiumRun;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'listlens-stranger-e2e-'));
    const files = Object.entries(strangerMail()).map(([name, mails]) => {
      const f = join(tmp, `${name}.mbox`);
      writeFileSync(f, mbox(mails));
      return f;
    });
    ({ rig, run } = await startChromiumRig({ inboxes: [{ name: 'linux-mm', address: 'linux-mm@kvack.org', files }] }));
  }, 180_000);
  afterAll(async () => {
    await stopChromiumRig({ rig, run });
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the v9 page: the stranger\'s v10 apart, "says applied (unverified)" without ✓, the new address flagged', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const panel = await openPanel(run, loreUrl('linux-mm', 'v9-0@example.org'));
    const { page } = panel;
    await page.setViewportSize({ width: 360, height: 1300 });
    const ledger = page.locator('#ll-b-ledger');
    const settled = async (): Promise<boolean> =>
      page.evaluate(() => {
        const l = document.getElementById('ll-b-ledger');
        return !!l && !/Fetching other versions|Looking for other versions/.test(l.innerText) && l.querySelectorAll('.ll-vsum').length >= 3;
      });
    await expect.poll(settled, { timeout: 45_000, interval: 50 }).toBe(true);
    expectNoErrorDump(await page.locator('body').innerText());
    // versions in Alice's name only: v8 found by v9's changelog link; no column, no b4 shazam of a stranger's
    const block = ledger.locator('.ll-ledger').first();
    expect(await block.locator('.ll-vsum .ll-version-open').allInnerTexts()).toEqual(['v8', 'v9', 'v10']);
    expect(await block.locator('.ll-vsum-status').allInnerTexts()).toEqual(['0/3 reviewed, 1/3 acked', '3/3 reviewed, says applied to mm-stable (unverified)', '3/3 reviewed, 3/3 acked']);
    expect(await block.locator('.ll-vsum .ll-copy').evaluateAll((bs) => bs.map((b) => b.getAttribute('title') ?? '').filter((t) => t.startsWith('b4 shazam')))).toEqual(['b4 shazam v8-0@example.org', 'b4 shazam v9-0@example.org', 'b4 shazam alice-new-v10-0@example.org']);
    // v10 in her name from an address hers never used: marked @ on its column and in its summary
    expect(await block.locator('table.ll-matrix thead th').evaluateAll((ths) => ths.map((t) => t.textContent))).toEqual(['Patch (n/3)', 'v8', 'v9', 'v10@, posted from an address not seen before for its name']);
    expect(await block.locator('.ll-vsum-newaddr').allInnerTexts()).toEqual(['@ posted from alice.author@evil.example, an address not seen before for Alice Author (who wrote from alice@example.org)']);
    const apart = await block.locator('ul.ll-foreign[aria-label="Versions posted by another author"]').innerText();
    expect(apart).toMatch(/another author\s+v10 \[PATCH v10 0\/3\] mm: make frobnication faster/);
    expect(apart).toContain('posted by Mallory Poster <mallory@evil.example>, not the series author; tied only by reply; not merged');
    // no ✓ anywhere in the matrix; 3/3 of v9 marked @, in its words too
    const cells = block.locator('table.ll-matrix tbody td button');
    expect((await cells.allInnerTexts()).join(' ')).not.toContain('✓');
    const labels = await cells.evaluateAll((bs) => bs.map((b) => b.getAttribute('title') ?? ''));
    expect(labels.filter((l) => l.includes('a trailer from an address not seen before for its name'))).toEqual([expect.stringMatching(/^v9, patch 3, /), expect.stringMatching(/^v10, patch 3, /)]);
    expect(labels.filter((l) => l.startsWith('v9, ')).every((l) => l.endsWith('says applied (unverified)'))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'stranger-matrix-light.png'), fullPage: true });

    // the cell's detail: the first click opens the patch, the second shows the trailers
    const cell = block.locator('table.ll-matrix tbody td button[title^="v9, patch 3,"]');
    await cell.click();
    await expect.poll(settled, { timeout: 15_000 }).toBe(true);
    if (!(await page.locator('.ll-cell-detail').count())) await cell.click();
    await waitForText(page, [/Reviewed-by: Andrew Morton <akpm@linux-foundation\.org> \(new; sent from akpm\.reviews@evil\.example, an address not seen before for Andrew Morton \(who wrote from akpm@linux-foundation\.org\)\)/, /Says applied to mm-stable by Random Person <rando@random\.example>, 2024-01-13 \(unverified/], 15_000);
    expect(await page.locator('.ll-cell-detail .ll-trailer-newaddr').count()).toBe(1);
    expect(await page.locator('.ll-cell-detail .ll-cell-applied').count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(overflow).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'stranger-detail-light.png'), fullPage: true });
    await ledger.screenshot({ path: join(SHOTS, 'stranger-versions-light.png') });
    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'stranger-detail-dark.png'), fullPage: true });
    await ledger.screenshot({ path: join(SHOTS, 'stranger-versions-dark.png') });
    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);
    expect(panel.errors).toEqual([]);
    await panel.close();
  }, 180_000);

  it("the stranger's own page: her posting, a series of its own that claims to continue Alice's v9", async () => {
    const panel = await openPanel(run, loreUrl('linux-mm', 'mallory-v10-0@example.org'));
    const { page } = panel;
    await page.setViewportSize({ width: 360, height: 1000 });
    await waitForText(page, ['Versions', /claims to continue/], 45_000);
    const first = page.locator('#ll-b-ledger .ll-ledger').first();
    expect(await first.locator('.ll-vsum .ll-version-open').allInnerTexts()).toEqual(['v10']);
    const claims = await first.locator('ul.ll-foreign').innerText();
    expect(claims).toMatch(/claims to continue\s+v9 \[PATCH v9 0\/3\] mm: make frobnication faster/);
    expect(claims).toContain('by Alice Author <alice@example.org>, not this series\' author; tied only by reply; not merged');
    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);
    expect(panel.errors).toEqual([]);
    await panel.close();
  }, 120_000);
});
