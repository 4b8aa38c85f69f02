/**
 * Threads of lists that no public-inbox carries, read from the archive's own data
 * (`Resolution.mboxUrl`): a pipermail month (`…/2010-March.txt.gz`, every thread of that month,
 * so the page's thread is cut out of it) or a HyperKitty thread export (one thread already).
 *
 * Cache: the mbox URL stands where an inbox URL stands in the cache's keys (`<mboxUrl> <root>`,
 * ids `<mboxUrl> <Message-ID>`), so any message of a cached thread finds it again from its
 * page's resolution alone, and a refresh knows what to fetch. Inbox URLs end in `/` and mbox
 * URLs never do: that is how the loader tells the two kinds of thread apart.
 *
 * Politeness: every request goes through politeFetch (thread-fetch.ts's `fetchMbox`: statuses,
 * bot checks, gzip or not). The last file fetched is kept in memory for the refresh TTL, so
 * opening another thread of the same month costs no request. A refresh fetches the file again
 * (such archives have no "what is new" query), only when the cached copy is stale, never on a
 * timer.
 *
 * Mailman 2 writes the `.txt.gz` only where the site gzips its archives, and then nightly: the
 * plain `.txt` beside it is tried when the `.txt.gz` is missing or does not have the message yet.
 *
 * Non-goals: other months (a thread that goes on next month shows this month's part),
 * HyperKitty's REST API, searching the archive.
 */
import { cutThread } from '../../core/thread-cut.ts';
import { splitMbox } from '../../core/mail/mbox.ts';
import { parseSubject } from '../../core/mail/subject.ts';
import type { MessageHead, Progress } from '../../core/types.ts';
import type { Resolution, SearchHint } from '../../sites/types.ts';
import type { LoadErrorKind, PanelEvent } from '../../protocol.ts';
import { readMbox, type CachedThread } from '../cache/threads.ts';
import { fetchMbox, hostOf, type Fetched, type RefreshOutcome } from './thread-fetch.ts';
import { headOf } from '../../core/mail/message-id.ts';
import { refreshTtlMs } from '../loader-settings.ts';
import { recorded } from '../../errors.ts';

interface Emitter {
  emit(e: PanelEvent): void;
}

export type ArchiveThread =
  /** `res` with the Message-ID filled in when the page's subject and author found it. */
  | { ok: true; res: Resolution; bytes: Uint8Array; gz: Uint8Array | null }
  | { ok: false; kind: LoadErrorKind | 'aborted'; message: string };

/** The archive's own thread data, when no public-inbox is known for the page's list. */
export function archiveSource(res: Resolution): string | null {
  return !res.inboxUrl && !res.threadUrl && res.mboxUrl ? res.mboxUrl : null;
}

/**
 * A cache namespace (ThreadMeta.inboxUrl) that is an archive's mbox URL, not an inbox: inbox
 * URLs end in `/`, and of the archive files only patchwork's series export (`…/mbox/`) does.
 */
export function isArchiveNamespace(ns: string): boolean {
  return !ns.endsWith('/') || ns.endsWith('/mbox/');
}

