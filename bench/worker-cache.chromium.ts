/**
 * Runs bench/worker-cache.page.ts in headless Chromium (/usr/bin/chromium, playwright-core):
 * bundles it with vite, serves it and the mbox on 127.0.0.1, and reads the JS heap through
 * CDP after forced GCs. Started and stopped here; nothing is left running.
 */
import { createServer } from 'node:http';
import { median } from './stats.ts';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));

export interface ChromiumFigures {
  /** The first analysis in a fresh page (cold: nothing compiled yet), median of 5 fresh pages. */
  analyseMs: number;
  /** Median of 5 more in the same page (warm). */
  analyseWarmMs: number;
  /** CompressionStream gzip of the raw mbox alone (part of writeMs). */
  gzipMs: number;
  writeMs: number;
  /** The same write given the archive's gzip (a fresh load): no compression. */
  writeGzMs: number;
  readViewMs: number;
  readMboxMs: number;
  storedBytes: number;
  /** JS heap growth while the page holds the analysed thread (bytes, Analysis, heads). */
  heldHeapBytes: number;
}

async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(here, 'worker-cache.page.ts'), formats: ['iife'], name: 'listlensBench' },
      // as the product's bundles (vite.config.ts): the core's confusables table is Cyrillic
      rollupOptions: { output: { charset: 'ascii' } },
    },
  });
  const first = (Array.isArray(out) ? out[0] : out) as { output: Array<{ type: string; code?: string }> };
  const chunk = first.output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('bundle failed');
  return chunk.code;
}

export async function runInChromium(mbox: Uint8Array): Promise<ChromiumFigures> {
  const js = await bundle();
  const server = createServer((req, res) => {
    if (req.url === '/thread.mbox') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(mbox);
    } else if (req.url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(js);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    // cold: the first analysis of a fresh page, in 5 fresh pages (median), as a reader meets it
    const colds: number[] = [];
    for (let i = 0; i < 5; i++) {
      const fresh = await browser.newContext();
      const p = await fresh.newPage();
      // a script that fails to parse shows up later as `bench` undefined: say why at once
      p.on('pageerror', (e) => console.error(`bench page: ${e.message}`));
      await p.goto(`http://127.0.0.1:${port}/`);
      await p.evaluate(() => (globalThis as unknown as { bench: { load(): Promise<number> } }).bench.load());
      colds.push(await p.evaluate(() => (globalThis as unknown as { bench: { analyse(): Promise<number> } }).bench.analyse()));
      await fresh.close();
    }
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const cdp = await page.context().newCDPSession(page);
    const heap = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.evaluate(() => (globalThis as unknown as { bench: { load(): Promise<number> } }).bench.load());
    const base = await heap();
    const analyseMs = await page.evaluate(() => (globalThis as unknown as { bench: { analyse(): Promise<number> } }).bench.analyse());
    const held = (await heap()) - base;
    const c = await page.evaluate(() => (globalThis as unknown as { bench: { cache(): Promise<Omit<ChromiumFigures, 'analyseMs' | 'analyseWarmMs' | 'heldHeapBytes'>> } }).bench.cache());
    const analyseWarmMs = await page.evaluate(() => (globalThis as unknown as { bench: { analyseWarm(): Promise<number> } }).bench.analyseWarm());
    void analyseMs; // this page's own cold run: one sample, the median of the fresh pages is reported
    return { analyseMs: median(colds), analyseWarmMs, ...c, heldHeapBytes: held };
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
}
