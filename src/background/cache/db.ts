/**
 * The IndexedDB schema of the thread cache, and its migrations.
 *
 * A thread is split over stores so that the hot paths read only what they need:
 * - `meta`: small records (times, sizes, counts) with a `lastAccess` index, so LRU eviction
 *   and "cache usage" never load a megabyte of mail;
 * - `views`: the Analysis and the heads, what the panel draws at once on reopen;
 * - `mbox`: the raw mbox, gzip'd, read only for the context view and for merging a refresh;
 * - `ids` (v2): archive + Message-ID → thread key, so opening any message of a cached thread
 *   finds it without a network round trip;
 * - `visits` (v3): the reader's visits per thread key (messages seen, last visit), kept apart
 *   from the thread's records so evicting or refreshing its mail leaves the new marks intact;
 * - `commits` (v4): each commit lookup's answer by the commit's full id (issue 19), with the
 *   commit's patch, so reopening a commit page asks neither the git web nor the archive.
 * - `maintainers` and `maintainerFiles` (v5, issue 18): per MAINTAINERS source (a URL or a
 *   local file) its state (last good copy's date, last check, the last failure) and, apart,
 *   the file parsed, so the state is read without the 700 KB file. Each thread's patches'
 *   matches against a copy live in its meta (`ownerMatches`), computed once per copy.
 * - `patchwork` (v6, issue 18): per patchwork instance and Message-ID, what the instance said
 *   of the patch (its id and checks URL, or that it has no such patch) and its checks, with
 *   the copy's date, the last attempt and its failure; `checkedAt` indexed for eviction.
 *
 * Migrations are cumulative `oldVersion < N` steps that keep data (idb README pattern): a
 * step may add stores or indexes and backfill them, never drop what a reader has cached.
 *
 * Non-goals: no cache policy here (cache/threads.ts decides what to keep), no mail parsing.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Analysis, MessageHead } from '../../core/types.ts';
import type { CommitView } from '../../protocol.ts';
import type { ThreadFacts } from '../../core/series/series-facts.ts';
import type { PlacedChangelog } from '../../core/series/changelog.ts';
import type { MaintainersFile } from '../../core/maintainers/parse.ts';
import type { OwnerEntry, PatchMatch } from '../../core/maintainers/match.ts';
import type { PatchworkCheck } from '../../core/series/patchwork-checks.ts';
import type { PatchworkPatchRef } from '../../core/series/patchwork-json.ts';

export const DB_NAME = 'listlens-cache';
export const DB_VERSION = 6;

export interface ThreadMeta {
  /** `<inboxUrl> <rootId>`: archive and root (see cache/threads.ts `threadKeyOf`). */
  key: string;
  inboxUrl: string;
  rootId: string;
  /** A real (non-ghost) message of the thread, for refetch and `dt:` queries. */
  anchorId: string;
  subject: string;
  messages: number;
  /** Newest Date header in the thread (ISO), the start of an incremental refresh. */
  newestDate: string | null;
  /** Epoch ms: first stored, last network check, last full `t.mbox.gz`, last opened. */
  cachedAt: number;
  lastRefresh: number;
  lastFullFetch: number;
  lastAccess: number;
  rawBytes: number;
  /** Bytes this entry costs in the cache: gzip'd mbox + serialised view. */
  storedBytes: number;
  /**
   * What this thread tells the series ledger (series/facts.ts), computed once from the
   * bodies; `messages`/`newestDate` say which copy of the thread it was computed from, so a
   * refresh that brought new mail makes it stale. Absent in threads cached before it existed.
   */
  seriesData?: SeriesThreadData | null;
  /** The series this thread is in, across threads: the version threads found, the reader's links and unlinks. */
  seriesLinks?: SeriesLinks | null;
  /** Its patches matched against a MAINTAINERS copy (issue 18); stale when the copy or the thread changed. */
  ownerMatches?: OwnerMatches | null;
}

