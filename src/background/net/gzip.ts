/**
 * gzip helpers for the worker: compress a thread's raw mbox before it goes into IndexedDB,
 * and gunzip what the archive sends.
 *
 * Why here and not only core's `readAll`: the cache must *compress* too, and a fetched body
 * may or may not still be gzip'd. public-inbox serves `t.mbox.gz` as `application/gzip`
 * without Content-Encoding, so it arrives compressed; a proxy or a browser that decoded it
 * hands us plain mbox. We look at the magic bytes, never at headers.
 *
 * Non-goals: no streaming API for callers (whole buffers are what IndexedDB stores), no
 * other formats than gzip.
 */
import { concatBytes } from '../../core/mail/bytes.ts';
import { isGzip } from '../../core/mail/mbox.ts';

// One magic-byte test for the whole project (core's, which also checks the deflate method).
export { isGzip };

/** Pipe a whole buffer through a transform stream and collect the output in one buffer. */
async function pipeAll(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  // A Blob's stream avoids a hand-written writer loop and keeps backpressure right.
  const source = new Blob([bytes as BlobPart]).stream();
  const out = source.pipeThrough(transform as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = out.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
  }
  return concatBytes(chunks, total);
}

export function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipeAll(bytes, new CompressionStream('gzip'));
}

/** Gunzip; throws on corrupt or truncated data (callers turn that into a 'parse' error). */
export function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipeAll(bytes, new DecompressionStream('gzip'));
}

/** Gunzip when the magic says gzip, else hand the bytes back as they are. */
export async function maybeGunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return isGzip(bytes) ? gunzip(bytes) : bytes;
}
