/**
 * A slow link (issue 8): the built extension in Chromium, with the thread's t.mbox.gz served
 * at 12 KB/s by the test front. The panel must show the page's own message (subject, author,
 * its text) while the thread is still arriving, with the download's total in the progress,
 * and the whole tree once it has arrived. Each run clears ListLens' cache so the thread comes
 * from the network again; LISTLENS_SLOWLINK_RUNS=n repeats it and logs the times (the
 * measurement; nothing here asserts a time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.ts';
import type { ChromiumRun } from './rig/browsers.ts';
import { expectNoErrorDump, openPanel, startChromiumRig, stopChromiumRig, visibleText } from './rig/ext.ts';
import { SEMICOLONS } from './rig/mail.ts';
import { loreUrl, type Rig } from './rig/rig.ts';

const MBOX = /\/t\.mbox\.gz(\?|$)/;
const RATE = 12 * 1024;
/** A line of the cover letter's own text. */
const COVER_LINE = 'ya trivial series';
const RUNS = Math.max(1, Number(process.env.LISTLENS_SLOWLINK_RUNS ?? 1));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe.skipIf(!corpusDir)('ListLens in Chromium on a slow link', () => {
  let rig: Rig;
  let run: ChromiumRun;

  beforeAll(async () => ({ rig, run } = await startChromiumRig()));
  afterAll(() => stopChromiumRig({ rig, run }));

  it('shows the page\'s message before the thread has arrived, then the whole tree', async () => {
    const url = loreUrl(SEMICOLONS.list, SEMICOLONS.cover);
    const toPreview: number[] = [];
    const toTree: number[] = [];
    let size = 0;
    for (let i = 0; i < RUNS; i++) {
      rig.front.reset();
      rig.front.rules = [{ kind: 'throttle', path: MBOX, bytesPerSecond: RATE }];
      const panel = await openPanel(run, 'about:blank');
      // Each run from the network: the cache of the run before must not answer.
      await panel.page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'clear-cache' }));
      const t0 = Date.now();
      await panel.page.goto(panelUrlFor(panel.page.url(), url));
      // The preview: subject, author and the message's own text, while the mbox is still being sent.
      let seen = '';
      let mboxDone = true;
      let tree = -1;
      let share: string | null = null;
      const end = Date.now() + 60_000;
      while (Date.now() < end) {
        seen = await visibleText(panel.page);
        if (seen.includes(COVER_LINE) && seen.includes(SEMICOLONS.author) && seen.includes(SEMICOLONS.subject)) {
          mboxDone = rig.front.requests(MBOX).every((e) => e.status !== 0);
          tree = await panel.page.getByRole('treeitem').count();
          share = await panel.page.locator('progress.ll-progress-bar').first().getAttribute('value').catch(() => null);
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const tPreview = Date.now() - t0;
      expect(seen, 'the page\'s message never showed').toContain(COVER_LINE);
      expect(rig.front.requests(MBOX).length, 'the thread was asked for').toBeGreaterThan(0);
      expect(mboxDone, 'the preview came only after the whole thread').toBe(false);
      expect(tree, 'the tree was already complete when the preview showed').toBeLessThan(90);
      // The archive's answer carried a Content-Length: the bar shows a share of it.
      expect(share, 'the progress bar had no total').not.toBeNull();
      expect(seen).toMatch(/ of \d+(\.\d+)? KB/);
      expectNoErrorDump(seen);
      // Then the whole thread: the tree, and the cover letter read in the conversation view.
      await expect.poll(() => panel.page.getByRole('treeitem').count(), { timeout: 90_000, interval: 100 }).toBeGreaterThanOrEqual(90);
      const tTree = Date.now() - t0;
      await expect.poll(() => visibleText(panel.page), { timeout: 30_000 }).toContain(COVER_LINE);
      expect(rig.front.requests(/\/raw$/).length, 'the preview came from the message\'s /raw').toBe(1);
      expect(panel.errors).toEqual([]);
      size = Number(/ of (\d+(?:\.\d+)?) KB/.exec(seen)?.[1] ?? 0);
      toPreview.push(tPreview);
      toTree.push(tTree);
      await panel.close();
    }
    // The floor: the announced size at the throttled rate, the least any whole-thread view can take.
    console.log(`[slowlink] ${RUNS} run(s) at ${RATE / 1024} KB/s, t.mbox.gz ${size} KB (floor ${Math.round((size * 1024 * 1000) / RATE)} ms): preview ${toPreview.join(', ')} ms (median ${median(toPreview)}); whole tree ${toTree.join(', ')} ms (median ${median(toTree)})`);
  }, 120_000 + RUNS * 90_000);
});

/** The panel page's own URL for another archive page (same extension origin). */
function panelUrlFor(current: string, archiveUrl: string): string {
  const u = new URL(current);
  u.search = `?url=${encodeURIComponent(archiveUrl)}`;
  return u.toString();
}