export interface OwnerMatches {
  /** Which copy: `<source>\n<fetchedAt>` (maintainers/matches.ts). */
  stamp: string;
  /** The thread as it was matched (as `SeriesThreadData`). */
  messages: number;
  newestDate: string | null;
  /** Patch message key → its match. */
  patches: Record<string, PatchMatch>;
  /** Every entry those matches name, by its index in the file. */
  entries: Record<number, OwnerEntry>;
}

export interface MaintainersState {
  /** A URL, or `file:<name>` for a local file. */
  source: string;
  /** Epoch ms of the copy held (its fetch, or its upload), 0 when none. */
  fetchedAt: number;
  /** Epoch ms of the last attempt to fetch it (success or not). */
  checkedAt: number;
  /** Why the last attempt failed, or null: the copy held is the last good one. */
  error: string | null;
  entries: number;
  errors: number;
}

export interface MaintainersFileRecord {
  source: string;
  fetchedAt: number;
  file: MaintainersFile;
}

export interface PatchworkRecord {
  /** `<instance> <msgid>` (KEY_SEP). */
  key: string;
  instance: string;
  msgid: string;
  /** The patch in each project the instance filed it in; null: the instance has no such patch. */
  found: PatchworkPatchRef[] | null;
  /** Its checks that count (core `latestChecks`). */
  checks: PatchworkCheck[];
  /** Epoch ms of the copy held (0: none), and of the last attempt. */
  fetchedAt: number;
  checkedAt: number;
  /** Why the last attempt failed (the copy held is the last good one), or null. */
  error: string | null;
}

export interface SeriesThreadData {
  messages: number;
  newestDate: string | null;
  facts: ThreadFacts;
  /** Changelog sections by version key. */
  changelogs: Record<string, PlacedChangelog[]>;
}

export interface SeriesLinks {
  /** Thread keys of the other versions found (reopened from the cache with no network). */
  threads: string[];
  /** Thread keys the reader tied to the series by hand, and took out of it. */
  linked: string[];
  unlinked: string[];
  /** Epoch ms of the last search of the archive. */
  at: number;
}

export interface ThreadView {
  key: string;
  analysis: Analysis;
  heads: MessageHead[];
}

export interface ThreadMbox {
  key: string;
  gz: Uint8Array;
}

export interface IdEntry {
  /** `<inboxUrl> <messageId>` */
  id: string;
  key: string;
}

export interface VisitRecord {
  /** The thread key, as in `meta`. */
  key: string;
  /** Message keys the reader has seen. */
  seen: string[];
  /** Epoch ms of the latest visit and of the first. */
  lastVisit: number;
  firstVisit: number;
}

export interface CommitRecord {
  /** The commit's full id, lower case. */
  sha: string;
  /** The commit's format-patch text as the git web gave it (read again to compare with a grown series). */
  patch: string;
  view: CommitView;
  /** The public-inbox the discussion was found on, or null when none was found. */
  inboxUrl: string | null;
  /** Epoch ms of the lookup, and of the last search for later fixes. */
  at: number;
  fixesAt: number;
}

export interface CacheSchema extends DBSchema {
  meta: { key: string; value: ThreadMeta; indexes: { lastAccess: number } };
  views: { key: string; value: ThreadView };
  mbox: { key: string; value: ThreadMbox };
  ids: { key: string; value: IdEntry; indexes: { thread: string } };
  visits: { key: string; value: VisitRecord; indexes: { lastVisit: number } };
  commits: { key: string; value: CommitRecord; indexes: { at: number } };
  maintainers: { key: string; value: MaintainersState };
  maintainerFiles: { key: string; value: MaintainersFileRecord };
  patchwork: { key: string; value: PatchworkRecord; indexes: { checkedAt: number } };
}

export type CacheDB = IDBPDatabase<CacheSchema>;
type UpgradeTx = IDBPTransaction<CacheSchema, StoreNames<CacheSchema>[], 'versionchange'>;

