/**
 * Saving a loaded thread into the cache on the loader's terms: the reader's size limit,
 * the threads on screen spared from eviction, and a failure returned as a reason instead
 * of thrown (a thread that could not be saved is still shown); and the meta a thread is
 * stored with after a whole fetch or a refresh, the same for the loader and the series.
 *
 * Non-goals: the idb layout (cache/), deciding what to tell the panel (load.ts, refresh.ts).
 */
import type { MessageHead, Thread } from '../../core/types.ts';
import { threadKeyOf, writeThread, type ThreadEntry } from '../cache/threads.ts';
import { cacheLimitBytes } from '../loader-settings.ts';
import { pinnedKeys, type LoadedThread } from './state.ts';

export type StoreResult = { ok: true } | { ok: false; reason: string; message: string };

/** `thread` as loaded (bytes, analysis, heads travel together), with its cache meta. */
export async function storeThread(thread: LoadedThread, meta: ThreadEntry['meta'], extra: Pick<ThreadEntry, 'gz' | 'aliases' | 'indexOnly'> = {}): Promise<StoreResult> {
  try {
    const entry: ThreadEntry = { meta, analysis: thread.analysis, heads: thread.heads, raw: thread.bytes, ...extra };
    const r = await writeThread(entry, { limitBytes: await cacheLimitBytes(), pinned: pinnedKeys() });
    return r.ok ? { ok: true } : { ok: false, reason: r.reason, message: r.message };
  } catch (e) {
    return { ok: false, reason: 'error', message: String(e) };
  }
}

/**
 * The cache meta of a thread just fetched whole from `inbox` under `key`: first stored,
 * refreshed and fully fetched `now`. `anchorId`: a real message of it (refetch, `dt:` queries).
 */
export function fetchedMeta(inbox: string, key: string, anchorId: string, subject: string, heads: readonly MessageHead[], now: number): ThreadEntry['meta'] {
  return { inboxUrl: inbox, rootId: key.slice(inbox.length + 1), anchorId, subject, messages: heads.length, newestDate: newest(heads), cachedAt: now, lastRefresh: now, lastFullFetch: now };
}

/** `meta` after a refresh that brought new mail, now read as `heads` (`full`: the whole thread was fetched again). */
export function refreshedMeta<M extends ThreadEntry['meta']>(meta: M, heads: readonly MessageHead[], now: number, full: boolean): M {
  return { ...meta, messages: heads.length, newestDate: newest(heads), lastRefresh: now, lastFullFetch: full ? now : meta.lastFullFetch };
}

/** The archive's own gzip of what was fetched, kept only when the analysis read exactly what it decompresses to. */
export function archiveGz(fetched: { bytes: Uint8Array; gz: Uint8Array | null }, read: Uint8Array): Uint8Array | null {
  return read.length === fetched.bytes.length ? fetched.gz : null;
}

/** The newest Date among the heads (ISO strings compare as dates). */
export function newest(heads: readonly MessageHead[]): string | null {
  let best: string | null = null;
  for (const h of heads) if (h.date && (!best || h.date > best)) best = h.date;
  return best;
}

/** The root above message `mid` by parents (the message itself when it is one), or null. */
function rootAbove(thread: Thread, mid: string | null): string | null {
  const parent = new Map(thread.messages.map((m) => [m.id, m.parent]));
  let root: string | null = mid && parent.has(mid) ? mid : null;
  for (let n = 0; root && parent.get(root) && n < 100_000; n++) root = parent.get(root)!;
  return root;
}

/**
 * The cache key of the thread read for message `mid`: the root above that message, not the
 * mbox's first root. public-inbox adds to a thread's `t.mbox.gz` the messages of the same
 * subject from other threads, and one of them may be older: keyed by it, the seed's thread (a
 * reply that lost its References) and the v4 cover's own thread were one key, and the second
 * to arrive overwrote the first.
 */
export function threadKeyFor(inbox: string, thread: Thread, mid: string | null): string {
  return threadKeyOf(inbox, rootAbove(thread, mid) ?? thread.roots[0] ?? mid ?? '');
}

/** The Message-IDs of the tree holding `mid` (its root and everything below it). */
export function treeOf(thread: Thread, heads: readonly MessageHead[], mid: string): Set<string> {
  const byId = new Map(thread.messages.map((m) => [m.id, m]));
  const keys = new Set<string>();
  const stack = [rootAbove(thread, mid) ?? mid];
  while (stack.length) {
    const m = byId.get(stack.pop()!);
    if (!m || keys.has(m.id)) continue;
    keys.add(m.id);
    stack.push(...m.children);
  }
  return new Set(heads.filter((h) => keys.has(h.id)).map((h) => h.messageId));
}
