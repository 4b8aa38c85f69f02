/**
 * Building `Resolution`s: the defaults every adapter shares, and the lore URLs that the
 * adapters of kernel lists resolve to.
 *
 * Non-goals: deciding which lists are kernel lists (lore-lists.ts) or reading pages
 * (page-text.ts).
 */
import { encodeMidForUrl } from '../core/message-id.ts';
import { loreInboxUrl } from './lore-lists.ts';
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
  return inboxUrl && mid ? inboxUrl + encodeMidForUrl(mid) + '/' : null;
}

/** `r` with its Message-ID now known: exact, nothing more needed from the page. */
export function withMessageId(r: Resolution, mid: string): Resolution {
  return { ...r, messageId: mid, confidence: 'exact', needsPage: null, search: null, threadUrl: threadUrlOf(r.inboxUrl, mid) };
}

/** A kernel list's message found by its Message-ID: on lore, in the list's inbox (else /all/)
 * unless the URL already named an inbox. */
export function withLoreMessageId(r: Resolution, mid: string): Resolution {
  return withMessageId({ ...r, inboxUrl: r.inboxUrl ?? loreInboxUrl(r.list, true) }, mid);
}

/** A message page that hides its Message-ID: what it shows drives a search on the archive, and
 * the match stays uncertain. Without subject, author or date, `r` as it was. */
export function withSearch(r: Resolution, search: SearchHint | null): Resolution {
  return search ? { ...r, confidence: 'search', search, needsPage: null } : r;
}

/** Percent-decoding that never throws: a malformed escape leaves the text as it is. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The path's segments, without the empty one before the leading `/`. */
export function segments(url: URL): string[] {
  return url.pathname.split('/').slice(1);
}
