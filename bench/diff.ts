/**
 * `npm run bench:diff`: how fast ListLens says what changed between versions of a series.
 *
 * Data: the 30 largest real patches of the LKML corpus
 * (notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd: the "remove unnecessary semicolons"
 * and cifs FS-Cache series and the other patches there), as v1. The corpus holds no real
 * 30-patch series in several versions, so the later versions are derived from it the way
 * rerolls change a series, with a fixed seed: every step rebases a third of the patches
 * (all hunks move), edits a line in a quarter, changes one patch in whitespace only,
 * rewords one message, swaps two patches, drops one and adds one from the corpus' other
 * patches. Without the corpus the bench says so and stops.
 *
 * Figures, medians of 9 runs after 5 warm-up calls (V8 tiers a function up only after
 * several calls; a panel diffing versions calls these many times), each run on fresh objects
 * (nothing parsed or hashed is reused):
 * - pair: `diffVersions(v1, v2)` for the 30-patch pair, everything included (parse, patch-id,
 *   matching, 30 interdiffs); goal ≤ 50 ms;
 * - interdiffs only: the 30 `interdiff()` calls on parsed patches;
 * - summary: `diffSeries` over 6 versions (5 steps); goal ≤ 100 ms;
 * - floor: parsing and patch-id of the pair's 60 patches, work the ledger does anyway;
 * - peer: patchutils' `interdiff` on the same 30 pairs (one process per pair, as a reader
 *   would run it; it cannot compare rebased patches and says so), when installed.
 * Each is given in wall time and in this process' CPU time (the machine may be shared). The
 * last line is one JSON object with every figure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseMbox } from '../src/core/analyse.ts';
import { interdiff } from '../src/core/patch/interdiff.ts';
import { parsePatch } from '../src/core/patch/patch.ts';
import { patchIdentity } from '../src/core/patch/patch-id.ts';
import { parseSubject } from '../src/core/mail/subject.ts';
import { diffSeries, diffVersions, summaryLine, type VersionInput, type VersionPatchInput } from '../src/core/series/version-diff.ts';
import { median, timed as timedOnce } from './stats.ts';
import { mulberry32 } from '../test/helpers/random.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env.LISTLENS_CORPUS ?? resolve(root, '../shared/corpus');
const file = join(corpus, 'notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd');
if (!existsSync(file)) {
  console.log(`corpus absent at ${corpus}: bench:diff needs the LKML corpus (set LISTLENS_CORPUS)`);
  process.exit(process.env.CI ? 1 : 0);
}
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
const RUNS = 9;
const WARM = 5;

/** `timed` after WARM extra calls. */
async function timed(runs: number, fn: () => unknown, before?: () => void): Promise<number> {
  for (let i = 0; i < WARM; i++) await fn();
  return timedOnce(runs, fn, before);
}

/**
 * The same median in CPU time of this process (user + system): on a machine shared with
 * other work, wall time counts the waits for a core, CPU time counts only our own work.
 */
function cpuTimed(runs: number, fn: () => unknown): number {
  for (let i = 0; i <= WARM; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    t.push((c.user + c.system) / 1000);
  }
  return Math.round(median(t) * 10) / 10;
}


const r = await analyseMbox(new Uint8Array(readFileSync(file)), { keepBodies: true });
const real: Array<{ subject: string; body: string; size: number }> = [];
for (const h of r.heads) {
  const body = r.bodies?.get(h.id)?.text ?? '';
  const s = parseSubject(h.subject);
  if (s.isReply) continue;
  const p = parsePatch(body);
  const size = p.files.reduce((n, f) => n + f.hunks.reduce((m, x) => m + x.lines.length, 0), 0);
  if (size > 0) real.push({ subject: `[PATCH] ${s.base}`, body, size });
}
real.sort((a, b) => b.size - a.size || (a.subject < b.subject ? -1 : 1));
const base = real.slice(0, 30);
const pool = real.slice(30);

/** Moves every hunk of the body by `k` lines (a rebase). */
const rebase = (body: string, k: number): string => body.replace(/^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@/gm, (_m, a, b, c, d) => `@@ -${Number(a) + k}${b ?? ''} +${Number(c) + k}${d ?? ''} @@`);
/** Edits the first added line (the author changed the code). */
const edit = (body: string, n: number): string => body.replace(/^\+(?!\+\+ )(.*)$/m, (_m, t) => `+${t} /* v${n} */`);
const respace = (body: string): string => body.replace(/^\+(?!\+\+ )(\t*)(\S)/m, '+$1 $2');
const reword = (body: string, n: number): string => body.replace(/\n---\n/, `\nReworded for v${n}.\n---\n`);

