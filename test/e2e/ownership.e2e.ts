/**
 * Whose ack is missing and what bots found (issue 18), in real Chromium with the built
 * extension: public-inbox-httpd serves, as lore.kernel.org, a crafted series (v1 and v2 in
 * one thread: a maintainer's ack on 1/3, the kernel test robot's build error on v1 2/3,
 * syzbot ci's WARNING on both versions); a Node HTTP server serves a MAINTAINERS file as
 * git.kernel.org's cgit `plain/MAINTAINERS` (the rig's front maps the host to it, as the dig
 * e2e maps cgit). Checked:
 * - nothing is fetched from git.kernel.org before the reader switches MAINTAINERS on in
 *   Options (the host's permission granted), and the options say which copy they hold;
 * - the matrix: per patch "acked" and "waiting on …" (a sign and the words in its label),
 *   the version line, "waiting on you" for the reader's own entry, the build error on v1's
 *   patch 2 and the WARNING on v1 and v2 ("first reported on v1");
 * - offline (archive and git web down), the cached copy is used; a day later its failed
 *   refresh is said beside it.
 * axe-core finds no serious or critical violation; screenshots at 360 px, light and dark,
 * land in $LISTLENS_SHOTS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumRun } from './rig/browsers.ts';
import { axeSerious } from './rig/drive.ts';
import { advanceWorkerClock, allowHosts, liveWorker, expectNoErrorDump, openPanel, SHOTS, startChromiumRig, stopChromiumRig, waitForText } from './rig/ext.ts';
import { loreUrl, type Rig } from './rig/rig.ts';
import { bob, mark, mbox, posting, reply, type Mail } from '../fixtures/model/series-mail.ts';

const PATH = '/pub/scm/linux/kernel/git/torvalds/linux.git/plain/MAINTAINERS';

const FILE = `List of maintainers
-------------------

MEMORY MANAGEMENT
M:\t${mark.name} <${mark.address}>
R:\t${bob.name} <${bob.address}>
L:\tlinux-mm@kvack.org
S:\tMaintained
F:\tmm/

DOCUMENTATION
M:\tJon Docs <jon@docs.example>
S:\tOdd Fixes
F:\tDocumentation/

THE REST
M:\tLinus Torvalds <torvalds@linux-foundation.org>
F:\t*
F:\t*/
`;

const three: Array<[string, string, string]> = [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'b'],
  ['docs: document frob', 'Documentation/frob.rst', 'c'],
];
const v1 = posting('own1', 1, 1, 'mm: make frobnication faster', three);
const v2 = posting('own2', 2, 6, 'mm: make frobnication faster', [three[0]!, ['mm: use frob helper', 'mm/use.c', 'b2'], three[2]!], { replyTo: v1[0]!.id });
const syz = (id: string, to: Mail, version: number): Mail => ({
  id,
  from: { name: 'syzbot ci', address: 'syzbot+ci0a1b2c3d4e5f6a7b@syzkaller.appspotmail.com' },
  subject: `[syzbot ci] Re: mm: make frobnication faster`,
  date: to.date,
  replyTo: to.id,
  body: `syzbot ci has tested the following series\n\n[v${version}] mm: make frobnication faster\nhttps://lore.kernel.org/all/${to.id}\n* ${to.subject}\n\nand found the following issue:\nWARNING in folio_memcg\n\nFull report is available here:\nhttps://ci.syzbot.org/series/${id.split('@')[0]}\n\n***\n\nIf these findings have caused you to resend the series or submit a\nseparate fix, please add the following tag to your commit message:\n  Tested-by: syzbot@syzkaller.appspotmail.com\n`,
});
const lkp: Mail = {
  id: '202401011200.own-lkp@intel.com',
  from: { name: 'kernel test robot', address: 'lkp@intel.com' },
  subject: `Re: ${v1[2]!.subject}`,
  date: v1[2]!.date,
  replyTo: v1[2]!.id,
  body: `Hi Alice,\n\nkernel test robot noticed the following build errors:\n\npatch link:    https://lore.kernel.org/r/${v1[2]!.id.replace('@', '%40')}\npatch subject: ${v1[2]!.subject}\n\n| Reported-by: kernel test robot <lkp@intel.com>\n| Closes: https://lore.kernel.org/oe-kbuild-all/202401011200.own-lkp@intel.com/\n\nAll errors (new ones prefixed by >>):\n\n>> mm/use.c:3:1: error: implicit declaration of function 'frob_get'\n`,
};
const THREAD = [...v1, reply('own-ack', v1[1]!, mark, 2, `Acked-by: ${mark.name} <${mark.address}>`), lkp, syz('own-syz1@google.com', v1[0]!, 1), ...v2, syz('own-syz2@google.com', v2[0]!, 2)];

