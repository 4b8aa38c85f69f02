/**
 * `npm run bench:scale`: how each stage of the core grows with its input (issue 9). Time per
 * stage and peak memory for threads of 1,000, 10,000 and 50,000 messages (bench/generate.ts'
 * realistic review thread, ~5 KB a message), a 5,000-deep reply chain, a message with
 * 100,000 References and a 50 MB message.
 *
 * Each scenario runs in a child process of its own (`--one <name>`), so its peak RSS and
 * peak heap are its own and not what an earlier scenario left behind. Peak heap is JS heap
 * plus ArrayBuffers (the input and decoded parts), sampled every 5 ms and after each stage;
 * peak RSS is the process' maximum resident size, the input and the generator included.
 * Stage times are taken one stage at a time over the same data (each holds its results for
 * the next); `full` is the one analyseMbox call, which the worker and the CLI make. Stages are the ones
 * analyseMbox runs, timed one by one over the same data: split, headers (headers pass, keys,
 * copies, thread), bodies (postal-mime), series (+ trailers), participants, quotes; then the
 * whole analyseMbox. Times are medians of `--runs` runs (3 by default; the 50,000-message
 * thread once, as it alone takes most of a minute). Near-linear shows as a steady µs per
 * message and ms per MB along the thread sizes; the table printed is the one in the README.
 *
 * Then (or alone, `-- series`) the series core's hostile shapes at N and 4N
 * (bench/scale-series.ts), whose growth and ceiling fail the run when exceeded.
 *
 * Then issue 16's superlinear shapes of the patch and diff code (test/helpers/patch-shapes.ts:
 * a `+++` line of tabs then CR, a line of spaces then `x`, the CLI's rendering and interdiff
 * of a 160,000-line new file, 20,000 files sharing one path), each at N and 4N in a child of
 * its own: CPU time, best of 7 interleaved, with the ratio (at most 5× for 4× the input) and
 * the stated ceiling of the 4N run, both checked in CI by test/core/patch/superlinear.test.ts.
 * `--shapes` runs these alone; the command exits 1 when one is over.
 *
 * Non-goals: comparisons with other parsers (bench/core.ts), the browser (bench/panel.ts).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { headsPass, analyseMbox } from '../src/core/analyse.ts';
import { parseBody } from '../src/core/mail/body.ts';
import { splitMbox } from '../src/core/mail/mbox.ts';
import { buildParticipants } from '../src/core/thread/participants.ts';
import { splitQuotes } from '../src/core/mail/quotes.ts';
import { buildSeries } from '../src/core/series/series.ts';
import type { ShapeTiming } from '../test/helpers/patch-shapes.ts';
import { generateThread } from './generate.ts';
import { growthTable, seriesGrowth } from './scale-series.ts';
import { median } from './stats.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const date = (i: number): string => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString();

function mbox(n: number, msg: (i: number) => string): Uint8Array {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`From mboxrd@z Thu Jan  1 00:00:00 1970\n${msg(i)}\n`);
  return enc(parts.join(''));
}

/** The inputs, by name; each made in the child that measures it. */
const SCENARIOS: Record<string, () => Uint8Array> = {
  'thread 1,000': () => generateThread(20180721, 1000).mbox,
  'thread 10,000': () => generateThread(20180721, 10_000).mbox,
  'thread 50,000': () => generateThread(20180721, 50_000).mbox,
  'chain 5,000 deep': () =>
    mbox(5000, (i) => {
      const refs = i === 0 ? [] : [...new Set([0, ...Array.from({ length: Math.min(i, 8) }, (_, k) => i - Math.min(i, 8) + k)])];
      return `Message-ID: <d${i}@x>\n${i ? `In-Reply-To: <d${i - 1}@x>\nReferences: ${refs.map((r) => `<d${r}@x>`).join(' ')}\n` : ''}From: P${i % 2} <p${i % 2}@x.org>\nSubject: Re: deep\nDate: ${date(i)}\n\n${'> '.repeat(Math.min(i, 12))}quoted\nreply ${i}\n`;
    }),
  '100,000 References': () => {
    const refs = Array.from({ length: 100_000 }, (_, i) => `<r${i}.${(i * 7919) % 1000}@example.org>`).join(' ');
    return mbox(3, (i) => `Message-ID: <m${i}@x>\nReferences: ${refs}${i ? ` <m${i - 1}@x>` : ''}\nFrom: P <p@x.org>\nSubject: Re: refs\nDate: ${date(i)}\n\nreply ${i}\n`);
  },
  'one 50 MB message': () => {
    const line = 'All work and no play makes a very long mail.\n';
    const body = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
    return enc(`From mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <big@x>\nFrom: Big <big@x.org>\nSubject: huge\nDate: ${date(0)}\n\n${body}\nFrom mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <small@x>\nIn-Reply-To: <big@x>\nSubject: Re: huge\n\nok\n`);
  },
};

const STAGES = ['split', 'headers', 'bodies', 'series', 'participants', 'quotes', 'full'] as const;
type Stage = (typeof STAGES)[number];

interface Figures {
  name: string;
  bytes: number;
  messages: number;
  ms: Record<Stage, number>;
  /** MB */
  peakRss: number;
  peakHeap: number;
}

