/**
 * The series of what the CLI read, as the extension shows them: the core's facts of each
 * input (threadFacts, from the bodies) grouped across inputs and built into ledgers, the
 * anchor's series first (core/series/thread-series.ts). The one source of every series the
 * CLI prints: the overview, `--json`'s `series`, `listlens series`.
 *
 * Non-goals: searching the archive for versions not given (the extension's worker does).
 */
import type { AnalysisResult } from '../core/analyse.ts';
import type { Ledger, LedgerOptions } from '../core/series/ledger.ts';
import { threadFacts, type ThreadFacts } from '../core/series/series-facts.ts';
import { threadSeries } from '../core/series/thread-series.ts';

/** One input's facts; `r` must have been analysed with `keepBodies`. */
export function factsOf(r: AnalysisResult): ThreadFacts {
  const texts = new Map<string, string>();
  for (const [id, b] of r.bodies ?? []) texts.set(id, b.text);
  return threadFacts(r.analysis, r.heads, texts);
}

/**
 * Every series of the inputs' facts, the anchor's (a message, version or thread key) first;
 * `opts.trustedAppliers`: whose "applied" is believed as the tree's (`--maintainers`' M: people).
 */
export function ledgersOf(threads: ThreadFacts[], anchor: string | null = null, opts: LedgerOptions = {}): Ledger[] {
  return threadSeries(threads, anchor ? { ...opts, anchor } : opts);
}
