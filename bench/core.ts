/**
 * `npm run bench`: how fast the core turns an mbox into an analysis, against the
 * alternatives, on the same bytes in the same process.
 *
 * Data: a generated 1,000-message (~5.5 MB) review thread with a fixed seed (bench/generate.ts),
 * and the real LKML corpus (notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd) when the
 * shared corpus is there.
 *
 * Figures are medians of several runs after a warm-up, each beside what it is judged
 * against in the same run: the floor (zlib gunzip of the .mbox.gz plus the split, the least
 * any analysis must do) and the full analysis as a multiple of it; split, headers-only pass
 * (parse + keys), tree ready (split + headers + thread), full analysis (split + thread +
 * the bodies the series needs + series + trailers + participants), the same from .mbox.gz
 * through zlib (as the CLI reads it); a refresh that merges 10 new messages into the
 * analysis of the first 1,000 (analyseMore, from a fresh analysis and from what the worker's
 * cache keeps) as a share of the full analysis of all 1,010; the `listlens` command as a
 * whole process against `b4 am` (when dist/cli is built and b4 installed); sampled peak heap growth
 * during one full analysis (with V8's default young generation, and with a 1 MB one in a
 * child process, see bench/heap.ts); and, over the same messages, postal-mime patched vs stock,
 * mailparser's simpleParser, and `b4 am -m` when b4 is installed.
 *
 * Stock postal-mime: the installed copy is patched at install, so the bench writes the
 * unpatched dist/esm into .tmp/postal-mime-stock (scripts/patch-postal-mime.js knows the
 * exact edits and reverses them) and imports that. Both copies parse every message once
 * more and their results (text, html, every attachment's bytes) must be identical.
 *
 * Goals (reported, not asserted): full ≤ 5× the floor, headers ≤ 60 ms, a 10-message refresh
 * ≤ 15% of a full analysis, `listlens` ≥ 5× faster than `b4 am`, peak heap growth ≤ 2× the
 * mbox size. The last line of output is one JSON object with every figure.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simpleParser } from 'mailparser';
import PostalMime, { type Email } from 'postal-mime';
import { EDITS, unpatchedText } from '../scripts/patch-postal-mime.js';
import { gunzipSync, gzipSync } from 'node:zlib';
import { analyseHeads, analyseMbox } from '../src/core/analyse.ts';
import { analyseMore } from '../src/core/incremental.ts';
import { assignKeys, parseHead } from '../src/core/mail/headers.ts';
import { splitMbox } from '../src/core/mail/mbox.ts';
import { generateThread } from './generate.ts';
import { peakHeap, type HeapFigures } from './heap.ts';
import { median, paired, timed } from './stats.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

type Parse = (raw: Uint8Array) => Promise<Email>;

const time = (runs: number, fn: () => unknown): Promise<number> => timed(runs, fn, gc);

async function stockPostalMime(): Promise<Parse> {
  const src = join(root, 'node_modules/postal-mime/dist/esm');
  const dir = join(root, '.tmp/postal-mime-stock');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(src, join(dir, 'dist/esm'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  for (const file of new Set(EDITS.map((e) => e[0]).filter((f) => f.startsWith('dist/esm/')))) {
    const p = join(dir, file);
    const text = readFileSync(p, 'utf8');
    const stock = unpatchedText(file, text);
    if (stock.includes('concatChunks')) throw new Error(`could not rebuild stock ${file}`);
    writeFileSync(p, stock);
  }
  const mod = (await import(pathToFileURL(join(dir, 'dist/esm/postal-mime.js')).href)) as { default: typeof PostalMime };
  return (raw) => mod.default.parse(raw);
}

function digest(e: Awaited<ReturnType<Parse>>): string {
  let h = 0x811c9dc5;
  const add = (s: string | Uint8Array): void => {
    const b = typeof s === 'string' ? new TextEncoder().encode(s) : s;
    for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    h = Math.imul(h ^ 0xff, 0x01000193);
  };
  add(e.text ?? '');
  add(e.html ?? '');
  for (const a of e.attachments) {
    add(a.filename ?? '');
    add(typeof a.content === 'string' ? a.content : new Uint8Array(a.content));
  }
  return (h >>> 0).toString(16);
}


function b4Available(): boolean {
  return spawnSync('b4', ['--version'], { encoding: 'utf8' }).status === 0;
}

function timeB4(mboxPath: string, runs: number): { ms: number; status: string } | null {
  if (!b4Available()) return null;
  const t: number[] = [];
  let status = 'ok';
  for (let i = 0; i < runs + 1; i++) {
    const out = mkdtempSync(join(tmpdir(), 'listlens-b4-'));
    const t0 = performance.now();
    const r = spawnSync('b4', ['--offline-mode', '-q', '-n', 'am', '-C', '-m', mboxPath, '-o', out], { encoding: 'utf8', timeout: 120_000 });
    const ms = performance.now() - t0;
    rmSync(out, { recursive: true, force: true });
    if (r.status !== 0) status = `exit ${r.status}: ${(r.stderr || '').trim().split('\n').pop() ?? ''}`.slice(0, 160);
    if (i > 0) t.push(ms); // first run warms the page cache and Python's bytecode
  }
  return { ms: Math.round(median(t)), status };
}

/** The analysis' own peak, in a child whose young generation cannot hide it (bench/heap.ts). */
function smallYoungHeap(path: string): HeapFigures | null {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-semi-space-size=1', '--import', 'tsx', join(root, 'bench/heap.ts'), path], { encoding: 'utf8', timeout: 120_000 });
  try {
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as HeapFigures;
  } catch {
    console.error(`bench/heap.ts failed: ${r.stderr.trim().split('\n').at(-1) ?? r.status}`);
    return null;
  }
}

