/**
 * `npm run bench:maintainers`: how fast ListLens reads the kernel's MAINTAINERS and says which
 * entries a series version belongs to, against scripts/get_maintainer.pl on the same input.
 *
 * Data: the MAINTAINERS of Debian's linux-source (extracted once into the temp dir by
 * test/helpers/linux-source.ts; without the package the bench says so and stops), and a
 * 33-patch version generated over real kernel paths with a fixed seed
 * (test/helpers/kernel-patches.ts: files under X:, N: and wildcard patterns among them, K:
 * keywords in the text).
 *
 * Figures, each in wall time and in this process' CPU time (the machine may be shared, and CPU
 * time is what a busy machine does not inflate): `cold` is the first call in a fresh process
 * (what a worker pays once per refresh or load), the median of 7 such processes; `warm` the
 * median of 7 runs after a warm-up:
 * - parse: text → the cached JSON (goal ≤ 100 ms, once per refresh);
 * - compile: that JSON → the matcher (once per load from the cache);
 * - match: the 33 patches, files and K: keywords (goal ≤ 20 ms);
 * - ownership: the same plus acked/waiting per entry and the summary line;
 * - peer: get_maintainer.pl `--no-git --no-git-fallback` once on the 33 patch files together
 *   (its MAINTAINERS read included, as every run pays it), and its floor, the same on a
 *   patch touching no file (start-up and MAINTAINERS read only); medians of 3.
 * The last line is one JSON object with every figure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePatch } from '../src/core/patch/patch.ts';
import { compileMaintainers, matchPatch, type MaintainersIndex } from '../src/core/maintainers/match.ts';
import { versionOwnership } from '../src/core/maintainers/ownership.ts';
import { parseMaintainers } from '../src/core/maintainers/parse.ts';
import { linuxSource, linuxSourceTarball } from '../test/helpers/linux-source.ts';
import { kernelPatches, patternSamples } from '../test/helpers/kernel-patches.ts';
import { mulberry32 } from '../test/helpers/random.ts';
import { median, timed } from './stats.ts';

const RUNS = 7;

if (!linuxSourceTarball) {
  console.log('linux-source is not installed: bench:maintainers needs /usr/src/linux-source-*.tar.xz (Debian package linux-source)');
  process.exit(0);
}
const src = await linuxSource(linuxSourceTarball);
const text = readFileSync(src.maintainers, 'utf8');

const r1 = (v: number): number => Math.round(v * 10) / 10;
/** Wall and CPU milliseconds of one call (CPU: this process only, the machine may be shared). */
const once = (fn: () => unknown): { wall: number; cpu: number } => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: r1(performance.now() - t0), cpu: r1((c.user + c.system) / 1000) };
};

const samples = patternSamples(text, src.files, new Set(src.dirs));
const version = kernelPatches(mulberry32(33), 33, src.files, samples).map((p) => ({
  files: [...new Set(parsePatch(p.text).files.flatMap((f) => [f.oldPath, f.newPath]).filter((x): x is string => !!x))],
  text: p.text,
  trailers: [],
}));

if (process.env.LISTLENS_BENCH_COLD) {
  // one fresh process: each step's first call
  const parseMs = once(() => parseMaintainers(text));
  const json = JSON.stringify(parseMaintainers(text));
  let ix: MaintainersIndex | null = null;
  // cold means this code's first run: the data is ready, as it is in a worker
  const compileMs = once(() => (ix = compileMaintainers(JSON.parse(json))));
  const matchMs = once(() => version.forEach((p) => matchPatch(ix!, p)));
  console.log(JSON.stringify({ parseMs, compileMs, matchMs }));
  process.exit(0);
}

