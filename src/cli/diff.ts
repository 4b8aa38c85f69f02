/**
 * `listlens diff <URL | file…> [--from N] [--to M] [--json]`: what changed between two
 * versions of a series, from mail alone. Several inputs are one series' threads (each
 * version in its own thread, as lore serves them); they are read as one mbox, copies of a
 * message kept once. The series compared is the one with the most versions.
 *
 * Text: the changelog the newer version gives, the range-diff summary (one row per patch,
 * with the panel's and `listlens series`' sign of its state, core/format.ts `STATE_SIGN`:
 * `≡` unchanged, `∆` changed, `+` new, `−` dropped, `⊂` split, `⊃` squashed; and the reason of the pairing), then
 * each changed patch's interdiff, indented four spaces as `git range-diff` prints it.
 * `--json`: one object, { series, versions, from, to, changelog, diff } (README).
 *
 * Exit codes as the main command: 0 done, 1 usage, 2 unreadable input or fewer than two
 * versions to compare, 3 network.
 *
 * Non-goals: colour, paging; fetching other versions by searching the archive (the ledger's
 * series command and the extension do).
 */
import { analyseMbox } from '../core/analyse.ts';
import { changelogFor, seriesChangelogs, type PlacedChangelog } from '../core/series/changelog.ts';
import type { InterHunk, PatchInterdiff } from '../core/patch/interdiff.ts';
import { readInput } from '../core/mail/mbox.ts';
import type { Series } from '../core/types.ts';
import { diffVersions, summaryLine, versionInput, type VersionDiff, type VersionDiffRow } from '../core/series/version-diff.ts';
import { InputError, openInput } from './input.ts';
import type { Io } from './main.ts';
import { safe } from './render.ts';
import { STATE_SIGN, stateLegend } from '../core/format.ts';
import { misuse, readCommandLine, type CommandSpec, type OptionTable } from './options.ts';

export const DIFF_USAGE = `usage: listlens diff <URL | file…> [--from N] [--to M] [--json]

  What changed between two versions of a series: the range-diff summary (${stateLegend(['unchanged', 'changed', 'new', 'dropped', 'split', 'squashed'])},
  with why each pair was made) and each changed patch's interdiff (the diff of its
  diffs, as git range-diff prints it).
  Several files or URLs are one series' threads (e.g. each version's t.mbox.gz).
  --from N         the older version (default: the one before --to)
  --to M           the newer version (default: the newest)
  --json           one JSON object {series, versions, from, to, changelog, diff}`;

const DIFF = {
  name: 'listlens diff',
  usage: DIFF_USAGE,
  options: {
    from: { value: 'required', needs: 'a version number' },
    to: { value: 'required', needs: 'a version number' },
    json: {},
  },
  inputs: { noun: 'input' },
} as const satisfies CommandSpec<OptionTable>;

/** `--from`/`--to`'s version (`3` or `v3`), or the usage error's sentence. */
function versionOf(name: string, v: string | undefined): number | null | string {
  if (v === undefined) return null;
  const n = Number(v.replace(/^v/i, ''));
  return Number.isInteger(n) && n > 0 ? n : `${name} needs a version number (got ${v})`;
}

const FROM_LINE = new TextEncoder().encode('From listlens@diff Thu Jan  1 00:00:00 1970\n');

