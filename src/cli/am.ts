/**
 * `listlens am <URL | file…> [-v N] [-o DIR] [-l]`: a version of the series as an am-ready
 * mbox, what the panel's Download saves (core/series/am.ts: `b4 am -t` from mail alone, the
 * trailers the ledger counts placed as b4 places them). Writes `<name>.mbx` and, when the
 * version has a cover letter, `<name>.cover` beside it, as b4 does; `-o -` writes the mbox to
 * standard output (no cover). The inputs are read as `listlens series` reads them; the
 * series is the first input's.
 *
 * Exit codes: 0 written; 1 usage; 2 unreadable input, no series, no such version, or a
 * version that cannot be applied (a patch missing from the inputs: named on stderr); 3 network.
 *
 * Non-goals: applying it (git am does), searching for versions not given.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { amMbox } from '../core/series/am.ts';
import { ledgersOf } from './ledgers.ts';
import type { Io } from './main.ts';
import { shown } from './render.ts';
import { postedBy } from './render-ledger.ts';
import { readSeriesInputs } from './series-input.ts';
import { misuse, readCommandLine, type CommandSpec, type OptionTable } from './options.ts';

export const AM_USAGE = `usage: listlens am <file.mbox | file.mbox.gz | message.eml | - | public-inbox URL>… [-v N] [-o DIR] [-l]

  Writes version N of the series (default: the newest) as an mbox for git am, each patch with
  the trailers that hold on it placed as b4 am places them, and the cover letter apart:
  DIR/<name>.mbx and DIR/<name>.cover, named as b4 names them. Refuses a version with a
  patch missing, naming it.
  Several inputs are one series' threads (say, v1, v2 and v3, each its own t.mbox.gz).
  -v N       the version (v2: -v 2)
  -o DIR     where to write (default: the current directory; - writes the mbox to standard output)
  -l         add Link: https://patch.msgid.link/<Message-ID> to each patch (b4 am -l)`;

const AM = {
  name: 'listlens am',
  usage: AM_USAGE,
  // the long names are b4 am's
  options: {
    'add-link': { short: 'l' },
    'use-version': { short: 'v', value: 'required', needs: 'a version number' },
    outdir: { short: 'o', value: 'required', needs: 'a directory' },
  },
  inputs: { noun: 'input' },
} as const satisfies CommandSpec<OptionTable>;

export async function amCommand(argv: string[], io: Io): Promise<number> {
  const line = readCommandLine(argv, AM, io);
  if (typeof line === 'number') return line;
  const { inputs, options: o } = line;
  const asked = o['use-version'];
  if (asked !== undefined && !/^\d{1,4}$/.test(asked)) return misuse(io, AM, '-v needs a version number');
  const version = asked === undefined ? null : Number(asked);
  const dir = o.outdir ?? '.';
  const link = o['add-link'] === true;
  const read = await readSeriesInputs('am', inputs, io);
  if (typeof read === 'number') return read;
  const ledger = ledgersOf(read.threads, read.anchor)[0];
  if (!ledger) {
    io.err(`listlens am: no patch series in ${inputs.join(', ')}\n`);
    return 2;
  }
  const want = version ?? ledger.versions[ledger.versions.length - 1]!.version;
  const got = await amMbox(ledger, want, (k) => read.raws.get(k) ?? null, { link });
  if (!got.ok) {
    io.err(`listlens am: ${shown(got.error)}${ledger.versions.some((v) => v.version === want) ? '' : ` (versions: ${ledger.versions.map((v) => `v${v.version}`).join(', ')})`}\n`);
    return 2;
  }
  const f = got.file;
  // A version the ledger marks (@ from a new address, a takeover) is written all the same, but
  // the one who applies it is told, as the panel's version summary tells them beside Download.
  const v = ledger.versions.find((x) => x.version === f.version);
  const who = v ? postedBy(v, ledger) : '';
  const note = `${shown(ledger.title)} v${f.version}: ${f.patches} patches, ${f.added} trailers added${f.borrowed.length ? `; ${f.borrowed.map((b) => `${b.counter} taken from v${b.from}`).join(', ')} (a partial reroll: check it)` : ''}\n${who ? `note: ${who}\n` : ''}`;
  if (dir === '-') {
    io.out(f.mbx);
    io.err(note);
    return 0;
  }
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${f.name}.mbx`), f.mbx);
    if (f.cover) writeFileSync(join(dir, `${f.name}.cover`), f.cover);
  } catch (e) {
    io.err(`listlens am: cannot write to ${dir}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  io.out(note);
  if (f.cover) io.out(`Cover: ${join(dir, `${f.name}.cover`)}\n`);
  io.out(`       git am ${join(dir, `${f.name}.mbx`)}\n`);
  return 0;
}