type Once = { wall: number; cpu: number };
const colds = Array.from({ length: RUNS }, () => {
  const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], { env: { ...process.env, LISTLENS_BENCH_COLD: '1' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { parseMs: Once; compileMs: Once; matchMs: Once };
});
const coldOf = (k: 'parseMs' | 'compileMs' | 'matchMs'): Once => ({ wall: r1(median(colds.map((c) => c[k].wall))), cpu: r1(median(colds.map((c) => c[k].cpu))) });
const [coldParse, coldCompile, coldMatch] = [coldOf('parseMs'), coldOf('compileMs'), coldOf('matchMs')];

const file = parseMaintainers(text);
const json = JSON.stringify(file);
const ix = compileMaintainers(file);
const matchAll = (): number => version.reduce((n, p) => n + matchPatch(ix, p).entries.length, 0);

/** Medians of RUNS calls after a warm-up, wall and this process' CPU (the machine is shared). */
function warm(fn: () => unknown): Once {
  fn();
  const runs = Array.from({ length: RUNS }, () => once(fn));
  return { wall: r1(median(runs.map((r) => r.wall))), cpu: r1(median(runs.map((r) => r.cpu))) };
}
const parse = warm(() => parseMaintainers(text));
const compile = warm(() => compileMaintainers(JSON.parse(json)));
const jsonParse = await timed(RUNS, () => JSON.parse(json));
const match = warm(matchAll);
const ownership = warm(() => versionOwnership(ix, version));

// the peer, on the same 33 patches
const dir = mkdtempSync(join(tmpdir(), 'listlens-bench-gm-'));
const perl = (args: string[]): number => {
  const t0 = performance.now();
  const r = spawnSync('perl', ['scripts/get_maintainer.pl', '--no-git', '--no-git-fallback', '--no-rolestats', ...args], { cwd: src.tree, env: { PATH: process.env.PATH ?? '/usr/bin', HOME: dir, LC_ALL: 'C' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return performance.now() - t0;
};
let peer: number | null = null;
let peerFloor: number | null = null;
try {
  const files = version.map((p, i) => {
    const f = join(dir, `${String(i).padStart(2, '0')}.patch`);
    writeFileSync(f, p.text);
    return f;
  });
  const empty = join(dir, 'empty.patch');
  writeFileSync(empty, 'Subject: [PATCH] nothing\n\nNo diff.\n---\n');
  peer = Math.round(median([0, 1, 2].map(() => perl(files))));
  peerFloor = Math.round(median([0, 1, 2].map(() => perl([empty]))));
} catch (err) {
  console.log(`peer: get_maintainer.pl did not run: ${(err as Error).message}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const lines = text.split('\n').length;
const filesTouched = version.reduce((n, p) => n + p.files.length, 0);
console.log(`data: ${linuxSourceTarball} MAINTAINERS (${(text.length / 1024).toFixed(0)} KB, ${lines} lines, ${file.entries.length} entries, ${file.errorCount} errors); cached JSON ${(json.length / 1024).toFixed(0)} KB`);
console.log(`      a 33-patch version over real kernel paths (${filesTouched} files, ${(version.reduce((n, p) => n + p.text.length, 0) / 1024).toFixed(0)} KB of text), ${matchAll()} entry matches`);
console.log(`machine: ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}; warm: medians of ${RUNS} runs after a warm-up; cold: first call in a fresh process, median of ${RUNS}`);
const row = (label: string, cold: Once | null, w: Once, note = ''): void =>
  console.log(`${label.padEnd(34)} ${cold ? `${cold.wall} ms (${cold.cpu})` : '-'}`.padEnd(56) + `${w.wall} ms (${w.cpu})`.padEnd(22) + note);
console.log(`${'ms, wall (cpu)'.padEnd(34)} cold`.padEnd(56) + 'warm');
row('parse MAINTAINERS', coldParse, parse, 'goal ≤ 100');
row('compile the cached JSON', coldCompile, compile, `JSON.parse alone ${jsonParse} ms`);
row('match the 33-patch version', coldMatch, match, 'goal ≤ 20');
row('ownership of the version', null, ownership);
if (peer !== null) console.log(`peer: get_maintainer.pl on the 33 patches, one run   ${peer} ms (its start-up and MAINTAINERS read alone: ${peerFloor} ms)`);
console.log(JSON.stringify({ parseColdMs: coldParse, parseMs: parse, compileColdMs: coldCompile, compileMs: compile, jsonParseMs: jsonParse, matchColdMs: coldMatch, matchMs: match, ownershipMs: ownership, peerMs: peer, peerFloorMs: peerFloor, entries: file.entries.length, jsonKB: Math.round(json.length / 1024), files: filesTouched, load: loadavg()[0] }));