/** The separator of composite keys; neither URLs nor sane Message-IDs hold a space. */
export const KEY_SEP = ' ';

/**
 * Upgrade steps. `upTo` lets the migration test build a database as an older release left
 * it; the extension always runs every step.
 */
async function upgrade(db: CacheDB, oldVersion: number, upTo: number, tx: UpgradeTx): Promise<void> {
  if (oldVersion < 1 && upTo >= 1) {
    const meta = db.createObjectStore('meta', { keyPath: 'key' });
    meta.createIndex('lastAccess', 'lastAccess');
    db.createObjectStore('views', { keyPath: 'key' });
    db.createObjectStore('mbox', { keyPath: 'key' });
  }
  if (oldVersion < 2 && upTo >= 2) {
    // v2 adds the Message-ID index. Backfill it from the views v1 kept, so threads cached
    // before the upgrade still open from any of their messages.
    const ids = db.createObjectStore('ids', { keyPath: 'id' });
    ids.createIndex('thread', 'key');
    const metas = new Map<string, string>();
    for (const m of await tx.objectStore('meta').getAll()) metas.set(m.key, m.inboxUrl);
    let cursor = await tx.objectStore('views').openCursor();
    while (cursor) {
      const view = cursor.value;
      const inbox = metas.get(view.key);
      if (inbox !== undefined) {
        for (const h of view.heads) await ids.put({ id: inbox + KEY_SEP + h.messageId, key: view.key });
      }
      cursor = await cursor.continue();
    }
  }
  if (oldVersion < 3 && upTo >= 3) {
    // v3: the reader's visits. Nothing to backfill: marks start from the next visit.
    const visits = db.createObjectStore('visits', { keyPath: 'key' });
    visits.createIndex('lastVisit', 'lastVisit');
  }
  if (oldVersion < 4 && upTo >= 4) {
    // v4: commit lookups. Nothing to backfill: a commit is looked up when first opened.
    const commits = db.createObjectStore('commits', { keyPath: 'sha' });
    commits.createIndex('at', 'at');
  }
  if (oldVersion < 5 && upTo >= 5) {
    // v5: MAINTAINERS copies. Nothing to backfill: a file is fetched once the reader switches it on.
    db.createObjectStore('maintainers', { keyPath: 'source' });
    db.createObjectStore('maintainerFiles', { keyPath: 'source' });
  }
  if (oldVersion < 6 && upTo >= 6) {
    // v6: patchwork's checks. Nothing to backfill: they are read once the reader switches them on.
    db.createObjectStore('patchwork', { keyPath: 'key' }).createIndex('checkedAt', 'checkedAt');
  }
}

let dbPromise: Promise<CacheDB> | null = null;

/** Open (and upgrade) the cache database. One connection per worker life. */
export function openCacheDB(version = DB_VERSION): Promise<CacheDB> {
  if (version !== DB_VERSION) return openAt(version);
  if (!dbPromise) {
    dbPromise = openAt(version);
    // A failed open must not stick: the next call tries again.
    // Not swallowed: callers await dbPromise and get the failure; this only lets the next
    // call try to open again instead of reusing a rejected promise.
    // Not swallowed: callers await dbPromise and get the failure; this only lets the next
    // call try to open again instead of reusing a rejected promise.
    dbPromise.catch(() => (dbPromise = null));
  }
  return dbPromise;
}

function openAt(version: number): Promise<CacheDB> {
  return openDB<CacheSchema>(DB_NAME, version, {
    upgrade: (db, oldVersion, _newVersion, tx) => upgrade(db, oldVersion, version, tx),
    // Another context (a newer worker after an update) wants to upgrade: let it.
    blocking() {
      void closeCacheDB();
    },
    terminated() {
      dbPromise = null;
    },
  });
}

export async function closeCacheDB(): Promise<void> {
  const p = dbPromise;
  dbPromise = null;
  // An open that failed has nothing to close; its failure went to whoever awaited it.
  if (p) (await p.catch(() => null))?.close();
}
