/**
 * `npm run fuzz [-- --cases N] [--seed S] [--case K] [--mutator NAME]`: a fixed-seed mutation
 * fuzzer over ../shared/corpus and the project's mail fixtures (issue 9). Each case takes one
 * to four real messages, applies one to three mutators (test/fuzz/mutators.ts) and runs the
 * whole analysis, the CLI's text and JSON output and a context view on the result, and, for
 * each series with two versions or more, `listlens diff` of its last two (the interdiffs).
 *
 * Properties checked on every case:
 * - no exception escapes;
 * - every input message (as splitMbox cuts the case) is accounted for exactly once: shown
 *   in `messages` (once, as its head), or reported in `errors` by its offset, or dropped as
 *   a copy of a message that is shown (same Message-ID: dropCopies' rule);
 * - no case takes more than 100× a linear pass over its bytes: the linear pass is the
 *   analysis of the unmutated inputs, measured at the start as time per byte; a floor of
 *   two seconds keeps GC pauses and JIT warm-up from failing a small case. A quadratic stage
 *   exceeds that by far (a 200 KB line took 23 s; the cap for it is under 10 s).
 *
 * A case is replayed alone by its number and the seed: `npm run fuzz -- --case 1234`.
 * test/core/fuzz.test.ts runs the CI budget (220 cases, about 10 s) through `runFuzz`.
 *
 * Non-goals: coverage guidance, shrinking, the browser (the e2e fault matrix covers it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyseMbox } from '../../src/core/analyse.ts';
import { messageContext } from '../../src/core/thread/context.ts';
import { parseHead } from '../../src/core/mail/headers.ts';
import { splitMbox } from '../../src/core/mail/mbox.ts';
import { renderOverview } from '../../src/cli/render.ts';
import { factsOf, ledgersOf } from '../../src/cli/ledgers.ts';
import { renderVersionDiff } from '../../src/cli/diff.ts';
import { changelogFor, seriesChangelogs } from '../../src/core/series/changelog.ts';
import { diffVersions, versionInput } from '../../src/core/series/version-diff.ts';
import { corpusFiles, repoRoot } from '../helpers/corpus.ts';
import { MUTATORS, MUTATOR_NAMES, fitCase, int, mulberry32, pick, type Rand } from './mutators.ts';

export const DEFAULT_SEED = 20260903;
/** The cap is 100× the linear pass over the case's bytes, never under this. */
export const FLOOR_MS = 2000;
export const FACTOR = 100;

export interface FuzzOptions {
  seed?: number;
  cases?: number;
  /** Run only this case number (to replay a failure). */
  only?: number;
  /** Use only this mutator. */
  mutator?: string;
  log?: (line: string) => void;
}

export interface Failure {
  case: number;
  mutators: string[];
  bytes: number;
  problem: string;
}

export interface FuzzReport {
  cases: number;
  bytes: number;
  failures: Failure[];
  /** ms per byte of the linear pass */
  perByte: number;
  slowest: { case: number; ms: number; capMs: number; mutators: string[] } | null;
}

const latin1 = new TextDecoder('latin1');

/** The fixtures of this repository that are mail. */
const FIXTURES = ['test/fixtures/core/series.mbox', 'test/fixtures/pipermail/example-dev-2010-March.txt'];

/** Every real message the fuzzer starts from, as latin-1 strings. */
export function loadInputs(): string[] {
  const files = [...corpusFiles(), ...FIXTURES.map((f) => join(repoRoot, f))];
  const out: string[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(f));
    for (const m of splitMbox(bytes).messages) if (m.length) out.push(latin1.decode(m));
  }
  if (!out.length) throw new Error('no inputs: the corpus is missing');
  return out;
}

function toBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** The mbox of a case: mboxrd From_ lines, or (sometimes) one raw message alone. */
function mboxOf(r: Rand, msgs: string[]): Uint8Array {
  if (msgs.length === 1 && r() < 0.3) return toBytes(msgs[0]!);
  return toBytes(msgs.map((m) => `From mboxrd@z Thu Jan  1 00:00:00 1970\n${m.replace(/^(>*From )/gm, '>$1')}\n`).join(''));
}

/** Mutators that build megabytes are drawn less often, so the budget covers more cases. */
const HEAVY = new Set(['manyReferences', 'deepMultipart', 'bigNewFile', 'samePathFiles']);

function caseRand(seed: number, k: number): Rand {
  return mulberry32((seed ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0);
}

/** The messages and mutators of case `k`. */
export function makeCase(inputs: string[], seed: number, k: number, only?: string): { bytes: Uint8Array; mutators: string[] } {
  const r = caseRand(seed, k);
  let msgs = Array.from({ length: int(r, 1, 4) }, () => pick(r, inputs));
  const mutators: string[] = [];
  for (let n = int(r, 1, 3); n > 0; n--) {
    let name = only ?? pick(r, MUTATOR_NAMES);
    if (!only && HEAVY.has(name) && r() < 0.7) name = pick(r, MUTATOR_NAMES);
    mutators.push(name);
    msgs = fitCase(MUTATORS[name]!(r, msgs));
  }
  return { bytes: mboxOf(r, msgs), mutators };
}

/** The properties, on one case; the problem found, or null. */
async function check(bytes: Uint8Array, capMs: number): Promise<{ problem: string | null; ms: number }> {
  const t0 = performance.now();
  let result;
  try {
    result = await analyseMbox(bytes, { keepBodies: true });
    renderOverview(result.analysis, ledgersOf([factsOf(result)]));
    JSON.stringify(result.analysis);
    const last = result.analysis.messages.findLast((m) => !m.ghost);
    if (last) await messageContext(result.bytes, result.analysis, result.heads, last.id);
    // what `listlens diff` does with the last two versions of each series that has two
    const bodies = new Map<string, string>();
    for (const [id, b] of result.bodies ?? []) bodies.set(id, b.text);
    for (const s of result.analysis.series) {
      if (s.versions.length < 2) continue;
      const [older, newer] = s.versions.slice(-2) as [(typeof s.versions)[number], (typeof s.versions)[number]];
      const d = diffVersions(versionInput(older, bodies), versionInput(newer, bodies));
      renderVersionDiff(s, d, [older.total || older.patches.length, newer.total || newer.patches.length], changelogFor(newer.version, seriesChangelogs(s, bodies)));
    }
  } catch (err) {
    return { problem: `exception: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, ms: performance.now() - t0 };
  }
  const ms = performance.now() - t0;
  if (ms > capMs) return { problem: `took ${ms.toFixed(0)} ms, over the cap of ${capMs.toFixed(0)} ms (${FACTOR}× a linear pass over ${bytes.length} bytes)`, ms };
  return { problem: accounting(bytes, result), ms };
}

/** Every input message shown once, reported by its offset, or dropped as a copy of one shown. */
function accounting(bytes: Uint8Array, result: Awaited<ReturnType<typeof analyseMbox>>): string | null {
  const split = splitMbox(bytes);
  const { analysis, heads } = result;
  const shown = new Map<string, number>();
  for (const m of analysis.messages) if (!m.ghost) shown.set(m.id, (shown.get(m.id) ?? 0) + 1);
  for (const [id, n] of shown) if (n > 1) return `message ${id} is in messages ${n} times`;
  if (shown.size !== heads.length) return `${heads.length} messages read, ${shown.size} shown`;
  const byIndex = new Map<number, number>();
  for (const h of heads) {
    if (!shown.has(h.id)) return `message ${h.id} was read but is not in messages`;
    byIndex.set(h.index, (byIndex.get(h.index) ?? 0) + 1);
  }
  const reported = new Set(analysis.errors.map((e) => e.where));
  const ids = new Set(heads.map((h) => h.messageId || h.id.replace(/#\d+$/, '')));
  for (let i = 0; i < split.messages.length; i++) {
    const n = byIndex.get(i) ?? 0;
    if (n > 1) return `input message ${i} is shown ${n} times`;
    if (n === 1) continue;
    if (reported.has(`mbox:${split.offsets[i]}`)) continue;
    // dropped as a copy: its id (or, without one, its synthetic id) must be shown, as
    // dropCopies keeps one of the copies
    let id: string | null = null;
    try {
      const h = parseHead(split.messages[i]!, i);
      id = h.messageId || h.id;
    } catch {
      // unreadable headers are an error, reported above or missing
    }
    if (id && ids.has(id)) continue;
    return `input message ${i} (offset ${split.offsets[i]}) is neither in messages nor in errors`;
  }
  return null;
}

/** ms per byte of analysing the unmutated inputs: the linear pass the cap is measured against. */
async function linearPass(inputs: string[]): Promise<number> {
  const bytes = toBytes(inputs.map((m) => `From mboxrd@z Thu Jan  1 00:00:00 1970\n${m.replace(/^(>*From )/gm, '>$1')}\n`).join(''));
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await analyseMbox(bytes);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[1]! / bytes.length;
}

export async function runFuzz(opts: FuzzOptions = {}): Promise<FuzzReport> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const cases = opts.cases ?? 300;
  const log = opts.log ?? ((): void => undefined);
  if (opts.mutator && !MUTATORS[opts.mutator]) throw new Error(`no mutator ${opts.mutator} (${MUTATOR_NAMES.join(', ')})`);
  const inputs = loadInputs();
  const perByte = await linearPass(inputs);
  log(`${inputs.length} input messages; linear pass ${(1 / perByte / 1000).toFixed(1)} MB/s; seed ${seed}`);
  const report: FuzzReport = { cases: 0, bytes: 0, failures: [], perByte, slowest: null };
  let worst = 0;
  for (let k = opts.only ?? 0; k < (opts.only !== undefined ? opts.only + 1 : cases); k++) {
    const { bytes, mutators } = makeCase(inputs, seed, k, opts.mutator);
    const capMs = Math.max(FLOOR_MS, FACTOR * perByte * bytes.length);
    const { problem, ms } = await check(bytes, capMs);
    report.cases++;
    report.bytes += bytes.length;
    if (ms / capMs > worst) {
      worst = ms / capMs;
      report.slowest = { case: k, ms: Math.round(ms), capMs: Math.round(capMs), mutators };
    }
    if (problem) {
      report.failures.push({ case: k, mutators, bytes: bytes.length, problem });
      log(`case ${k} [${mutators.join(', ')}] ${bytes.length} bytes: ${problem}`);
    }
    if ((k + 1) % 100 === 0) log(`${k + 1} cases, ${report.failures.length} failing`);
  }
  return report;
}

async function main(argv: string[]): Promise<number> {
  const opts: FuzzOptions = { log: (l) => console.log(l) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a === '--cases' && v) opts.cases = Number(argv[++i]);
    else if (a === '--seed' && v) opts.seed = Number(argv[++i]);
    else if (a === '--case' && v) opts.only = Number(argv[++i]);
    else if (a === '--mutator' && v) opts.mutator = argv[++i]!;
    else {
      console.error('usage: npm run fuzz -- [--cases N] [--seed S] [--case K] [--mutator NAME]');
      return 1;
    }
  }
  const t0 = performance.now();
  const r = await runFuzz(opts);
  const s = r.slowest;
  console.log(`${r.cases} cases, ${(r.bytes / 1048576).toFixed(1)} MB, ${((performance.now() - t0) / 1000).toFixed(1)} s; closest to the cap: case ${s?.case} ${s?.ms} ms of ${s?.capMs} ms [${s?.mutators.join(', ')}]`);
  console.log(`${r.cases - r.failures.length} passed, ${r.failures.length} failed`);
  return r.failures.length ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
