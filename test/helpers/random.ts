/**
 * mulberry32, a small fast PRNG: the same seed gives the same cases, so the fuzzer, the
 * generated diff cases and the benches' synthetic threads are the same on every run and two
 * runs' figures compare.
 */
export type Rand = () => number;

export function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
