#!/usr/bin/env node
/**
 * `npm run build`: the extension for Chrome and Firefox, their zips, and the CLI.
 *
 *   dist/chrome/, dist/firefox/        unpacked extensions (load these); content.js runs on the
 *                                      archives, commit.js on the git webs the reader switches on
 *   dist/listlens-chrome.zip, …-firefox.zip
 *   dist/cli/listlens.js               the `listlens` command (bin/listlens.js imports it)
 *
 * Each bundle is built once (vite.config.ts) into dist/.stage/; both browsers get the same
 * files and differ only in manifest.json, derived here from the one top-level manifest.json:
 * - `"<adapter hosts>"` in `host_permissions` and `content_scripts[].matches` becomes the
 *   match patterns of every adapter in src/sites (its `hosts`), so a new archive adapter
 *   needs no manifest edit;
 * - `version` comes from package.json;
 * - Chrome keeps `background.service_worker`, `side_panel`, the `sidePanel` permission and
 *   `minimum_chrome_version`; Firefox keeps `background.scripts`, `sidebar_action` and
 *   `browser_specific_settings`. Each drops the other's keys, so neither warns.
 * TypeScript (vite.config.ts, src/sites) is loaded through tsx's loader.
 *
 * Flags: `--no-zip` skips the zips, `--no-cli` the CLI (tests that only need the extension).
 * Non-goals: signing, store upload, watch mode.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { register } from 'tsx/esm/api';
import { adapterHosts, manifestFor } from './manifest.js';
import { zipDir } from './zip.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stage = join(dist, '.stage');
const args = new Set(process.argv.slice(2));

register();
const { build } = await import('vite');
const cfg = await import(pathToFileURL(join(root, 'vite.config.ts')).href);
const { adapters } = await import(pathToFileURL(join(root, 'src/sites/index.ts')).href);

async function timed(label, fn) {
  const t0 = performance.now();
  await fn();
  console.log(`  ${label} ${Math.round(performance.now() - t0)} ms`);
}

const t0 = performance.now();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const base = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const hosts = adapterHosts(adapters);
if (!hosts.length) throw new Error('no adapter hosts: src/sites/index.ts exports no adapters?');

const pages = { panel: join(root, 'src/panel/panel.html'), options: join(root, 'src/options/options.html') };
const missing = Object.values(pages).filter((p) => !existsSync(p));
if (missing.length) {
  // The manifest names both pages; a build without them would load but break on first click.
  console.warn(`build: missing ${missing.map((p) => p.slice(root.length + 1)).join(', ')}: those pages are left out of this build`);
  for (const [k, p] of Object.entries(pages)) if (missing.includes(p)) delete pages[k];
}

rmSync(stage, { recursive: true, force: true });
console.log('build:');
await timed('content script', () => build(cfg.contentConfig(join(stage, 'content'))));
await timed('commit pages script', () => build(cfg.contentConfig(join(stage, 'commit'), 'content/commit-page.ts', 'commit.js')));
await timed('worker', () => build(cfg.workerConfig(join(stage, 'worker'))));
if (Object.keys(pages).length) await timed('pages', () => build(cfg.pagesConfig(join(stage, 'pages'), pages)));
if (!args.has('--no-cli')) await timed('cli', () => build(cfg.cliConfig(join(dist, 'cli'))));

// The pages land at <stage>/pages/<name>/<name>.html (the path under src/); the manifest and
// `panel.html?url=` want them at the root. Their asset URLs are absolute, so moving is safe.
for (const name of Object.keys(pages)) {
  const from = join(stage, 'pages', name, `${name}.html`);
  renameSync(from, join(stage, 'pages', `${name}.html`));
  rmSync(join(stage, 'pages', name), { recursive: true, force: true });
}

for (const browser of ['chrome', 'firefox']) {
  const out = join(dist, browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(root, 'public'), out, { recursive: true });
  cpSync(join(stage, 'content', 'content.js'), join(out, 'content.js'));
  cpSync(join(stage, 'commit', 'commit.js'), join(out, 'commit.js'));
  cpSync(join(stage, 'worker', 'background.js'), join(out, 'background.js'));
  if (existsSync(join(stage, 'pages'))) cpSync(join(stage, 'pages'), out, { recursive: true });
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifestFor(browser, base, pkg.version, hosts), null, 2) + '\n');
  if (!args.has('--no-zip')) {
    const zip = join(dist, `listlens-${browser}.zip`);
    const names = zipDir(out, zip);
    console.log(`  dist/listlens-${browser}.zip: ${names.length} files, ${statSync(zip).size} bytes`);
  }
}
rmSync(stage, { recursive: true, force: true });

const gz = (p) => gzipSync(readFileSync(p), { level: 9 }).length;
const sizeOf = (name) => {
  const p = join(dist, 'chrome', name);
  return existsSync(p) ? `${name} ${statSync(p).size} B (${gz(p)} B gzip)` : `${name} missing`;
};
console.log(`  ${sizeOf('content.js')}; ${sizeOf('commit.js')}; ${sizeOf('background.js')}`);
console.log(`build: dist/chrome, dist/firefox${args.has('--no-cli') ? '' : ', dist/cli/listlens.js'} in ${Math.round(performance.now() - t0)} ms`);
