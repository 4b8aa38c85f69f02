/**
 * Where the CLI's mbox comes from: a file (mbox, mbox.gz, .eml), stdin (`-`), or a
 * public-inbox URL, fetched as the thread's t.mbox.gz.
 *
 * Fetching is honest and single: one request with `User-Agent: ListLens/<version>`, as b4
 * does, and no retry loop. lore.kernel.org sits behind Anubis; a challenge page (HTML where
 * an mbox was asked for) is reported as such instead of being parsed as mail.
 *
 * Sizes are capped as the extension caps them (settings' `maxDownloadMB`, `maxInflatedMB`,
 * with the same defaults; `--max-download`, `--max-size` raise them): a download stops at its
 * limit, and a gzip is inflated with zlib's `maxOutputLength`, so a few MB of gzip that
 * inflate to gigabytes stop at the limit instead of filling memory (issue 16: 3.2 GB). The
 * input comes back decompressed.
 *
 * Non-goals: solving challenges, search queries, caching (the extension's worker does that).
 */
import { readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { constants, gunzipSync } from 'node:zlib';
import pkg from '../../package.json' with { type: 'json' };
import { isGzip } from '../core/mail/mbox.ts';
import { DEFAULT_SETTINGS, SIZE_LIMIT_RANGE } from '../settings.ts';
import { threadBaseOf, threadMbox } from '../sites/public-inbox-url.ts';
import { takeOptions, type OptionTable } from './options.ts';

export const USER_AGENT = `ListLens/${pkg.version} (+https://github.com/listlens/listlens)`;

export class InputError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const MB = 1024 * 1024;

/** How large an input may be, in bytes: downloaded, and decompressed. */
export interface Limits {
  download: number;
  inflated: number;
}

let limits: Limits = { download: DEFAULT_SETTINGS.maxDownloadMB * MB, inflated: DEFAULT_SETTINGS.maxInflatedMB * MB };

export const LIMIT_USAGE = `  --max-download <MB>  the largest thread file to download (default ${DEFAULT_SETTINGS.maxDownloadMB})
  --max-size <MB>      the most an input may decompress to (default ${DEFAULT_SETTINGS.maxInflatedMB})`;

const LIMIT_OPTIONS = {
  'max-download': { value: 'required', needs: `a whole number of MB from ${SIZE_LIMIT_RANGE.download[0]} to ${SIZE_LIMIT_RANGE.download[1]}` },
  'max-size': { value: 'required', needs: `a whole number of MB from ${SIZE_LIMIT_RANGE.inflated[0]} to ${SIZE_LIMIT_RANGE.inflated[1]}` },
} as const satisfies OptionTable;

/**
 * Takes `--max-download <MB>` and `--max-size <MB>` (or `=<MB>`) out of any command's
 * arguments (options.ts) and applies them to every input of the run; an error sentence for
 * a bad value, or a missing one (`line`: said as options.ts says a misused option).
 */
export function takeLimits(argv: string[]): string[] | { error: string; line: boolean } {
  const taken = takeOptions(argv, LIMIT_OPTIONS);
  if (typeof taken === 'string') return { error: taken, line: true };
  const next: Limits = { download: DEFAULT_SETTINGS.maxDownloadMB * MB, inflated: DEFAULT_SETTINGS.maxInflatedMB * MB };
  for (const name of ['max-download', 'max-size'] as const) {
    const v = taken.options[name];
    if (v === undefined) continue;
    const which = name === 'max-download' ? 'download' : 'inflated';
    const n = Number(v);
    if (!Number.isInteger(n) || n < SIZE_LIMIT_RANGE[which][0] || n > SIZE_LIMIT_RANGE[which][1]) return { error: `--${name} needs ${LIMIT_OPTIONS[name].needs} (got ${v})`, line: false };
    next[which] = n * MB;
  }
  limits = next;
  return taken.rest;
}

function mb(bytes: number): string {
  const m = bytes / MB;
  return `${m < 10 ? m.toFixed(1) : Math.round(m).toLocaleString('en-US')} MB`;
}

function tooLargeInflated(name: string, compressed: number): InputError {
  return new InputError(
    `${name} is ${mb(compressed)} but decompresses to more than ${mb(limits.inflated)}; ListLens stopped there. To read it, give --max-size <MB> (up to ${SIZE_LIMIT_RANGE.inflated[1]}).`,
    2,
  );
}

/**
 * The input decompressed, at most `limits.inflated` bytes of it. A gzip that zlib cannot
 * finish (damaged, truncated) is handed back as it is: the core keeps what it can of it
 * and says why, and it was checked here to stay within the limit.
 */
function inflate(bytes: Uint8Array, name: string): Uint8Array {
  if (!isGzip(bytes)) {
    if (bytes.length > limits.inflated) throw new InputError(`${name} is ${mb(bytes.length)}, over the ${mb(limits.inflated)} limit. To read it, give --max-size <MB>.`, 2);
    return bytes;
  }
  const tooLarge = (e: unknown): boolean => (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError;
  try {
    return new Uint8Array(gunzipSync(bytes, { maxOutputLength: limits.inflated }));
  } catch (e) {
    if (tooLarge(e)) throw tooLargeInflated(name, bytes.length);
  }
  // Damaged or truncated: as far as it goes, is it within the limit? (sync flush: no error at the cut)
  try {
    gunzipSync(bytes, { maxOutputLength: limits.inflated, finishFlush: constants.Z_SYNC_FLUSH });
  } catch (e) {
    if (tooLarge(e)) throw tooLargeInflated(name, bytes.length);
  }
  return bytes;
}

/** A stream read whole, failing past `max` bytes with `tooLarge`. */
async function readCapped(stream: ReadableStream<Uint8Array>, max: number, tooLarge: () => InputError): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      chunks.length = 0;
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

export function isUrl(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

/**
 * The t.mbox.gz URL of the thread a public-inbox URL shows. Accepts a message URL
 * (`…/<list>/<mid>/`), its thread views (`T/`, `t/`, `#…`), `raw`, `t.mbox.gz` itself,
 * and lore's `/r/<mid>` short form.
 */
export function threadMboxUrl(input: string): string {
  const base = threadBaseOf(new URL(input));
  if (!base) throw new InputError(`${input}: not a message URL of a public-inbox (expected …/<list>/<message-id>/)`, 2);
  return threadMbox(base);
}

/** An HTML page where mail was expected: a bot challenge or an error page. */
export function describeHtml(bytes: Uint8Array, url: string): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).trimStart().toLowerCase();
  if (!head.startsWith('<!doctype html') && !head.startsWith('<html') && !/^<(head|body|title|meta)\b/.test(head)) return null;
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 65536)).toLowerCase();
  if (text.includes('anubis') || text.includes("making sure you&#39;re not a bot") || text.includes("making sure you're not a bot")) {
    return `${url} answered with a bot challenge page (Anubis) instead of the mbox. Open it in a browser once, or download the t.mbox.gz there and run listlens on the file.`;
  }
  return `${url} answered with an HTML page instead of an mbox (is it a public-inbox message URL?)`;
}

