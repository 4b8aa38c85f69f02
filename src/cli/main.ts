/**
 * `listlens <file.mbox | file.mbox.gz | message.eml | - | public-inbox URL> [--json] [--focus <message-id>]`
 * `listlens resolve <archive URL> [--host <host>]…`
 * `listlens series <URL | file…> [--order newest|first] [--json]` (src/cli/series.ts)
 * `listlens am <URL | file…> [-v N] [-o DIR] [-l]` (src/cli/am.ts)
 * `listlens diff <URL | file…> [--from N] [--to M] [--json]` (src/cli/diff.ts)
 * `listlens dig <sha | commit URL | patch file> [--repo DIR] [--json]` (src/cli/dig.ts)
 *
 * The same core as the extension, from a terminal. Exit codes: 0 done (messages that could
 * not be read are listed, they do not fail the run; a URL of no known archive resolves to
 * `archive: null`), 1 usage, 2 unreadable input (missing file, no mail in it, a `resolve`
 * argument that is no URL), 3 network (fetch failed, HTTP error, bot challenge). Every
 * command reads its options through options.ts, from the table it declares.
 *
 * Non-goals: Node APIs stay here and in src/cli/, never in src/core.
 */
import { readInstance } from '../sites/instances.ts';
import { analyseMbox } from '../core/analyse.ts';
import { messageContext } from '../core/thread/context.ts';
import { parseMessageIds } from '../core/mail/message-id.ts';
import { InputError, LIMIT_USAGE, openInput, takeLimits, USER_AGENT } from './input.ts';
import { EXIT_USAGE, misuse, optionError, readCommandLine, type CommandSpec, type OptionTable } from './options.ts';
import { renderContext, renderOverview } from './render.ts';
import { factsOf, ledgersOf } from './ledgers.ts';

export const USAGE = `usage: listlens <file.mbox | file.mbox.gz | message.eml | - | public-inbox URL> [--json] [--focus <message-id>]
       listlens resolve <archive URL> [--host <host>]…
       listlens series <URL | file…> [--order newest|first] [--json]
       listlens am <URL | file…> [-v N] [-o DIR] [-l]
       listlens diff <URL | file…> [--from N] [--to M] [--json]
       listlens dig <sha | commit URL | patch file> [--repo DIR] [--git-web URL] [--archive URL] [--json]

  --json           print the analysis as one JSON object {messages, roots, participants, series, errors},
                   series being every series of the thread as its ledger (as listlens series --json)
  --focus <id>     also show that message with its ancestors, quotes folded (with --json: a "focus" field)
${LIMIT_USAGE}
                   (every command takes these two; past either, the input is not read: exit 2)
  A URL is fetched as the thread's t.mbox.gz (User-Agent: ${USER_AGENT}).`;

export const RESOLVE_USAGE = `usage: listlens resolve <archive URL> [--host <host>]…

  Prints, without fetching anything, what ListLens makes of an archive URL as one JSON object
  {archive, kind, list, messageId, threadUrl, confidence, needsPage, inboxUrl, …}; archive is
  null for a URL of no archive ListLens knows.
  --host <host>    treat that host (or https://host/prefix/) as a public-inbox instance, as the
                   options page's instances are; repeatable`;

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const stdio: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
};

const MAIN = {
  name: 'listlens',
  usage: USAGE,
  options: { json: {}, focus: { value: 'required', needs: 'a Message-ID' } },
  inputs: { noun: 'input', one: true },
  helpTo: 'err',
} as const satisfies CommandSpec<OptionTable>;

const RESOLVE = {
  name: 'listlens resolve',
  usage: RESOLVE_USAGE,
  options: { host: { value: 'required', needs: 'a host', repeatable: true } },
  inputs: { noun: 'URL', one: true },
} as const satisfies CommandSpec<OptionTable>;

async function resolve(argv: string[], io: Io): Promise<number> {
  const line = readCommandLine(argv, RESOLVE, io);
  if (typeof line === 'number') return line;
  const hosts: string[] = [];
  for (const h of line.options.host ?? []) {
    // read as the options page reads an instance typed there: a bare host means https
    const inst = readInstance(h, []);
    if (!inst.ok) return misuse(io, RESOLVE, `--host ${h}: not a host`);
    hosts.push(inst.url);
  }
  const url = line.inputs[0]!;
  if (!URL.canParse(url.trim())) {
    io.err(`listlens resolve: not a URL: ${url} (give it whole, with https://)\n`);
    return 2;
  }
  // loaded only for this subcommand: the analysis never needs the adapters
  const { resolveUrl } = await import('../sites/resolve.ts');
  io.out(JSON.stringify(resolveUrl(url, hosts), null, 2) + '\n');
  return 0;
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const rest = takeLimits(argv);
  if (!Array.isArray(rest)) {
    io.err(rest.line ? optionError('listlens', rest.error) : `listlens: ${rest.error}\n`);
    return EXIT_USAGE;
  }
  argv = rest;
  if (argv[0] === 'resolve') return resolve(argv.slice(1), io);
  if (argv[0] === 'series') return (await import('./series.ts')).seriesCommand(argv.slice(1), io);
  if (argv[0] === 'am') return (await import('./am.ts')).amCommand(argv.slice(1), io);
  if (argv[0] === 'diff') return (await import('./diff.ts')).diffCommand(argv.slice(1), io);
  if (argv[0] === 'dig') return (await import('./dig.ts')).digCommand(argv.slice(1), io);
  const line = readCommandLine(argv, MAIN, io);
  if (typeof line === 'number') return line;
  const focus = line.options.focus === undefined ? null : (parseMessageIds(line.options.focus, true)[0] ?? line.options.focus.replace(/^<|>$/g, ''));
  const args = { input: line.inputs[0]!, json: line.options.json === true, focus };
  let input: Uint8Array;
  try {
    input = await openInput(args.input);
  } catch (err) {
    io.err(`listlens: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof InputError ? err.exitCode : 2;
  }
  // decompressed by openInput (within the limits); a damaged gzip comes as it is, for the core to keep what it can
  const result = await analyseMbox(input, { keepBodies: true });
  const { analysis } = result;
  if (!analysis.messages.some((m) => !m.ghost)) {
    const why = analysis.errors.map((e) => e.reason).join('; ');
    io.err(`listlens: no mail found in ${args.input}${why ? ` (${why})` : ''}\n`);
    return 2;
  }
  // An unknown id is a usage error: say so before printing anything, not after the overview.
  if (args.focus && !analysis.messages.some((m) => m.id === args.focus)) {
    io.err(`listlens: --focus ${args.focus}: no such message in ${args.input}\n`);
    return EXIT_USAGE;
  }
  const entries = args.focus ? await messageContext(result.bytes, analysis, result.heads, args.focus) : null;
  // The thread's series as the extension shows them: ledgers, never the analysis' own grouping.
  const series = ledgersOf([factsOf(result)], args.focus);
  if (args.json) {
    // one document: the focus context is a field of the analysis object, never a second object
    const out = { ...analysis, series, ...(entries ? { focus: { id: args.focus, context: entries } } : {}) };
    io.out(JSON.stringify(out, null, 2) + '\n');
  } else {
    io.out(renderOverview(analysis, series));
    if (entries) io.out(renderContext(entries));
  }
  return 0;
}
