/**
 * The inputs of `listlens series` and `listlens am`: each argument read as the main command
 * reads its input (mbox, mbox.gz, .eml, `-`, a public-inbox URL fetched as t.mbox.gz), several
 * being one series' threads; their facts for the ledgers (ledgers.ts), the anchor naming the
 * series shown first (for a URL, the message it names), and every message's raw mail by key,
 * for the am-ready mbox.
 *
 * Non-goals: what the commands print; searching for versions not given (the worker does).
 */
import { analyseMbox, type AnalysisResult } from '../core/analyse.ts';
import type { ThreadFacts } from '../core/series/series-facts.ts';
import type { AnalysisError } from '../core/types.ts';
import { factsOf } from './ledgers.ts';
import { InputError, isUrl, openInput } from './input.ts';
import type { Io } from './main.ts';

export interface SeriesInputs {
  threads: ThreadFacts[];
  errors: AnalysisError[];
  anchor: string | null;
  /** Raw mail by message key, the first input's copy of a message kept. */
  raws: Map<string, Uint8Array>;
  /** Each input's analysis beside its facts (MAINTAINERS matches read the patches' text). */
  analysed: Array<{ r: AnalysisResult; facts: ThreadFacts }>;
}

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

/** The inputs read, or the exit code after saying why not on stderr (`cmd` names the command). */
export async function readSeriesInputs(cmd: string, inputs: string[], io: Io): Promise<SeriesInputs | number> {
  if (inputs.filter((i) => i === '-').length > 1) {
    io.err(`listlens ${cmd}: standard input (-) can be read once only\n`);
    return 1;
  }
  const out: SeriesInputs = { threads: [], errors: [], anchor: null, raws: new Map(), analysed: [] };
  for (const arg of inputs) {
    let input: Uint8Array | ReadableStream<Uint8Array>;
    try {
      input = await openInput(arg);
    } catch (err) {
      io.err(`listlens ${cmd}: ${err instanceof Error ? err.message : String(err)}\n`);
      return err instanceof InputError ? err.exitCode : 2;
    }
    const r = await analyseMbox(input, { keepBodies: true });
    out.errors.push(...r.analysis.errors.map((e) => ({ where: `${arg}: ${e.where}`, reason: e.reason })));
    if (!r.analysis.messages.some((m) => !m.ghost)) {
      io.err(`listlens ${cmd}: no mail found in ${arg}\n`);
      return 2;
    }
    for (const h of r.heads) if (!out.raws.has(h.id)) out.raws.set(h.id, r.raws[h.index]!);
    const facts = factsOf(r);
    out.threads.push(facts);
    out.analysed.push({ r, facts });
    if (out.anchor === null) {
      const named = isUrl(arg) ? urlAnchor(arg) : null;
      out.anchor = named && r.analysis.messages.some((m) => m.id === named) ? named : (facts.versions[0]?.key ?? facts.thread);
    }
  }
  return out;
}
