/**
 * The options page of the built extension in Chromium (issue 9, item 7): what it refuses as an
 * instance, the usage line after a new cache limit is saved, and axe-core's checks in light and
 * dark. No archive is needed: the page speaks only to the worker and to storage.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { repoRoot } from '../helpers/corpus.ts';
import { launchChromium, CHROME_EXT, type ChromiumRun } from './rig/browsers.ts';
import { requireBuild, visibleText, waitForText } from './rig/ext.ts';
import { join } from 'node:path';

const AXE = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>;
}

describe('the options page in Chromium', () => {
  let run: ChromiumRun;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    requireBuild(CHROME_EXT);
    // Port 9 (discard): nothing here reaches an archive.
    run = await launchChromium({ port: 9, spki: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
    page = await run.ctx.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto(`chrome-extension://${run.extensionId}/options.html`);
    await waitForText(page, [/Public-inbox instances/, /used by/]);
  });
  afterAll(() => run?.close());

  async function add(typed: string): Promise<string> {
    await page.fill('#ll-instance-url', typed);
    await page.click('form.ll-opt-add:has(#ll-instance-url) button[type=submit]');
    return (await page.locator('#ll-instance-error').textContent({ timeout: 5000 })) ?? '';
  }

  it('refuses "not a url" and lore.kernel.org, saying why, and adds neither', async () => {
    expect(await add('not a url')).toMatch(/not a web address/);
    expect(await add('notaurl')).toMatch(/not a web address/);
    expect(await add('lore.kernel.org')).toBe('lore.kernel.org is built in: ListLens already reads it, nothing to add.');
    expect(await add('https://lore.kernel.org/lkml/')).toMatch(/built in/);
    expect(await visibleText(page)).toMatch(/No instances added/);
    const stored = await run.sw!.evaluate(async () => {
      type Area = { get(k: null): Promise<Record<string, unknown>> };
      const { chrome } = globalThis as unknown as { chrome: { storage: { sync: Area; local: Area } } };
      return [await chrome.storage.sync.get(null), await chrome.storage.local.get(null)];
    });
    expect(JSON.stringify(stored)).not.toMatch(/lore\.kernel\.org|notaurl/);
    expect(errors).toEqual([]);
  });

  it('the usage line shows the new cache limit once it is saved', async () => {
    const usage = page.locator('.ll-opt-section[aria-labelledby="ll-opt-cache"] [role="status"]');
    await expect.poll(() => usage.textContent(), { timeout: 10_000 }).toMatch(/of 200 MB\.$/);
    await page.fill('#ll-cache-limit', '350');
    await page.click('form.ll-opt-add:has(#ll-cache-limit) button[type=submit]');
    await expect.poll(() => usage.textContent(), { timeout: 10_000 }).toMatch(/of 350 MB\.$/);
    await waitForText(page, ['The cache may now hold 350 MB.']);
    expect(errors).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe-core violations (${scheme}, 360 px, with an error shown)`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      await add('not a url');
      // Through CDP, not a <script>: the extension's CSP refuses inline scripts, rightly.
      await page.evaluate(AXE);
      const result = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResult> } }).axe;
        return axe.run(document, { resultTypes: ['violations'] });
      });
      const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
      expect(found).toEqual([]);
    });
  }
});
