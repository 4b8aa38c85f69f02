/**
 * Saving a loaded thread into the cache on the loader's terms: the reader's size limit,
 * the threads on screen spared from eviction, and a failure returned as a reason instead
 * of thrown (a thread that could not be saved is still shown).
 *
 * Non-goals: the idb layout (cache/), deciding what to tell the panel (load.ts, refresh.ts).
 */
import type { MessageHead } from '../../core/types.ts';
import { writeThread, type ThreadEntry } from '../cache/threads.ts';
import { cacheLimitBytes } from '../loader-settings.ts';
import { pinnedKeys, type LoadedThread } from './state.ts';

export type StoreResult = { ok: true } | { ok: false; reason: string; message: string };

/** `thread` as loaded (bytes, analysis, heads travel together), with its cache meta. */
export async function storeThread(thread: LoadedThread, meta: ThreadEntry['meta'], extra: Pick<ThreadEntry, 'gz' | 'aliases'> = {}): Promise<StoreResult> {
  try {
    const entry: ThreadEntry = { meta, analysis: thread.analysis, heads: thread.heads, raw: thread.bytes, ...extra };
    const r = await writeThread(entry, { limitBytes: await cacheLimitBytes(), pinned: pinnedKeys() });
    return r.ok ? { ok: true } : { ok: false, reason: r.reason, message: r.message };
  } catch (e) {
    return { ok: false, reason: 'error', message: String(e) };
  }
}

/** The newest Date among the heads (ISO strings compare as dates). */
export function newest(heads: readonly MessageHead[]): string | null {
  let best: string | null = null;
  for (const h of heads) if (h.date && (!best || h.date > best)) best = h.date;
  return best;
}