/** One run of every stage, in analyseMbox's order; ms per stage. */
async function stages(bytes: Uint8Array, sample: () => void): Promise<{ ms: Record<Stage, number>; messages: number }> {
  const ms = {} as Record<Stage, number>;
  let t = performance.now();
  const lap = (s: Stage): void => {
    sample(); // the stages are mostly synchronous: the timer alone would miss their peaks
    const now = performance.now();
    ms[s] = now - t;
    t = now;
  };
  const split = splitMbox(bytes);
  lap('split');
  const { heads, thread, messages } = headsPass(split);
  lap('headers');
  const texts = new Map<string, string>();
  for (let i = 0; i < heads.length; i++) {
    try {
      texts.set(heads[i]!.id, (await parseBody(messages[i]!)).text);
    } catch {
      // over the body limit: the analysis reports it, the bench goes on
    }
  }
  lap('bodies');
  const series = buildSeries(heads, texts, thread);
  lap('series');
  buildParticipants(heads, series);
  lap('participants');
  for (const [id, text] of texts) splitQuotes(text, { messages: thread.messages, self: id });
  lap('quotes');
  await analyseMbox(bytes);
  lap('full');
  return { ms, messages: heads.length };
}

async function one(name: string, runs: number): Promise<Figures> {
  const make = SCENARIOS[name];
  if (!make) throw new Error(`no scenario ${name}`);
  const bytes = make();
  let peakHeap = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
  };
  const timer = setInterval(sample, 5);
  const all: Array<Record<Stage, number>> = [];
  let messages = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    const r = await stages(bytes, sample);
    all.push(r.ms);
    messages = r.messages;
  }
  clearInterval(timer);
  const ms = {} as Record<Stage, number>;
  for (const s of STAGES) ms[s] = Math.round(median(all.map((m) => m[s])) * 10) / 10;
  return { name, bytes: bytes.length, messages, ms, peakRss: process.resourceUsage().maxRSS / 1024, peakHeap: peakHeap / 1048576 };
}

function table(rows: Figures[]): string {
  const head = ['input', 'MB', 'messages', ...STAGES.map((s) => `${s} ms`), 'full µs/msg', 'full ms/MB', 'peak RSS MB', 'peak heap MB'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const mb = r.bytes / 1048576;
    const cells = [r.name, mb.toFixed(1), String(r.messages), ...STAGES.map((s) => String(Math.round(r.ms[s]))), (r.messages ? (r.ms.full * 1000) / r.messages : 0).toFixed(0), (r.ms.full / mb).toFixed(1), r.peakRss.toFixed(0), r.peakHeap.toFixed(0)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--one');
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 3;
  if (at >= 0) {
    const name = argv[at + 1]!;
    console.log(JSON.stringify(await one(name, name === 'thread 50,000' ? Math.min(runs, 1) : runs)));
    return;
  }
  const only = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs');
  const shapesOnly = argv.includes('--shapes');
  if (!shapesOnly && (!only.length || only.includes('series'))) await seriesShapes();
  if (only.length && only.every((n) => n === 'series')) return;
  const rows: Figures[] = [];
  for (const name of Object.keys(SCENARIOS).filter((n) => !shapesOnly && (!only.length || only.includes(n)))) {
    const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), '--one', name, '--runs', String(runs)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) throw new Error(`${name} failed: ${child.stderr}`);
    const row = JSON.parse(child.stdout.trim().split('\n').pop()!) as Figures;
    rows.push(row);
    console.error(`${name}: ${row.ms.full} ms, ${row.peakRss.toFixed(0)} MB RSS`);
  }
  if (rows.length) {
    console.log(table(rows));
    console.log(JSON.stringify(rows));
  }
  if (!shapesOnly && only.length) return;
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-semi-space-size=32', '--import', 'tsx', fileURLToPath(new URL('../test/helpers/patch-shapes.ts', import.meta.url)), '1'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`shapes failed: ${child.stderr}`);
  const shapes = child.stdout.trim().split('\n').map((l) => JSON.parse(l) as ShapeTiming & { fullMs: number });
  const lines = ['| shape (issue 16) | N | 4N | N ms | 4N ms | ratio (≤ 5) | ceiling of 4N ms | verdict |', '|---|---|---|---|---|---|---|---|'];
  let over = 0;
  for (const r of shapes) {
    const ok = !r.error && r.ratio <= 5 && r.ms4 <= r.ceilingMs;
    if (!ok) over++;
    lines.push(`| ${r.name} | ${r.n} | ${r.n4} | ${r.ms.toFixed(2)} | ${r.ms4.toFixed(2)} | ${r.ratio.toFixed(1)} | ${r.ceilingMs} | ${r.error ? `error: ${r.error}` : ok ? 'ok' : 'OVER'} |`);
  }
  console.log(lines.join('\n'));
  if (over) process.exitCode = 1;
}

/** The series core's hostile shapes (bench/scale-series.ts): N and 4N, the run fails past the bar. */
async function seriesShapes(): Promise<void> {
  const { rows, ok } = seriesGrowth();
  console.log(growthTable(rows));
  console.log(JSON.stringify(rows));
  if (!ok) process.exitCode = 1;
}

await main(process.argv.slice(2));
