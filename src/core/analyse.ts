/**
 * The pipeline in one call: bytes (or a stream, gzip or not) → Analysis. Used unchanged by
 * the worker, the CLI, the bench and the tests.
 *
 * Order matters for the reader: headers first (split + headers-only pass + thread), then
 * `onTree` so a panel can draw the tree at once, then the bodies the series needs, series,
 * trailers and participants.
 *
 * Each byte is read once and only what is read gets decoded:
 * - bodies are decoded only where a series can use them (bodies.ts says which), through the
 *   fast single-part path where it applies; the rest wait until a message is shown;
 * - quotes are not split here at all: the context view splits the messages it shows, from
 *   the texts this analysis decoded (registered for its bytes, see context.ts);
 * - the result keeps the split and the decoded texts, so `analyseMore` (incremental.ts)
 *   merges new mail without redoing the rest.
 *
 * Never throws for bad mail. Each step that can fail on one message is caught per message:
 * the message lands in `errors` with a reason and the others go on. A failure of a whole
 * step (a bug, not bad mail) is caught too and reported, with what was built before it.
 *
 * Non-goals: fetching (the worker and the CLI do that), caching, rendering.
 */
import { readInput, splitMbox, type SplitResult } from './mail/mbox.ts';
import { assignKeys, dropCopies, looksLikeMail, parseHead } from './mail/headers.ts';
import { buildThread } from './thread/thread.ts';
import { buildSeries } from './series/series.ts';
import { buildParticipants } from './thread/participants.ts';
import { splitQuotes } from './mail/quotes.ts';
import { decodeAll, decodeNeeded, seriesTexts } from './mail/bodies.ts';
import { remember } from './thread/context.ts';
import type { Gunzip } from './mail/mbox.ts';
import { withTrailerMemo, type TrailerMemo } from './series/trailers.ts';
import type { Analysis, AnalysisError, MessageBody, MessageHead, Progress, QuoteBlock, Series, Participant, Thread } from './types.ts';

export interface AnalyseOptions {
  onProgress?(p: Progress): void;
  /** Called once after the headers pass, before bodies: the tree can be drawn already. */
  onTree?(thread: Thread, heads: MessageHead[]): void;
  /** Keep each message's body and quote blocks in the result (tests). */
  keepBodies?: boolean;
  /** Gunzip to use instead of DecompressionStream (the CLI passes Node's zlib, 4.5× faster). */
  gunzip?: Gunzip;
}

export interface AnalysisResult {
  analysis: Analysis;
  heads: MessageHead[];
  /** The (decompressed) mbox; `messageContext` re-reads single messages from it. */
  bytes: Uint8Array;
  /** Every message of the split by position (`MessageHead.index`), subarrays of `bytes`. */
  raws: Uint8Array[];
  /** How the split read `>From ` lines; `analyseMore` merges only mail read the same way. */
  format: SplitResult['format'];
  /** Decoded body texts by position, where the analysis decoded one (holes elsewhere). */
  texts: Array<string | undefined>;
  /** The errors of the split and the headers pass: the part of `analysis.errors` a merge keeps. */
  readErrors: AnalysisError[];
  /** Trailers already read from `texts` (trailers.ts), handed on to a merge. */
  trailerMemo: TrailerMemo;
  /** Messages taken from a prior analysis without reading them again (analyseMore); absent for a whole analysis. */
  reused?: number;
  /** With `keepBodies`: body and quote blocks by message key. */
  bodies?: Map<string, MessageBody>;
  quotes?: Map<string, QuoteBlock[]>;
}

export function reason(err: unknown): string {
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
  const read = readHeads(split.messages, split.offsets, 0, errors);
  const { heads, thread } = threadHeads(read, split.messages, errors);
  return { heads, thread, errors, messages: heads.map((h) => split.messages[h.index]!) };
}

/**
 * Heads of the mail among `raws` (what is not mail goes to `errors`, by `offsets`), indexed
 * from `first`: the part of the headers pass that reads each message on its own.
 */
export function readHeads(raws: readonly Uint8Array[], offsets: readonly number[], first: number, errors: AnalysisError[]): MessageHead[] {
  const heads: MessageHead[] = [];
  raws.forEach((raw, i) => {
    if (!looksLikeMail(raw)) {
      errors.push({ where: `mbox:${offsets[i]}`, reason: 'not mail: no header fields (`Name: value`) before the first blank line' });
      return;
    }
    try {
      heads.push(parseHead(raw, first + i));
    } catch (err) {
      errors.push({ where: `mbox:${offsets[i]}`, reason: `headers unreadable: ${reason(err)}` });
    }
  });
  return heads;
}

