/**
 * Bytes in, one Uint8Array per message out: gunzip, then split an mbox (or take a single raw
 * message as it is).
 *
 * Works on bytes, not text, because mail is not one charset: decoding a whole mbox as UTF-8
 * would mangle every latin-1 message, and a 5 MB string per thread is memory the worker
 * does not need to spend. Messages are subarrays of the input (no copies) unless an mboxrd
 * `>From ` line has to be un-escaped.
 *
 * Separator: a line starting `From ` at the start of the data or after a blank line, whose
 * next line looks like a header field. The blank line is what mboxo/mboxrd writers put
 * there; the header check keeps a body paragraph that starts with "From " (mboxo writers
 * that forgot to escape it, git's sample.mbox) inside its message.
 *
 * mboxrd or mboxo: mboxrd writers escape `From ` as `>From ` and `>From ` as `>>From `, so
 * un-escaping (`^>+From ` loses one `>`) restores the mail exactly. mboxo escapes only
 * `From `, so a `>From ` there may be the author's own text and no un-escape is right.
 * We un-escape when the data says mboxrd: the first From_ line names `mboxrd` (public-inbox's
 * `From mboxrd@z …`, as in lore's t.mbox.gz and /raw, and git's `From mboxrd …`), or some
 * line reads `>>From ` (only an mboxrd writer produces that from real mail). Otherwise the
 * data is treated as mboxo and left as it is, like `git am` does by default.
 *
 * Non-goals: MMDF, Content-Length based mboxcl (list archives do not write them), maildir.
 */
import type { AnalysisError } from '../types.ts';
import { concatBytes as concat, readCapped } from './bytes.ts';

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;

/** Bigger than any thread an archive serves (lore caps t.mbox.gz far below this). */
export const MAX_MBOX_BYTES = 512 * 1024 * 1024;
/** A split that finds more messages stops here with an error rather than exhaust memory. */
export const MAX_MESSAGES = 100_000;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

/**
 * A gunzip the caller supplies (the CLI: Node's zlib, 4.5× faster than DecompressionStream).
 * It returns the whole output or throws; on a throw the built-in stream reads the data again,
 * keeping what a damaged or truncated gzip still gives, with the reason.
 */