/** The `listlens` command as a whole process (start-up included), median of `runs` after a warm-up. */
function timeCli(mboxPath: string, runs: number): number | null {
  const bin = join(root, 'bin/listlens.js');
  if (!existsSync(join(root, 'dist/cli/listlens.js'))) return null;
  const t: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, mboxPath, '--json'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
    const ms = performance.now() - t0;
    if (r.status !== 0) return null;
    if (i > 0) t.push(ms);
  }
  return Math.round(median(t));
}

/** A refresh: the first `old` messages analysed, then the rest merged in (analyseMore), against the whole. */
async function refreshFigures(mbox: Uint8Array, old: number): Promise<Figures> {
  const split = splitMbox(mbox);
  const at = mbox.lastIndexOf(0x0a, split.offsets[old]! - 2) + 1;
  const a = mbox.subarray(0, at);
  const b = mbox.subarray(at);
  const prior = await analyseMbox(a);
  const cached = { analysis: prior.analysis, heads: prior.heads, bytes: prior.bytes };
  let reused = 0;
  const p = await paired(
    11,
    async () => {
      reused = (await analyseMore(prior, b)).reused ?? 0;
    },
    () => analyseMbox(mbox),
    gc,
  );
  const c = await paired(5, () => analyseMore(cached, b), () => analyseMbox(mbox), gc);
  return { refreshFullMs: p.b, refreshMs: p.a, refreshShare: p.ratio, refreshFromCacheMs: c.a, refreshFromCacheShare: c.ratio, refreshReused: reused };
}

interface Figures {
  [k: string]: unknown;
}

