/**
 * The one way every bench reports a time: the median of several runs after a warm-up, so a
 * JIT warm-up or one GC pause does not decide a figure. Shared by the Node benches and the
 * page bundled into Chromium (no Node APIs here).
 */

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  if (!s.length) return NaN;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Median milliseconds (one decimal) of `runs` calls after one warm-up call. `before` runs
 * outside the timed span of each call (the Node benches pass a forced GC there).
 */
export async function timed(runs: number, fn: () => unknown, before: () => void = () => undefined): Promise<number> {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return Math.round(median(t) * 10) / 10;
}

/**
 * Two things timed in turn (a b a b …, after one warm-up of each), so a machine whose speed
 * drifts (other work on the cores) moves both alike: medians of each, and the median of the
 * pairwise ratios a/b, which is the figure to quote.
 */
export async function paired(runs: number, a: () => unknown, b: () => unknown, before: () => void = () => undefined): Promise<{ a: number; b: number; ratio: number }> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    let t0 = performance.now();
    await a();
    const x = performance.now() - t0;
    before();
    t0 = performance.now();
    await b();
    const y = performance.now() - t0;
    ta.push(x);
    tb.push(y);
    ratios.push(x / y);
  }
  const r1 = (v: number): number => Math.round(v * 10) / 10;
  return { a: r1(median(ta)), b: r1(median(tb)), ratio: Math.round(median(ratios) * 1000) / 1000 };
}
