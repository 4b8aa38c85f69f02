/**
 * The built extension (dist/chrome) in real Chromium against the real public-inbox-httpd under
 * the real hostname lore.kernel.org (issue 4): detection, the panel's content by visible text,
 * navigation from the tree, offline reopen from the cache, a bot challenge, 429 and an unknown
 * Message-ID. Each scenario uses its own thread so the cache of one cannot answer for another.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.ts';
import { AUTH_COOKIE } from './rig/anubis.ts';
import type { ChromiumRun } from './rig/browsers.ts';
import { advanceWorkerClock, expectNoErrorDump, openPanel, sidePanelOptions, tabIdFor, visibleText, waitForText, startChromiumRig, stopChromiumRig } from './rig/ext.ts';
import { BLUETOOTH, CIFS, PESLOUAN, POWERPC, QUORUM, SEED, SEMICOLONS, BUG_ON_INPUT, UNKNOWN_MID, VFP, X86 } from './rig/mail.ts';
import { loreUrl, type Rig } from './rig/rig.ts';

const MBOX = /\/t\.mbox\.gz(\?|$)/;
const midPart = (mid: string): string => mid.split('@')[0] as string;

describe.skipIf(!corpusDir)('ListLens in Chromium on lore.kernel.org', () => {
  let rig: Rig;
  let run: ChromiumRun;

  beforeAll(async () => ({ rig, run } = await startChromiumRig()));
  afterAll(() => stopChromiumRig({ rig, run }));

  it('the content script recognises a lore message page and the side panel is enabled for that tab only', async () => {
    expect(run.extensionId).toMatch(/^[a-p]{32}$/);
    const sw = run.sw;
    if (!sw) throw new Error('no extension service worker');
    const page = await run.ctx.newPage();
    const url = loreUrl(SEED.list, SEED.mid);
    await page.goto(url);
    const tabId = await tabIdFor(sw, page);
    await expect.poll(() => sidePanelOptions(sw, tabId), { timeout: 15_000 }).toMatchObject({ enabled: true });
    expect((await sidePanelOptions(sw, tabId)).path ?? 'panel.html').toContain('panel.html');

    // A page on a host ListLens knows, but which is no archive page: no panel there.
    const other = await run.ctx.newPage();
    const otherUrl = 'https://lwn.net/Articles/1000000/';
    await other.goto(otherUrl);
    const otherTab = await tabIdFor(sw, other);
    await other.waitForLoadState('load');
    expect((await sidePanelOptions(sw, otherTab)).enabled).not.toBe(true);
    await other.close();
    await page.close();
  });

  it('the panel shows the seed message with its missing ancestors as ghosts, quotes folded until toggled', async () => {
    const archiveTab = await run.ctx.newPage();
    await archiveTab.goto(loreUrl(SEED.list, SEED.mid));
    const panel = await openPanel(run, loreUrl(SEED.list, SEED.mid));
    const { page } = panel;
    const text = await waitForText(page, [SEED.subject, SEED.author, /not in the archive/i, 'Proprietary GPU driver vendors', new RegExp(`this message\\s*\\n[^\\n]*${SEED.subject}`)]);
    expectNoErrorDump(text);
    // The deepest quote (Andrew Morton's words, four levels down) starts folded.
    expect(text).not.toContain(SEED.deepQuoteLine);
    const toggle = page.getByText(/quoted line/i);
    expect(await toggle.count()).toBeGreaterThan(0);
    expect(text).toMatch(new RegExp(`quoted lines?[^\\n]*${SEED.quotedAuthor}`, 'i'));
    // Unfold until the deep line shows (nested quotes may fold inside each other).
    for (let i = 0; i < 6 && !(await visibleText(page)).includes(SEED.deepQuoteLine); i++) {
      const closed = page.locator('[aria-expanded="false"], details:not([open]) > summary').filter({ hasText: /quoted line/i });
      const n = await closed.count();
      if (n === 0) break;
      for (let k = 0; k < n; k++) await closed.first().click();
    }
    await waitForText(page, [SEED.deepQuoteLine], 5000);
    expect(panel.errors).toEqual([]);
    await panel.close();
    await archiveTab.close();
  });

  it('the panel shows the 44-patch series: participants with their trailers, the series and the tree', async () => {
    const url = loreUrl(SEMICOLONS.list, SEMICOLONS.cover);
    const archiveTab = await run.ctx.newPage();
    await archiveTab.goto(url);
    const panel = await openPanel(run, url);
    // Addresses are shown, not only names: a reviewer copies them into Cc.
    const text = await waitForText(panel.page, [SEMICOLONS.subject, SEMICOLONS.author, 'Mark Brown', /<broonie@/, 'David Miller', 'Randy Dunlap', /Acked-by/i, /44/, 'mm/hugetlb.c']);
    expectNoErrorDump(text);
    expect(await panel.page.getByRole('treeitem').count()).toBeGreaterThanOrEqual(90);
    // shown at reading size, not a screen-reader-only 1 px box
    const address = await panel.page.getByText('<broonie@opensource.wolfsonmicro.com>').first().boundingBox();
    expect(address?.width).toBeGreaterThan(100);
    expect(panel.errors).toEqual([]);
    await panel.close();
    await archiveTab.close();
  });

  it('the panel shows the other versions of a series found by searching the archive (v1, v2, v3)', async () => {
    const url = loreUrl(QUORUM.list, QUORUM.v3);
    const archiveTab = await run.ctx.newPage();
    await archiveTab.goto(url);
    const panel = await openPanel(run, url);
    // The v3 thread holds v3 alone: v1 and v2 can only come from the search (and their threads).
    const text = await waitForText(panel.page, [QUORUM.subject, QUORUM.author, 'Versions', /3 versions/]);
    expectNoErrorDump(text);
    const pills = panel.page.locator('#ll-b-ledger .ll-vsum .ll-version-open');
    await expect.poll(() => pills.allInnerTexts(), { timeout: 20_000 }).toEqual(['v1', 'v2', 'v3']);
    const titles = await pills.evaluateAll((bs) => bs.map((b) => b.getAttribute('title')));
    expect(titles.slice(0, 2)).toEqual([expect.stringContaining(`[PATCH] ${QUORUM.subject}`), expect.stringContaining(`[PATCH v2] ${QUORUM.subject}`)]);
    // the header counts what the Versions section shows
    expect(await panel.page.locator('.ll-counts').innerText()).toContain('3 versions');
    expect(panel.errors).toEqual([]);
    await panel.close();
    await archiveTab.close();
  });

  it('a click on a tree item, and arrows then Enter, navigate the archive tab to that message', async () => {
    const url = loreUrl(SEMICOLONS.list, SEMICOLONS.cover);
    const archiveTab = await run.ctx.newPage();
    await archiveTab.goto(url);
    const panel = await openPanel(run, url);
    await waitForText(panel.page, ['mm/hugetlb.c']);
    const pagesAt = (needle: string): string[] => run.ctx.pages().map((p) => p.url()).filter((u) => u.startsWith('https://lore.kernel.org/') && u.includes(needle));

    const item = panel.page.getByRole('treeitem').filter({ hasText: 'mm/hugetlb.c' }).first();
    await item.click();
    await expect.poll(() => pagesAt(midPart(SEMICOLONS.hugetlb)), { timeout: 15_000 }).not.toEqual([]);

    const before = new Set(run.ctx.pages().map((p) => p.url()));
    const other = panel.page.getByRole('treeitem').filter({ hasText: 'drivers/gpio' }).first();
    await other.focus();
    const label = async (): Promise<string> => panel.page.evaluate(() => `${document.activeElement?.getAttribute('role')}|${document.activeElement?.textContent ?? ''}`);
    expect(await label()).toMatch(/^treeitem\|.*drivers\/gpio/);
    // Arrows move the focus through the tree (on the next frame); ghosts cannot be opened, so go
    // on down to a real message.
    let current = await label();
    for (let i = 0; i < 5 && (i === 0 || /not in the archive/.test(current)); i++) {
      const from = current;
      await panel.page.keyboard.press('ArrowDown');
      await expect.poll(label).not.toBe(from);
      current = await label();
      expect(current).toMatch(/^treeitem\|/);
    }
    expect(current).not.toMatch(/not in the archive|drivers\/gpio/);
    await panel.page.keyboard.press('Enter');
    await expect
      .poll(() => run.ctx.pages().map((p) => p.url()).filter((u) => u.startsWith('https://lore.kernel.org/') && !before.has(u) && !u.includes(midPart(SEMICOLONS.hugetlb))), { timeout: 15_000 })
      .not.toEqual([]);
    expect(panel.errors).toEqual([]);
    await panel.close();
    for (const p of run.ctx.pages()) if (p.url().startsWith('https://lore.kernel.org/')) await p.close();
  });

  it('a thread seen once reopens from the cache with the archive down, marked offline', async () => {
    const sw = run.sw;
    if (!sw) throw new Error('no extension service worker');
    const url = loreUrl(BUG_ON_INPUT.list, BUG_ON_INPUT.mid);
    const first = await openPanel(run, url);
    await waitForText(first.page, [BUG_ON_INPUT.subject, BUG_ON_INPUT.author, PESLOUAN]);
    await first.close();
    await rig.goOffline();
    // An hour later (the worker's clock only): the cached thread is due for a refresh, which
    // must fail against the stopped archive. Within b4's 10 minutes it would not even try.
    const restoreClock = await advanceWorkerClock(sw, 3_600_000);
    try {
      const again = await openPanel(run, url);
      const text = await waitForText(again.page, [BUG_ON_INPUT.subject, PESLOUAN, /cached/i, /offline/i]);
      expectNoErrorDump(text);
      expect(again.errors).toEqual([]);
      await again.close();
    } finally {
      await restoreClock();
      await rig.goOnline();
    }
  });

  // Anubis up to v1.26 sets a plain cookie; v1.27+ sets it Partitioned (CHIPS), which an
  // extension's own fetches do not carry. Either way a reader who passed must get the thread.
  for (const [partitioned, mail] of [[false, VFP], [true, BLUETOOTH]] as const) {
    it(`behind an Anubis challenge (${partitioned ? 'Partitioned' : 'plain'} cookie), a reader who passed it on the page gets the thread`, async () => {
      await run.ctx.clearCookies();
      rig.front.reset();
      rig.front.anubis.partitioned = partitioned;
      rig.front.rules = [{ kind: 'challenge', path: /^\// }];
      const url = loreUrl(mail.list, mail.mid);
      const archiveTab = await run.ctx.newPage();
      await archiveTab.goto(url);
      // The challenge page solves itself and comes back to the message, with the auth cookie.
      await archiveTab.waitForURL((u) => u.pathname.includes(midPart(mail.mid)) && !u.pathname.includes('anubis'));
      await expect.poll(() => archiveTab.title()).toContain(mail.subject);
      expect((await run.ctx.cookies('https://lore.kernel.org/')).map((c) => c.name)).toContain(AUTH_COOKIE);

      const panel = await openPanel(run, url);
      const text = await waitForText(panel.page, [mail.subject, mail.author]);
      expectNoErrorDump(text);
      const fetches = rig.front.requests(MBOX);
      console.log(`[e2e report] t.mbox.gz behind the challenge, ${partitioned ? 'Partitioned' : 'plain'} cookie:`, JSON.stringify(fetches.map((f) => ({ ua: f.userAgent.slice(0, 40), authed: f.authed, outcome: f.outcome, status: f.status }))));
      expect(fetches.some((f) => f.outcome === 'proxy' && f.status === 200)).toBe(true);
      expect(panel.errors).toEqual([]);
      await panel.close();
      await archiveTab.close();
      rig.front.reset();
      rig.front.anubis.partitioned = false;
    });
  }

  // The way through that works in Chromium (see the report lines): the extension's honest
  // User-Agent, which Anubis' default policy lets by without any cookie.
  it('with no cookie at all, the extension gets through Anubis\' default policy with an honest User-Agent', async () => {
    await run.ctx.clearCookies();
    rig.front.reset();
    rig.front.rules = [{ kind: 'challenge', path: MBOX }];
    const panel = await openPanel(run, loreUrl(X86.list, X86.mid));
    const text = await waitForText(panel.page, [X86.subject, X86.replier]);
    const fetches = rig.front.requests(MBOX);
    console.log('[e2e report] honest UA without cookie:', JSON.stringify(fetches.map((f) => ({ ua: f.userAgent, outcome: f.outcome, status: f.status }))));
    const through = fetches.filter((f) => f.outcome === 'proxy' && f.status === 200);
    expect(through.length).toBeGreaterThan(0);
    expect(through[0]?.userAgent).toMatch(/^ListLens\//);
    expect(through[0]?.authed).toBe(false);
    expectNoErrorDump(text);
    expect(panel.errors).toEqual([]);
    await panel.close();
    rig.front.reset();
  });

  it('when the archive challenges every client, the panel says so clearly and never reads the page as mail', async () => {
    await run.ctx.clearCookies();
    rig.front.reset();
    rig.front.rules = [{ kind: 'challenge', path: /\/(t\.mbox\.gz|raw|t\.atom)(\?|$)|[?&]x=[mA]/, policy: 'everyone' }];
    const panel = await openPanel(run, loreUrl(CIFS.list, CIFS.mid));
    const text = await waitForText(panel.page, [/challenge|bot check|Anubis|not a bot/i]);
    expectNoErrorDump(text);
    expect(rig.front.requests(MBOX).some((f) => f.outcome === 'challenge')).toBe(true);
    // The challenge HTML never becomes a message: no thread of it, no markup shown as text.
    expect(text).not.toContain('anubis_challenge');
    expect(text).not.toMatch(/<script|<title>/);
    expect(text).not.toContain(CIFS.replier);
    expect(panel.errors).toEqual([]);
    await panel.close();
    rig.front.reset();
  });

  it('a 429 with Retry-After is honoured: one retry after the wait, then the thread', async () => {
    rig.front.reset();
    rig.front.rules = [{ kind: 'rate-limit', path: MBOX, count: 1, retryAfter: 2 }];
    const panel = await openPanel(run, loreUrl(POWERPC.list, POWERPC.mid));
    const text = await waitForText(panel.page, [POWERPC.subject, POWERPC.author, POWERPC.replier]);
    expectNoErrorDump(text);
    const fetches = rig.front.requests(MBOX);
    console.log('[e2e report] 429 sequence:', JSON.stringify(fetches.map((f) => ({ at: f.at - (fetches[0]?.at ?? 0), status: f.status }))));
    expect(fetches[0]?.status).toBe(429);
    const ok = fetches.findIndex((f) => f.status === 200);
    expect(ok).toBeGreaterThan(0);
    // Honouring Retry-After: no request for the path came sooner than the server asked.
    for (const f of fetches.slice(1)) expect(f.at - (fetches[0]?.at ?? 0)).toBeGreaterThanOrEqual(1900);
    expect(fetches.length).toBeLessThanOrEqual(3);
    expect(panel.errors).toEqual([]);
    await panel.close();
    rig.front.reset();
  });

  it('on a T/ thread page the message in view comes from its #m<sha1> anchor; a list index shows list-level state', async () => {
    const sha1 = createHash('sha1').update(SEMICOLONS.hugetlb).digest('hex');
    const url = `${loreUrl(SEMICOLONS.list, SEMICOLONS.cover, 'T/')}#m${sha1}`;
    const tab = await run.ctx.newPage();
    await tab.goto(url);
    const panel = await openPanel(run, url);
    const text = await waitForText(panel.page, [SEMICOLONS.subject, new RegExp(`this message\\s*\\n[^\\n]*${SEMICOLONS.hugetlbSubject}`)]);
    expectNoErrorDump(text);
    expect(panel.errors).toEqual([]);
    await panel.close();

    const index = 'https://lore.kernel.org/lkml/';
    await tab.goto(index);
    const list = await openPanel(run, index);
    // Names the list and says what the page is; no thread, and no error.
    const listText = await waitForText(list.page, [/\blkml\b/, /not a message|no thread|open a message/i]);
    expectNoErrorDump(listText);
    expect(listText).not.toMatch(/not in the archive|does not have this message/i);
    expect(list.errors).toEqual([]);
    await list.close();
    await tab.close();
  });

  it('a public-inbox mirror under a path prefix (yhbt.net/lore/all/) is recognised and shows its thread', async () => {
    const sw = run.sw;
    if (!sw) throw new Error('no extension service worker');
    const url = `https://yhbt.net/lore/all/${QUORUM.v2}/`;
    const tab = await run.ctx.newPage();
    await tab.goto(url);
    const tabId = await tabIdFor(sw, tab);
    await expect.poll(() => sidePanelOptions(sw, tabId), { timeout: 15_000 }).toMatchObject({ enabled: true });
    const panel = await openPanel(run, url);
    const text = await waitForText(panel.page, [QUORUM.subject, QUORUM.author]);
    expectNoErrorDump(text);
    expect(rig.front.requests(MBOX, 'yhbt.net').some((f) => f.url.startsWith('/lore/') && f.status === 200)).toBe(true);
    expect(panel.errors).toEqual([]);
    await panel.close();
    await tab.close();
  });

  it('an unknown Message-ID (public-inbox answers 300) gives a clear "not in the archive" message', async () => {
    const url = loreUrl('lkml', UNKNOWN_MID);
    const archiveTab = await run.ctx.newPage();
    const resp = await archiveTab.goto(url);
    expect(resp?.status()).toBe(300);
    const panel = await openPanel(run, url);
    const text = await waitForText(panel.page, [/not in the archive|not found|no such message|does not have this message/i]);
    expectNoErrorDump(text);
    expect(panel.errors).toEqual([]);
    await panel.close();
    await archiveTab.close();
  });
});
