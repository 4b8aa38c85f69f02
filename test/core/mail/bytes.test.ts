/**
 * Reading a stream no further than a limit (core/mail/bytes.ts `readCapped`), the bound the
 * core's mbox input and the worker's downloads and inflation share: on real web streams.
 */
import { describe, expect, it } from 'vitest';
import { concatBytes, readCapped } from '../../../src/core/mail/bytes.ts';

/** A stream handing out `sizes` as chunks of that many bytes, one per pull; then `end` (close, or error). */
function source(sizes: number[], end: 'close' | Error = 'close'): { stream: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  let i = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (i < sizes.length) c.enqueue(new Uint8Array(sizes[i]!).fill(i++));
        else if (end === 'close') c.close();
        else c.error(end);
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => i, cancelled: () => cancelled };
}

describe('readCapped', () => {
  it('reads a stream within the limit to its end, saying the running total after each chunk', async () => {
    const s = source([3, 4, 5]);
    const totals: number[] = [];
    const r = await readCapped(s.stream.getReader(), 12, (t) => totals.push(t));
    expect(r).toMatchObject({ total: 12, over: false, failed: null });
    expect([...concatBytes(r.chunks, r.total)]).toEqual([0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(totals).toEqual([3, 7, 12]);
    expect(s.cancelled()).toBe(false);
  });

  it('past the limit: stops after the chunk that passed it, cancels the stream, reads nothing more', async () => {
    const s = source([3, 4, 5, 6, 7]);
    const totals: number[] = [];
    const r = await readCapped(s.stream.getReader(), 6, (t) => totals.push(t));
    expect(r).toMatchObject({ total: 7, over: true, failed: null });
    expect(r.chunks.map((c) => c.length)).toEqual([3, 4]);
    expect(totals).toEqual([3]);
    expect(s.cancelled()).toBe(true);
    expect(s.pulled()).toBe(2);
  });

  it('a stream that errors: what it threw, and what came before it', async () => {
    const boom = new Error('connection reset');
    const r = await readCapped(source([2, 2], boom).stream.getReader(), 100);
    expect(r.over).toBe(false);
    expect(r.failed?.error).toBe(boom);
    expect(r.total).toBe(4);
  });
});
