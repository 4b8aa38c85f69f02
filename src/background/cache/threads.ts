/**
 * The thread cache as named operations over db.ts: find a thread by any of its messages,
 * read what the panel draws, read the raw mbox, write a thread (evicting least recently
 * used ones first), record refreshes, clear, measure.
 *
 * Guarantees the rest of the worker relies on:
 * - a write is one transaction: the eviction it needs, the mbox, the view and the id index
 *   land together or not at all, so a quota or write failure loses nothing already stored;
 * - eviction never touches a pinned key (the threads on screen);
 * - everything needed after the worker dies is here, not in memory.
 *
 * Non-goals: no network, no analysis, no policy on *when* to refresh (load/load.ts).
 */
import type { IDBPTransaction } from 'idb';
import { openCacheDB, KEY_SEP, type CacheSchema, type ThreadMeta, type ThreadView } from './db.ts';
import { gzip, gunzip } from '../net/gzip.ts';
import type { Analysis, MessageHead } from '../../core/types.ts';
import { recorded } from '../../errors.ts';

export { DEFAULT_LIMIT_BYTES } from '../../settings.ts';

export function threadKeyOf(inboxUrl: string, rootId: string): string {
  return inboxUrl + KEY_SEP + rootId;
}

function idKeyOf(inboxUrl: string, messageId: string): string {
  return inboxUrl + KEY_SEP + messageId;
}

/** The thread key of a cached thread holding this message, or null. */
export async function findThreadKey(inboxUrl: string, messageId: string): Promise<string | null> {
  const db = await openCacheDB();
  return (await db.get('ids', idKeyOf(inboxUrl, messageId)))?.key ?? null;
}

/** The Message-IDs of a cached thread, from the id index alone (no view is read). */
export async function threadMessageIds(key: string): Promise<string[]> {
  const db = await openCacheDB();
  const entries = await db.getAllFromIndex('ids', 'thread', key);
  return entries.map((e) => e.id.slice(e.id.indexOf(KEY_SEP) + 1));
}

export interface CachedThread {
  meta: ThreadMeta;
  view: ThreadView;
}

/** What the panel needs to draw at once; records the access for LRU. */
export async function readThread(key: string): Promise<CachedThread | null> {
  const db = await openCacheDB();
  const tx = db.transaction(['meta', 'views'], 'readonly');
  const [meta, view] = await Promise.all([tx.objectStore('meta').get(key), tx.objectStore('views').get(key)]);
  await tx.done;
  if (!meta || !view) return null;
  if (!wellFormed(meta, view)) throw new DamagedEntry(key);
  // Apart from the read: a disk too full to note the access (quota) must not hide a thread
  // that is stored whole, which is exactly when reading it offline matters.
  meta.lastAccess = Date.now();
  // Not awaited: the panel is waiting for this view, and LRU order can be noted after.
  void updateMeta(key, { lastAccess: meta.lastAccess }).catch(recorded('cache: note last access', undefined));
  return { meta, view };
}

/** A cached record that is not what this code writes (a damaged disk, a foreign writer). */
export class DamagedEntry extends Error {
  constructor(key: string) {
    super(`the saved copy of ${key} is damaged`);
    this.name = 'DamagedEntry';
  }
}

/**
 * What the panel and the loader read without a check of their own: drawing a damaged view
 * would crash the panel, so such an entry is a miss (the loader fetches it again and the
 * write replaces it). Not a deep check: the cost is a few property reads per open.
 */
function wellFormed(meta: ThreadMeta, view: ThreadView): boolean {
  const a = view.analysis as Partial<Analysis> | null | undefined;
  return (
    typeof meta.inboxUrl === 'string' &&
    typeof meta.anchorId === 'string' &&
    typeof meta.lastRefresh === 'number' &&
    typeof meta.lastFullFetch === 'number' &&
    !!a &&
    Array.isArray(a.messages) &&
    Array.isArray(a.roots) &&
    Array.isArray(a.participants) &&
    Array.isArray(a.series) &&
    Array.isArray(a.errors) &&
    Array.isArray(view.heads)
  );
}

export async function readMeta(key: string): Promise<ThreadMeta | null> {
  const db = await openCacheDB();
  return (await db.get('meta', key)) ?? null;
}

/** The raw mbox of a cached thread, decompressed. */
export async function readMbox(key: string): Promise<Uint8Array | null> {
  const db = await openCacheDB();
  const rec = await db.get('mbox', key);
  return rec ? gunzip(rec.gz) : null;
}

/** What a caller hands over to store; sizes and access times are filled in here. */
export interface ThreadEntry {
  meta: Omit<ThreadMeta, 'key' | 'rawBytes' | 'storedBytes' | 'lastAccess'>;
  analysis: Analysis;
  heads: MessageHead[];
  raw: Uint8Array;
  /**
   * `raw` already gzip'd, when the archive sent it so (public-inbox's t.mbox.gz): stored as
   * it came, which spares compressing 5 MB again (~0.2-0.4 s in Chromium for 1,000 messages).
   */
  gz?: Uint8Array | null;
  /**
   * More keys that find this thread besides its messages' ids: `page:<url>` for an archive
   * page that shows no Message-ID (matched by subject and author), so it reopens from here.
   */
  aliases?: readonly string[];
  /**
   * The Message-IDs this entry is found by (default: every message in it). A thread fetched
   * for a series names only its own tree: the messages public-inbox adds to `t.mbox.gz` by
   * subject from other threads keep pointing at the thread they were read in.
   */
  indexOnly?: ReadonlySet<string>;
}

