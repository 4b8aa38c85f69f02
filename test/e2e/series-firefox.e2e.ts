/**
 * The series views in Firefox ESR (issue 17): dist/firefox over WebDriver BiDi against the same
 * public-inbox-httpd and generated 6-version, 30-patch series as series-matrix.e2e.ts, with the
 * same checks (rig/matrix-checks.ts): the matrix at 360 px (v6's order and n/N, one line per
 * title, header and title column in view while it scrolls, changed after review, the
 * keyboard), the interdiff's unwrapped coloured lines, the wide view from the cache. The panel
 * is the add-on's own tab, opened by the lore page's control (BiDi cannot open
 * moz-extension:// URLs itself). Screenshots in test-results/series-matrix/firefox/; axe-core
 * in light and dark (dark: a second Firefox started with its dark-pages pref, since BiDi has no
 * media emulation).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/corpus.ts';
import { launchFirefox, type FirefoxRun } from './rig/browsers.ts';
import { firefoxDrive, firefoxPageWith, openFirefoxPanel } from './rig/drive.ts';
import { startFirefoxRig, stopFirefoxRig } from './rig/ext.ts';
import { checkChangedAfterReview, checkInterdiff, checkKeyboard, checkRows, checkSchemes, checkSticky, checkWide, MATRIX_SERIES, matrixSeriesMbox, seriesOracle, settled } from './rig/matrix-checks.ts';
import { loreUrl, type Rig } from './rig/rig.ts';

const SHOTS = join(repoRoot, 'test-results', 'series-matrix', 'firefox');

describe('the series views in Firefox ESR', () => {
  let rig: Rig;
  let ff: FirefoxRun;
  let tmp: string;
  const mbox = matrixSeriesMbox();
  const oracle = seriesOracle(mbox);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'listlens-matrix-ff-'));
    writeFileSync(join(tmp, 'series.mbox'), mbox);
    ({ rig, ff } = await startFirefoxRig({ inboxes: [{ name: MATRIX_SERIES.list, address: MATRIX_SERIES.address, files: [join(tmp, 'series.mbox')] }] }));
  }, 180_000);
  afterAll(async () => {
    await stopFirefoxRig({ rig, ff });
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("the matrix at 360 px, changed after review, the keyboard, the interdiff, the wide view", async () => {
    const { drive: d, tab } = await openFirefoxPanel(ff, loreUrl(MATRIX_SERIES.list, MATRIX_SERIES.cover(MATRIX_SERIES.versions)));
    await d.viewport(360, 800);
    await settled(d, MATRIX_SERIES.versions);
    const height = await checkRows(d, oracle);
    console.log(`[e2e report] Firefox: the 6-version, 30-patch matrix at 360 px, table ${height} px tall`);
    await checkSchemes(d, SHOTS, 'matrix');
    await checkSticky(d);
    await d.screenshot(join(SHOTS, 'matrix-scrolled.png'));
    await checkChangedAfterReview(d, oracle);
    await checkKeyboard(d, SHOTS);
    await d.screenshot(join(SHOTS, 'matrix-cell-detail.png'));
    await checkInterdiff(d, SHOTS);
    expect(d.errors).toEqual([]);

    rig.front.log.length = 0;
    const before = new Set(await ff.browser.pages());
    await d.click('#ll-b-ledger a.ll-matrix-wide');
    const w = firefoxDrive(await firefoxPageWith(ff, 'view=series', before));
    await checkWide(w, oracle, SHOTS);
    expect(rig.front.log.filter((e) => e.url.startsWith(`/${MATRIX_SERIES.list}/`)).map((e) => e.url)).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.close();
    await d.close();
    await tab.close();
  }, 240_000);

  it('in dark mode: the matrix, its wide view, axe', async () => {
    await ff.close();
    ff = await launchFirefox({ dark: true });
    const { drive: d, tab } = await openFirefoxPanel(ff, loreUrl(MATRIX_SERIES.list, MATRIX_SERIES.cover(MATRIX_SERIES.versions)), 'dark');
    await d.viewport(360, 800);
    await settled(d, MATRIX_SERIES.versions);
    expect(await d.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches, null)).toBe(true);
    await checkRows(d, oracle);
    await checkSchemes(d, SHOTS, 'matrix');
    await checkInterdiff(d, SHOTS, 'interdiff-dark');
    const before = new Set(await ff.browser.pages());
    await d.click('#ll-b-ledger a.ll-matrix-wide');
    const w = firefoxDrive(await firefoxPageWith(ff, 'view=series', before), 'dark');
    await checkWide(w, oracle, SHOTS);
    expect([...d.errors, ...w.errors]).toEqual([]);
    await w.close();
    await d.close();
    await tab.close();
  }, 240_000);
});
