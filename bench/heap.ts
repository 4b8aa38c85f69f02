/**
 * Peak heap growth of one full analysis: JS heap plus ArrayBuffer backing stores (decoded
 * parts live there), sampled every millisecond the analysis yields and at every progress
 * report, from a collected baseline.
 *
 * Garbage not yet collected counts, so with V8's default young generation (16 MB semi-spaces
 * on 64-bit) the figure is mostly how much garbage V8 lets pile up before a scavenge, and it
 * barely changes with the mbox (13-15 MB for 0.8 MB and for 5 MB alike). What the analysis
 * itself holds shows when the young generation is small: run as a script,
 * `node --expose-gc --max-semi-space-size=1 --import tsx bench/heap.ts <mbox>` prints the
 * median of three runs as JSON, which bench/core.ts reports next to the default figure.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyseMbox } from '../src/core/analyse.ts';
import { median } from './stats.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

export interface HeapFigures {
  /** bytes above the baseline at the highest sample */
  peak: number;
  /** bytes still held after the analysis, with its result alive, after a GC */
  retained: number;
}

export async function peakHeap(bytes: Uint8Array): Promise<HeapFigures> {
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc();
  const base = used();
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, used() - base);
  };
  const timer = setInterval(sample, 1);
  const result = await analyseMbox(bytes, { onProgress: sample, onTree: sample });
  sample();
  clearInterval(timer);
  gc();
  const retained = used() - base;
  void result.analysis.messages.length;
  return { peak, retained };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = new Uint8Array(readFileSync(process.argv[2]!));
  await peakHeap(bytes); // warm-up: compiled code and module state are not the analysis' data
  const runs: HeapFigures[] = [];
  for (let i = 0; i < 3; i++) runs.push(await peakHeap(bytes));
  console.log(JSON.stringify({ peak: median(runs.map((r) => r.peak)), retained: median(runs.map((r) => r.retained)) }));
}