export type WriteOutcome =
  | { ok: true; key: string; storedBytes: number; evicted: string[] }
  | { ok: false; key: string; reason: 'quota' | 'too-large' | 'error'; message: string };

export interface WriteOptions {
  limitBytes: number;
  /** Keys never evicted by this write (threads on screen). */
  pinned: ReadonlySet<string>;
}

/** Estimated stored size of the view: its JSON length is close to its structured-clone size. */
function viewBytes(analysis: Analysis, heads: MessageHead[]): number {
  return JSON.stringify(analysis).length + JSON.stringify(heads).length;
}

/**
 * Store (or replace) a thread. Compression happens before the transaction opens, because
 * an IndexedDB transaction commits as soon as it waits on anything but IndexedDB.
 */
export async function writeThread(entry: ThreadEntry, opts: WriteOptions): Promise<WriteOutcome> {
  const key = threadKeyOf(entry.meta.inboxUrl, entry.meta.rootId);
  const gz = entry.gz ?? (await gzip(entry.raw));
  const storedBytes = gz.length + viewBytes(entry.analysis, entry.heads);
  if (storedBytes > opts.limitBytes) {
    return { ok: false, key, reason: 'too-large', message: `this thread (${mb(storedBytes)}) is larger than the cache limit` };
  }
  const meta: ThreadMeta = { ...entry.meta, key, rawBytes: entry.raw.length, storedBytes, lastAccess: Date.now() };
  const db = await openCacheDB();
  const tx = db.transaction(['meta', 'views', 'mbox', 'ids'], 'readwrite');
  // Errors surface through tx.done; keep the per-request rejections from going unhandled.
  const done = tx.done;
  done.catch(() => undefined);
  const evicted: string[] = [];
  try {
    const metas = tx.objectStore('meta');
    let total = 0;
    for (const m of await metas.getAll()) if (m.key !== key) total += m.storedBytes;
    let cursor = await metas.index('lastAccess').openCursor();
    while (cursor && total + storedBytes > opts.limitBytes) {
      const victim = cursor.value;
      if (victim.key !== key && !opts.pinned.has(victim.key)) {
        await deleteThreadIn(tx, victim.key);
        total -= victim.storedBytes;
        evicted.push(victim.key);
      }
      cursor = await cursor.continue();
    }
    // Queued, not awaited one by one: a thousand id puts would be a thousand event-loop
    // round trips in a browser (measured: ~3x slower for a 1,000-message thread).
    // If a put throws, the transaction aborts and the puts already queued reject: each gets
    // a handler as it is queued so none of them goes unhandled.
    const ops: Array<Promise<unknown>> = [];
    const queue = (p: Promise<unknown>): void => {
      // Surfaces through tx.done, awaited below; this only keeps it from being reported unhandled.
      p.catch(() => undefined);
      ops.push(p);
    };
    const ids = tx.objectStore('ids');
    queue(metas.put(meta));
    queue(tx.objectStore('views').put({ key, analysis: entry.analysis, heads: entry.heads }));
    queue(tx.objectStore('mbox').put({ key, gz }));
    for (const h of entry.heads) if (!entry.indexOnly || entry.indexOnly.has(h.messageId)) queue(ids.put({ id: idKeyOf(meta.inboxUrl, h.messageId), key }));
    for (const a of entry.aliases ?? []) queue(ids.put({ id: idKeyOf(meta.inboxUrl, a), key }));
    await Promise.all(ops);
    await done;
    return { ok: true, key, storedBytes, evicted };
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // already aborted by the failed request
    }
    const name = (e as { name?: string }).name ?? '';
    const quota = name === 'QuotaExceededError' || /quota/i.test(String((e as Error).message));
    return {
      ok: false,
      key,
      reason: quota ? 'quota' : 'error',
      message: quota ? 'the browser refused more storage' : `could not store the thread (${name || 'error'})`,
    };
  }
}

type WriteTx = IDBPTransaction<CacheSchema, Array<'meta' | 'views' | 'mbox' | 'ids'>, 'readwrite'>;

async function deleteThreadIn(tx: WriteTx, key: string): Promise<void> {
  await tx.objectStore('meta').delete(key);
  await tx.objectStore('views').delete(key);
  await tx.objectStore('mbox').delete(key);
  const ids = tx.objectStore('ids');
  await Promise.all((await ids.index('thread').getAllKeys(key)).map((id) => ids.delete(id)));
}

/** Merge a few fields into a thread's meta (refresh times, versions found). */
export async function updateMeta(key: string, patch: Partial<Omit<ThreadMeta, 'key'>>): Promise<void> {
  const db = await openCacheDB();
  const tx = db.transaction('meta', 'readwrite');
  const meta = await tx.store.get(key);
  if (meta) await tx.store.put({ ...meta, ...patch, key });
  await tx.done;
}

export async function deleteThread(key: string): Promise<void> {
  const db = await openCacheDB();
  const tx = db.transaction(['meta', 'views', 'mbox', 'ids'], 'readwrite');
  await deleteThreadIn(tx, key);
  await tx.done;
}

export async function clearAll(): Promise<void> {
  const db = await openCacheDB();
  const tx = db.transaction(['meta', 'views', 'mbox', 'ids'], 'readwrite');
  await Promise.all([
    tx.objectStore('meta').clear(),
    tx.objectStore('views').clear(),
    tx.objectStore('mbox').clear(),
    tx.objectStore('ids').clear(),
    tx.done,
  ]);
}

export async function usage(): Promise<{ bytes: number; threads: number }> {
  const db = await openCacheDB();
  let bytes = 0;
  const all = await db.getAll('meta');
  for (const m of all) bytes += m.storedBytes;
  return { bytes, threads: all.length };
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
