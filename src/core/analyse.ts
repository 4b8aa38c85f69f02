/**
 * The pipeline in one call: bytes (or a stream, gzip or not) → Analysis. Used unchanged by
 * the worker, the CLI, the bench and the tests.
 *
 * Order matters for the reader: headers first (split + headers-only pass + thread), then
 * `onTree` so a panel can draw the tree at once, then bodies (postal-mime), series,
 * trailers, participants and quotes.
 *
 * Never throws for bad mail. Each step that can fail on one message is caught per message:
 * the message lands in `errors` with a reason and the others go on. A failure of a whole
 * step (a bug, not bad mail) is caught too and reported, with what was built before it.
 *
 * Non-goals: fetching (the worker and the CLI do that), caching, rendering.
 */
import { readInput, splitMbox, type SplitResult } from './mbox.ts';
import { assignKeys, dropCopies, looksLikeMail, parseHead } from './headers.ts';
import { parseBody } from './body.ts';
import { buildThread } from './thread.ts';
import { buildSeries } from './series.ts';
import { buildParticipants } from './participants.ts';
import { splitQuotes } from './quotes.ts';
import type { Analysis, AnalysisError, MessageBody, MessageHead, Progress, QuoteBlock, Series, Participant, Thread } from './types.ts';

export interface AnalyseOptions {
  onProgress?(p: Progress): void;
  /** Called once after the headers pass, before bodies: the tree can be drawn already. */
  onTree?(thread: Thread, heads: MessageHead[]): void;
  /** Keep each message's body and quote blocks in the result (the CLI's --focus, tests). */
  keepBodies?: boolean;
}

export interface AnalysisResult {
  analysis: Analysis;
  heads: MessageHead[];
  /** The (decompressed) mbox; `messageContext` re-reads single messages from it. */
  bytes: Uint8Array;
  /** With `keepBodies`: body and quote blocks by message key. */
  bodies?: Map<string, MessageBody>;
  quotes?: Map<string, QuoteBlock[]>;
}

function reason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.length > 300 ? `${msg.slice(0, 300)}…` : msg;
}

const EMPTY_THREAD: Thread = { messages: [], roots: [] };

export interface HeadsPass {
  heads: MessageHead[];
  thread: Thread;
  errors: AnalysisError[];
  /** The raw message each of `heads` was read from, in the same order. */
  messages: Uint8Array[];
}

/** Split + headers-only pass + thread: everything the tree and participants need. */
export function analyseHeads(bytes: Uint8Array): HeadsPass {
  return headsPass(splitMbox(bytes));
}

/**
 * The headers-only pass over an mbox already split: what is mail, copies dropped, keys
 * assigned, threaded. thread-cut.ts runs it too, so a cut names the messages exactly as the
 * analysis of the cut will.
 */
export function headsPass(split: SplitResult): HeadsPass {
  const errors = [...split.errors];
  let heads: MessageHead[] = [];
  let messages: Uint8Array[] = [];
  split.messages.forEach((raw, i) => {
    if (!looksLikeMail(raw)) {
      errors.push({ where: `mbox:${split.offsets[i]}`, reason: 'not mail: no header fields (`Name: value`) before the first blank line' });
      return;
    }
    try {
      const head = parseHead(raw, i);
      heads.push(head);
      messages.push(raw);
    } catch (err) {
      errors.push({ where: `mbox:${split.offsets[i]}`, reason: `headers unreadable: ${reason(err)}` });
    }
  });
  const copies = dropCopies(heads, (h) => split.messages[h.index]!);
  if (copies.size) {
    heads = heads.filter((h) => !copies.has(h));
    messages = heads.map((h) => split.messages[h.index]!);
  }
  assignKeys(heads, (h) => split.messages[h.index]!);
  let thread = EMPTY_THREAD;
  try {
    thread = buildThread(heads);
  } catch (err) {
    errors.push({ where: 'thread', reason: `threading failed: ${reason(err)}` });
  }
  return { heads, thread, errors, messages };
}

/** Lets a long analysis breathe: the worker answers its port, the CLI its signals. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function analyseMbox(input: Uint8Array | ReadableStream<Uint8Array>, opts: AnalyseOptions = {}): Promise<AnalysisResult> {
  const progress = (phase: Progress['phase'], bytes: number, messages: number): void => {
    try {
      opts.onProgress?.({ phase, bytes, messages });
    } catch {
      // a broken progress listener must not stop the analysis
    }
  };
  const errors: AnalysisError[] = [];
  let bytes: Uint8Array = new Uint8Array(0);
  try {
    const read = await readInput(input, (n) => progress('download', n, 0));
    bytes = read.bytes;
    if (read.error) errors.push({ where: 'input', reason: read.error });
  } catch (err) {
    errors.push({ where: 'input', reason: `the input could not be read: ${reason(err)}` });
  }
  progress('split', bytes.length, 0);
  const { heads, thread, errors: headErrors, messages } = analyseHeads(bytes);
  errors.push(...headErrors);
  progress('headers', bytes.length, heads.length);
  try {
    opts.onTree?.(thread, heads);
  } catch {
    // the listener's problem, not the analysis'
  }

  const texts = new Map<string, string>();
  const bodies = opts.keepBodies ? new Map<string, MessageBody>() : undefined;
  const quotes = opts.keepBodies ? new Map<string, QuoteBlock[]>() : undefined;
  let lastTick = Date.now();
  for (let i = 0; i < heads.length; i++) {
    const head = heads[i]!;
    try {
      const body = await parseBody(messages[i]!);
      texts.set(head.id, body.text);
      bodies?.set(head.id, body);
    } catch (err) {
      errors.push({ where: head.id, reason: `body not decoded: ${reason(err)}` });
    }
    if (Date.now() - lastTick > 50) {
      progress('bodies', bytes.length, i + 1);
      await tick();
      lastTick = Date.now();
    }
  }
  progress('bodies', bytes.length, heads.length);

  let series: Series[] = [];
  try {
    series = buildSeries(heads, texts, thread);
  } catch (err) {
    errors.push({ where: 'series', reason: `series not built: ${reason(err)}` });
  }
  let participants: Participant[] = [];
  try {
    participants = buildParticipants(heads, series);
  } catch (err) {
    errors.push({ where: 'participants', reason: `participants not built: ${reason(err)}` });
  }
  // Quotes of every message: part of the full analysis (their attribution matching is what
  // the context view shows), kept only on request because they double the text in memory.
  const quoteContext = { messages: thread.messages };
  for (const [id, text] of texts) {
    try {
      const blocks = splitQuotes(text, { ...quoteContext, self: id });
      quotes?.set(id, blocks);
    } catch (err) {
      errors.push({ where: id, reason: `quotes not split: ${reason(err)}` });
    }
  }
  progress('done', bytes.length, heads.length);
  const analysis: Analysis = { messages: thread.messages, roots: thread.roots, participants, series, errors };
  const result: AnalysisResult = { analysis, heads, bytes };
  if (bodies) result.bodies = bodies;
  if (quotes) result.quotes = quotes;
  return result;
}
