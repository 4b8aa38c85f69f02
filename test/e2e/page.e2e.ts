/**
 * ListLens on the archive page itself (issue 12), in Chromium with the built extension
 * (dist/chrome) on lore.kernel.org served by the rig's real public-inbox-httpd: quotes and
 * diffs folded behind toggles that open and close, the page's text unchanged (textContent, and
 * the rendered text with every fold open), j/k moving between messages, v, and the setting
 * (clicked on the options page) that leaves the page exactly as the archive sent it, open
 * pages included. axe-core
 * checks the annotated page.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.ts';
import type { ChromiumRun } from './rig/browsers.ts';
import { startChromiumRig, stopChromiumRig } from './rig/ext.ts';
import { BUG_ON_INPUT, SEED, X86 } from './rig/mail.ts';
import { bodiesText, expandAll, pageState, position, shows } from './rig/page-checks.ts';
import { loreUrl, type Rig } from './rig/rig.ts';

const axeSource = createRequire(import.meta.url)('axe-core').source as string;

async function annotated(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('#listlens-style', { state: 'attached', timeout: 15_000 });
}

async function setAnnotate(run: ChromiumRun, on: boolean): Promise<void> {
  const opts = await run.ctx.newPage();
  await opts.goto(`chrome-extension://${run.extensionId}/options.html`);
  const box = opts.getByRole('checkbox', { name: /archive page/i });
  await box.waitFor({ timeout: 10_000 });
  if ((await box.isChecked()) !== on) await box.click();
  await expect.poll(() => box.isChecked()).toBe(on);
  // The options page saves on change; give storage its turn before the next page asks.
  await opts.waitForTimeout(300);
  await opts.close();
}

describe.skipIf(!corpusDir)('ListLens on the lore page in Chromium', () => {
  let rig: Rig;
  let run: ChromiumRun;

  beforeAll(async () => ({ rig, run } = await startChromiumRig()));
  afterAll(() => stopChromiumRig({ rig, run }));

  it('quotes are folded with their attribution and toggle; the text is the page\'s own', async () => {
    const page = await run.ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await annotated(page, loreUrl(SEED.list, SEED.mid));
    const state = await page.evaluate(pageState);
    expect(state.textSame).toBe(true);
    const big = state.folds.find((f) => /^24 quoted lines — Jerome Glisse, Jul 20$/.test(f.label));
    expect(big, JSON.stringify(state.folds)).toBeTruthy();
    expect(big!.expanded).toBe(false);
    expect(big!.hiddenText).toContain(SEED.deepQuoteLine);
    expect(await page.evaluate(shows, SEED.deepQuoteLine)).toBe(false);
    // The reply's own words are not folded.
    expect(await page.evaluate(shows, 'Proprietary GPU driver vendors')).toBe(true);
    const toggle = page.getByRole('button', { name: /24 quoted lines/ });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(shows, SEED.deepQuoteLine)).toBe(true);
    await toggle.press('Enter');
    expect(await page.evaluate(shows, SEED.deepQuoteLine)).toBe(false);
    // axe on the annotated page: the toggles and marks must not add violations of their own.
    await page.addScriptTag({ content: axeSource });
    const axe = await page.evaluate(async () => {
      const r = await (globalThis as unknown as { axe: { run(ctx: object, o: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run({ include: [['.listlens-fold'], ['.listlens-mark']] }, { resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(axe).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with every fold open, the rendered text equals the unannotated page\'s; setting off leaves the page untouched', async () => {
    const url = loreUrl(X86.list, X86.mid, 'T/');
    const page = await run.ctx.newPage();
    await annotated(page, url);
    const on = await page.evaluate(pageState);
    expect(on.folds.length).toBeGreaterThan(0);
    expect(on.folds.some((f) => f.label.startsWith('diff:') && !f.expanded)).toBe(true);
    expect(on.textSame).toBe(true);
    expect(on.htmlSame).toBe(false);
    const expanded = await page.evaluate(expandAll);

    await setAnnotate(run, false);
    try {
      // The open page hears the setting and goes back to what the archive sent.
      await expect.poll(() => page.evaluate(pageState), { timeout: 10_000 }).toMatchObject({ folds: [], styled: false, htmlSame: true });
      await page.reload();
      await page.waitForSelector('#listlens-open', { timeout: 15_000 });
      await page.waitForTimeout(500);
      const off = await page.evaluate(pageState);
      expect(off).toMatchObject({ folds: [], marks: 0, styled: false, textSame: true, htmlSame: true });
      expect(await page.evaluate(bodiesText)).toBe(expanded);
      // Keys are part of the annotation: off, j does nothing.
      await page.keyboard.press('j');
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => location.hash)).toBe('');
    } finally {
      await setAnnotate(run, true);
    }
    // On again: the open page is annotated without a reload.
    await page.waitForSelector('#listlens-style', { state: 'attached', timeout: 15_000 });
    await page.close();
  });

  it('j/k move between the messages of a thread page, not while typing in the search field', async () => {
    const page = await run.ctx.newPage();
    await annotated(page, loreUrl(X86.list, X86.mid, 'T/'));
    const anchors = await page.evaluate(() => [...document.querySelectorAll('pre > a[id^="m"]')].map((a) => a.id).filter((id) => /^m[0-9a-f]{40}$/.test(id)));
    expect(anchors.length).toBeGreaterThan(3);
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(position)).toEqual({ hash: `#${anchors[1]}`, top: anchors[1] });
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(position)).toEqual({ hash: `#${anchors[2]}`, top: anchors[2] });
    await page.keyboard.press('k');
    await expect.poll(() => page.evaluate(position)).toEqual({ hash: `#${anchors[1]}`, top: anchors[1] });
    await page.locator('input[name="q"]').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.waitForTimeout(300);
    expect(await page.locator('input[name="q"]').inputValue()).toBe('jk');
    expect((await page.evaluate(position)).hash).toBe(`#${anchors[1]}`);
    await page.close();
  });

  it('j/k on a message page follow the archive\'s next and previous links', async () => {
    const page = await run.ctx.newPage();
    const url = loreUrl(BUG_ON_INPUT.list, BUG_ON_INPUT.mid);
    await annotated(page, url);
    const next = await page.evaluate(() => (document.querySelector('a[rel~="next"]') as HTMLAnchorElement | null)?.href ?? null);
    expect(next).toBeTruthy();
    await page.keyboard.press('j');
    await page.waitForURL(next!, { timeout: 15_000 });
    await page.waitForSelector('#listlens-style', { state: 'attached', timeout: 15_000 });
    const prev = await page.evaluate(() => (document.querySelector('a[rel~="prev"]') as HTMLAnchorElement | null)?.href ?? null);
    expect(prev).toBeTruthy();
    await page.keyboard.press('k');
    await page.waitForURL(prev!, { timeout: 15_000 });
    await page.close();
  });
});
