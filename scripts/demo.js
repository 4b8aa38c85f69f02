#!/usr/bin/env node
/**
 * `npm start` (after `npm run build`): shows the product as it is.
 *
 * - The CLI on a sample thread kept in the repo (test/fixtures/core/series.mbox): the same
 *   core the extension runs, in a terminal.
 * - With a display and Chromium: Chromium with dist/chrome loaded, in a fresh profile, on
 *   lore.kernel.org/linux-mm/ (needs network; open a message and click the toolbar button).
 *   `--no-browser` skips it. Firefox: `npx web-ext run --source-dir dist/firefox`.
 * - Without a display: how to load dist/chrome and dist/firefox by hand.
 *
 * Non-goals: a fake archive or canned screenshots; the e2e tests run the real rig.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chromeDir = join(root, 'dist/chrome');
const firefoxDir = join(root, 'dist/firefox');
const sample = join(root, 'test/fixtures/core/series.mbox');
const args = new Set(process.argv.slice(2));

for (const d of [chromeDir, firefoxDir, join(root, 'dist/cli/listlens.js')]) {
  if (!existsSync(d)) {
    console.error(`demo: ${d.slice(root.length + 1)} is missing: run \`npm run build\` first`);
    process.exit(2);
  }
}

console.log(`== The listlens CLI on ${sample.slice(root.length + 1)} (the extension's core, in a terminal)\n`);
const cli = spawnSync(process.execPath, [join(root, 'bin/listlens.js'), sample], { stdio: 'inherit' });
if (cli.status !== 0) console.error(`demo: the CLI exited with ${cli.status}`);

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;

console.log(`
== The extension
  Chrome/Chromium: chrome://extensions → Developer mode → "Load unpacked" → ${chromeDir}
  Firefox:         about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" → ${join(firefoxDir, 'manifest.json')}
                   (or: npx web-ext run --source-dir dist/firefox)
  Store packages:  dist/listlens-chrome.zip, dist/listlens-firefox.zip
  Then open a message on https://lore.kernel.org/ and click the ListLens toolbar button
  (or the small "ListLens" button on the page).`);

if (!display || !chromium || args.has('--no-browser')) {
  if (!display) console.log('\n  (no display here, so no browser is started)');
  else if (!chromium) console.log('\n  (no Chromium found, so no browser is started)');
  process.exit(cli.status === 0 ? 0 : 1);
}

// A throwaway profile: the reader's own browser profile is never touched.
const profile = mkdtempSync(join(tmpdir(), 'listlens-demo-'));
const browser = spawn(
  chromium,
  [
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--no-default-browser-check',
    `--disable-extensions-except=${chromeDir}`,
    `--load-extension=${chromeDir}`,
    'https://lore.kernel.org/linux-mm/',
  ],
  { stdio: 'ignore' },
);
console.log(`\n  Started Chromium (pid ${browser.pid}) with dist/chrome loaded, profile ${profile}. Close it to end the demo.`);
const stop = () => {
  if (browser.exitCode === null) browser.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
browser.on('exit', () => {
  rmSync(profile, { recursive: true, force: true });
  process.exit(0);
});
