/**
 * The superlinear inputs of issue 16 in the patch and diff code, each a function of its size
 * n, with the work it slowed down:
 * - `tab path`: a `+++` path line of n tabs, then CR and more (`/\t.*$/`: 80,000 tabs, 8.2 s);
 * - `space run`: a commit-message and changelog line of n spaces, then `x` (`/\s+$/`: 40,000
 *   spaces, 13.1 s in Node);
 * - `cli diff render`: the CLI's rendering of the interdiff of two versions of an n-line new
 *   file, one line in 8 changed (160,000 lines: "Maximum call stack size exceeded");
 * - `interdiff new file`: the same, interdiff only (quadratic: the backward scan in placeOf);
 * - `files one path`: two versions of a patch of n files sharing one path (20,000: 4.6 s).
 * Made at run time (never committed), by bench/scale.ts (N and 4N, ratio and ceiling), by its
 * CI check (test/core/patch/superlinear.test.ts) and by the fuzzer's mutators.
 *
 * Run directly (`node --expose-gc --import tsx test/helpers/patch-shapes.ts [scale] [name…]`)
 * it times each shape at N·scale and 4N·scale (`timeShape`) and once at its full 4N size
 * (`fullRun`), and prints one JSON line per shape.
 *
 * Non-goals: realistic patches; the series code's own shapes (another helper's).
 */
import { pathToFileURL } from 'node:url';
import { renderInterdiff } from '../../src/cli/diff.ts';
import { interdiff, type PatchSide } from '../../src/core/patch/interdiff.ts';
import { patchIdentity } from '../../src/core/patch/patch-id.ts';
import { parsePatch } from '../../src/core/patch/patch.ts';
import { parseChangelog } from '../../src/core/series/changelog.ts';

/** The body of a patch mail: `message`, `---`, then `diff`. */
export function patchMail(message: string, diff: string): string {
  return `${message}\n\nSigned-off-by: A U Thor <author@example.org>\n---\n${diff}`;
}

/** A `+++` line of n tabs after the path, then a lone CR and more text. */
export function tabPathDiff(n: number): string {
  return `diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c${'\t'.repeat(n)}\rx\n@@ -1 +1 @@\n-a\n+b\n`;
}

/** A line of n spaces, then `x`. */
export function spaceRun(n: number): string {
  return `${' '.repeat(n)}x`;
}

/** The diff of a new file of n lines; `version` changes one line in 8. */
export function newFileDiff(n: number, version: number): string {
  const lines = [`diff --git a/big.c b/big.c`, 'new file mode 100644', '--- /dev/null', '+++ b/big.c', `@@ -0,0 +1,${n} @@`];
  for (let i = 0; i < n; i++) lines.push(i % 8 === 4 ? `+line ${i} of version ${version}` : `+line ${i}`);
  return lines.join('\n') + '\n';
}

/** The diff of n files that all name one path; `version` changes each one's added line. */
export function samePathDiff(n: number, version: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push('diff --git a/same.c b/same.c', '--- a/same.c', '+++ b/same.c', `@@ -${i + 1} +${i + 1} @@`, `-old ${i}`, `+new ${i} v${version}`);
  return out.join('\n') + '\n';
}

const side = (body: string, subject: string): PatchSide => ({ patch: parsePatch(body), subject });

export interface Shape {
  name: string;
  /** The size (4N); N is a quarter of it. */
  n4: number;
  /** The most the 4N run may take after the fix, ms (stated, and checked in CI). */
  ceilingMs: number;
  /** Makes the input of size n (untimed) and returns the timed work. */
  prepare(n: number): () => unknown;
}

