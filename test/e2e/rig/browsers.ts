/**
 * Real browsers with the built extension, reaching the rig under the archives' real hostnames.
 *
 * Chromium: started here as a process we own (so teardown kills it by PID) and driven over CDP
 * by playwright-core; `--host-resolver-rules` maps every archive host to the test front and the
 * front's certificate is trusted by its SPKI hash, which also covers the extension's own fetches.
 * Firefox ESR: puppeteer-core over WebDriver BiDi, the build installed as a temporary add-on,
 * `network.dns.localDomains` for the hostnames (so the front must listen on 127.0.0.1:443).
 *
 * Non-goals: no browser download, no shared profile: each launch gets a fresh temp profile.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Worker } from 'playwright-core';
import * as puppeteer from 'puppeteer-core';
import { repoRoot } from '../../helpers/corpus.ts';
import { ARCHIVE_HOSTS, killPid, track, trackDir, untrack, untrackDir, waitFor } from './net.ts';

export const CHROME_EXT = resolve(repoRoot, 'dist/chrome');
export const FIREFOX_EXT = resolve(repoRoot, 'dist/firefox');
const CHROMIUM_BIN = '/usr/lib/chromium/chromium';
const FIREFOX_BIN = '/usr/bin/firefox-esr';

export interface ChromiumRun {
  browser: Browser;
  ctx: BrowserContext;
  pid: number;
  profile: string;
  /** The extension's service worker, or null when launched without the extension. */
  sw: Worker | null;
  extensionId: string | null;
  /** Seconds from spawn to a usable context (and the worker, with an extension). */
  startSeconds: number;
  close(): Promise<void>;
}

export interface ChromiumOptions {
  /** Port of the test front on 127.0.0.1 that stands for every archive host on :443. */
  port: number;
  spki: string;
  /** dist/chrome by default; null for a browser without the extension. */
  extensionDir?: string | null;
  hosts?: readonly string[];
}

export async function launchChromium(opts: ChromiumOptions): Promise<ChromiumRun> {
  const t0 = Date.now();
  const profile = mkdtempSync(join(tmpdir(), 'listlens-chromium-'));
  trackDir(profile);
  const ext = opts.extensionDir === undefined ? CHROME_EXT : opts.extensionDir;
  const rules = [...(opts.hosts ?? ARCHIVE_HOSTS).map((h) => `MAP ${h}:443 127.0.0.1:${opts.port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'];
  const args = [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
    '--disable-dev-shm-usage', '--mute-audio', '--password-store=basic', '--use-mock-keychain',
    `--user-data-dir=${profile}`, '--remote-debugging-port=0',
    `--host-resolver-rules=${rules.join(', ')}`,
    `--ignore-certificate-errors-spki-list=${opts.spki}`,
    ...(ext ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : ['--disable-extensions']),
    'about:blank',
  ];
  // detached: its own process group, so teardown can end Chromium's helpers with it.
  const child = spawn(CHROMIUM_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const pid = child.pid as number;
  track(pid, true);
  let stderr = '';
  const ws = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`chromium did not start: ${stderr}`)), 30_000);
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (m?.[1]) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`chromium exited (${code}): ${stderr}`));
    });
  });
  const killAll = async (): Promise<void> => {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await killPid(pid);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* the group is gone */
    }
    untrack(pid);
    rmSync(profile, { recursive: true, force: true });
    untrackDir(profile);
  };
  try {
    const browser = await chromium.connectOverCDP(ws);
    const ctx = browser.contexts()[0] as BrowserContext;
    let sw: Worker | null = null;
    if (ext) {
      sw = ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? null;
      if (!sw) sw = await ctx.waitForEvent('serviceworker', { timeout: 15_000 });
    }
    const extensionId = sw ? new URL(sw.url()).host : null;
    return {
      browser, ctx, pid, profile, sw, extensionId, startSeconds: (Date.now() - t0) / 1000,
      async close() {
        await browser.close().catch(() => undefined);
        await killAll();
      },
    };
  } catch (e) {
    await killAll();
    throw e;
  }
}

export interface FirefoxRun {
  browser: puppeteer.Browser;
  pid: number;
  profile: string;
  /** The add-on's id as installed (its gecko id). */
  addonId: string | null;
  startSeconds: number;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** dist/firefox by default; null for none. */
  extensionDir?: string | null;
  hosts?: readonly string[];
  /** Pages in dark mode (BiDi has no media emulation; Firefox's own override pref does it). */
  dark?: boolean;
  /** More prefs for this profile (a test's own, e.g. answering the optional-permission prompt). */
  prefs?: Record<string, string | number | boolean>;
}

/** Firefox ESR over BiDi; the archive hosts resolve to 127.0.0.1 (so the front must be on :443). */
export async function launchFirefox(opts: FirefoxOptions = {}): Promise<FirefoxRun> {
  const t0 = Date.now();
  const profile = mkdtempSync(join(tmpdir(), 'listlens-firefox-'));
  trackDir(profile);
  const ext = opts.extensionDir === undefined ? FIREFOX_EXT : opts.extensionDir;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_BIN,
    headless: true,
    userDataDir: profile,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.dns.localDomains': (opts.hosts ?? ARCHIVE_HOSTS).join(','),
      'network.trr.mode': 5,
      'network.dns.disableIPv6': true,
      'network.http.http3.enable': false,
      'extensions.autoDisableScopes': 0,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'app.update.enabled': false,
      ...(opts.dark ? { 'layout.css.prefers-color-scheme.content-override': 0, 'ui.systemUsesDarkTheme': 1 } : {}),
      ...opts.prefs,
    },
  });
  const pid = browser.process()?.pid as number;
  track(pid);
  const close = async (): Promise<void> => {
    await browser.close().catch(() => undefined);
    await killPid(pid);
    untrack(pid);
    rmSync(profile, { recursive: true, force: true });
    untrackDir(profile);
  };
  try {
    const addonId = ext ? await browser.installExtension(ext) : null;
    return { browser, pid, profile, addonId, startSeconds: (Date.now() - t0) / 1000, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Waits until Chromium's extension worker answers `fn`, e.g. after a reload. */
export async function swReady(sw: Worker): Promise<void> {
  await waitFor('extension worker', async () => (await sw.evaluate(() => 'chrome' in globalThis)) === true);
}