export async function fetchThread(input: string, fetchImpl: typeof fetch = fetch): Promise<Uint8Array> {
  const url = threadMboxUrl(input);
  let res: Response;
  try {
    res = await fetchImpl(url, { headers: { 'User-Agent': USER_AGENT, Accept: 'application/gzip, application/mbox, */*;q=0.1' }, redirect: 'follow' });
  } catch (err) {
    throw new InputError(`could not fetch ${url}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`, 3);
  }
  const announced = Number(res.headers.get('content-length'));
  const overDownload = (): InputError =>
    new InputError(`${url} is ${announced > limits.download ? mb(announced) : `larger than ${mb(limits.download)}`}, over the ${mb(limits.download)} download limit; ListLens stopped there. To fetch it, give --max-download <MB> (up to ${SIZE_LIMIT_RANGE.download[1]}).`, 2);
  if (announced > limits.download) {
    await res.body?.cancel().catch(() => undefined);
    throw overDownload();
  }
  const bytes = res.body ? await readCapped(res.body, limits.download, overDownload) : new Uint8Array(await res.arrayBuffer());
  if (bytes.length > limits.download) throw overDownload();
  if (res.status === 404) throw new InputError(`${url}: not found (404): the archive does not have this message`, 3);
  if (res.status === 429) throw new InputError(`${url}: rate limited (429)${res.headers.get('retry-after') ? `, retry after ${res.headers.get('retry-after')} s` : ''}`, 3);
  const html = describeHtml(bytes, url);
  if (html) throw new InputError(html, 3);
  if (!res.ok) throw new InputError(`${url}: HTTP ${res.status} ${res.statusText}`, 3);
  return bytes;
}

/** The input of an argument, decompressed and within the limits (`takeLimits`). */
export async function openInput(arg: string): Promise<Uint8Array> {
  if (arg === '-') {
    // A gzip on stdin larger than the decompressed limit could only decompress past it.
    const stdin = Readable.toWeb(process.stdin) as unknown as ReadableStream<Uint8Array>;
    const raw = await readCapped(stdin, limits.inflated, () => new InputError(`standard input is over the ${mb(limits.inflated)} limit; ListLens stopped there. To read it, give --max-size <MB>.`, 2));
    return inflate(raw, 'standard input');
  }
  if (isUrl(arg)) return inflate(await fetchThread(arg), threadMboxUrl(arg));
  let size: number;
  try {
    const st = statSync(arg);
    if (st.isDirectory()) throw new InputError(`${arg} is a directory; give an mbox, an .mbox.gz or one message file`, 2);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read ${arg}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, 2);
  }
  if (size === 0) throw new InputError(`${arg} is empty`, 2);
  if (size > limits.inflated) throw new InputError(`${arg} is ${mb(size)}, over the ${mb(limits.inflated)} limit. To read it, give --max-size <MB>.`, 2);
  return inflate(new Uint8Array(readFileSync(arg)), arg);
}