/** The part of the headers pass that looks at all mail at once: copies dropped, keys, the tree. */
export function threadHeads(all: MessageHead[], raws: readonly Uint8Array[], errors: AnalysisError[]): { heads: MessageHead[]; thread: Thread } {
  let heads = all;
  const copies = dropCopies(heads, (h) => raws[h.index]!);
  if (copies.size) heads = heads.filter((h) => !copies.has(h));
  assignKeys(heads, (h) => raws[h.index]!);
  let thread = EMPTY_THREAD;
  try {
    thread = buildThread(heads);
  } catch (err) {
    errors.push({ where: 'thread', reason: `threading failed: ${reason(err)}` });
  }
  return { heads, thread };
}

/** Lets a long analysis breathe: the worker answers its port, the CLI its signals. */
export const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export type ProgressFn = (phase: Progress['phase'], bytes: number, messages: number) => void;

export function progressOf(opts: AnalyseOptions): ProgressFn {
  return (phase, bytes, messages) => {
    try {
      opts.onProgress?.({ phase, bytes, messages });
    } catch {
      // a broken progress listener must not stop the analysis
    }
  };
}

export async function analyseMbox(input: Uint8Array | ReadableStream<Uint8Array>, opts: AnalyseOptions = {}): Promise<AnalysisResult> {
  const progress = progressOf(opts);
  const errors: AnalysisError[] = [];
  let bytes: Uint8Array = new Uint8Array(0);
  try {
    const read = await readInput(input, (n) => progress('download', n, 0), opts.gunzip);
    bytes = read.bytes;
    if (read.error) errors.push({ where: 'input', reason: read.error });
  } catch (err) {
    errors.push({ where: 'input', reason: `the input could not be read: ${reason(err)}` });
  }
  progress('split', bytes.length, 0);
  const split = splitMbox(bytes);
  const pass = headsPass(split);
  errors.push(...pass.errors);
  progress('headers', bytes.length, pass.heads.length);
  try {
    opts.onTree?.(pass.thread, pass.heads);
  } catch {
    // the listener's problem, not the analysis'
  }
  return finishAnalysis({ bytes, raws: split.messages, format: split.format, heads: pass.heads, thread: pass.thread, readErrors: errors, texts: [] }, opts);
}

/** What the headers pass leaves for the rest of the analysis (also analyseMore's merge). */
export interface HeadsState {
  bytes: Uint8Array;
  raws: Uint8Array[];
  format: SplitResult['format'];
  heads: MessageHead[];
  thread: Thread;
  /** Input, split and headers errors, and threading's. */
  readErrors: AnalysisError[];
  /** Texts already decoded, by position: reused, never decoded again. */
  texts: Array<string | undefined>;
  /** Trailers already read from those texts. */
  trailerMemo?: TrailerMemo;
}

/** Bodies the series needs, series, trailers, participants: the analysis after the tree. */
export async function finishAnalysis(state: HeadsState, opts: AnalyseOptions = {}): Promise<AnalysisResult> {
  const progress = progressOf(opts);
  const { bytes, raws, heads, thread, texts } = state;
  const trailerMemo = state.trailerMemo ?? new Map();
  const errors = [...state.readErrors];
  let bodies: Map<string, MessageBody> | undefined;
  if (opts.keepBodies) bodies = await decodeAll(heads, raws, texts, errors, (n) => progress('bodies', bytes.length, n));
  else await decodeNeeded(heads, raws, thread, texts, errors, (n) => progress('bodies', bytes.length, n));
  progress('bodies', bytes.length, heads.length);

  let series: Series[] = [];
  try {
    series = withTrailerMemo(trailerMemo, () => buildSeries(heads, seriesTexts(heads, texts), thread));
  } catch (err) {
    errors.push({ where: 'series', reason: `series not built: ${reason(err)}` });
  }
  let participants: Participant[] = [];
  try {
    participants = buildParticipants(heads, series);
  } catch (err) {
    errors.push({ where: 'participants', reason: `participants not built: ${reason(err)}` });
  }
  let quotes: Map<string, QuoteBlock[]> | undefined;
  if (bodies) {
    // On request only (tests): the context view splits the quotes of what it shows.
    quotes = new Map();
    for (const [id, body] of bodies) {
      try {
        quotes.set(id, splitQuotes(body.text, { messages: thread.messages, self: id }));
      } catch (err) {
        errors.push({ where: id, reason: `quotes not split: ${reason(err)}` });
      }
    }
  }
  progress('done', bytes.length, heads.length);
  const analysis: Analysis = { messages: thread.messages, roots: thread.roots, participants, series, errors };
  const readErrors = state.readErrors.filter((e) => e.where !== 'thread');
  const result: AnalysisResult = { analysis, heads, bytes, raws, format: state.format, texts, readErrors, trailerMemo };
  if (bodies) result.bodies = bodies;
  if (quotes) result.quotes = quotes;
  remember(bytes, raws, texts);
  return result;
}
