/**
 * `listlens series <URL | file…> [--order newest|first] [--json] [--maintainers <file | URL>]`:
 * the review ledger of a series across its versions, rows in the newest version's order by
 * default (core/series/ledger-order.ts), and with a MAINTAINERS file whose ack each patch
 * still lacks. Several inputs are several threads of one series (each version in its own
 * thread), read by series-input.ts. The series shown first is the one of the first input (for
 * a URL, of the message it names); other series found in the inputs follow.
 *
 * Exit codes as the main command: 0 done, 1 usage, 2 unreadable input or no series in it,
 * 3 network.
 *
 * Non-goals: searching the archive for versions not given (the extension's worker does it;
 * `versionSearchQuery` in src/core/series/version-query.ts builds the query for anyone who wants to).
 */
import { stateLegend } from '../core/format.ts';
import { maintainerAppliers } from '../core/maintainers/ledger-ownership.ts';
import { ROW_ORDERS, type RowOrder } from '../core/series/ledger-order.ts';
import { InputError } from './input.ts';
import { ledgersOf } from './ledgers.ts';
import type { Io } from './main.ts';
import { compiled, ownershipOf, patchMatches, readMaintainers, renderOwnership } from './ownership.ts';
import { renderLedger } from './render-ledger.ts';
import { readSeriesInputs } from './series-input.ts';

export const SERIES_USAGE = `usage: listlens series <file.mbox | file.mbox.gz | message.eml | - | public-inbox URL>… [--order newest|first] [--json] [--maintainers <file | URL>] [--me <address>]…

  Prints the series' ledger: patches as rows, versions as columns (${stateLegend()};
  R/A/T reviewed/acked/tested that still hold, @ one from an address not seen before for
  its name; ✓ applied, from someone believed), each version's status, the patches still
  lacking review, trailers the author dropped; versions posted by another author apart,
  "says applied (unverified)", trailers from a new address.
  Several inputs are one series' threads (say, v1, v2 and v3, each its own t.mbox.gz).
  --order newest   rows in the newest version's order with its n/N, patches gone after (default, as the panel)
  --order first    rows in order of first appearance
  --json           print {series: [ledger…], errors} (README, "listlens series --json")
  --maintainers <file | URL>
                   match every patch against this MAINTAINERS file and show, per patch and
                   version, its entries, their status and whose ack is missing ("waiting on …")
  --me <address>   your address: what waits on you is marked (repeatable)`;

export async function seriesCommand(argv: string[], io: Io): Promise<number> {
  const inputs: string[] = [];
  let json = false;
  let order: RowOrder = 'newest';
  let maintainers: string | null = null;
  const me: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--order' || a.startsWith('--order=')) {
      const v = a === '--order' ? argv[++i] : a.slice(8);
      if (!ROW_ORDERS.includes(v as RowOrder)) {
        io.err(`listlens series: --order takes ${ROW_ORDERS.join(' or ')}\n${SERIES_USAGE}\n`);
        return 1;
      }
      order = v as RowOrder;
    } else if (a === '--maintainers' || a === '--me') {
      const v = argv[++i];
      if (!v) {
        io.err(`listlens series: ${a} needs a value\n${SERIES_USAGE}\n`);
        return 1;
      }
      if (a === '--me') me.push(v);
      else maintainers = v;
    } else if (a === '-h' || a === '--help') {
      io.out(SERIES_USAGE + '\n');
      return 0;
    } else if (a.startsWith('-') && a !== '-') {
      io.err(`listlens series: unknown option ${a}\n${SERIES_USAGE}\n`);
      return 1;
    } else inputs.push(a);
  }
  if (!inputs.length) {
    io.err(`listlens series: no input given\n${SERIES_USAGE}\n`);
    return 1;
  }
  let file: Awaited<ReturnType<typeof readMaintainers>> | null = null;
  if (maintainers) {
    try {
      file = await readMaintainers(maintainers);
    } catch (err) {
      io.err(`listlens series: ${err instanceof Error ? err.message : String(err)}\n`);
      return err instanceof InputError ? err.exitCode : 2;
    }
    for (const e of file.errors) io.err(`listlens series: ${maintainers}:${e.line}: ${e.message}; skipped\n`);
    if (file.errorCount > file.errors.length) io.err(`listlens series: ${maintainers}: ${file.errorCount - file.errors.length} more malformed lines skipped\n`);
  }
  const read = await readSeriesInputs('series', inputs, io);
  if (typeof read === 'number') return read;
  const { threads, errors, anchor, analysed } = read;
  const ix = file ? compiled(file) : null;
  const matches = ix ? patchMatches(ix, analysed) : null;
  // the file's M: people for the series' files are whose "applied" the ledger believes
  const ledgers = ledgersOf(threads, anchor, ix && matches ? { trustedAppliers: maintainerAppliers(matches.values(), (i) => ix.entries[i]!) } : {});
  if (!ledgers.length) {
    io.err(`listlens series: no patch series in ${inputs.join(', ')}\n`);
    return 2;
  }
  const owned = ledgers.map((l) => (ix && matches ? ownershipOf(l, ix, matches, me) : null));
  if (json) io.out(JSON.stringify({ series: ledgers.map((l, i) => (owned[i] ? { ...l, ownership: owned[i] } : l)), errors }, null, 2) + '\n');
  else io.out(ledgers.map((l, i) => renderLedger(l, i === ledgers.length - 1, order) + (owned[i] ? renderOwnership(l, owned[i]!) : '')).join('\n'));
  return 0;
}
