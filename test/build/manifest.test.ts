/**
 * The build's output as the browsers and stores will read it: dist/chrome and dist/firefox
 * with their per-browser manifest keys, every file the manifests name, the pages at the
 * root, a classic and small content script, a self-contained worker module, the zips, and
 * `web-ext lint` without errors. Builds first when dist is missing or older than its sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { gzipSync, inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { adapters } from '../../src/sites/index.ts';
import { adapterHosts, manifestFor, PLACEHOLDER } from '../../scripts/manifest.js';
import { zipDir, zipEntries } from '../../scripts/zip.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');
const BROWSERS = ['chrome', 'firefox'] as const;
type Manifest = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function newest(paths: string[]): number {
  let t = 0;
  const walk = (p: string): void => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
    else t = Math.max(t, s.mtimeMs);
  };
  for (const p of paths) walk(p);
  return t;
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

const manifest = (b: string): Manifest => JSON.parse(readFileSync(join(dist, b, 'manifest.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

beforeAll(() => {
  const sources = ['src', 'public', 'manifest.json', 'vite.config.ts', 'scripts/build.js', 'scripts/manifest.js', 'package.json'].map((p) => join(root, p));
  const built = Math.min(...BROWSERS.map((b) => newest([join(dist, b, 'manifest.json')])), newest([join(dist, 'listlens-chrome.zip')]));
  if (!built || built < newest(sources)) {
    execFileSync(process.execPath, [join(root, 'scripts/build.js')], { cwd: root, stdio: 'pipe', timeout: 240_000 });
  }
}, 300_000);

describe('per-browser manifests', () => {
  it('Chrome: a module service worker, the side panel and its permission, nothing of Firefox', () => {
    const m = manifest('chrome');
    expect(m.manifest_version).toBe(3);
    expect(m.version).toBe(pkg.version);
    expect(m.background).toEqual({ service_worker: 'background.js', type: 'module' });
    expect(m.side_panel).toEqual({ default_path: 'panel.html' });
    expect(m.permissions).toContain('sidePanel');
    expect(m.sidebar_action).toBeUndefined();
    expect(m.browser_specific_settings).toBeUndefined();
  });

  it('Firefox: module background scripts, the sidebar, a gecko id and minimum version, nothing of Chrome', () => {
    const m = manifest('firefox');
    expect(m.manifest_version).toBe(3);
    expect(m.version).toBe(pkg.version);
    expect(m.background).toEqual({ scripts: ['background.js'], type: 'module' });
    expect(m.sidebar_action.default_panel).toBe('panel.html');
    expect(m.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(m.browser_specific_settings.gecko.strict_min_version).toMatch(/^\d+\.\d+$/);
    expect(m.permissions).not.toContain('sidePanel');
    expect(m.side_panel).toBeUndefined();
    expect(m.minimum_chrome_version).toBeUndefined();
  });

  for (const b of BROWSERS) {
    it(`${b}: hosts come from the adapters, user hosts are optional, and every named file exists`, () => {
      const m = manifest(b);
      const hosts = adapterHosts(adapters);
      expect(hosts).toContain('https://lore.kernel.org/*');
      expect(m.host_permissions).toEqual(hosts);
      expect(m.content_scripts).toHaveLength(1);
      expect(m.content_scripts[0].matches).toEqual(hosts);
      expect(m.content_scripts[0].js).toEqual(['content.js']);
      expect(JSON.stringify(m)).not.toContain(PLACEHOLDER);
      expect(m.optional_host_permissions).toEqual(['*://*/*']);
      expect(m.permissions).toEqual(expect.arrayContaining(['storage', 'activeTab', 'scripting', 'declarativeNetRequestWithHostAccess']));
      const named = [
        ...Object.values(m.icons as Record<string, string>),
        ...Object.values(m.action.default_icon as Record<string, string>),
        ...(m.background.scripts ?? [m.background.service_worker]),
        ...m.content_scripts[0].js,
        m.options_ui.page,
        b === 'chrome' ? m.side_panel.default_path : m.sidebar_action.default_panel,
      ];
      for (const f of named) expect(existsSync(join(dist, b, f)), `${b}/${f}`).toBe(true);
    });
  }

  it('the manifest rules drop each browser’s foreign keys whatever the base holds', () => {
    const base = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
    const c = manifestFor('chrome', base, '9.9.9', ['https://a.example/*']);
    const f = manifestFor('firefox', base, '9.9.9', ['https://a.example/*']);
    expect(c.version).toBe('9.9.9');
    expect(c.host_permissions).toEqual(['https://a.example/*']);
    expect(Object.keys(c.background).sort()).toEqual(['service_worker', 'type']);
    expect(Object.keys(f.background).sort()).toEqual(['scripts', 'type']);
    // the base itself is left untouched
    expect(base.host_permissions).toEqual([PLACEHOLDER]);
  });
});