describe('MAINTAINERS ownership and bot findings in Chromium', () => {
  let rig: Rig;
  let run: ChromiumRun;
  let tmp: string;
  let git: Server;
  const served: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'listlens-ownership-e2e-'));
    const file = join(tmp, 'thread.mbox');
    writeFileSync(file, mbox(THREAD));
    git = createServer((req, res) => {
      served.push(req.url ?? '');
      if (req.url === PATH) {
        res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8' });
        res.end(FILE);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('no\n');
      }
    });
    await new Promise<void>((r) => git.listen(0, '127.0.0.1', r));
    ({ rig, run } = await startChromiumRig({ inboxes: [{ name: 'linux-mm', address: 'linux-mm@kvack.org', files: [file] }] }));
    rig.front.backends.set('git.kernel.org', `http://127.0.0.1:${(git.address() as AddressInfo).port}`);
  }, 180_000);
  afterAll(async () => {
    await stopChromiumRig({ rig, run });
    await new Promise<void>((r) => (git ? git.close(() => r()) : r()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('off by default: the matrix has no ownership and nothing is asked of git.kernel.org', async () => {
    const panel = await openPanel(run, loreUrl('linux-mm', v2[0]!.id));
    await waitForText(panel.page, ['Versions', /2 versions/], 45_000);
    await expect.poll(() => panel.page.locator('#ll-b-ledger .ll-finding').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await panel.page.locator('.ll-owners').count()).toBe(0);
    expect(served).toEqual([]);
    expect(panel.errors).toEqual([]);
    await panel.close();
  });

  it('switched on in Options: the host granted, the copy fetched and said, my address saved', async () => {
    await allowHosts(run, ['https://git.kernel.org/*']);
    const opts = await run.ctx.newPage();
    await opts.setViewportSize({ width: 360, height: 1400 });
    await opts.goto(`chrome-extension://${run.extensionId}/options.html`);
    await waitForText(opts, [/MAINTAINERS/, /Show whose ack is missing/]);
    const box = opts.getByRole('checkbox', { name: /Show whose ack is missing/ });
    expect(await box.isChecked()).toBe(false);
    await box.click();
    await expect.poll(() => box.isChecked(), { timeout: 10_000 }).toBe(true);
    await waitForText(opts, [/Ownership on: ListLens reads git\.kernel\.org/, /copy of \d{4}-\d\d-\d\d \d\d:\d\d .*, 3 entries/], 20_000);
    expect(served).toEqual([PATH]);
    const section = opts.locator('section[aria-labelledby="ll-opt-maintainers"]');
    await section.getByLabel('My addresses').fill('jon@docs.example');
    await section.getByRole('button', { name: 'Save' }).click();
    await waitForText(opts, [/What waits on jon@docs\.example is marked/]);
    mkdirSync(SHOTS, { recursive: true });
    await section.screenshot({ path: join(SHOTS, 'ownership-options-light.png') });
    expect(await axeSerious(opts, 'section[aria-labelledby="ll-opt-maintainers"]')).toEqual([]);
    await opts.emulateMedia({ colorScheme: 'dark' });
    await section.screenshot({ path: join(SHOTS, 'ownership-options-dark.png') });
    expect(await axeSerious(opts, 'section[aria-labelledby="ll-opt-maintainers"]')).toEqual([]);
    await opts.close();
  });

  it('the matrix: acked and waiting per patch, the version line, waiting on me, findings on the right version', async () => {
    const panel = await openPanel(run, loreUrl('linux-mm', v2[0]!.id));
    const { page } = panel;
    await page.setViewportSize({ width: 360, height: 1400 });
    const text = await waitForText(page, ['Versions', /2 versions/, /subsystems acked/], 45_000);
    expectNoErrorDump(text);
    const ledger = page.locator('#ll-b-ledger');
    const labels = await ledger.locator('table.ll-matrix tbody td button').evaluateAll((bs) => bs.map((b) => b.getAttribute('title') ?? ''));
    const own = labels.map((l) => /MAINTAINERS: ([^;]*(?:; waiting on you)?)/.exec(l)?.[1] ?? '');
    // rows by versions: 1/3 acked by Mark on v1, carried to the unchanged v2; 2/3 changed in v2: waiting again
    expect(own).toEqual([
      'MEMORY MANAGEMENT: acked by Mark Maintainer [Maintained]',
      'MEMORY MANAGEMENT: acked by Mark Maintainer [Maintained]',
      'waiting on MEMORY MANAGEMENT (M: Mark Maintainer) [Maintained]',
      'waiting on MEMORY MANAGEMENT (M: Mark Maintainer) [Maintained]',
      'waiting on DOCUMENTATION (M: Jon Docs) [Odd Fixes]; waiting on you',
      'waiting on DOCUMENTATION (M: Jon Docs) [Odd Fixes]; waiting on you',
    ]);
    expect(await ledger.locator('table.ll-matrix tbody .ll-owner-sign').allInnerTexts()).toEqual(['◆', '◆', '◇', '◇', '◇', '◇']);
    // the build error sits on v1's 2/3 only
    expect(labels.map((l) => /bot findings: ([^;]*)/.exec(l)?.[1] ?? '')).toEqual(['', '', "build error: build error: implicit declaration of function 'frob_get'", '', '', '']);
    const sums = ledger.locator('.ll-vsum');
    expect(await sums.nth(1).locator('.ll-owners summary').innerText()).toBe('Waiting on you: 0 of 2 subsystems acked; waiting on MEMORY MANAGEMENT (M: Mark Maintainer), DOCUMENTATION (M: Jon Docs)');
    expect(await sums.nth(1).locator('.ll-owners-copy').innerText()).toMatch(/^MAINTAINERS from git\.kernel\.org, \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const f1 = await sums.nth(0).locator('.ll-finding').allInnerTexts();
    expect(f1.join('\n')).toMatch(/WARNING in folio_memcg — syzbot ci on the version, .*; reported again on v2/);
    expect(f1.join('\n')).toMatch(/build error: implicit declaration of function 'frob_get' — kernel test robot on 2\/3/);
    expect(await sums.nth(1).locator('.ll-finding').allInnerTexts()).toEqual([expect.stringMatching(/WARNING in folio_memcg — syzbot ci on the version, .*; first reported on v1/)]);
    expect(await sums.nth(1).locator('.ll-finding-again').innerText()).toBe('v1 WARNING in folio_memcg — reported again on v2');
    expect(await ledger.locator('thead th').allInnerTexts()).toEqual(['Patch (n/3)', expect.stringMatching(/^v1⚑/), expect.stringMatching(/^v2⚑/)]);
    // a cell's detail: its entries and its findings
    await ledger.locator('table.ll-matrix tbody tr').nth(1).locator('td button').first().click();
    await waitForText(page, [/waiting on MEMORY MANAGEMENT \(M: Mark Maintainer\) \[Maintained\]/, /implicit declaration of function 'frob_get'/]);
    expect(served).toEqual([PATH]);
    mkdirSync(SHOTS, { recursive: true });
    await sums.nth(1).locator('.ll-owners summary').click();
    await page.screenshot({ path: join(SHOTS, 'ownership-matrix-light.png'), fullPage: true });
    await ledger.screenshot({ path: join(SHOTS, 'ownership-versions-light.png') });
    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'ownership-matrix-dark.png'), fullPage: true });
    await ledger.screenshot({ path: join(SHOTS, 'ownership-versions-dark.png') });
    expect(await axeSerious(page, '#ll-b-ledger')).toEqual([]);
    expect(panel.errors).toEqual([]);
    await panel.close();
  }, 120_000);

  it('offline the cached copy is used; a day later its failed refresh is said beside it', async () => {
    served.length = 0;
    await rig.goOffline();
    try {
      // within the thread's refresh time: the cache alone, the copy held
      const panel = await openPanel(run, loreUrl('linux-mm', v2[0]!.id));
      await waitForText(panel.page, [/cached at/, /subsystems acked/], 45_000);
      expect(await panel.page.locator('#ll-b-ledger .ll-owner-sign').count()).toBe(6);
      expect(await panel.page.locator('.ll-owners-problem').count()).toBe(0);
      await panel.close();
      const sw = await liveWorker(run);
      const undo = await advanceWorkerClock(sw, 25 * 3600_000);
      try {
        const later = await openPanel(run, loreUrl('linux-mm', v2[0]!.id));
        await waitForText(later.page, [/offline/i, /subsystems acked/, /the last refresh .* failed: git\.kernel\.org could not be reached/], 45_000);
        expect(await later.page.locator('#ll-b-ledger .ll-owner-sign').count()).toBe(6);
        await later.page.setViewportSize({ width: 360, height: 1400 });
        await later.page.screenshot({ path: join(SHOTS, 'ownership-offline-light.png'), fullPage: true });
        expect(later.errors).toEqual([]);
        await later.close();
      } finally {
        await undo();
      }
    } finally {
      await rig.goOnline();
    }
    expect(served).toEqual([]);
  }, 150_000);
});
