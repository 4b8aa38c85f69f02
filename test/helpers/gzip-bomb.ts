/**
 * A real gzip bomb, made at test time and never committed: an mbox of one real-looking
 * message repeated until it is `inflated` bytes, gzipped as one member (the browsers'
 * DecompressionStream reads one member only) at level 9, so a few MB inflate to hundreds.
 *
 * Non-goals: realistic threads (the repeats share one Message-ID); speed of the tests.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

const MESSAGE = [
  'From mboxrd@z Thu Jan  1 00:00:00 1970',
  'From: Bomb Maker <bomb@example.org>',
  'To: list@example.org',
  'Subject: [PATCH] a message repeated until the file is huge',
  'Date: Mon, 15 Nov 2010 12:00:00 +0000',
  'Message-ID: <bomb@example.org>',
  '',
  'This line is here to be repeated.\n'.repeat(24),
].join('\n');

function* chunks(inflated: number): Generator<Buffer> {
  const block = Buffer.from(MESSAGE.repeat(Math.ceil((1 << 20) / MESSAGE.length)));
  for (let left = inflated; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
}

/** Writes the bomb to `path`; returns its compressed size. */
export async function writeGzipBomb(path: string, inflated: number): Promise<number> {
  const out = createWriteStream(path);
  await pipeline(Readable.from(chunks(inflated)), createGzip({ level: 9 }), out);
  return out.bytesWritten;
}

/** The bomb in memory (for the e2e front to serve). */
export async function gzipBomb(inflated: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  const gz = createGzip({ level: 9 });
  gz.on('data', (b: Buffer) => parts.push(b));
  await pipeline(Readable.from(chunks(inflated)), gz);
  return Buffer.concat(parts);
}
