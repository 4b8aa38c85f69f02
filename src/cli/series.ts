/**
 * `listlens series <URL | file…> [--json]`: the review ledger of a series across its versions.
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
import { analyseMbox } from '../core/analyse.ts';
import { stateLegend } from '../core/format.ts';
import type { ThreadFacts } from '../core/series/series-facts.ts';
import type { AnalysisError } from '../core/types.ts';
import { factsOf, ledgersOf } from './ledgers.ts';
import { InputError, isUrl, openInput } from './input.ts';
import type { Io } from './main.ts';
import { renderLedger } from './render-ledger.ts';
import type { AnalysisResult } from '../core/analyse.ts';
import { compiled, ownershipOf, patchMatches, readMaintainers, renderOwnership } from './ownership.ts';
import { maintainerAppliers } from '../core/maintainers/ledger-ownership.ts';

export const SERIES_USAGE = `usage: listlens series <file.mbox | file.mbox.gz | message.eml | - | public-inbox URL>… [--json] [--maintainers <file | URL>] [--me <address>]…

  Prints the series' ledger: patches as rows, versions as columns (${stateLegend()};
  R/A/T reviewed/acked/tested that still hold, @ one from an address not seen before for
  its name; ✓ applied, from someone believed), each version's status, the patches still
  lacking review; versions posted by another author apart, "says applied (unverified)",
  trailers from a new address.
  Several inputs are one series' threads (say, v1, v2 and v3, each its own t.mbox.gz).
  --json   print {series: [ledger…], errors} (README, "listlens series --json")
  --maintainers <file | URL>
           match every patch against this MAINTAINERS file and show, per patch and
           version, its entries, their status and whose ack is missing ("waiting on …")
  --me <address>
           your address: what waits on you is marked (repeatable)`;

/** The Message-ID a public-inbox URL names (its last path segment), for the anchor. */
function urlAnchor(url: string): string | null {
  try {
    const parts = new URL(url).pathname.split('/').filter((p) => p && !/^(T|t|raw|t\.mbox\.gz)$/.test(p));
    const last = parts[parts.length - 1];
    return last ? decodeURIComponent(last) : null;
  } catch {
    return null;
  }
}

export async function seriesCommand(argv: string[], io: Io): Promise<number> {
  const inputs: string[] = [];
  let json = false;
  let maintainers: string | null = null;
  const me: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--maintainers' || a === '--me') {
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
  if (inputs.filter((i) => i === '-').length > 1) {
    io.err('listlens series: standard input (-) can be read once only\n');
    return 1;
  }
  const threads: ThreadFacts[] = [];
  const analysed: Array<{ r: AnalysisResult; facts: ThreadFacts }> = [];
  const errors: AnalysisError[] = [];
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
  let anchor: string | null = null;
  for (const arg of inputs) {
    let input: Uint8Array | ReadableStream<Uint8Array>;
    try {
      input = await openInput(arg);
    } catch (err) {
      io.err(`listlens series: ${err instanceof Error ? err.message : String(err)}\n`);
      return err instanceof InputError ? err.exitCode : 2;
    }
    const r = await analyseMbox(input, { keepBodies: true });
    errors.push(...r.analysis.errors.map((e) => ({ where: `${arg}: ${e.where}`, reason: e.reason })));
    if (!r.analysis.messages.some((m) => !m.ghost)) {
      io.err(`listlens series: no mail found in ${arg}\n`);
      return 2;
    }
    const facts = factsOf(r);
    threads.push(facts);
    if (file) analysed.push({ r, facts });
    if (anchor === null) {
      const named = isUrl(arg) ? urlAnchor(arg) : null;
      anchor = named && r.analysis.messages.some((m) => m.id === named) ? named : (facts.versions[0]?.key ?? facts.thread);
    }
  }
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
  else io.out(ledgers.map((l, i) => renderLedger(l, i === ledgers.length - 1) + (owned[i] ? renderOwnership(l, owned[i]!) : '')).join('\n'));
  return 0;
}
