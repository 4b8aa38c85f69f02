/**
 * gzip helpers for the worker: compress a thread's raw mbox before it goes into IndexedDB,
 * and gunzip what the archive sends.
 *
 * Why here and not only core's `readAll`: the cache must *compress* too, and a fetched body
 * may or may not still be gzip'd. public-inbox serves `t.mbox.gz` as `application/gzip`
 * without Content-Encoding, so it arrives compressed; a proxy or a browser that decoded it
 * hands us plain mbox. We look at the magic bytes, never at headers.
 *
 * Gunzipping what an archive sent stops at a limit (`maxOut`, the reader's setting): a few MB
 * of gzip can inflate to gigabytes, and collecting them all took the browser to 4.8 GB
 * (issue 16). Past the limit the stream is cancelled, what was inflated is dropped, and
 * `InflateLimit` says how far it got and what the gzip trailer claims.
 *
 * Non-goals: no streaming API for callers (whole buffers are what IndexedDB stores), no
 * other formats than gzip.
 */
import { concatBytes, readCapped } from '../../core/mail/bytes.ts';
import { isGzip } from '../../core/mail/mbox.ts';

// One magic-byte test for the whole project (core's, which also checks the deflate method).
export { isGzip };

/** A gunzip stopped at its limit: the output was larger than `limit` bytes. */
export class InflateLimit extends Error {
  constructor(
    readonly limit: number,
    /** The gzip's own size. */
    readonly compressed: number,
    /** What the gzip trailer says the output is (modulo 4 GiB), when it says more than the limit. */
    readonly claimed: number | null,
  ) {
    super(`decompresses to more than ${limit} bytes`);
    this.name = 'InflateLimit';
  }
}

/** The gzip trailer's ISIZE: the output's size modulo 2^32 (one member; a hint, not a fact). */
function trailerSize(gz: Uint8Array): number {
  const n = gz.length;
  return n >= 18 ? (gz[n - 4]! | (gz[n - 3]! << 8) | (gz[n - 2]! << 16)) + gz[n - 1]! * 0x1000000 : 0;
}

/**
 * Pipe a whole buffer through a transform stream and collect the output in one buffer; past
 * `maxOut` bytes of output, cancel and throw `InflateLimit` (the chunks are let go).
 */
async function pipeAll(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, maxOut = Infinity): Promise<Uint8Array> {
  // A Blob's stream avoids a hand-written writer loop and keeps backpressure right.
  const source = new Blob([bytes as BlobPart]).stream();
  const out = source.pipeThrough(transform as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  const r = await readCapped(out.getReader(), maxOut);
  if (r.failed) throw r.failed.error;
  if (r.over) {
    const claimed = trailerSize(bytes);
    throw new InflateLimit(maxOut, bytes.length, claimed > maxOut ? claimed : null);
  }
  return concatBytes(r.chunks, r.total);
}

export function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipeAll(bytes, new CompressionStream('gzip'));
}

/**
 * Gunzip; throws on corrupt or truncated data (callers turn that into a 'parse' error), and
 * `InflateLimit` past `maxOut` bytes of output.
 */
export function gunzip(bytes: Uint8Array, maxOut = Infinity): Promise<Uint8Array> {
  return pipeAll(bytes, new DecompressionStream('gzip'), maxOut);
}

/** Gunzip when the magic says gzip, else hand the bytes back as they are (either way at most `maxOut` bytes). */
export async function maybeGunzip(bytes: Uint8Array, maxOut = Infinity): Promise<Uint8Array> {
  if (isGzip(bytes)) return gunzip(bytes, maxOut);
  if (bytes.length > maxOut) throw new InflateLimit(maxOut, bytes.length, null);
  return bytes;
}
