/**
 * The built extension (dist/firefox) in Firefox ESR over WebDriver BiDi, on lore.kernel.org under
 * its real name: content script → worker → panel page.
 *
 * BiDi refuses to navigate a tab to a moz-extension:// URL, and a web page may not either, but a
 * tab the extension opened itself can be driven, and may navigate within the extension. So the
 * test clicks the content script's in-page "ListLens" control on the message page (a trusted
 * click, as a reader's), which must ask the worker to open panel.html?url=<page> in a tab.
 */
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.ts';
import type { FirefoxRun } from './rig/browsers.ts';
import { expectNoErrorDump, startFirefoxRig, stopFirefoxRig } from './rig/ext.ts';
import { BUG_ON_INPUT, PESLOUAN, SEED, X86 } from './rig/mail.ts';
import { loreUrl, type Rig } from './rig/rig.ts';
import { extensionPage, waitForFirefoxText } from './rig/firefox-pages.ts';

describe.skipIf(!corpusDir)('ListLens in Firefox ESR on lore.kernel.org', () => {
  let rig: Rig;
  let ff: FirefoxRun;

  beforeAll(async () => {
    ({ rig, ff } = await startFirefoxRig());
  });
  afterAll(() => stopFirefoxRig({ rig, ff }));

  it('content script → worker → panel page: the page control opens the panel, which shows the thread', async () => {
    expect(ff.addonId).toBeTruthy();
    const tab = await ff.browser.newPage();
    const errors: string[] = [];
    await tab.goto(loreUrl(SEED.list, SEED.mid));
    // The content script's control: a link or button named for ListLens.
    const handle = await tab.waitForFunction(() => {
      const els = [...document.querySelectorAll('a, button, [role="button"]')];
      return els.find((e) => /ListLens/i.test(`${e.textContent} ${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`)) ?? null;
    }, { timeout: 15_000 }).catch(() => null);
    const control = handle?.asElement() as ElementHandle<Element> | null | undefined;
    if (!control) throw new Error('the content script put no "ListLens" control on the lore message page (needed to open the panel in Firefox)');
    await control.click();

    const panel = await extensionPage(ff);
    panel.on('pageerror', (e) => errors.push(String(e)));
    const href = await panel.evaluate(() => location.href);
    expect(decodeURIComponent(href)).toContain(SEED.mid);
    const text = await waitForFirefoxText(panel, [SEED.subject, SEED.author, /not in the archive/i]);
    expectNoErrorDump(text);
    expect(text).not.toContain(SEED.deepQuoteLine);

    // The extension page may navigate within the extension: a second thread, fetched and gunzipped by the worker.
    await panel.evaluate((u) => {
      location.href = `panel.html?url=${encodeURIComponent(u)}`;
    }, loreUrl(BUG_ON_INPUT.list, BUG_ON_INPUT.mid));
    const second = await waitForFirefoxText(panel, [BUG_ON_INPUT.subject, PESLOUAN]);
    expectNoErrorDump(second);
    const fetches = rig.front.requests(/\/t\.mbox\.gz(\?|$)/);
    console.log('[e2e report] Firefox t.mbox.gz User-Agents:', JSON.stringify([...new Set(fetches.map((f) => f.userAgent))]));
    expect(fetches.filter((e) => e.status === 200).length).toBeGreaterThanOrEqual(2);

    // Behind Anubis' default policy, without any cookie: the worker's own request must get through.
    rig.front.reset();
    rig.front.rules = [{ kind: 'challenge', path: /\/t\.mbox\.gz(\?|$)/ }];
    await panel.evaluate((u) => {
      location.href = `panel.html?url=${encodeURIComponent(u)}`;
    }, loreUrl(X86.list, X86.mid));
    const third = await waitForFirefoxText(panel, [new RegExp(`${X86.replier}|challenge|bot check|Anubis`, 'i')]);
    const behind = rig.front.requests(/\/t\.mbox\.gz(\?|$)/);
    console.log('[e2e report] Firefox behind the challenge:', JSON.stringify(behind.map((f) => ({ ua: f.userAgent, outcome: f.outcome }))));
    expectNoErrorDump(third);
    expect(third).toContain(X86.replier);
    expect(behind.some((f) => f.outcome === 'proxy' && f.status === 200)).toBe(true);
    rig.front.reset();
    expect(errors).toEqual([]);
    await tab.close();
  });
});
