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
 * land in $LISTLENS_SHOTS. The checks are rig/patchwork-checks.ts's, which the Firefox suite
 * (patchwork-firefox.e2e.ts) runs too; the worker's clock is moved here by `advanceWorkerClock`.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ChromiumRun } from './rig/browsers.ts';
import { chromiumDrive, type Drive } from './rig/drive.ts';
import { advanceWorkerClock, liveWorker, panelUrl, SHOTS, startChromiumRig, stopChromiumRig } from './rig/ext.ts';
import { checkMatrix, checkOff, checkOffline, checkRateLimitWaited, checkReopen, patchworkSetup, PW_PAGE, switchOnInOptions, type PatchworkSetup } from './rig/patchwork-checks.ts';
import type { Rig } from './rig/rig.ts';

describe("patchwork's checks in Chromium", () => {
  let rig: Rig;
  let run: ChromiumRun;
  let setup: PatchworkSetup;
  /** The panel for the series in a tab, its errors heard from before it loads. */
  const open = async (): Promise<Drive> => {
    const page = await run.ctx.newPage();
    const d = chromiumDrive(page);
    await page.goto(panelUrl(run, PW_PAGE));
    return d;
  };

  beforeAll(async () => {
    setup = await patchworkSetup();
    ({ rig, run } = await startChromiumRig({ inboxes: setup.inboxes }));
    setup.attach(rig);
  }, 180_000);
  afterAll(async () => {
    await stopChromiumRig({ rig, run });
    await setup?.done();
  });

  it('off by default: the matrix is drawn, nothing is asked of patchwork.kernel.org', async () => {
    const d = await open();
    await checkOff(d, rig);
    await d.close();
  }, 90_000);

  it('switched on in Options: the switch asks for the host, then says what is read', async () => {
    const page = await run.ctx.newPage();
    await page.goto(`chrome-extension://${run.extensionId}/options.html`);
    const d = chromiumDrive(page);
    await switchOnInOptions(d, rig, SHOTS, 'patchwork');
    await d.close();
  });

  it('the matrix: ⚑ on the failing patches, every cell in words, each version line, a cell lists its checks', async () => {
    const d = await open();
    await checkMatrix(d, rig, SHOTS, 'patchwork');
    await d.close();
    await checkReopen(open, rig);
  }, 150_000);

  it('a day later a 429 with Retry-After is waited out, then the checks come; no lookup again', async () => {
    const undo = await advanceWorkerClock(await liveWorker(run), 25 * 3600_000);
    try {
      await checkRateLimitWaited(open, rig);
    } finally {
      await undo();
    }
  }, 120_000);

  it('offline the cached checks are shown, the failed refresh said beside them', async () => {
    await rig.goOffline();
    const undo = await advanceWorkerClock(await liveWorker(run), 50 * 3600_000);
    try {
      const d = await open();
      await checkOffline(d, SHOTS, 'patchwork');
      await d.close();
    } finally {
      await undo();
      await rig.goOnline();
    }
  }, 150_000);
});
