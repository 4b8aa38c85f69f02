/**
 * Incremental analysis: new mail merged into an analysis without redoing the rest. A refresh
 * brings a few messages to a thread of hundreds; only those are split, parsed and decoded.
 * What looks at all mail at once (copies, keys, the tree, series, participants) runs again,
 * on heads and texts already read, and costs a fraction of reading the bytes.
 *
 * The result is the analysis of `joinMbox(prior.bytes, addition)` as `analyseMbox` would give
 * it (test/core/incremental.property.test.ts checks exactly that, errors compared as a set).
 * Where the joined bytes would split differently from the two parts (the addition does not
 * start with a From_ line, the prior data stops mid-line, the parts escape `>From ` in
 * different dialects, too many messages), the joined bytes are analysed whole instead:
 * slower, never different.
 *
 * A prior from the worker's cache has no split and no texts: the split is redone (one pass
 * over the bytes), and the texts the series needs are decoded again, once.
 *
 * Non-goals: removing mail, fetching.
 */
import { analyseMbox, finishAnalysis, progressOf, readHeads, reason, threadHeads, type AnalyseOptions, type AnalysisResult } from './analyse.ts';
import { joinMbox, MAX_MESSAGES, readInput, splitMbox, type SplitResult } from './mail/mbox.ts';
import type { TrailerMemo } from './series/trailers.ts';
import type { Analysis, AnalysisError, MessageHead } from './types.ts';

const LF = 0x0a;

/** What is known of the earlier analysis: at least what the cache keeps. */
export interface Prior {
  analysis: Analysis;
  heads: MessageHead[];
  bytes: Uint8Array;
  raws?: Uint8Array[];
  format?: SplitResult['format'];
  texts?: Array<string | undefined>;
  readErrors?: AnalysisError[];
  trailerMemo?: TrailerMemo;
}

/** `From ` followed on the next line by a header field: what the joined split will see. */
function startsWithMessage(b: Uint8Array): boolean {
  if (!(b[0] === 0x46 && b[1] === 0x72 && b[2] === 0x6f && b[3] === 0x6d && b[4] === 0x20)) return false;
  const nl = b.indexOf(LF);
  if (nl < 0) return false;
  for (let j = nl + 1; j < b.length && j - nl - 1 < 80; j++) {
    const c = b[j]!;
    if (c === 0x3a) return j > nl + 1;
    if (c <= 0x20 || c > 0x7e) return false;
  }
  return false;
}

/** `raw` re-pointed into `into` at `shift`, when it is a view of `from` (un-escaped copies are not). */
function rebase(raw: Uint8Array, from: Uint8Array, into: Uint8Array, shift: number): Uint8Array {
  if (raw.buffer !== from.buffer) return raw;
  const at = raw.byteOffset - from.byteOffset;
  if (at < 0 || at + raw.length > from.length) return raw;
  return into.subarray(shift + at, shift + at + raw.length);
}

export async function analyseMore(prior: Prior, addition: Uint8Array | ReadableStream<Uint8Array>, opts: AnalyseOptions = {}): Promise<AnalysisResult> {
  return merge(prior, addition, null, opts);
}