describe('bundles', () => {
  for (const b of BROWSERS) {
    it(`${b}: panel.html and options.html sit at the root and load their scripts from files that exist`, () => {
      for (const page of ['panel.html', 'options.html']) {
        const html = readFileSync(join(dist, b, page), 'utf8');
        const srcs = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] as string);
        expect(srcs.length, page).toBeGreaterThan(0);
        for (const s of [...srcs, ...[...html.matchAll(/<link[^>]*\bhref="([^"]+)"/g)].map((m) => m[1] as string)]) {
          expect(s, `${page} must use root-absolute URLs (it is moved to the root)`).toMatch(/^\//);
          expect(existsSync(join(dist, b, s)), `${b}${s}`).toBe(true);
        }
        expect(html).toMatch(/<script type="module"/);
        // extension pages allow no inline script (MV3 CSP)
        expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
      }
    });
  }

  it('the content script is a classic script (it parses as one, no import/export), without adapter examples, ≤ 15 KB gzip', () => {
    const code = readFileSync(join(dist, 'chrome/content.js'), 'utf8');
    expect(() => new Script(code, { filename: 'content.js' })).not.toThrow();
    expect(code).not.toMatch(/\bimport\s*\(/);
    for (const s of ['noMatch', 'msg45004', 'sasha.author']) expect(code).not.toContain(s);
    // no webextension-polyfill here (src/content/runtime.ts says why)
    expect(code).not.toContain('This script should only be loaded in a browser extension');
    const gz = gzipSync(code, { level: 9 }).length;
    console.log(`[size] content.js ${code.length} B, ${gz} B gzip`);
    expect(gz).toBeLessThanOrEqual(15 * 1024);
  });

  it('the worker is one self-contained module: no imports of other files, no dynamic import (service workers refuse it)', () => {
    const code = readFileSync(join(dist, 'chrome/background.js'), 'utf8');
    expect(code).not.toMatch(/(^|[;\n}])\s*import\s*[{*\w][^;]*from\s*["']/);
    expect(code).not.toMatch(/\bimport\s*\(/);
    const gz = gzipSync(code, { level: 9 }).length;
    console.log(`[size] background.js ${code.length} B, ${gz} B gzip`);
    const assets = files(join(dist, 'chrome')).filter((f) => f.startsWith('assets/'));
    const pagesGz = assets.reduce((n, f) => n + gzipSync(readFileSync(join(dist, 'chrome', f)), { level: 9 }).length, 0);
    console.log(`[size] pages' assets (${assets.length} files) ${pagesGz} B gzip`);
  });

  it('every script the browsers load is ASCII, so a server or proxy that sends it without a charset cannot garble it (bench:cache once did)', () => {
    for (const f of files(join(dist, 'chrome')).filter((x) => x.endsWith('.js'))) {
      const text = readFileSync(join(dist, 'chrome', f), 'latin1');
      const at = text.search(/[\u0080-\u00ff]/);
      expect(at, `${f}: non-ASCII at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 20))}`).toBe(-1);
    }
  });

  it('both browsers get the same files, differing only in manifest.json', () => {
    const c = files(join(dist, 'chrome'));
    expect(files(join(dist, 'firefox'))).toEqual(c);
    for (const f of c.filter((x) => x !== 'manifest.json')) {
      expect(readFileSync(join(dist, 'firefox', f)).equals(readFileSync(join(dist, 'chrome', f))), f).toBe(true);
    }
  });

  it('the CLI bundle runs under Node', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/listlens.js'), '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.error).toBeUndefined();
    expect(`${r.stdout}${r.stderr}`).toMatch(/listlens/i);
    expect(r.stderr).not.toMatch(/internal error|Cannot find|ERR_/);
  });
});

describe('zips', () => {
  for (const b of BROWSERS) {
    it(`dist/listlens-${b}.zip lists exactly the files of dist/${b}, and they inflate to the same bytes`, () => {
      const zip = join(dist, `listlens-${b}.zip`);
      expect(existsSync(zip)).toBe(true);
      expect(zipEntries(zip).sort()).toEqual(files(join(dist, b)));
    });
  }

  it('the zip writer round-trips bytes (checked by our reader and, independently, by Python’s zipfile)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'listlens-zip-'));
    const src = join(dir, 'in');
    mkdirSync(join(src, 'sub'), { recursive: true });
    const big = Buffer.from('From x\n'.repeat(5000));
    const random = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251));
    writeFileSync(join(src, 'a.txt'), big);
    writeFileSync(join(src, 'sub', 'r.bin'), random);
    writeFileSync(join(src, 'empty'), '');
    const zip = join(dir, 'out.zip');
    expect(zipDir(src, zip)).toEqual(['a.txt', 'empty', 'sub/r.bin']);
    // local header of the first entry: deflate (8), data right after the name
    const buf = readFileSync(zip);
    const method = buf.readUInt16LE(8);
    const size = buf.readUInt32LE(18);
    const nameLen = buf.readUInt16LE(26);
    const data = buf.subarray(30 + nameLen, 30 + nameLen + size);
    expect(method).toBe(8);
    expect(inflateRawSync(data).equals(big)).toBe(true);
    const py = spawnSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(",".join(f"{i.filename}:{len(z.read(i))}" for i in z.infolist()))', zip], { encoding: 'utf8' });
    if (py.error) return; // no python3 here: our own reader above has checked the bytes
    expect(py.stderr).toBe('');
    expect(py.stdout.trim()).toBe(`a.txt:${big.length},empty:0,sub/r.bin:${random.length}`);
  });
});

describe('web-ext lint', () => {
  it('dist/firefox has 0 errors', () => {
    const r = spawnSync(join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', join(dist, 'firefox'), '--output', 'json', '--self-hosted', '--no-config-discovery'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    const show = (xs: Array<{ code: string; message: string; file?: string }>): string[] => xs.map((x) => `${x.code}: ${x.message} (${x.file ?? ''})`);
    console.log(`[web-ext lint] ${report.count} issues; warnings: ${JSON.stringify(show(report.warnings))}`);
    expect(show(report.errors)).toEqual([]);
  }, 120_000);
});