async function benchOne(name: string, bytes: Uint8Array, path: string, stock: Parse): Promise<Figures> {
  const mb = bytes.length / 1048576;
  const split = splitMbox(bytes);
  const msgs = split.messages;
  console.log(`\n== ${name}: ${msgs.length} messages, ${mb.toFixed(2)} MB`);

  const gz = gzipSync(bytes);
  const floor = (): unknown => splitMbox(new Uint8Array(gunzipSync(gz)));
  const floorMs = await time(9, floor);
  const splitMs = await time(9, () => splitMbox(bytes));
  const headersMs = await time(9, () => {
    const heads = msgs.map((m, i) => parseHead(m, i));
    assignKeys(heads);
  });
  const treeMs = await time(7, () => analyseHeads(bytes));
  let errors = 0;
  const fullMs = await time(9, async () => {
    const r = await analyseMbox(bytes);
    errors = r.analysis.errors.length;
  });
  const fullGzMs = await time(9, () => analyseMbox(gz, { gunzip: (g) => gunzipSync(g) }));
  // the goal's ratio, timed in turn with the floor so both see the same machine
  const vsFloor = await paired(11, () => analyseMbox(bytes), floor, gc);
  const patched: Parse = (raw) => PostalMime.parse(raw);
  const patchedMs = await time(5, async () => {
    for (const m of msgs) await patched(m);
  });
  const stockMs = await time(5, async () => {
    for (const m of msgs) await stock(m);
  });
  let identical = true;
  for (const m of msgs) {
    if (digest(await patched(m)) !== digest(await stock(m))) identical = false;
  }
  const mailparserMs = await time(3, async () => {
    for (const m of msgs) await simpleParser(Buffer.from(m.buffer, m.byteOffset, m.byteLength), { skipHtmlToText: false });
  });
  const heap = await peakHeap(bytes);
  const live = smallYoungHeap(path);
  const b4 = timeB4(path, 3);
  const cliMs = timeCli(path, 5);

  const f: Figures = {
    messages: msgs.length,
    mb: Math.round(mb * 100) / 100,
    floorMs,
    splitMs,
    headersMs,
    treeMs,
    fullMs,
    fullMBps: Math.round((mb / (fullMs / 1000)) * 10) / 10,
    fullOverFloor: Math.round(vsFloor.ratio * 10) / 10,
    fullFromGzipZlibMs: fullGzMs,
    fullFromGzipOverFloor: Math.round((fullGzMs / floorMs) * 10) / 10,
    errors,
    postalMimePatchedMs: patchedMs,
    postalMimeStockMs: stockMs,
    postalMimeSpeedup: Math.round((stockMs / patchedMs) * 100) / 100,
    postalMimeIdentical: identical,
    mailparserMs,
    peakHeapGrowthMB: Math.round((heap.peak / 1048576) * 10) / 10,
    peakHeapGrowthRatio: Math.round((heap.peak / bytes.length) * 100) / 100,
    // From the child: in this process the earlier runs' lazily freed buffers can make it negative.
    retainedHeapMB: live ? Math.round((live.retained / 1048576) * 10) / 10 : null,
    peakHeapSmallYoungMB: live ? Math.round((live.peak / 1048576) * 10) / 10 : null,
    peakHeapSmallYoungRatio: live ? Math.round((live.peak / bytes.length) * 100) / 100 : null,
    b4AmMs: b4?.ms ?? null,
    b4Status: b4?.status ?? 'b4 not installed',
    listlensCliMs: cliMs,
    b4OverListlens: b4 && cliMs ? Math.round((b4.ms / cliMs) * 10) / 10 : null,
  };
  const row = (label: string, v: string): void => console.log(`  ${label.padEnd(44)} ${v}`);
  row('floor: zlib gunzip of .mbox.gz + split', `${floorMs} ms`);
  row('split', `${splitMs} ms`);
  row('headers-only pass (parse + keys)', `${headersMs} ms   (goal ≤ 60 ms per 1,000 messages)`);
  row('tree ready (split + headers + thread)', `${treeMs} ms`);
  row('full analysis', `${fullMs} ms, ${f.fullMBps} MB/s`);
  row('full analysis / floor, timed in turn', `${vsFloor.a} / ${vsFloor.b} ms: ${f.fullOverFloor}x the floor   (goal ≤ 5x)`);
  row('full analysis from .mbox.gz (zlib)', `${fullGzMs} ms = ${f.fullFromGzipOverFloor}x the floor`);
  row('postal-mime alone, patched', `${patchedMs} ms`);
  row('postal-mime alone, stock 4.0.0', `${stockMs} ms  (patched is ${f.postalMimeSpeedup}x faster; identical output: ${identical})`);
  row('mailparser simpleParser alone', `${mailparserMs} ms`);
  row('peak heap growth, default young generation', `${f.peakHeapGrowthMB} MB = ${f.peakHeapGrowthRatio}x the mbox, mostly uncollected garbage`);
  row('peak heap growth, 1 MB semi-space', live ? `${f.peakHeapSmallYoungMB} MB = ${f.peakHeapSmallYoungRatio}x the mbox (goal ≤ 2x); retained with the result ${f.retainedHeapMB} MB` : 'not measured (child process failed)');
  row('b4 am -m (subprocess)', b4 ? `${b4.ms} ms (${b4.status})` : 'b4 not installed');
  row('listlens --json (subprocess)', cliMs ? `${cliMs} ms${f.b4OverListlens ? `: b4 am takes ${f.b4OverListlens}x as long   (goal ≥ 5x)` : ''}` : 'dist/cli not built (npm run build)');
  return f;
}

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with node --expose-gc for stable heap figures; npm run bench does)');
  const loadBefore = loadavg()[0]!;
  console.log(`load average ${loadBefore.toFixed(2)} on ${cpus().length} cores (figures are noisy when other work runs)`);
  const stock = await stockPostalMime();
  const out: Record<string, Figures> = {};
  const gen = generateThread(20180721, 1000);
  const dir = mkdtempSync(join(tmpdir(), 'listlens-bench-'));
  const genPath = join(dir, 'generated-thread.mbox');
  writeFileSync(genPath, gen.mbox);
  out.generated = await benchOne('generated thread (seed 20180721)', gen.mbox, genPath, stock);

  // the same thread as .mbox.gz, through the streaming gunzip
  const gz = new Uint8Array(await new Response(new Blob([gen.mbox as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
  const gzMs = await time(5, () => analyseMbox(gz));
  console.log(`  ${'full analysis from .mbox.gz (DecompressionStream)'.padEnd(44)} ${gzMs} ms (${(gz.length / 1048576).toFixed(2)} MB gzip)`);
  out.generated.fullFromGzipMs = gzMs;

  // a refresh: 10 new messages merged into the analysis of the first 1,000
  const grown = generateThread(20180721, 1010);
  const refresh = await refreshFigures(grown.mbox, 1000);
  Object.assign(out.generated, refresh);
  console.log(`  ${'refresh: 10 messages into 1,000 (analyseMore)'.padEnd(44)} ${refresh.refreshMs} ms = ${Math.round(Number(refresh.refreshShare) * 1000) / 10}% of the full analysis of 1,010 (${refresh.refreshFullMs} ms), timed in turn (goal ≤ 15%)`);
  console.log(`  ${'the same from what the cache keeps'.padEnd(44)} ${refresh.refreshFromCacheMs} ms = ${Math.round(Number(refresh.refreshFromCacheShare) * 1000) / 10}% (split and texts redone)`);

  const corpus = resolve(process.env.LISTLENS_CORPUS ?? join(root, '../shared/corpus'), 'notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd');
  if (existsSync(corpus)) out.lkmlCorpus = await benchOne('real LKML corpus (notmuch, 210 messages)', new Uint8Array(readFileSync(corpus)), corpus, stock);
  else console.log(`\n(corpus absent at ${corpus}: real-mail figures skipped)`);
  rmSync(dir, { recursive: true, force: true });
  const load = { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadavg()[0]! * 100) / 100 };
  console.log('\n' + JSON.stringify({ bench: 'listlens-core', node: process.version, loadAverage: load, ...out }));
}

await main();
