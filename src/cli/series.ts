/**
 * `listlens series <URL | file…> [--order newest|first] [--json] [--maintainers <file | URL>] [--patchwork [URL]]`:
 * the review ledger of a series across its versions, rows in the newest version's order by
 * default (core/series/ledger-order.ts), with a MAINTAINERS file whose ack each patch
 * still lacks, and with patchwork's checks of each patch (cli/patchwork.ts). Several inputs are several threads of one series (each version in its own
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
import { askChecks, patchIds, renderChecks } from './patchwork.ts';
import { withChecks, type LedgerChecks } from '../core/series/patchwork-checks.ts';
import { KERNEL_PATCHWORK_URL, patchworkUrl } from '../settings.ts';
import { misuse, readCommandLine, type CommandSpec, type OptionTable } from './options.ts';

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
  --me <address>   your address: what waits on you is marked (repeatable)
  --patchwork [URL]
                   each patch's checks from patchwork (URL: the instance, default
                   ${KERNEL_PATCHWORK_URL}; --patchwork=URL when an input follows):
                   per version "patchwork: 1 fail (netdev/build_clang), 28 success", per patch the
                   checks that did not pass; a failed check is also a finding, never a trailer`;

/** The patchwork instance an argument names, when it is one (not a message's address). */
const instanceOf = (arg: string): string | null => (/@|%40/.test(arg) ? null : patchworkUrl(arg));

const SERIES = {
  name: 'listlens series',
  usage: SERIES_USAGE,
  options: {
    json: {},
    order: { value: 'required', needs: `a row order (${ROW_ORDERS.join(' or ')})` },
    maintainers: { value: 'required', needs: 'a MAINTAINERS file or URL' },
    me: { value: 'required', needs: 'an address', repeatable: true },
    // the next argument is the instance when it is an instance's address, else an input
    patchwork: { value: 'optional', takes: (next: string) => instanceOf(next) !== null },
  },
  inputs: { noun: 'input' },
} as const satisfies CommandSpec<OptionTable>;

export async function seriesCommand(argv: string[], io: Io): Promise<number> {
  const line = readCommandLine(argv, SERIES, io);
  if (typeof line === 'number') return line;
  const { inputs, options: o } = line;
  const json = o.json === true;
  if (o.order !== undefined && !ROW_ORDERS.includes(o.order as RowOrder)) return misuse(io, SERIES, `--order takes ${ROW_ORDERS.join(' or ')}`);
  const order = (o.order ?? 'newest') as RowOrder;
  const maintainers = o.maintainers ?? null;
  const me = o.me ?? [];
  let patchwork: string | null = null;
  if (o.patchwork === true) patchwork = KERNEL_PATCHWORK_URL;
  else if (o.patchwork !== undefined) {
    patchwork = instanceOf(o.patchwork);
    if (!patchwork) return misuse(io, SERIES, `--patchwork= takes a patchwork instance's http(s) address`);
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
  let checked: Array<{ ledger: typeof ledgers[number]; checks: LedgerChecks | null }> = ledgers.map((ledger) => ({ ledger, checks: null }));
  if (patchwork) {
    const instance = patchwork;
    const got = await askChecks(instance, patchIds(ledgers), { say: (s) => io.err(`listlens series: ${s}\n`) });
    const failed = [...got.values()].filter((p) => p.error);
    for (const e of new Set(failed.map((p) => p.error))) io.err(`listlens series: patchwork: ${e}\n`);
    if (got.size && failed.length === got.size && failed.every((p) => /could not be reached/.test(p.error ?? ''))) return 3;
    checked = ledgers.map((l) => withChecks(l, (id) => got.get(id)));
  }
  const pwJson = (c: LedgerChecks | null) => (c && patchwork ? { checks: { instance: patchwork, ...c } } : {});
  if (json) io.out(JSON.stringify({ series: checked.map(({ ledger: l, checks }, i) => ({ ...l, ...(owned[i] ? { ownership: owned[i] } : {}), ...pwJson(checks) })), errors }, null, 2) + '\n');
  else io.out(checked.map(({ ledger: l, checks }, i) => renderLedger(l, i === ledgers.length - 1, order) + (owned[i] ? renderOwnership(l, owned[i]!) : '') + (checks && patchwork ? renderChecks(l, checks, patchwork) : '')).join('\n'));
  return 0;
}
