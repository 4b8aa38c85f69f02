import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { isGzip, readAll, readInput, splitMbox } from '../../../src/core/mail/mbox.ts';
import { corpusDir, readCorpus } from '../../helpers/corpus.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const fixture = new URL('../../fixtures/core/series.mbox', import.meta.url);

async function gzip(b: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([b as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('splitMbox', () => {
  it('splits an mboxrd file, un-escapes >From lines, drops the separating blank line', () => {
    const r = splitMbox(new Uint8Array(readFileSync(fixture)));
    expect(r.format).toBe('mboxrd');
    expect(r.messages).toHaveLength(6);
    expect(r.errors).toEqual([]);
    const second = dec(r.messages[1]!);
    expect(second.startsWith('From: Alice Author')).toBe(true);
    expect(second).toContain('\nFrom the changelog: this line');
    expect(second.endsWith('2.45.0\n')).toBe(true);
  });

  it('finds the same separators and escapes as a line-by-line reading (random mboxes)', () => {
    // the reference: every line, as splitMbox read them before it went from F to F
    const reference = (text: string): { offsets: number[]; rd: boolean } => {
      const lines = text.split('\n');
      const starts: number[] = [];
      let at = 0;
      for (const l of lines) {
        starts.push(at);
        at += l.length + 1;
      }
      const seps = [0];
      let rd = /^From mboxrd[@ ]/.test(lines[0]!);
      for (let k = 1; k < lines.length; k++) {
        const l = lines[k]!;
        if (/^>+From /.test(l)) {
          if (l.startsWith('>>')) rd = true;
          continue;
        }
        const blank = lines[k - 1] === '' || (lines[k - 1] === '\r' && k >= 2);
        if (l.startsWith('From ') && blank && k + 1 < lines.length && /^[!-9;-~]{1,79}:/.test(lines[k + 1]!) && starts[k + 1]! < text.length) seps.push(starts[k]!);
      }
      return { offsets: seps.map((x) => text.indexOf('\n', x) + 1), rd };
    };
    const piece = fc.constantFrom('From a@b x\n', 'Subject: s\n', '\n', '\r\n', 'text F\n', '>From x\n', '>>From y\n', 'From \n', 'x From y\n', 'Fr', 'om ', 'F', '>', 'From mboxrd@z x\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (ps) => {
        const text = `From a@b x\nSubject: first\n\n${ps.join('')}x\n`;
        const r = splitMbox(enc(text));
        const want = reference(text);
        // a separator whose message would be empty is reported and dropped: compare the kept ones
        const kept = want.offsets.filter((o) => r.offsets.includes(o));
        expect(r.offsets, JSON.stringify(text)).toEqual(kept);
        expect(want.offsets.length - kept.length).toBe(r.errors.filter((e) => /no message after it/.test(e.reason)).length);
        expect(r.format === 'mboxrd', JSON.stringify(text)).toBe(want.rd);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a subarray (no copy) when nothing is escaped', () => {
    const b = enc('From a@b Mon Jan  1 00:00:00 2024\nSubject: x\n\nbody\n\nFrom a@b Mon Jan  1 00:00:00 2024\nSubject: y\n\nbody2\n');
    const r = splitMbox(b);
    expect(r.messages.map(dec)).toEqual(['Subject: x\n\nbody\n', 'Subject: y\n\nbody2\n']);
    expect(r.messages[0]!.buffer).toBe(b.buffer);
    expect(r.offsets[0]).toBe(b.indexOf(0x53));
  });

  it('takes mboxrd from ">>From" even without the mboxrd marker, and un-escapes one level', () => {
    const r = splitMbox(enc('From x Mon Jan  1 00:00:00 2024\nSubject: a\n\n>From one\n>>From two\n>From\n'));
    expect(r.format).toBe('mboxrd');
    expect(dec(r.messages[0]!)).toBe('Subject: a\n\nFrom one\n>From two\n>From\n');
  });

  it('leaves mboxo ">From" alone (no reliable un-escape)', () => {
    const r = splitMbox(enc('From x Mon Jan  1 00:00:00 2024\nSubject: a\n\n>From one\n'));
    expect(r.format).toBe('mboxo');
    expect(dec(r.messages[0]!)).toContain('\n>From one');
  });

  it('does not split on a body "From " line that is not after a blank line, or not followed by a header', () => {
    const r = splitMbox(enc('From x Mon Jan  1 00:00:00 2024\nSubject: a\n\ntext\nFrom here on\n\nFrom the start, we knew.\nmore\n'));
    expect(r.messages).toHaveLength(1);
  });

  it('reads a single raw message with or without a From_ line', () => {
    expect(splitMbox(enc('Subject: a\nMessage-ID: <a@b>\n\nbody\n')).format).toBe('single');
    const raw = splitMbox(enc('From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: a\n\n>From x\n'));
    expect(raw.messages).toHaveLength(1);
    expect(dec(raw.messages[0]!)).toBe('Subject: a\n\nFrom x\n');
  });

  it('handles CRLF mboxes', () => {
    const r = splitMbox(enc('From x Mon Jan  1 00:00:00 2024\r\nSubject: a\r\n\r\nbody\r\n\r\nFrom x Mon Jan  1 00:00:00 2024\r\nSubject: b\r\n\r\nb2\r\n'));
    expect(r.messages.map(dec)).toEqual(['Subject: a\r\n\r\nbody\r\n', 'Subject: b\r\n\r\nb2\r\n']);
  });

  it('survives NUL bytes and NUL padding', () => {
    const b = enc('From x Mon Jan  1 00:00:00 2024\nSubject: a\u0000b\n\nbo\u0000dy\n\u0000\u0000\u0000');
    const r = splitMbox(b);
    expect(r.messages).toHaveLength(1);
    expect(dec(r.messages[0]!)).toBe('Subject: a\u0000b\n\nbo\u0000dy\n');
  });

  it('reports a truncated last message and keeps it', () => {
    const r = splitMbox(enc('From x Mon Jan  1 00:00:00 2024\nSubject: a\n\nbody\n\nFrom x Mon Jan  1 00:00:00 2024\nSubject: b\nMessage-ID: <b@tr'));
    expect(r.messages).toHaveLength(2);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.reason).toMatch(/truncated inside its headers/);
  });

  it('reports empty input', () => {
    expect(splitMbox(new Uint8Array(0)).errors[0]!.reason).toMatch(/empty/);
    expect(splitMbox(enc('\n\n  \n')).messages).toEqual([]);
  });

  it.runIf(corpusDir)("splits git's sample.mbox into its 14 messages (From_ quirks)", () => {
    expect(splitMbox(readCorpus('git/sample.mbox')).messages).toHaveLength(14);
  });

  it.runIf(corpusDir)("un-escapes git's sample.mboxrd to its expected bodies", () => {
    const r = splitMbox(readCorpus('git/sample.mboxrd'));
    expect(r.format).toBe('mboxrd');
    const body = (m: Uint8Array): string => dec(m).split('\n\n').slice(1).join('\n\n');
    // git mailsplit keeps the blank line before the next From_ line; we drop it as the separator
    const expected = (f: string): string => dec(readCorpus(f)).replace(/\n+$/, '\n');
    expect(body(r.messages[0]!)).toBe(expected('git/0001mboxrd'));
    expect(body(r.messages[1]!)).toBe(expected('git/0002mboxrd'));
  });

  it.runIf(corpusDir)('splits the derived LKML mboxrd into 210 messages', () => {
    const r = splitMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'));
    expect(r.messages).toHaveLength(210);
    expect(r.format).toBe('mboxrd');
  });
});

describe('readInput', () => {
  it('gunzips a buffer and a stream to the same bytes', async () => {
    const plain = new Uint8Array(readFileSync(fixture));
    const gz = await gzip(plain);
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(plain)).toBe(false);
    expect(dec(await readAll(gz))).toBe(dec(plain));
    const stream = new Blob([gz as Uint8Array<ArrayBuffer>]).stream();
    const seen: number[] = [];
    expect(dec(await readAll(stream, (n) => seen.push(n)))).toBe(dec(plain));
    expect(seen.at(-1)).toBe(plain.length);
  });

  it('passes plain bytes through untouched', async () => {
    const plain = enc('Subject: a\n\nb\n');
    expect(await readAll(plain)).toBe(plain);
  });

  it('keeps what a truncated gzip gave, with a reason', async () => {
    const big = enc('From x Mon Jan  1 00:00:00 2024\nSubject: a\n\n' + 'line of text number\n'.repeat(20000));
    const gz = await gzip(big);
    const r = await readInput(gz.subarray(0, Math.floor(gz.length / 2)));
    expect(r.error).toMatch(/damaged or truncated/);
    expect(r.bytes.length).toBeGreaterThan(0);
    expect(dec(r.bytes)).toBe(dec(big.subarray(0, r.bytes.length)));
    await expect(readAll(gz.subarray(0, 100))).rejects.toThrow(/truncated/);
  });

  it('does not trust a damaged size trailer, and keeps what inflated', async () => {
    const big = enc('From x Mon Jan  1 00:00:00 2024\nSubject: a\n\n' + Array.from({ length: 30000 }, (_, i) => `line ${i * 7919 % 10007}\n`).join(''));
    const gz = await gzip(big);
    gz.set([0xff, 0xff, 0xff, 0xff], gz.length - 4); // claims 4 GB
    const r = await readInput(gz);
    expect(r.error).toMatch(/damaged or truncated/);
    // DecompressionStream withholds its last chunk when the trailer check fails
    expect(r.bytes.length).toBeGreaterThan(big.length / 2);
    expect(dec(r.bytes)).toBe(dec(big.subarray(0, r.bytes.length)));
  });
});
