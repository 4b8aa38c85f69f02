/**
 * Where a cold first analysis goes (issue 17): the bench page of `bench:cache`
 * (bench/worker-cache.page.ts, the core as the worker runs it) in fresh headless Chromium pages,
 * the first `analyseMbox` of a 1,000-message thread (bench/generate.ts) under CDP's sampling
 * Profiler (0.1 ms interval). Prints, as medians over the pages: the cold time, the warm time
 * in the same page, and the cold run's self time by what it is — the V8 compiler's own work
 * (`(program)`, lazy compilation and optimisation are charged there), garbage collection,
 * regular-expression code (V8 runs compiled regexps as generated code: `(regexp)` frames or
 * RegExp builtins), TextDecoder, Intl (the collator behind `localeCompare`, DateTimeFormat),
 * and the product's own functions (the top ones by name).
 *
 * Run: `node --import tsx bench/cold-profile.ts [pages=5]`. Reported, never asserted.
 * `--ab <other checkout>`: no profiler; the cold and warm analysis of this checkout's core and
 * of the other's (its bench/worker-cache.page.ts bundled alike), in fresh pages taken in turns
 * (A, B, A, B, …), so both meet the same load on the machine; medians of each.
 *
 * Non-goals: the cache's figures (bench/worker-cache.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { generateThread } from './generate.ts';
import { median } from './stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const abAt = process.argv.indexOf('--ab');
const OTHER = abAt >= 0 ? resolve(process.argv[abAt + 1]!) : null;
const PAGES = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function bundle(entry = resolve(here, 'worker-cache.page.ts')): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: 'listlensBench' }, rollupOptions: { output: { charset: 'ascii' } } },
  });
  const first = (Array.isArray(out) ? out[0] : out) as { output: Array<{ type: string; code?: string }> };
  return first.output.find((o) => o.type === 'chunk')!.code!;
}

const KINDS: Array<[string, (name: string, url: string) => boolean]> = [
  ['compiler and runtime: (program)', (n) => n === '(program)'],
  ['garbage collection', (n) => n === '(garbage collector)'],
  ['regexp', (n) => /regexp|RegExp/.test(n)],
  ['TextDecoder', (n) => /TextDecoder|decode$/.test(n)],
  ['Intl / localeCompare', (n) => /Intl|localeCompare|Collator|DateTimeFormat/.test(n)],
  ['native builtins (no url)', (_n, u) => u === ''],
  ['product code', () => true],
];

function selfTimes(p: Profile): { kinds: Map<string, number>; fns: Map<string, number>; total: number } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, ProfileNode>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const kinds = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const { functionName: name, url, lineNumber } = n.callFrame;
    if (name === '(idle)' || name === '(root)') continue;
    total += ms;
    const kind = KINDS.find(([, test]) => test(name, url))![0];
    kinds.set(kind, (kinds.get(kind) ?? 0) + ms);
    // a builtin is named with its caller: `decode < readFields` (where TextDecoder's time goes)
    const caller = url ? '' : parent.get(id)?.callFrame.functionName;
    const key = `${name || '(anonymous)'}${url ? `:${lineNumber}` : caller ? ` < ${caller}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
  }
  return { kinds, fns, total };
}

const { mbox, messages } = generateThread();
const js = await bundle();
const other = OTHER ? await bundle(resolve(OTHER, 'bench/worker-cache.page.ts')) : '';
const server = createServer((req, res) => {
  if (req.url === '/thread.mbox') res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(mbox);
  else if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(js);
  else if (req.url === '/other.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(other);
  // the script's own evaluation (the core's module-level work, as a worker's start pays it) timed around it
  else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><meta charset="utf-8"><script>self.t0 = performance.now()</script><script src="/${req.url === '/b' ? 'other' : 'bench'}.js"></script><script>self.evalMs = performance.now() - self.t0</script>`);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
type Bench = { bench: { load(): Promise<number>; analyse(): Promise<number>; analyseWarm(): Promise<number> } };
const colds: number[] = [];
const warms: number[] = [];
const kindMs = new Map<string, number[]>();
const fnMs = new Map<string, number[]>();
const warmKindMs = new Map<string, number[]>();
if (OTHER) {
  const times = { A: { cold: [] as number[], warm: [] as number[], evalMs: [] as number[] }, B: { cold: [] as number[], warm: [] as number[], evalMs: [] as number[] } };
  try {
    for (let i = 0; i < 2 * PAGES; i++) {
      const which = i % 2 ? 'B' : 'A';
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`http://127.0.0.1:${port}/${which === 'B' ? 'b' : ''}`);
      times[which].evalMs.push(Math.round(await page.evaluate(() => (globalThis as unknown as { evalMs: number }).evalMs)));
      await page.evaluate(() => (globalThis as unknown as Bench).bench.load());
      times[which].cold.push(await page.evaluate(() => (globalThis as unknown as Bench).bench.analyse()));
      times[which].warm.push(await page.evaluate(() => (globalThis as unknown as Bench).bench.analyseWarm()));
      await ctx.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const line = (k: 'A' | 'B', name: string): string => `${name}: analyse cold ${median(times[k].cold)} ms (${times[k].cold.join(', ')}), warm ${median(times[k].warm)} ms; script load and evaluation ${median(times[k].evalMs)} ms`;
  console.log(`${messages} messages, ${PAGES} fresh pages each, taken in turns`);
  console.log(line('A', `this checkout`));
  console.log(line('B', OTHER));
  console.log(JSON.stringify({ bench: 'listlens-cold-ab', messages, pages: PAGES, a: { coldMs: median(times.A.cold), warmMs: median(times.A.warm), evalMs: median(times.A.evalMs) }, b: { dir: OTHER, coldMs: median(times.B.cold), warmMs: median(times.B.warm), evalMs: median(times.B.evalMs) } }));
  process.exit(0);
}
try {
  for (let i = 0; i < PAGES; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.evaluate(() => (globalThis as unknown as Bench).bench.load());
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    colds.push(await page.evaluate(() => (globalThis as unknown as Bench).bench.analyse()));
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    warms.push(await page.evaluate(() => (globalThis as unknown as Bench).bench.analyseWarm()));
    // the same analysis warm, profiled alike: what the cold run spends beyond it is the cold cost
    await cdp.send('Profiler.start');
    await page.evaluate(() => (globalThis as unknown as Bench).bench.analyse());
    const { profile: warm } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const t = selfTimes(profile);
    const w = selfTimes(warm);
    for (const [k, v] of t.kinds) kindMs.set(k, [...(kindMs.get(k) ?? []), v]);
    for (const [k, v] of w.kinds) warmKindMs.set(k, [...(warmKindMs.get(k) ?? []), v]);
    for (const [k, v] of t.fns) fnMs.set(k, [...(fnMs.get(k) ?? []), v - (w.fns.get(k) ?? 0)]);
    await ctx.close();
  }
} finally {
  await browser.close();
  server.close();
}
const med = (xs: number[]): number => Math.round(median([...xs, ...Array(PAGES - xs.length).fill(0)]) * 10) / 10;
console.log(`${messages} messages, ${PAGES} fresh pages: analyse cold ${median(colds)} ms (each: ${colds.join(', ')}), warm ${median(warms)} ms (profiled, so slower than bench:cache)`);
console.log('self time by kind (median ms): cold run, the same run warm');
for (const [k] of KINDS) console.log(`  ${k.padEnd(34)} ${String(med(kindMs.get(k) ?? [])).padStart(6)}  ${String(med(warmKindMs.get(k) ?? [])).padStart(6)}`);
console.log('functions by what the cold run spends beyond the warm one (median ms):');
for (const [k, v] of [...fnMs].map(([k, v]) => [k, med(v)] as const).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${String(v).padStart(6)}  ${k}`);
