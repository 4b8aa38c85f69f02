/**
 * Building `Resolution`s: the defaults every adapter shares, and the lore URLs that the
 * adapters of kernel lists resolve to.
 *
 * Non-goals: deciding which lists are kernel lists (lore-lists.ts) or reading pages
 * (page-text.ts).
 */
import { messageUrl } from './public-inbox-url.ts';

import { safeDecode } from './decode.ts';

export { safeDecode };
import type { PageKind, Resolution, SearchHint } from './types.ts';

/** lore's cross-list view: every kernel list's message is at `<this><mid>/`. */
export const LORE_ALL = 'https://lore.kernel.org/all/';

export function resolution(archive: string, kind: PageKind, fields: Partial<Resolution> = {}): Resolution {
  return {
    archive,
    kind,
    list: null,
    messageId: null,
    inboxUrl: null,
    threadUrl: null,
    confidence: 'none',
    needsPage: null,
    search: null,
    ...fields,
  };
}

/** `<inbox><escaped mid>/`, public-inbox's message URL, which is also the thread's base. */
export function threadUrlOf(inboxUrl: string | null, mid: string | null): string | null {
  return inboxUrl && mid ? messageUrl(inboxUrl, mid) : null;
}

/** `r` with its Message-ID now known: exact, nothing more needed from the page. */
export function withMessageId(r: Resolution, mid: string): Resolution {
  return { ...r, messageId: mid, confidence: 'exact', needsPage: null, search: null, threadUrl: threadUrlOf(r.inboxUrl, mid) };
}

/**
 * `r` with a note on why its thread cannot be fetched when no public-inbox is known to carry
 * its list and the archive offers no thread of its own; else `r`. Without the note a reader
 * (or the CLI's user) sees a Message-ID and no thread, and no reason. `lead` says more first.
 */
export function noteIfNoThread(r: Resolution, lead = ''): Resolution {
  if (r.inboxUrl || r.mboxUrl) return r;
  // `all` is a cross-list view (LWN's, lore's), not a list
  const why = r.list && r.list !== 'all' ? `no public-inbox is known to carry ${r.list}` : `the URL names no list, and ${r.archive} has lists lore lacks`;
  return { ...r, note: `${lead}${why}: no thread to fetch` };
}

/**
 * A message of an archive of many lists, found by its Message-ID: its thread is at the
 * adapter's `inboxUrl` (lore for the lists lore-lists.ts knows). Never lore by default: a
 * list lore lacks would only meet lore's "not found".
 */
export function withLoreMessageId(r: Resolution, mid: string): Resolution {
  return noteIfNoThread(withMessageId(r, mid));
}

/**
 * A message page that hides its Message-ID: what it shows drives a search on the archive, and
 * the match stays uncertain. Without subject, author or date, `r` as it was; with nowhere to
 * search (no inbox, no archive mbox), confidence stays `none` and a note says why.
 */
export function withSearch(r: Resolution, search: SearchHint | null): Resolution {
  if (!search) return r;
  return r.inboxUrl || r.mboxUrl ? { ...r, confidence: 'search', search, needsPage: null } : noteIfNoThread({ ...r, needsPage: null });
}

/** A raw query parameter, percent-decoded without turning `+` into a space (ids keep `+`). */
export function rawParam(url: URL, name: string): string | null {
  const m = new RegExp(`[?&]${name}=([^&#]*)`).exec(url.search);
  return m ? safeDecode(m[1]!) : null;
}

/** A Message-ID as pages and links write it, without its spaces and angle brackets. */
export function unbracket(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}


/** The path's segments, without the empty one before the leading `/`. */
export function segments(url: URL): string[] {
  return url.pathname.split('/').slice(1);
}