/** All inputs as one mbox: each starts on a `From ` line of its own. */
async function readAllInputs(inputs: string[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (const arg of inputs) {
    const read = await readInput(await openInput(arg));
    if (read.error) throw new InputError(`${arg}: ${read.error}`, 2);
    let bytes = read.bytes;
    if (!bytes.length) throw new InputError(`${arg} holds no mail`, 2);
    const startsMbox = bytes[0] === 70 && bytes[1] === 114 && bytes[2] === 111 && bytes[3] === 109 && bytes[4] === 32;
    if (!startsMbox) {
      const withLine = new Uint8Array(FROM_LINE.length + bytes.length);
      withLine.set(FROM_LINE);
      withLine.set(bytes, FROM_LINE.length);
      bytes = withLine;
    }
    parts.push(bytes, new Uint8Array([10]));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The series to compare: the most versions, then the most patches. */
function pickSeries(all: Series[]): Series | null {
  let best: Series | null = null;
  const size = (s: Series): number => s.versions.reduce((n, v) => n + v.patches.length, 0);
  for (const s of all) if (!best || s.versions.length > best.versions.length || (s.versions.length === best.versions.length && size(s) > size(best))) best = s;
  return best;
}

/** The row's sign, as the panel's matrix and `listlens series` draw that state. */
function mark(r: VersionDiffRow): string {
  return STATE_SIGN[r.status];
}

function slot(p: { counter: number } | null, total: number): string {
  return p ? `${p.counter}/${total}`.padStart(5) : '  ---';
}

/** Appends `lines` to `out` one by one: `out.push(...lines)` overflows the stack past ~100,000 lines (a 160,000-line file did). */
function append(out: string[], lines: readonly string[]): void {
  for (const l of lines) out.push(l);
}

export function renderHunks(hunks: InterHunk[], indent = '    ', out: string[] = []): string[] {
  for (const h of hunks) {
    out.push(`${indent}${h.header.startsWith('@@') ? '' : '@@ '}${safe(h.header)}`);
    for (const l of h.lines) out.push(`${indent}${l.kind}${safe(l.text)}`);
  }
  return out;
}

/** One patch's interdiff as range-diff indents it: message first, then file by file. */
export function renderInterdiff(d: PatchInterdiff): string[] {
  const out: string[] = [];
  if (d.message.hunks.length) {
    out.push(`    ## Commit message${d.message.changed ? (d.message.whitespaceOnly ? ' (whitespace only)' : '') : ' (trailers only)'} ##`);
    renderHunks(d.message.hunks, '    ', out);
  }
  for (const f of d.files) {
    if (f.verdict === 'unchanged') continue;
    const what = f.verdict === 'added' ? ' (only in the newer version)' : f.verdict === 'removed' ? ' (only in the older version)' : f.whitespaceOnly ? ' (whitespace only)' : '';
    out.push(`    ## ${safe(f.oldPath ? `${f.oldPath} => ${f.path}` : f.path)}${what} ##`);
    renderHunks(f.hunks, '    ', out);
  }
  return out;
}

export function renderVersionDiff(s: Series, d: VersionDiff, totals: [number, number], log: PlacedChangelog[]): string {
  const out: string[] = [];
  out.push(`${safe(s.subject)} — ${safe(s.author.name || s.author.address)}`);
  out.push(`v${d.from} → v${d.to}: ${summaryLine(d)}`, '');
  for (const sec of log) {
    out.push(`${safe(sec.heading)}${sec.counter === null ? '' : `  (below --- in ${sec.counter}/${totals[1]})`}`);
    for (const l of sec.lines) out.push(`  ${safe(l)}`);
    for (const l of sec.links) out.push(`  link to v${l.version ?? '?'}: ${safe(l.url)}`);
    out.push('');
  }
  for (const r of d.rows) {
    const title = (r.newer ?? r.older)!.title;
    out.push(`${slot(r.older, totals[0])} ${mark(r)} ${slot(r.newer, totals[1])}  ${safe(title)}  [${safe(r.reason)}]`);
  }
  for (const r of d.rows) {
    if (!r.interdiff || r.status === 'unchanged') continue;
    out.push('', `${slot(r.older, totals[0]).trim()} ${mark(r)} ${slot(r.newer, totals[1]).trim()}  ${safe(r.newer!.title)}`);
    append(out, renderInterdiff(r.interdiff));
  }
  return out.join('\n') + '\n';
}

export async function diffCommand(argv: string[], io: Io): Promise<number> {
  const line = readCommandLine(argv, DIFF, io);
  if (typeof line === 'number') return line;
  const fromArg = versionOf('--from', line.options.from);
  if (typeof fromArg === 'string') return misuse(io, DIFF, fromArg);
  const toArg = versionOf('--to', line.options.to);
  if (typeof toArg === 'string') return misuse(io, DIFF, toArg);
  const args = { inputs: line.inputs, from: fromArg, to: toArg, json: line.options.json === true };
  let bytes: Uint8Array;
  try {
    bytes = await readAllInputs(args.inputs);
  } catch (err) {
    io.err(`listlens diff: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof InputError ? err.exitCode : 2;
  }
  const result = await analyseMbox(bytes, { keepBodies: true });
  const bodies = new Map<string, string>();
  for (const [id, b] of result.bodies ?? []) bodies.set(id, b.text);
  const s = pickSeries(result.analysis.series);
  if (!s) {
    io.err(`listlens diff: no patch series in ${args.inputs.join(', ')}\n`);
    return 2;
  }
  const nums = s.versions.map((v) => v.version);
  const to = args.to ?? (args.from !== null ? nums.find((n) => n > args.from!) ?? null : nums[nums.length - 1]!);
  const from = args.from ?? (to !== null ? [...nums].reverse().find((n) => n < to) ?? null : null);
  const older = s.versions.find((v) => v.version === from);
  const newer = s.versions.find((v) => v.version === to);
  if (!older || !newer || older === newer) {
    const have = nums.map((n) => `v${n}`).join(', ');
    const want = args.from !== null || args.to !== null ? `v${from ?? '?'} and v${to ?? '?'}` : 'two versions';
    io.err(`listlens diff: cannot compare ${want}: the series "${safe(s.subject)}" has ${have} in ${args.inputs.join(', ')}\n`);
    return 2;
  }
  const d = diffVersions(versionInput(older, bodies), versionInput(newer, bodies));
  const log = changelogFor(newer.version, seriesChangelogs(s, bodies));
  if (args.json) {
    const out = { series: { subject: s.subject, author: s.author, changeId: s.changeId }, versions: nums, from: d.from, to: d.to, changelog: log, diff: d };
    io.out(JSON.stringify(out, null, 2) + '\n');
  } else io.out(renderVersionDiff(s, d, [older.total || older.patches.length, newer.total || newer.patches.length], log));
  return 0;
}
