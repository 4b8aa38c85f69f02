/**
 * `listlens series <URL | file…> [--order newest|first] [--json]`: the review ledger of a series
 * across its versions, rows in the newest version's order by default (core/series/ledger-order.ts).
 * Several inputs are several threads of one series (each version in its own thread); each is
 * read as the main command reads its input (mbox, mbox.gz, .eml, `-`, a public-inbox URL
 * fetched as t.mbox.gz). The series shown first is the one of the first input (for a URL, of
 * the message it names); other series found in the inputs follow.
 *
 * Exit codes as the main command: 0 done, 1 usage, 2 unreadable input or no series in it,
 * 3 network.
 *
 * Non-goals: searching the archive for versions not given (the extension's worker does it;
 * `versionSearchQuery` in src/core/series/version-query.ts builds the query for anyone who wants to).
 */
import { stateLegend } from '../core/format.ts';
import { ROW_ORDERS, type RowOrder } from '../core/series/ledger-order.ts';
import { ledgersOf } from './ledgers.ts';
import type { Io } from './main.ts';
import { renderLedger } from './render-ledger.ts';
import { readSeriesInputs } from './series-input.ts';

export const SERIES_USAGE = `usage: listlens series <file.mbox | file.mbox.gz | message.eml | - | public-inbox URL>… [--order newest|first] [--json]

  Prints the series' ledger: patches as rows, versions as columns (${stateLegend()};
  R/A/T reviewed/acked/tested that still hold; ✓ applied), each version's status, the
  patches still lacking review, trailers the author dropped.
  Several inputs are one series' threads (say, v1, v2 and v3, each its own t.mbox.gz).
  --order newest   rows in the newest version's order with its n/N, patches gone after (default, as the panel)
  --order first    rows in order of first appearance
  --json           print {series: [ledger…], errors} (README, "listlens series --json")`;

export async function seriesCommand(argv: string[], io: Io): Promise<number> {
  const inputs: string[] = [];
  let json = false;
  let order: RowOrder = 'newest';
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
  const read = await readSeriesInputs('series', inputs, io);
  if (typeof read === 'number') return read;
  const { threads, errors, anchor } = read;
  const ledgers = ledgersOf(threads, anchor);
  if (!ledgers.length) {
    io.err(`listlens series: no patch series in ${inputs.join(', ')}\n`);
    return 2;
  }
  if (json) io.out(JSON.stringify({ series: ledgers, errors }, null, 2) + '\n');
  else io.out(ledgers.map((l, i) => renderLedger(l, i === ledgers.length - 1, order)).join('\n'));
  return 0;
}