/** `joined`, when the caller holds it already, is joinMbox(prior.bytes, addition): not copied again. */
async function merge(prior: Prior, addition: Uint8Array | ReadableStream<Uint8Array>, given: Uint8Array | null, opts: AnalyseOptions): Promise<AnalysisResult> {
  const progress = progressOf(opts);
  let add: Uint8Array = new Uint8Array(0);
  let inputError: AnalysisError | null = null;
  try {
    const read = await readInput(addition, (n) => progress('download', n, 0), opts.gunzip);
    add = read.bytes;
    if (read.error) inputError = { where: 'input', reason: read.error };
  } catch (err) {
    inputError = { where: 'input', reason: `the input could not be read: ${reason(err)}` };
  }
  const joined = given ?? joinMbox(prior.bytes, add);
  const whole = async (): Promise<AnalysisResult> => {
    const r = await analyseMbox(joined, opts);
    if (inputError) r.analysis.errors.unshift(inputError);
    return r;
  };
  if (!prior.bytes.length || prior.bytes[prior.bytes.length - 1] !== LF || !startsWithMessage(add)) return whole();
  progress('split', joined.length, 0);
  const addSplit = splitMbox(add);
  let raws = prior.raws;
  let format = prior.format;
  if (!raws || !format) {
    const s = splitMbox(prior.bytes);
    raws = s.messages;
    format = s.format;
  }
  if (addSplit.format !== format || raws.length + addSplit.messages.length > MAX_MESSAGES) return whole();

  const shift = joined.length - add.length;
  const allRaws = raws.map((r) => rebase(r, prior.bytes, joined, 0));
  for (const r of addSplit.messages) allRaws.push(rebase(r, add, joined, shift));
  // what the earlier reading found wrong stays found; threading is judged again
  const errors: AnalysisError[] = (prior.readErrors ?? prior.analysis.errors.filter((e) => e.where === 'input' || e.where.startsWith('mbox:'))).filter((e) => e.where !== 'thread');
  if (inputError) errors.push(inputError);
  for (const e of addSplit.errors) errors.push(e.where.startsWith('mbox:') ? { where: `mbox:${Number(e.where.slice(5)) + shift}`, reason: e.reason } : e);
  const fresh = readHeads(addSplit.messages, addSplit.offsets.map((o) => o + shift), raws.length, errors);
  // the prior's heads are cloned: assignKeys may rename them, and the prior stays as it was
  const all = prior.heads.map((h) => ({ ...h }));
  for (const h of fresh) all.push(h);
  const { heads, thread } = threadHeads(all, allRaws, errors);
  progress('headers', joined.length, heads.length);
  try {
    opts.onTree?.(thread, heads);
  } catch {
    // the listener's problem, not the analysis'
  }
  // a body the earlier analysis could not decode is a hole in `texts`: tried again, as a whole analysis would
  const texts = prior.texts ? prior.texts.slice() : [];
  const result = await finishAnalysis({ bytes: joined, raws: allRaws, format, heads, thread, readErrors: errors, texts, trailerMemo: prior.texts ? prior.trailerMemo : undefined }, opts);
  result.reused = raws.length;
  return result;
}

/** Does `whole` begin with the bytes of `part`? Word by word where the two line up. */
function startsWith(whole: Uint8Array, part: Uint8Array): boolean {
  if (whole.length < part.length) return false;
  if (whole.buffer === part.buffer && whole.byteOffset === part.byteOffset) return true;
  const n = part.length;
  let i = 0;
  if (whole.byteOffset % 4 === 0 && part.byteOffset % 4 === 0) {
    const a = new Uint32Array(whole.buffer, whole.byteOffset, n >> 2);
    const b = new Uint32Array(part.buffer, part.byteOffset, n >> 2);
    for (let k = 0; k < b.length; k++) if (a[k] !== b[k]) return false;
    i = b.length * 4;
  }
  for (; i < n; i++) if (whole[i] !== part[i]) return false;
  return true;
}

/**
 * For a caller that already holds the grown mbox (the worker's refresh appends the new mail to
 * the cached bytes): the analysis of `merged`, through `analyseMore` when it is the prior's bytes
 * with mail appended after the blank line `joinMbox` puts there, else whole.
 */
export async function analyseMerged(prior: Prior, merged: Uint8Array, opts: AnalyseOptions = {}): Promise<AnalysisResult> {
  const old = prior.bytes;
  if (old.length && startsWith(merged, old)) {
    const probe = joinMbox(old, new Uint8Array([0x46]));
    const pad = probe.length - old.length - 1;
    let blank = true;
    for (let k = 0; k < pad; k++) if (merged[old.length + k] !== LF) blank = false;
    if (blank && merged.length > old.length + pad) return merge(prior, merged.subarray(old.length + pad), merged, opts);
  }
  return analyseMbox(merged, opts);
}