/** A pipermail period file holds every thread of the period; other exports hold one. */
function holdsManyThreads(url: string): boolean {
  try {
    return /\/\d{4}-[A-Za-z]+\.txt(\.gz)?$/.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

function candidates(url: string): string[] {
  return holdsManyThreads(url) && url.endsWith('.txt.gz') ? [url, url.slice(0, -'.gz'.length)] : [url];
}

/** `2010-March` of `…/2010-March.txt.gz`, for sentences. */
function periodOf(url: string): string {
  return /(\d{4}-[A-Za-z]+)\.txt(\.gz)?$/.exec(url)?.[1] ?? 'this';
}

// ---- memory that may die with the worker ----

let memo: { url: string; bytes: Uint8Array; gz: Uint8Array | null; at: number } | null = null;

/** Forget the file kept in memory (tests; a cleared cache). */
export function forgetArchiveFile(): void {
  memo = null;
}

async function fetchFile(url: string, sink: Emitter, signal: AbortSignal, progress: (p: Progress) => void, maxAgeMs: number): Promise<Fetched> {
  if (memo?.url === url && Date.now() - memo.at < maxAgeMs) return { ok: true, bytes: memo.bytes, gz: memo.gz, empty: memo.bytes.length === 0 };
  const got = await fetchMbox(url, sink, signal, progress);
  if (got.ok) memo = { url, bytes: got.bytes, gz: got.gz, at: Date.now() };
  return got;
}

// ---- which message the page shows ----

type Pick = (heads: readonly MessageHead[]) => MessageHead | null | undefined;

function byId(mid: string): Pick {
  return (heads) => headOf(heads, mid);
}

/**
 * The message a page without a Message-ID shows: same subject (list prefix and `Re:` aside),
 * same author when the page names one, then the closest date. The match stays uncertain.
 */
function byHint(hint: SearchHint): Pick {
  const want = parseSubject(hint.subject).key;
  const author = hint.author?.toLowerCase().trim() ?? '';
  const at = hint.date ? Date.parse(hint.date) : NaN;
  return (heads) => {
    const same = heads.filter((h) => h.messageId && parseSubject(h.subject).key === want);
    const byAuthor = author ? same.filter((h) => h.from.name.toLowerCase() === author || h.from.address.toLowerCase() === author.replace(' at ', '@')) : same;
    const pool = byAuthor.length ? byAuthor : same;
    const gap = (h: MessageHead): number => (Number.isNaN(at) || !h.date ? 0 : Math.abs(Date.parse(h.date) - at));
    return pool.slice().sort((a, b) => gap(a) - gap(b) || a.index - b.index)[0];
  };
}

// ---- loading and refreshing ----

interface Found {
  bytes: Uint8Array;
  gz: Uint8Array | null;
  focus: MessageHead | null;
  /** Messages in `bytes` when the cut counted them (the month is split once, by the cut). */
  messages: number | null;
}

/**
 * The thread from `source`: cut around the message `pick` finds when the file holds many
 * threads, else the whole file (`pick` then only names the focus, if it can).
 */
async function threadFrom(source: string, pick: Pick | null, sink: Emitter, signal: AbortSignal, progress: (p: Progress) => void, maxAgeMs: number): Promise<{ ok: true; found: Found } | Extract<ArchiveThread, { ok: false }>> {
  const many = holdsManyThreads(source);
  const host = hostOf(source);
  if (many && !pick) {
    return { ok: false, kind: 'unsupported', message: `This page does not say which message it shows, so its thread cannot be found in the ${periodOf(source)} archive of ${host}.` };
  }
  let missing: Extract<ArchiveThread, { ok: false }> | null = null;
  // The file kept in memory first: a site without `.txt.gz` is not asked for it again.
  const urls = candidates(source).sort((a, b) => Number(b === memo?.url) - Number(a === memo?.url));
  for (const url of urls) {
    const got = await fetchFile(url, sink, signal, progress, maxAgeMs);
    if (!got.ok) {
      if (got.kind !== 'not-found') return got;
      missing ??= { ok: false, kind: 'not-found', message: `${host} has no ${periodOf(source)} archive file for this list (it answered "not found").` };
      continue;
    }
    if (!many) return { ok: true, found: { bytes: got.bytes, gz: got.gz, focus: null, messages: null } };
    const chosen: { head?: MessageHead } = {};
    const cut = cutThread(got.bytes, (heads) => (chosen.head = pick!(heads) ?? undefined));
    if (cut && chosen.head) return { ok: true, found: { bytes: cut.bytes, gz: null, focus: chosen.head, messages: cut.messages } };
    missing = { ok: false, kind: 'not-found', message: `The ${periodOf(source)} archive of ${host} does not have this message (yet): Mailman may add it to the file later.` };
  }
  return missing ?? { ok: false, kind: 'not-found', message: `${host} does not have this thread.` };
}

/**
 * The thread of the page `res` resolves to, from `source` (`archiveSource(res)`). Without a
 * Message-ID, the page's subject, author and date pick the message, and `res` comes back with
 * it and confidence `search`.
 */
export async function fetchArchiveThread(res: Resolution, source: string, sink: Emitter, signal: AbortSignal, progress: (p: Progress) => void): Promise<ArchiveThread> {
  const pick = res.messageId ? byId(res.messageId) : res.search ? byHint(res.search) : null;
  const got = await threadFrom(source, pick, sink, signal, progress, await refreshTtlMs());
  if (!got.ok) return got;
  const { bytes, gz, focus } = got.found;
  return { ok: true, res: !res.messageId && focus ? matchedBy(res, focus) : res, bytes, gz };
}

/** `res` now naming the message its page's subject, author and date matched: uncertain. */
function matchedBy(res: Resolution, focus: MessageHead): Resolution {
  return { ...res, messageId: focus.messageId, confidence: 'search', needsPage: null };
}

/**
 * `res` of a page without a Message-ID, with the message its subject, author and date pick
 * among `heads` (a cached thread's): confidence `search`, as when it was first matched.
 */
export function matchPage(res: Resolution, heads: readonly MessageHead[]): Resolution {
  const focus = res.search ? byHint(res.search)(heads) : null;
  return focus?.messageId ? matchedBy(res, focus) : res;
}

/** A cached archive thread, asked again: one fetch of its file, compared with the copy held. */
export async function refreshArchiveThread(cached: CachedThread, sink: Emitter, signal: AbortSignal): Promise<RefreshOutcome> {
  const { meta } = cached;
  const got = await threadFrom(meta.inboxUrl, byId(meta.anchorId), sink, signal, () => undefined, 0);
  if (!got.ok) {
    if (got.kind === 'aborted') return { kind: 'aborted' };
    if (got.kind === 'network') return { kind: 'offline' };
    return { kind: 'failed', error: got.kind, message: got.message };
  }
  const old = await readMbox(meta.key).catch(recorded('cache: read mbox', null));
  if (old && sameBytes(old, got.found.bytes)) return { kind: 'unchanged' };
  // Mailman's archives only grow; a copy with fewer messages is a stale file (last night's
  // `.txt.gz` after the live `.txt` served the cached one), not news: keep what we have.
  if ((got.found.messages ?? splitMbox(got.found.bytes).messages.length) < meta.messages) return { kind: 'unchanged' };
  return { kind: 'changed', bytes: got.found.bytes, full: true };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
