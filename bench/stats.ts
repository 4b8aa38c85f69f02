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
