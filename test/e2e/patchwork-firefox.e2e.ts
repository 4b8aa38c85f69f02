/**
 * Patchwork's checks (issue 18, optional) in Firefox ESR over WebDriver BiDi, with the built
 * add-on (dist/firefox): the same series in public-inbox-httpd as lore.kernel.org and the same
 * recorded patchwork v3.1.3 as patchwork.kernel.org as patchwork.e2e.ts (the front on
 * 127.0.0.1:443, which Firefox needs), held to the same checks (rig/patchwork-checks.ts):
 * - off by default: the matrix is drawn, patchwork.kernel.org is asked nothing;
 * - switched on in Options by a trusted click: the options page is reached by navigating the
 *   add-on's own panel tab (BiDi cannot open a moz-extension:// URL; the lore page's control
 *   opens that tab). Firefox's permission doorhanger lives in the browser's chrome where BiDi
 *   cannot reach; the profile sets `extensions.webextOptionalPermissionPrompts` false, Firefox's
 *   own switch that answers it "Allow" (what a reader clicks), as dig-firefox.e2e.ts does;
 * - the matrix: the ⚑ on the failing patches, every cell's checks, each version's line, a
 *   cell's list, one lookup and one checks list per patch; a reopen asks nothing (Firefox's
 *   IndexedDB holds them).
 * - a day later a 429 with Retry-After is waited out; offline two days later the cached checks
 *   are shown with the failed refresh said. BiDi reaches no background page, so its clock is
 *   moved from an add-on tab (`advanceBackgroundClock`, rig/firefox-pages.ts) kept open while
 *   it is ahead; the offline panel is a tab opened while the lore page could still be reached.
 * Screenshots at 360 px in light (in $LISTLENS_SHOTS), axe-core. Not dark: a second Firefox
 * profile for it would double the run for CSS both browsers share (Chromium shoots it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxRun } from './rig/browsers.ts';
import { openFirefoxPanel, type Drive } from './rig/drive.ts';
import { advanceBackgroundClock } from './rig/firefox-pages.ts';
import { SHOTS, startFirefoxRig, stopFirefoxRig } from './rig/ext.ts';
import { checkMatrix, checkOff, checkOffline, checkRateLimitWaited, checkReopen, patchworkSetup, PW_PAGE, switchOnInOptions, type PatchworkSetup } from './rig/patchwork-checks.ts';
import type { Rig } from './rig/rig.ts';

const PREFIX = 'patchwork-firefox';
const PATTERN = 'https://patchwork.kernel.org/*';

/** Whether the add-on holds `PATTERN` now, asked from one of its pages; `withdraw` first removes it. */
function granted(d: Drive, withdraw = false): Promise<boolean> {
  return d.evaluate(
    async ({ pattern, withdraw }) => {
      const { permissions } = (globalThis as unknown as { browser: { permissions: { contains(p: object): Promise<boolean>; remove(p: object): Promise<boolean> } } }).browser;
      if (withdraw) await permissions.remove({ origins: [pattern] });
      return permissions.contains({ origins: [pattern] });
    },
    { pattern: PATTERN, withdraw },
  );
}

describe("patchwork's checks in Firefox ESR", () => {
  let rig: Rig;
  let ff: FirefoxRun;
  let setup: PatchworkSetup;
  /** The add-on's panel tab, opened by the lore page's control (which is closed then). */
  const open = async (): Promise<Drive> => {
    const { drive, tab } = await openFirefoxPanel(ff, PW_PAGE);
    await tab.close();
    return drive;
  };
  /** The options page in an add-on tab (reached from the panel tab the lore page's control opens): asks the worker nothing. */
  const optionsTab = async (): Promise<Drive> => {
    const d = await open();
    await d.goto(new URL('options.html', await d.evaluate(() => location.href, null)).href);
    return d;
  };
  /** Runs `fn` with the background's clock `ms` ahead, moved from an add-on tab that stays open meanwhile (advanceBackgroundClock). */
  const later = async (ms: number, fn: () => Promise<void>): Promise<void> => {
    const keeper = await optionsTab();
    const undo = await advanceBackgroundClock(keeper, ms);
    try {
      await fn();
    } finally {
      await undo();
      await keeper.close();
    }
  };

  beforeAll(async () => {
    setup = await patchworkSetup();
    // Firefox's own "answer the optional-permission prompt Allow" (see the module comment)
    ({ rig, ff } = await startFirefoxRig({ inboxes: setup.inboxes }, { prefs: { 'extensions.webextOptionalPermissionPrompts': false } }));
    setup.attach(rig);
  }, 180_000);
  afterAll(async () => {
    await stopFirefoxRig({ rig, ff });
    await setup?.done();
  });

  it('off by default, then switched on in Options by a click: nothing is asked of patchwork.kernel.org before', async () => {
    const panel = await open();
    await checkOff(panel, rig);
    await panel.close();
    const d = await optionsTab();
    // the manifest's host is granted at install; withdrawn (as about:addons → Permissions
    // lets a reader do), the click's request is really put to Firefox and answered by it
    expect(await granted(d, true)).toBe(false);
    await switchOnInOptions(d, rig, SHOTS, PREFIX);
    expect(await granted(d)).toBe(true);
    await d.close();
  }, 90_000);

  it('the matrix: ⚑ on the failing patches, every cell in words, each version line, a cell lists its checks; a reopen asks nothing', async () => {
    const d = await open();
    await checkMatrix(d, rig, SHOTS, PREFIX);
    await d.close();
    await checkReopen(open, rig);
  }, 120_000);

  it('a day later a 429 with Retry-After is waited out, then the checks come; no lookup again', async () => {
    await later(25 * 3600_000, () => checkRateLimitWaited(open, rig));
  }, 120_000);

  it('offline the cached checks are shown, the failed refresh said beside them', async () => {
    // opened while the lore page can still be reached, then parked until the archive is down
    const d = await optionsTab();
    const panel = new URL(`panel.html?url=${encodeURIComponent(PW_PAGE)}`, await d.evaluate(() => location.href, null)).href;
    try {
      await later(50 * 3600_000, async () => {
        await rig.goOffline();
        await d.goto(panel);
        await checkOffline(d, SHOTS, PREFIX);
      });
    } finally {
      await rig.goOnline();
      await d.close();
    }
  }, 150_000);
});