function derive(prev: Array<{ subject: string; body: string }>, n: number, rand: () => number): Array<{ subject: string; body: string }> {
  const next = prev.map((p) => ({ ...p }));
  for (const p of next) {
    const x = rand();
    if (x < 0.33) p.body = rebase(p.body, 1 + Math.floor(rand() * 40));
    else if (x < 0.58) p.body = edit(p.body, n);
  }
  next[Math.floor(rand() * next.length)]!.body = respace(next[Math.floor(rand() * next.length)]!.body);
  const w = next[Math.floor(rand() * next.length)]!;
  w.body = reword(w.body, n);
  const i = Math.floor(rand() * (next.length - 1));
  [next[i], next[i + 1]] = [next[i + 1]!, next[i]!];
  next.splice(Math.floor(rand() * next.length), 1);
  next.splice(Math.floor(rand() * next.length), 0, pool[(n * 7) % pool.length]!);
  return next;
}

const rand = mulberry32(11);
const raw: Array<Array<{ subject: string; body: string }>> = [base];
for (let n = 2; n <= 6; n++) raw.push(derive(raw[raw.length - 1]!, n, rand));
/** Fresh objects every call, so no parse or patch-id is reused between timed runs. */
const version = (i: number): VersionInput => ({
  version: i + 1,
  patches: raw[i]!.map((p, k): VersionPatchInput => ({ counter: k + 1, id: `v${i + 1}-${k + 1}@bench`, subject: p.subject.replace('[PATCH]', `[PATCH v${i + 1} ${k + 1}/${raw[i]!.length}]`), body: p.body })),
});

const lines = base.reduce((n, p) => n + p.size, 0);
const bytes = base.reduce((n, p) => n + p.body.length, 0);
const pair = await timed(RUNS, () => diffVersions(version(0), version(1)), gc);
const d = diffVersions(version(0), version(1));
const parsed = d.rows.filter((x) => x.older && x.newer).map((x) => {
  const a = raw[0]![x.older!.counter - 1]!;
  const b = raw[1]![x.newer!.counter - 1]!;
  return [{ patch: parsePatch(a.body), subject: a.subject }, { patch: parsePatch(b.body), subject: b.subject }] as const;
});
const only = await timed(RUNS, () => parsed.map(([a, b]) => interdiff(a, b)), gc);
const summary = await timed(RUNS, () => diffSeries([0, 1, 2, 3, 4, 5].map(version)), gc);
const floor = await timed(RUNS, () => [...raw[0]!, ...raw[1]!].map((p) => [parsePatch(p.body), patchIdentity(p.body)]), gc);
const cpu = {
  pair: cpuTimed(RUNS, () => diffVersions(version(0), version(1))),
  interdiffs: cpuTimed(RUNS, () => parsed.map(([a, b]) => interdiff(a, b))),
  summary: cpuTimed(RUNS, () => diffSeries([0, 1, 2, 3, 4, 5].map(version))),
  floor: cpuTimed(RUNS, () => [...raw[0]!, ...raw[1]!].map((p) => [parsePatch(p.body), patchIdentity(p.body)])),
};

let peer: number | null = null;
let peerOk = 0;
const bin = ['/usr/bin/interdiff', '/usr/local/bin/interdiff'].find((p) => existsSync(p));
if (bin) {
  const dir = mkdtempSync(join(tmpdir(), 'listlens-bench-'));
  const pairs = d.rows.filter((x) => x.older && x.newer).map((x) => [raw[0]![x.older!.counter - 1]!.body, raw[1]![x.newer!.counter - 1]!.body] as const);
  pairs.forEach(([a, b], i) => {
    writeFileSync(join(dir, `${i}a`), a);
    writeFileSync(join(dir, `${i}b`), b);
  });
  peer = await timed(3, () => {
    peerOk = 0;
    pairs.forEach((_, i) => {
      if (spawnSync(bin, ['-q', join(dir, `${i}a`), join(dir, `${i}b`)]).status === 0) peerOk++;
    });
  });
  rmSync(dir, { recursive: true, force: true });
}

const steps = diffSeries([0, 1, 2, 3, 4, 5].map(version));
console.log(`data: 30 largest real LKML corpus patches (${lines} diff lines, ${(bytes / 1024).toFixed(0)} KB) as v1, v2..v6 derived (rebase, edits, whitespace, reword, reorder, drop, add)`);
console.log(`machine: ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}; medians of ${RUNS} runs after ${WARM + 1} warm-up calls`);
for (const s of steps) console.log(`  v${s.from} → v${s.to}: ${summaryLine(s)}`);
console.log('                                     wall      cpu');
console.log(`pair (30 patches, all included)      ${pair} ms  ${cpu.pair} ms   goal ≤ 50`);
console.log(`  its 30 interdiffs only             ${only} ms  ${cpu.interdiffs} ms`);
console.log(`summary, 6 versions (5 steps)        ${summary} ms  ${cpu.summary} ms   goal ≤ 100`);
console.log(`floor: parse + patch-id, 60 patches  ${floor} ms  ${cpu.floor} ms`);
if (peer !== null) console.log(`peer: patchutils interdiff, 30 pairs ${peer} ms (${peerOk} of ${parsed.length} pairs it could compare)`);
else console.log('peer: patchutils interdiff not installed');
console.log(JSON.stringify({ pairMs: pair, interdiffsMs: only, summary6Ms: summary, floorMs: floor, cpuMs: cpu, peerInterdiffMs: peer, peerOk, pairs: parsed.length, lines, bytes, load: loadavg()[0] }));
