/**
 * Patchwork's checks (issue 18, optional), in real Chromium with the built extension:
 * public-inbox-httpd serves, as lore.kernel.org, v1 and v2 of a 3-patch series on linux-mm
 * (test/fixtures/patchwork/series.ts); a Node server answers as patchwork.kernel.org with a
 * real patchwork's recorded REST answers for those very patches (test/helpers/
 * patchwork-server.ts), behind the rig's front. Checked:
 * - off by default: the matrix is drawn and nothing is asked of patchwork.kernel.org;
 * - switched on in Options (the host's permission requested from the click; the manifest's
 *   patchwork host is granted already, as the other e2e grant theirs);
 * - the matrix: the ⚑ on the failing patches only, every cell's checks in its label, each
 *   version's line, a cell's detail listing each check; one lookup and one checks list per
 *   patch, and a reopen asks nothing;
 * - a day later a 429 with Retry-After is waited out, then the checks come (no lookup again);
 * - offline (archive and patchwork down), the cached checks are shown and the failed refresh said.
 * axe-core finds no serious or critical violation; screenshots at 360 px, light and dark,
 * land in $LISTLENS_SHOTS.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPatchworkServer, type PatchworkServer } from '../helpers/patchwork-server.ts';
import type { ChromiumRun } from './rig/browsers.ts';
import { axeSerious } from './rig/drive.ts';
import { advanceWorkerClock, expectNoErrorDump, openPanel, SHOTS, startChromiumRig, stopChromiumRig, waitForText } from './rig/ext.ts';
import { loreUrl, type Rig } from './rig/rig.ts';
import { mbox } from '../fixtures/model/series-mail.ts';
import { THREAD, V2 } from '../fixtures/patchwork/series.ts';

const PW = 'patchwork.kernel.org';

const V1_LINE = 'patchwork: 1 fail (netdev/build_clang), 1 warning, 4 success';
const V2_LINE = 'patchwork: 1 fail (netdev/build_clang), 1 pending, 7 success';

describe("patchwork's checks in Chromium", () => {
  let rig: Rig;
  let run: ChromiumRun;
  let tmp: string;
  let pw: PatchworkServer;
  const asked = (what: RegExp = /./): string[] => rig.front.log.filter((e) => e.host === PW && what.test(e.url)).map((e) => `${e.status} ${e.url}`);

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'listlens-patchwork-e2e-'));
    const file = join(tmp, 'thread.mbox');
    writeFileSync(file, mbox(THREAD));
    pw = await startPatchworkServer(`https://${PW}`);
    ({ rig, run } = await startChromiumRig({ inboxes: [{ name: 'linux-mm', address: 'linux-mm@kvack.org', files: [file] }] }));
    rig.front.backends.set(PW, pw.origin);
  }, 180_000);
  afterAll(async () => {
    await stopChromiumRig({ rig, run });
    await pw?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('off by default: the matrix is drawn, nothing is asked of patchwork.kernel.org', async () => {
    const panel = await openPanel(run, loreUrl('linux-mm', V2[0]!.id));
    await waitForText(panel.page, ['Versions', /2 versions/], 45_000);
    await expect.poll(() => panel.page.locator('#ll-b-ledger table.ll-matrix tbody td button').count(), { timeout: 20_000 }).toBe(6);
    // the panel asked the worker (the matrix is open); the worker asked nobody
    await new Promise((r) => setTimeout(r, 1500));
    expect(await panel.page.locator('.ll-checks').count()).toBe(0);
    expect(asked()).toEqual([]);
    expect(panel.errors).toEqual([]);
    await panel.close();
  }, 90_000);

  it('switched on in Options: the switch asks for the host, then says what is read', async () => {
    const opts = await run.ctx.newPage();
    await opts.setViewportSize({ width: 360, height: 1400 });
    await opts.goto(`chrome-extension://${run.extensionId}/options.html`);
    await waitForText(opts, [/Patchwork checks/, /Show patchwork's checks in the matrix/]);
    const box = opts.getByRole('checkbox', { name: /Show patchwork's checks in the matrix/ });
    expect(await box.isChecked()).toBe(false);
    await box.click();
    await expect.poll(() => box.isChecked(), { timeout: 10_000 }).toBe(true);
    await waitForText(opts, [/Patchwork checks on: ListLens reads patchwork\.kernel\.org while a series' matrix is open/]);
    expect(asked()).toEqual([]);
    const section = opts.locator('section[aria-labelledby="ll-opt-patchwork"]');
    mkdirSync(SHOTS, { recursive: true });
    await section.screenshot({ path: join(SHOTS, 'patchwork-options-light.png') });
    expect(await axeSerious(opts, 'section[aria-labelledby="ll-opt-patchwork"]')).toEqual([]);
    await opts.emulateMedia({ colorScheme: 'dark' });
    await section.screenshot({ path: join(SHOTS, 'patchwork-options-dark.png') });
    expect(await axeSerious(opts, 'section[aria-labelledby="ll-opt-patchwork"]')).toEqual([]);
    await opts.close();
  });

  it('the matrix: ⚑ on the failing patches, every cell in words, each version line, a cell lists its checks', async () => {
    const panel = await openPanel(run, loreUrl('linux-mm', V2[0]!.id));
    const { page } = panel;
    await page.setViewportSize({ width: 360, height: 1400 });
    const text = await waitForText(page, ['Versions', /2 versions/, V1_LINE, V2_LINE], 45_000);
    expectNoErrorDump(text);
    const ledger = page.locator('#ll-b-ledger');
    const cells = ledger.locator('table.ll-matrix tbody td button');
    const labels = await cells.evaluateAll((bs) => bs.map((b) => b.getAttribute('title') ?? ''));
    expect(labels.map((l) => /patchwork: [^;]*/.exec(l)?.[0] ?? '')).toEqual([
      'patchwork: 1 warning, 2 success',
      'patchwork: 3 success',
      'patchwork: 1 fail (netdev/build_clang), 2 success',
      'patchwork: 1 fail (netdev/build_clang), 1 pending, 1 success',
      'patchwork: no checks',
      'patchwork: 3 success',
    ]);
    expect(await cells.evaluateAll((bs) => bs.map((b) => (b.querySelector('.ll-finding-flag') ? '⚑' : '')))).toEqual(['', '', '⚑', '⚑', '', '']);
    expect(await ledger.locator('.ll-vsum .ll-checks-summary').allInnerTexts()).toEqual([`✗ ${V1_LINE}`, `✗ ${V2_LINE}`]);
    // one lookup and one checks list per patch, newest version first
    expect(asked(/msgid=/)).toHaveLength(6);
    expect(asked(/msgid=/)[0]).toMatch(/^200 \/api\/1\.2\/patches\/\?msgid=pw2-/);
    expect(asked(/\/checks\//)).toHaveLength(6);
    // honestly named, as every request of the worker
    expect(new Set(rig.front.log.filter((e) => e.host === PW).map((e) => e.userAgent.replace(/\/.*/, '')))).toEqual(new Set(['ListLens']));
    // v1 2/3: the failure, the recheck that passed, a link per check
    await ledger.locator('table.ll-matrix tbody tr').nth(1).locator('td button').first().click();
    const detail = ledger.locator('.ll-cell-checks');
    await expect.poll(() => detail.locator('li').allInnerTexts(), { timeout: 10_000 }).toEqual([
      expect.stringMatching(/^✗ fail netdev\/build_clang: Errors and warnings before: 0 this patch: 2 — Jan 1/),
      expect.stringMatching(/^✓ success bpf-ci\/vmtest-bpf-next: Logs for vmtest-bpf-next \(recheck\) — Jan 1/),
      expect.stringMatching(/^✓ success netdev\/checkpatch: total: 0 errors/),
    ]);
    expect(await detail.locator('a').first().getAttribute('href')).toBe('https://patchwork.kernel.org/project/linux-mm/patch/pw1-2@example.org/');
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'patchwork-matrix-light.png'), fullPage: true });
    await ledger.screenshot({ path: join(SHOTS, 'patchwork-versions-light.png') });
    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'patchwork-matrix-dark.png'), fullPage: true });
    await ledger.screenshot({ path: join(SHOTS, 'patchwork-versions-dark.png') });
    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);
    expect(panel.errors).toEqual([]);
    await panel.close();
    // a reopen within their time asks nothing: the checks come from the cache
    rig.front.log.length = 0;
    const again = await openPanel(run, loreUrl('linux-mm', V2[0]!.id));
    await waitForText(again.page, [V1_LINE, V2_LINE], 45_000);
    expect(asked()).toEqual([]);
    await again.close();
  }, 150_000);

  it('a day later a 429 with Retry-After is waited out, then the checks come; no lookup again', async () => {
    rig.front.log.length = 0;
    rig.front.rules = [{ kind: 'rate-limit', path: /\/checks\//, count: 1, retryAfter: 1 }];
    const sw = run.ctx.serviceWorkers()[0]!;
    const undo = await advanceWorkerClock(sw, 25 * 3600_000);
    try {
      const panel = await openPanel(run, loreUrl('linux-mm', V2[0]!.id));
      await waitForText(panel.page, [V1_LINE, V2_LINE], 45_000);
      await expect.poll(() => asked(/\/checks\//).length, { timeout: 30_000 }).toBe(7);
      const lists = asked(/\/checks\//);
      expect(lists.filter((l) => l.startsWith('429 '))).toHaveLength(1);
      const refused = lists.find((l) => l.startsWith('429 '))!.slice(4);
      expect(lists).toContain(`200 ${refused}`);
      expect(asked(/msgid=/)).toEqual([]);
      await expect.poll(() => panel.page.locator('p.ll-checks[role=status]').count(), { timeout: 20_000 }).toBe(0);
      expect(panel.errors).toEqual([]);
      await panel.close();
    } finally {
      rig.front.rules = [];
      await undo();
    }
  }, 120_000);

  it('offline the cached checks are shown, the failed refresh said beside them', async () => {
    const sw = run.ctx.serviceWorkers()[0]!;
    await rig.goOffline();
    const undo = await advanceWorkerClock(sw, 50 * 3600_000);
    try {
      const panel = await openPanel(run, loreUrl('linux-mm', V2[0]!.id));
      await panel.page.setViewportSize({ width: 360, height: 1400 });
      await waitForText(panel.page, [/offline/i, V1_LINE, V2_LINE, /a patch's last refresh failed: patchwork\.kernel\.org could not be reached/], 60_000);
      expect(await panel.page.locator('#ll-b-ledger table.ll-matrix tbody .ll-finding-flag').count()).toBe(2);
      mkdirSync(SHOTS, { recursive: true });
      await panel.page.screenshot({ path: join(SHOTS, 'patchwork-offline-light.png'), fullPage: true });
      await panel.page.emulateMedia({ colorScheme: 'dark' });
      await panel.page.screenshot({ path: join(SHOTS, 'patchwork-offline-dark.png'), fullPage: true });
      expect(await axeSerious(panel.page, '#ll-b-ledger')).toEqual([]);
      expect(panel.errors).toEqual([]);
      await panel.close();
    } finally {
      await undo();
      await rig.goOnline();
    }
  }, 150_000);
});
