/**
 * Issue 5 end to end: the hand-made pages of the other archives (test/e2e/pages, see its
 * README) served under their real hostnames, the built extension in Chromium. For each page the
 * content script must recognise it (the side panel is enabled for its tab), and the panel, popped
 * out for that page, must show the right thread from the test public-inbox. Pages that hide the
 * Message-ID can only be matched by a search, and the panel must say the match is not certain.
 * A pipermail page of a list no public-inbox carries shows its thread cut from the archive's
 * own month file (`.txt.gz`, hand-made, served by the test front).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.ts';
import type { ChromiumRun } from './rig/browsers.ts';
import { expectNoErrorDump, openPanel, sidePanelOptions, tabIdFor, waitForText, startChromiumRig, stopChromiumRig } from './rig/ext.ts';
import { loadRoutes } from './rig/front.ts';
import type { Rig } from './rig/rig.ts';

const pages = loadRoutes().filter((r) => r.file && r.messageId && r.subject);
/** What a panel says when it matched a thread by search rather than by Message-ID. */
const UNCERTAIN = /uncertain|not certain|not sure|best match|closest match|probabl|likely|may not be/i;
/** Archive masking (`@xxxxxxxxx`, `() host ! com`, `@...ches.com`, `-AT-`) never reaches the panel. */
const MASKED = /@x{3,}|\(\) [\w.-]+ ! |@\.\.\.|-AT-/;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!corpusDir)('ListLens on the other archives of the same lists (Chromium)', () => {
  let rig: Rig;
  let run: ChromiumRun;

  beforeAll(async () => ({ rig, run } = await startChromiumRig()));
  afterAll(() => stopChromiumRig({ rig, run }));

  for (const route of pages) {
    const url = `https://${route.host}${route.path}`;
    it(`${route.archive}: ${url} is recognised and the panel shows its thread`, async () => {
      const sw = run.sw;
      if (!sw) throw new Error('no extension service worker');
      const tab = await run.ctx.newPage();
      await tab.goto(url);
      const tabId = await tabIdFor(sw, tab);
      await expect.poll(() => sidePanelOptions(sw, tabId), { timeout: 15_000 }).toMatchObject({ enabled: true });

      const panel = await openPanel(run, url);
      const expected: Array<string | RegExp> = [route.subject as string];
      if (route.idOnPage === 'none') expected.push(UNCERTAIN);
      // The message in view is the page's own: the context marks it "this message".
      expected.push(new RegExp(`this message\\s*\\n[^\\n]*${escapeRe(route.subject as string)}`));
      const text = await waitForText(panel.page, expected);
      if (route.mboxUrl) {
        // A list no public-inbox carries: the thread is cut from the archive's own month file,
        // so the month's other threads are not in the panel.
        const own = rig.front.requests(/\.txt(\.gz)?$/, route.host).filter((e) => e.status === 200);
        expect(own.length, `the panel fetched nothing from ${route.host}`).toBeGreaterThan(0);
        for (const other of route.otherThreads ?? []) expect(text).not.toContain(other);
      } else {
        // The thread comes from public-inbox, whose mail carries full names and addresses.
        const lore = rig.front.requests(/\/(t\.mbox\.gz|raw)(\?|$)|[?&]x=[mA]/).filter((e) => e.status === 200);
        expect(lore.length, 'the panel fetched nothing from lore.kernel.org').toBeGreaterThan(0);
      }
      for (const name of route.participants ?? []) expect(text).toContain(name);
      expect(text).not.toMatch(MASKED);
      expectNoErrorDump(text);
      expect(panel.errors).toEqual([]);
      await panel.close();
      await tab.close();
    });
  }

  it('a page of a known archive that is not a message gets a clear state, not an error dump', async () => {
    const url = 'https://marc.info/?l=linux-mm&r=1&w=2';
    const tab = await run.ctx.newPage();
    await tab.goto(url);
    const panel = await openPanel(run, url);
    const text = await waitForText(panel.page, [/not a message|no message|no thread|not recogni[sz]ed|unknown page|nothing to show|not supported|open a message/i]);
    expectNoErrorDump(text);
    expect(panel.errors).toEqual([]);
    await panel.close();
    await tab.close();
  });
});
