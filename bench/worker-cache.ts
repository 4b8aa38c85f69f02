/**
 * `node --expose-gc --import tsx bench/worker-cache.ts [--chromium]`: what the worker's cache
 * costs for a 1,000-message thread (bench/generate.ts, fixed seed).
 *
 * Figures (medians of 5 runs after a warm-up):
 * - write: gzip of the raw mbox + one idb transaction (eviction check, view, mbox, id index);
 * - read view: what a reopen needs before the panel can draw (meta + Analysis + heads);
 * - read mbox: gunzip of the stored mbox (context view, refresh merge);
 * - sizes: raw, gzip'd, serialised view, total stored;
 * - memory: heap + ArrayBuffer growth while the worker holds one loaded thread (bytes,
 *   Analysis, heads), after GC.
 * In Node the database is fake-indexeddb (a JS structured-clone store, slower than a
 * browser's); `--chromium` repeats the cache figures in headless Chromium's real IndexedDB
 * (bench/worker-cache.page.ts bundled with esbuild, served on 127.0.0.1).
 *
 * Reported, not asserted. The last line is one JSON object with every figure.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { analyseMbox } from '../src/core/analyse.ts';
import { readMbox, readThread, writeThread } from '../src/background/cache/threads.ts';
import { closeCacheDB } from '../src/background/cache/db.ts';
import { generateThread } from './generate.ts';
import { runInChromium } from './worker-cache.chromium.ts';
import { timed } from './stats.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

const mem = (): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const INBOX = 'https://lore.kernel.org/linux-mm/';
// The baseline is taken before the mbox exists: a loaded thread holds its bytes too.
const before = mem();
const { mbox, messages } = generateThread();
const result = await analyseMbox(mbox);
const held = mem() - before;
const { analysis, heads, bytes } = result;
const root = analysis.roots[0]!;
const entry = {
  meta: { inboxUrl: INBOX, rootId: root, anchorId: root, subject: '', messages: heads.length, newestDate: null, cachedAt: 0, lastRefresh: 0, lastFullFetch: 0, versions: null },
  analysis,
  heads,
  raw: bytes,
};

globalThis.indexedDB = new IDBFactory();
let stored = 0;
let key = '';
const write = await timed(5, async () => {
  const o = await writeThread(entry, { limitBytes: 200 * 1024 * 1024, pinned: new Set() });
  if (!o.ok) throw new Error(o.message);
  stored = o.storedBytes;
  key = o.key;
});
const readView = await timed(5, () => readThread(key));
const readRaw = await timed(5, () => readMbox(key));
const view = JSON.stringify(analysis).length + JSON.stringify(heads).length;
await closeCacheDB();

const figures: Record<string, unknown> = {
  messages,
  rawBytes: bytes.length,
  gzBytes: stored - view,
  viewJsonBytes: view,
  storedBytes: stored,
  node: { writeMs: write, readViewMs: readView, readMboxMs: readRaw },
  heldMemoryBytes: held,
};
console.log(`${messages} messages, raw ${(bytes.length / 1e6).toFixed(2)} MB, gzip ${((stored - view) / 1e6).toFixed(2)} MB, view ${(view / 1e6).toFixed(2)} MB`);
console.log(`node (fake-indexeddb): write ${write} ms, read view ${readView} ms, read mbox ${readRaw} ms`);
console.log(`memory held for one loaded thread (mbox bytes + analysis + heads): ${(held / 1e6).toFixed(1)} MB`);

if (process.argv.includes('--chromium')) {
  const c = await runInChromium(mbox);
  figures.chromium = c;
  console.log(`chromium (IndexedDB): analyse ${c.analyseMs} ms cold (median of 5 fresh pages, the first analysis in each; issue 17: ≤ 250 ms for 1,000 messages), ${c.analyseWarmMs} ms warm (median of 5), write ${c.writeMs} ms (gzip ${c.gzipMs} ms of it; ${c.writeGzMs} ms given the archive's gzip), read view ${c.readViewMs} ms, read mbox ${c.readMboxMs} ms, JS heap held ${(c.heldHeapBytes / 1e6).toFixed(1)} MB`);
}
console.log(JSON.stringify(figures));
