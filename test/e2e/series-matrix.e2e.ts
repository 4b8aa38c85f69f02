/**
 * The series matrix at 360 px in Chromium (issue 17): dist/chrome against public-inbox-httpd
 * under lore.kernel.org, serving a generated 6-version, 30-patch series (bench/series-mail.ts,
 * each version its own thread, long titles and code lines). The checks (rig/matrix-checks.ts,
 * shared with the Firefox suite) compare the panel with the mail: v6's order and n/N, the
 * patches it lost after them, one line per title, the header and title column in view while
 * the matrix scrolls, "changed after review", the keyboard, the interdiff's unwrapped lines;
 * then the wide view ("Open in a tab") from the cache, with no request to the archive.
 * Screenshots of each state land in test-results/series-matrix/chromium/; axe-core in light
 * and dark finds nothing serious.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/corpus.ts';
import type { ChromiumRun } from './rig/browsers.ts';
import { chromiumDrive } from './rig/drive.ts';
import { panelUrl, startChromiumRig, stopChromiumRig } from './rig/ext.ts';
import { checkChangedAfterReview, checkInterdiff, checkKeyboard, checkRows, checkSchemes, checkSticky, checkWide, MATRIX_SERIES, matrixSeriesMbox, seriesOracle, settled } from './rig/matrix-checks.ts';
import { loreUrl, type Rig } from './rig/rig.ts';

const SHOTS = join(repoRoot, 'test-results', 'series-matrix', 'chromium');

describe('the series matrix at 360 px in Chromium', () => {
  let rig: Rig;
  let run: ChromiumRun;
  let tmp: string;
  const mbox = matrixSeriesMbox();
  const oracle = seriesOracle(mbox);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'listlens-matrix-e2e-'));
    writeFileSync(join(tmp, 'series.mbox'), mbox);
    ({ rig, run } = await startChromiumRig({ inboxes: [{ name: MATRIX_SERIES.list, address: MATRIX_SERIES.address, files: [join(tmp, 'series.mbox')] }] }));
  }, 180_000);
  afterAll(async () => {
    await stopChromiumRig({ rig, run });
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("v6's order and n/N, one line per title, the header in view, changed after review, the keyboard, the interdiff, the wide view", async () => {
    const page = await run.ctx.newPage();
    const d = chromiumDrive(page);
    await d.viewport(360, 800);
    await page.goto(panelUrl(run, loreUrl(MATRIX_SERIES.list, MATRIX_SERIES.cover(MATRIX_SERIES.versions))));
    await settled(d, MATRIX_SERIES.versions);
    const height = await checkRows(d, oracle);
    console.log(`[e2e report] the 6-version, 30-patch matrix at 360 px: table ${height} px tall (was 3,147 px for 33 patches), in a box of its own`);
    await checkSchemes(d, SHOTS, 'matrix');
    const sticky = await checkSticky(d);
    console.log(`[e2e report] scrolled ${sticky.down} px down${sticky.sideways ? ' and sideways' : ''}: header row and title column in view`);
    await d.screenshot(join(SHOTS, 'matrix-scrolled.png'));
    const changed = await checkChangedAfterReview(d, oracle);
    console.log(`[e2e report] changed after review in v6: ${changed.join(', ')}`);
    await checkKeyboard(d, SHOTS);
    await d.screenshot(join(SHOTS, 'matrix-cell-detail.png'));
    await checkInterdiff(d, SHOTS);
    expect(d.errors).toEqual([]);

    // The wide view, from the cache: no request reaches the archive.
    rig.front.log.length = 0;
    const [wide] = await Promise.all([run.ctx.waitForEvent('page'), page.locator('#ll-b-ledger a.ll-matrix-wide').click()]);
    expect(new URL(wide.url()).searchParams.get('view')).toBe('series');
    const w = chromiumDrive(wide);
    await checkWide(w, oracle, SHOTS);
    expect(rig.front.log.filter((e) => e.url.startsWith(`/${MATRIX_SERIES.list}/`)).map((e) => e.url)).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.close();
    await d.close();
  }, 180_000);
});