export const SHAPES: Shape[] = [
  {
    name: 'tab path',
    n4: 80_000,
    ceilingMs: 200,
    prepare(n) {
      const body = patchMail('fix: a path of tabs', tabPathDiff(n));
      return () => [parsePatch(body).files.length, patchIdentity(body).files.length];
    },
  },
  {
    name: 'space run',
    n4: 40_000,
    ceilingMs: 200,
    prepare(n) {
      const body = patchMail(`fix: a line of spaces\n\n${spaceRun(n)}`, 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n');
      const log = `Changes in v2:\n${spaceRun(n)}\n- a note\n`;
      return () => [parsePatch(body).message.length, parseChangelog(log, 2).length];
    },
  },
  {
    name: 'cli diff render',
    n4: 160_000,
    ceilingMs: 1000,
    prepare(n) {
      // the interdiff is the next shape's; this one is the rendering that overflowed the stack
      const d = interdiff(side(patchMail('big: new file', newFileDiff(n, 1)), 'big: new file'), side(patchMail('big: new file', newFileDiff(n, 2)), 'big: new file'));
      return () => renderInterdiff(d).length;
    },
  },
  {
    name: 'interdiff new file',
    n4: 160_000,
    ceilingMs: 2000,
    prepare(n) {
      const a = side(patchMail('big: new file', newFileDiff(n, 1)), 'big: new file');
      const b = side(patchMail('big: new file', newFileDiff(n, 2)), 'big: new file');
      return () => interdiff(a, b).files.length;
    },
  },
  {
    name: 'files one path',
    n4: 20_000,
    ceilingMs: 2000,
    prepare(n) {
      const a = side(patchMail('same: many files', samePathDiff(n, 1)), 'same: many files');
      const b = side(patchMail('same: many files', samePathDiff(n, 2)), 'same: many files');
      return () => interdiff(a, b).files.length;
    },
  },
];

export interface ShapeTiming {
  name: string;
  n: number;
  n4: number;
  /** Best of `runs`, ms of CPU time. */
  ms: number;
  ms4: number;
  ratio: number;
  ceilingMs: number;
  error: string | null;
}

const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

/**
 * One measurement, ms of this process's CPU time (user and system, the collector's threads
 * included): `reps` calls of `fn`, after a collection (the garbage of the run before is not
 * this run's). CPU time, not the clock: on a machine shared with other work the clock also
 * counts the time this process waited for a core.
 */
function once(fn: () => unknown, reps: number): number {
  gc();
  const t0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/**
 * Times a shape at N·scale and 4N·scale: N and 4N measured in turn `runs` times (so both meet
 * the same load), the best of each kept (a pause of the machine is not the algorithm), each
 * measurement repeating the work until N's takes a few milliseconds. A ratio over 5 is
 * measured again, up to `attempts` times, and the best attempt reported: a superlinear stage
 * is far over (14× to 31× before issue 16's fixes), noise is not, twice over.
 */
export function timeShape(s: Shape, scale = 1, runs = 7, attempts = 5): ShapeTiming {
  const n4 = Math.round(s.n4 * scale);
  const n = Math.round(n4 / 4);
  let out: ShapeTiming | null = null;
  try {
    const small = s.prepare(n);
    const large = s.prepare(n4);
    const first = once(small, 1);
    const reps = Math.max(1, Math.min(1000, Math.ceil(5 / Math.max(first, 0.001))));
    for (let k = 0; k < attempts && !(out && out.ratio <= 5); k++) {
      let ms = Infinity;
      let ms4 = Infinity;
      for (let i = 0; i < runs; i++) {
        ms = Math.min(ms, once(small, reps) / reps);
        ms4 = Math.min(ms4, once(large, reps) / reps);
      }
      if (!out || ms4 / ms < out.ratio) out = { name: s.name, n, n4, ms, ms4, ratio: ms4 / ms, ceilingMs: s.ceilingMs, error: null };
    }
    return out!;
  } catch (e) {
    return { name: s.name, n, n4, ms: NaN, ms4: NaN, ratio: NaN, ceilingMs: s.ceilingMs, error: e instanceof Error ? e.message : String(e) };
  }
}

/** One run of a shape at its full 4N size, ms (the ceiling's measure, and the crash's: 160,000 lines overflowed the stack). */
export function fullRun(s: Shape): { fullMs: number; error: string | null } {
  try {
    return { fullMs: once(s.prepare(s.n4), 1), error: null };
  } catch (e) {
    return { fullMs: NaN, error: e instanceof Error ? e.message : String(e) };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const scale = Number(process.argv[2] ?? 1);
  const only = process.argv.slice(3);
  for (const s of SHAPES) {
    if (only.length && !only.includes(s.name)) continue;
    const t = timeShape(s, scale);
    const full = fullRun(s);
    console.log(JSON.stringify({ ...t, fullMs: full.fullMs, error: t.error ?? full.error }));
  }
}
