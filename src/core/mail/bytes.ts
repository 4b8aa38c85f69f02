/**
 * Joining byte chunks (stream reads, mbox pieces) into one buffer: one chunk comes back as it
 * is, the common case of a small body, where a copy would only double the memory. And reading
 * a stream no further than a limit: the one bound every reader of untrusted bytes keeps (the
 * core's mbox input, the worker's downloads and inflation), so a hostile body stops there.
 *
 * Non-goals: what a reader does past its limit (keep what came, or let it go and throw).
 */
export function concatBytes(chunks: readonly Uint8Array[], total?: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let n = total ?? 0;
  if (total === undefined) for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export interface CappedRead {
  chunks: Uint8Array[];
  total: number;
  /** More than the limit came: the stream was cancelled after the chunk that passed it (kept in `chunks`). */
  over: boolean;
  /** A read failed (the stream errored): what it threw, and what came before is in `chunks`. */
  failed: { error: unknown } | null;
}

/**
 * Reads `reader` to its end, or until more than `max` bytes came, then cancels it (a failed
 * cancel changes nothing: the limit is what is reported). `onTotal`: the bytes so far, after
 * each chunk within the limit.
 */
export async function readCapped(reader: ReadableStreamDefaultReader<Uint8Array>, max: number, onTotal?: (total: number) => void): Promise<CappedRead> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
      if (total > max) {
        await reader.cancel().catch(() => undefined);
        return { chunks, total, over: true, failed: null };
      }
      onTotal?.(total);
    }
  } catch (error) {
    return { chunks, total, over: false, failed: { error } };
  }
  return { chunks, total, over: false, failed: null };
}
