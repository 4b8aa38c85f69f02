/**
 * Where the CLI's mbox comes from: a file (mbox, mbox.gz, .eml), stdin (`-`), or a
 * public-inbox URL, fetched as the thread's t.mbox.gz.
 *
 * Fetching is honest and single: one request with `User-Agent: ListLens/<version>`, as b4
 * does, and no retry loop. lore.kernel.org sits behind Anubis; a challenge page (HTML where
 * an mbox was asked for) is reported as such instead of being parsed as mail.
 *
 * Non-goals: solving challenges, search queries, caching (the extension's worker does that).
 */
import { readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import pkg from '../../package.json' with { type: 'json' };
import { threadBaseOf, threadMbox } from '../sites/public-inbox-url.ts';

export const USER_AGENT = `ListLens/${pkg.version} (+https://github.com/listlens/listlens)`;

export class InputError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
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
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.status === 404) throw new InputError(`${url}: not found (404): the archive does not have this message`, 3);
  if (res.status === 429) throw new InputError(`${url}: rate limited (429)${res.headers.get('retry-after') ? `, retry after ${res.headers.get('retry-after')} s` : ''}`, 3);
  const html = describeHtml(bytes, url);
  if (html) throw new InputError(html, 3);
  if (!res.ok) throw new InputError(`${url}: HTTP ${res.status} ${res.statusText}`, 3);
  return bytes;
}

/** The raw input bytes or stream for an argument. */
export async function openInput(arg: string): Promise<Uint8Array | ReadableStream<Uint8Array>> {
  if (arg === '-') return Readable.toWeb(process.stdin) as unknown as ReadableStream<Uint8Array>;
  if (isUrl(arg)) return fetchThread(arg);
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
  return new Uint8Array(readFileSync(arg));
}
