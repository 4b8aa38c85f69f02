/**
 * `npm run bench:scale` (and `-- series` alone): how the series core grows on its hostile
 * shapes (bench/series-shapes.ts), each at N and 4N. Issue 16's bar: 4× the input takes at
 * most 5× the time, and 4N stays under a stated ceiling; a shape past either fails the run.
 *
 * Figures are medians of 7 runs after a warm-up, in this process (both sizes in the same
 * run, so the ratio compares like with like).
 *
 * Non-goals: the thread stages (bench/scale.ts), the ledger from the cache (bench/ledger.ts).
 */
import { matchPatches } from '../src/core/series/patch-match.ts';
import { buildLedger } from '../src/core/series/ledger.ts';
import { groupVersions } from '../src/core/series/version-group.ts';
import { rewordedPatches, sameNameReplies, similarPostings, strangerReplies } from './series-shapes.ts';
import { median } from './stats.ts';

interface Shape {
  name: string;
  n: number;
  /** Builds the input of size n, then returns the work to time. */
  make: (n: number) => () => unknown;
  /** 4N must finish under this, ms. */
  ceilingMs: number;
}

const SHAPES: Shape[] = [
  { name: 'postings with similar titles (groupVersions)', n: 500, make: (n) => ((t) => () => groupVersions(t))(similarPostings(n)), ceilingMs: 1_000 },
  { name: "strangers' v10 replying to a cover (groupVersions + buildLedger)", n: 500, make: (n) => ((t) => () => buildLedger(groupVersions(t)[0]!))(strangerReplies(n)), ceilingMs: 1_000 },
  { name: "v10 in the author's name from an address each, replying to a cover (groupVersions)", n: 500, make: (n) => ((t) => () => groupVersions(t))(sameNameReplies(n)), ceilingMs: 1_000 },
  { name: 'reworded patches touching one file (matchPatches)', n: 500, make: (n) => (([o, w]) => () => matchPatches(o, w))(rewordedPatches(n)), ceilingMs: 1_000 },
];

function time(work: () => unknown, runs = 7): number {
  work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

export interface GrowthRow {
  name: string;
  n: number;
  msN: number;
  ms4N: number;
  ratio: number;
  ceilingMs: number;
  ok: boolean;
}

/** Each shape at N and 4N; rows, and whether every one is within the bar. */
export function seriesGrowth(): { rows: GrowthRow[]; ok: boolean } {
  const rows = SHAPES.map((s): GrowthRow => {
    const msN = time(s.make(s.n));
    const ms4N = time(s.make(4 * s.n));
    const ratio = ms4N / Math.max(msN, 0.01);
    return { name: s.name, n: s.n, msN: Math.round(msN * 10) / 10, ms4N: Math.round(ms4N * 10) / 10, ratio: Math.round(ratio * 100) / 100, ceilingMs: s.ceilingMs, ok: ratio <= 5 && ms4N <= s.ceilingMs };
  });
  return { rows, ok: rows.every((r) => r.ok) };
}

export function growthTable(rows: GrowthRow[]): string {
  const lines = ['| series shape | N | ms at N | ms at 4N | 4N / N | ceiling at 4N |', '|---|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.n} | ${r.msN} | ${r.ms4N} | ${r.ratio}× ${r.ratio <= 5 ? '≤' : '>'} 5× | ${r.ms4N <= r.ceilingMs ? '≤' : '>'} ${r.ceilingMs} ms |`);
  return lines.join('\n');
}