export type Gunzip = (gz: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** What `readInput` got: the bytes, and why they may be incomplete. */
export interface ReadResult {
  bytes: Uint8Array;
  /** Set when the input ended early (truncated gzip, stream error); `bytes` holds what came. */
  error: string | null;
}

/**
 * Reads a whole input, gunzipping when it is gzip, and reports progress in decompressed bytes.
 * A truncated gzip or a failing stream keeps what was read, with the reason in `error`.
 */
export async function readInput(
  input: Uint8Array | ReadableStream<Uint8Array>,
  onBytes?: (n: number) => void,
  inflate?: Gunzip,
): Promise<ReadResult> {
  if (input instanceof Uint8Array) {
    if (!isGzip(input)) {
      onBytes?.(input.length);
      return { bytes: input, error: null };
    }
    return gunzipWith(input, onBytes, inflate);
  }
  // A stream: collect it compressed (gzip is ~5x smaller), then gunzip into one buffer sized
  // from the gzip trailer, so the decompressed data is only ever held once.
  const { chunks, total, over, failed } = await readCapped(input.getReader(), MAX_MBOX_BYTES);
  const error = over ? `input is over ${MAX_MBOX_BYTES >> 20} MB; read stopped there` : failed ? `reading the input failed: ${describe(failed.error)}` : null;
  const bytes = concat(chunks, total);
  chunks.length = 0;
  if (isGzip(bytes)) {
    const r = await gunzipWith(bytes, onBytes, inflate);
    return { bytes: r.bytes, error: error ?? r.error };
  }
  onBytes?.(bytes.length);
  return { bytes, error };
}

/** `readInput` for callers that want an exception when the input is incomplete. */
export async function readAll(input: Uint8Array | ReadableStream<Uint8Array>, onBytes?: (n: number) => void): Promise<Uint8Array> {
  const r = await readInput(input, onBytes);
  if (r.error) throw new Error(r.error);
  return r.bytes;
}

async function gunzipWith(gz: Uint8Array, onBytes?: (n: number) => void, inflate?: Gunzip): Promise<ReadResult> {
  if (inflate) {
    try {
      const out = await inflate(gz);
      if (out.length > MAX_MBOX_BYTES) throw new Error('too large');
      onBytes?.(out.length);
      return { bytes: out, error: null };
    } catch {
      // damaged, truncated or too large: the stream below keeps what can be kept and says why
    }
  }
  return gunzip(gz, onBytes);
}

async function gunzip(gz: Uint8Array, onBytes?: (n: number) => void): Promise<ReadResult> {
  // ISIZE: the last 4 bytes are the uncompressed size mod 2^32 (exact for one gzip member
  // under 4 GB, which is what archives send). Used as a first guess only.
  const n = gz.length;
  const isize = n >= 18 ? ((gz[n - 4]! | (gz[n - 3]! << 8) | (gz[n - 2]! << 16)) + gz[n - 1]! * 0x1000000) : 0;
  // A damaged trailer can claim anything: trust it only within a plausible ratio (mail
  // compresses 3-10x; 64x allows for very repetitive text), else start small and grow.
  const guess = isize > 0 && isize <= n * 64 ? isize : n * 8;
  let out = new Uint8Array(Math.min(Math.max(guess, 4096), MAX_MBOX_BYTES));
  let len = 0;
  let error: string | null = null;
  const stream = new Blob([gz as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (len + value.length > out.length) {
        if (len + value.length > MAX_MBOX_BYTES) {
          error = `decompressed input is over ${MAX_MBOX_BYTES >> 20} MB; read stopped there`;
          // Stopping a stream we no longer read: a failed cancel changes nothing, the size error is reported.
          await reader.cancel().catch(() => undefined);
          break;
        }
        // the trailer lied (several gzip members, or a truncated file): grow
        const grown = new Uint8Array(Math.min(Math.max(out.length * 2, len + value.length), MAX_MBOX_BYTES));
        grown.set(out.subarray(0, len));
        out = grown;
      }
      out.set(value, len);
      len += value.length;
      onBytes?.(len);
    }
  } catch (err) {
    error = `the gzip data is damaged or truncated after ${len} bytes (${describe(err)})`;
  }
  return { bytes: len === out.length ? out : out.subarray(0, len), error };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface SplitResult {
  messages: Uint8Array[];
  /** Byte offset of each message's first header line in the input. */
  offsets: number[];
  errors: AnalysisError[];
  /** How `>From ` lines were read (see the module comment). */
  format: 'mboxrd' | 'mboxo' | 'single';
}

/** `From ` at `i`? */
function isFromAt(b: Uint8Array, i: number): boolean {
  return b[i] === 0x46 && b[i + 1] === 0x72 && b[i + 2] === 0x6f && b[i + 3] === 0x6d && b[i + 4] === 0x20;
}

function lineEnd(b: Uint8Array, i: number): number {
  const j = b.indexOf(LF, i);
  return j < 0 ? b.length : j;
}

/** Does the line at `i` look like a header field (`Name:`) ? */
function isHeaderLine(b: Uint8Array, i: number): boolean {
  let j = i;
  while (j < b.length && j - i < 80) {
    const c = b[j]!;
    if (c === 0x3a) return j > i;
    if (c <= 0x20 || c > 0x7e) return false;
    j++;
  }
  return false;
}

/** Is the line ending just before `i` (which starts a line) blank? */
function blankBefore(b: Uint8Array, i: number): boolean {
  // b[i-1] is LF; the line before it is blank if b[i-2] is LF, or CR with LF before it
  if (i < 2) return false;
  if (b[i - 2] === LF) return true;
  return b[i - 2] === CR && i >= 3 && b[i - 3] === LF;
}

export function splitMbox(bytes: Uint8Array): SplitResult {
  const errors: AnalysisError[] = [];
  // Leading blank lines and NUL padding (seen in damaged files) are not a message.
  let start = 0;
  while (start < bytes.length && (bytes[start] === LF || bytes[start] === CR || bytes[start] === 0 || bytes[start] === 0x20 || bytes[start] === 0x09)) start++;
  let end = bytes.length;
  while (end > start && (bytes[end - 1] === 0 || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  if (start >= end) return { messages: [], offsets: [], errors: [{ where: 'mbox:0', reason: 'the input is empty' }], format: 'single' };
  const data = bytes.subarray(0, end);

  if (!isFromAt(data, start)) {
    // One raw message (.eml, a /raw download without a From_ line).
    return { messages: [data.subarray(start)], offsets: [start], errors, format: 'single' };
  }

  // Find the separators: From_ lines at the start or after a blank line. The same pass notes
  // every `>+From ` line, so the un-escape below visits only the messages that have one.
  // The pass goes from `F` to `F` (the engine's own search), not line by line: a message has
  // fifty lines and a handful of capital Fs, and a cold worker runs this loop interpreted.
  const seps: number[] = [start];
  const escapes: number[] = [];
  const firstLf = data.indexOf(LF, start);
  for (let f = firstLf < 0 ? -1 : data.indexOf(0x46, firstLf); f >= 0; f = data.indexOf(0x46, f + 1)) {
    if (!isFromAt(data, f)) continue;
    // the start of its line, past any `>` quoting it
    let s = f;
    while (s > firstLf && data[s - 1] === GT) s--;
    if (s <= firstLf || data[s - 1] !== LF) continue;
    if (s < f) {
      escapes.push(s);
      continue;
    }
    if (blankBefore(data, s)) {
      const next = lineEnd(data, s) + 1;
      if (next < data.length && isHeaderLine(data, next)) {
        if (seps.length >= MAX_MESSAGES) {
          errors.push({ where: `mbox:${s}`, reason: `more than ${MAX_MESSAGES} messages; the rest is not read` });
          end = s;
          break;
        }
        seps.push(s);
      }
    }
  }

  const firstLine = new TextDecoder('latin1').decode(data.subarray(start, Math.min(lineEnd(data, start), start + 200)));
  // `>>From ` (only an mboxrd writer produces it from real mail)
  const rd = /^From mboxrd[@ ]/.test(firstLine) || escapes.some((e) => data[e + 1] === GT);
  const format = rd ? 'mboxrd' : 'mboxo';

  const messages: Uint8Array[] = [];
  const offsets: number[] = [];
  let next = 0;
  for (let k = 0; k < seps.length; k++) {
    const sep = seps[k]!;
    const bodyStart = lineEnd(data, sep) + 1;
    let stop = k + 1 < seps.length ? seps[k + 1]! : Math.min(end, data.length);
    // drop the blank line that writers put after each message (before the next From_ line,
    // and after the last one)
    if (k + 1 < seps.length || (data[stop - 1] === LF && (data[stop - 2] === LF || (data[stop - 2] === CR && data[stop - 3] === LF)))) {
      if (data[stop - 1] === LF) stop--;
      if (data[stop - 1] === CR) stop--;
    }
    if (bodyStart >= stop) {
      errors.push({ where: `mbox:${sep}`, reason: 'a From_ line with no message after it' });
      continue;
    }
    let msg = data.subarray(bodyStart, stop);
    while (next < escapes.length && escapes[next]! < bodyStart) next++;
    if (rd && next < escapes.length && escapes[next]! < stop) msg = unescapeMboxrd(msg);
    messages.push(msg);
    offsets.push(bodyStart);
  }
  const last = messages.length - 1;
  if (last >= 0 && data[data.length - 1] !== LF && end === bytes.length) {
    // The data stops mid-line: a cut download or a damaged file. Keep what is there.
    const m = messages[last]!;
    const hasBody = indexOfBlankLine(m) >= 0;
    errors.push({ where: `mbox:${offsets[last]}`, reason: hasBody ? 'the last message is truncated (the data stops mid-line)' : 'the last message is truncated inside its headers' });
  }
  return { messages, offsets, errors, format };
}

/** Index of the first byte after the header block's blank line, or -1. */
export function indexOfBlankLine(m: Uint8Array): number {
  for (let i = m.indexOf(LF); i >= 0; i = m.indexOf(LF, i + 1)) {
    if (m[i + 1] === LF) return i + 2;
    if (m[i + 1] === CR && m[i + 2] === LF) return i + 3;
  }
  return -1;
}

/** Removes one `>` from every `^>+From ` line; copies only when there is one. */
function unescapeMboxrd(m: Uint8Array): Uint8Array {
  let out: Uint8Array | null = null;
  let w = 0;
  let r = 0;
  for (let i = 0; i < m.length; i = m.indexOf(LF, i) + 1 || m.length) {
    if (m[i] !== GT) continue;
    let j = i;
    while (m[j] === GT) j++;
    if (!isFromAt(m, j)) continue;
    if (!out) out = new Uint8Array(m.length);
    out.set(m.subarray(r, i), w);
    w += i - r;
    r = i + 1; // skip one '>'
  }
  if (!out) return m;
  out.set(m.subarray(r), w);
  w += m.length - r;
  return out.subarray(0, w);
}

/** Does the data end with a blank line (`\n\n` or `\n\r\n`)? */
export function endsWithBlankLine(b: Uint8Array): boolean {
  const n = b.length;
  return (n >= 2 && b[n - 1] === LF && b[n - 2] === LF) || (n >= 3 && b[n - 1] === LF && b[n - 2] === CR && b[n - 3] === LF);
}

/**
 * Two mboxes as one: `b` appended to `a` after the blank line a From_ line needs before it.
 * What the worker's refresh stores, and what `analyseMore` (incremental.ts) analyses as if
 * it had read it whole.
 */
export function joinMbox(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const pad = endsWithBlankLine(a) ? 0 : a[a.length - 1] === LF ? 1 : 2;
  const out = new Uint8Array(a.length + pad + b.length);
  out.set(a, 0);
  for (let i = 0; i < pad; i++) out[a.length + i] = LF;
  out.set(b, a.length + pad);
  return out;
}
