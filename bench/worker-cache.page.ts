/**
 * The browser half of bench/worker-cache.ts: runs in a headless Chromium page so that the
 * cache figures come from real IndexedDB and real CompressionStream. Bundled by
 * bench/worker-cache.chromium.ts; talks to it through `globalThis.bench`.
 */
import { analyseMbox, type AnalysisResult } from '../src/core/analyse.ts';
import { readMbox, readThread, writeThread } from '../src/background/cache/threads.ts';
import { gzip } from '../src/background/net/gzip.ts';
import { timed } from './stats.ts';

let bytes: Uint8Array | null = null;
let result: AnalysisResult | null = null;

const bench = {
  async load(): Promise<number> {
    bytes = new Uint8Array(await (await fetch('/thread.mbox')).arrayBuffer());
    return bytes.length;
  },
  async analyse(): Promise<number> {
    const t0 = performance.now();
    result = await analyseMbox(bytes!);
    return Math.round(performance.now() - t0);
  },
  async cache(): Promise<{ gzipMs: number; writeMs: number; writeGzMs: number; readViewMs: number; readMboxMs: number; storedBytes: number }> {
    const { analysis, heads, bytes: raw } = result!;
    const root = analysis.roots[0]!;
    const inboxUrl = 'https://lore.kernel.org/linux-mm/';
    const entry = {
      meta: { inboxUrl, rootId: root, anchorId: root, subject: '', messages: heads.length, newestDate: null, cachedAt: 0, lastRefresh: 0, lastFullFetch: 0, versions: null },
      analysis,
      heads,
      raw,
    };
    const gzipMs = await timed(5, () => gzip(raw));
    let key = '';
    let storedBytes = 0;
    const writeMs = await timed(5, async () => {
      const o = await writeThread(entry, { limitBytes: 200 * 1024 * 1024, pinned: new Set() });
      if (!o.ok) throw new Error(o.message);
      key = o.key;
      storedBytes = o.storedBytes;
    });
    // A fresh load stores the archive's own t.mbox.gz: no compression in the write.
    const gz = await gzip(raw);
    const writeGzMs = await timed(5, () => writeThread({ ...entry, gz }, { limitBytes: 200 * 1024 * 1024, pinned: new Set() }));
    const readViewMs = await timed(5, () => readThread(key));
    const readMboxMs = await timed(5, () => readMbox(key));
    return { gzipMs, writeMs, writeGzMs, readViewMs, readMboxMs, storedBytes };
  },
  /** The warm figure beside the cold one: median of 5 more analyses in the same page. */
  async analyseWarm(): Promise<number> {
    return timed(5, () => analyseMbox(bytes!));
  },
  drop(): void {
    bytes = null;
  },
};

(globalThis as unknown as { bench: typeof bench }).bench = bench;
