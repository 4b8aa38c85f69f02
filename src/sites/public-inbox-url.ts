/**
 * public-inbox's URL grammar, in one place for every part of ListLens (sites, worker, panel,
 * CLI): the URLs of a message, its thread mbox, its raw text, a search and a thread-scoped
 * refresh; the Message-ID back from a URL; an inbox's name and host; an instance URL as the
 * reader adds it; and the traits that tell a public-inbox page on any host, in a DOM or in
 * raw HTML.
 *
 * The grammar (public-inbox 1.9, ../shared/notes/public-inbox-1.9-pages):
 *   <inbox>/<mid>/            the message (also the base of its thread's URLs)
 *   <inbox>/<mid>/raw         its raw text
 *   <inbox>/<mid>/T/ t/       the thread, nested or flat
 *   <inbox>/<mid>/t.mbox.gz   the thread as gzip'd mbox
 *   <inbox>/<mid>/t.atom      the thread as Atom
 *   <inbox>/?q=…&x=A          a search, as Atom
 *   <inbox>/<mid>/?x=m&q=…    (POST) the thread's messages matching a query, as mbox
 * `<mid>` is the Message-ID escaped by `encodeMidForUrl`; `<inbox>` ends with `/`.
 *
 * Non-goals: which hosts run public-inbox (public-inbox.ts), fetching, reading a page's text.
 */
import { encodeMidForUrl } from '../core/mail/message-id.ts';
import { repairMojibake, safeDecode } from './decode.ts';
import type { PageDocument } from './types.ts';

/** What may follow the Message-ID segment and still be a view of that message or thread. */
const MID_TAIL = /^(|\/|raw|[Tt]\/?|t\.mbox\.gz|t\.atom)$/;
/** The tails that make a URL a thread view rather than a message. */
export const THREAD_TAIL = /^([Tt]|t\.mbox\.gz|t\.atom)$/;

function slashed(inboxUrl: string): string {
  return inboxUrl.endsWith('/') ? inboxUrl : inboxUrl + '/';
}

/** `<inbox><escaped mid>/`: the message's page, which is also the base of its thread's URLs. */
export function messageUrl(inboxUrl: string, mid: string): string {
  return slashed(inboxUrl) + encodeMidForUrl(mid) + '/';
}

/** The whole thread as gzip'd mbox. `threadUrl`: a `messageUrl`. */
export function threadMbox(threadUrl: string): string {
  return slashed(threadUrl) + 't.mbox.gz';
}

/** The message's raw text. */
export function rawUrl(threadUrl: string): string {
  return slashed(threadUrl) + 'raw';
}

/** Xapian's query in a URL: `+` for spaces, as public-inbox's own search form sends it. */
function queryParam(query: string): string {
  return encodeURIComponent(query).replace(/%20/g, '+');
}

/** A search of the inbox answered as Atom (lighter than an mbox of every hit). */
export function atomSearchUrl(inboxUrl: string, query: string): string {
  return `${slashed(inboxUrl)}?q=${queryParam(query)}&x=A`;
}

/**
 * The messages of one thread matching `query`, as mbox: POSTed with an empty body (public-
 * inbox reads an `x=` in the body as "expand to whole threads"). Used to refresh a thread.
 */
export function threadSearchUrl(threadUrl: string, query: string): string {
  return `${slashed(threadUrl)}?x=m&q=${encodeURIComponent(query)}`;
}

/**
 * Index of the Message-ID segment in `segs` (a path split on `/`), judged by what follows
 * it; else the first segment with `@` (a message's other views: `s/` blob solver, `d/`
 * diffs); -1 if none.
 */
export function midIndex(segs: readonly string[]): number {
  for (let i = segs.length - 1; i >= 0; i--) {
    if (!safeDecode(segs[i]!).includes('@')) continue;
    if (MID_TAIL.test(segs.slice(i + 1).join('/'))) return i;
  }
  return segs.findIndex((s) => safeDecode(s).includes('@'));
}

/** A Message-ID segment as the mail's header spells it (see `repairMojibake`). */
export function midOfSegment(seg: string): string {
  // public-inbox 1.9 escapes an 8-bit (raw UTF-8) Message-ID's bytes as if each were a
  // latin1 character, so its own links decode to mojibake (`Ã¼` for `ü`); both spellings
  // serve the message, only the repaired one equals the mail's header.
  return repairMojibake(safeDecode(seg));
}

/**
 * The Message-ID a public-inbox URL shows (a message, its raw text, its thread views),
 * or null. With `inboxUrl`, only a URL under that inbox counts (the panel's "same thread?").
 */
export function midOfUrl(url: string, inboxUrl: string | null = null): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  let path = u.pathname;
  if (inboxUrl !== null) {
    if (!url.startsWith(inboxUrl)) return null;
    path = path.slice(new URL(inboxUrl).pathname.length);
  }
  const segs = path.split('/');
  const i = midIndex(segs);
  return i < 0 ? null : midOfSegment(segs[i]!);
}

/**
 * The thread's base URL (`…/<inbox>/<mid>/`) of any public-inbox URL, keeping the id's
 * escaping as the archive wrote it; lore's `/r/<mid>` and a bare `/<mid>/` go to `all/`,
 * as lore redirects them. Null when the URL names no message.
 */
export function threadBaseOf(url: URL): string | null {
  const segs = url.pathname.split('/');
  const i = midIndex(segs);
  if (i < 0) return null;
  let inbox = segs.slice(1, i);
  if (inbox.length === 0 || (inbox.length === 1 && inbox[0] === 'r')) inbox = ['all'];
  return `${url.origin}/${inbox.join('/')}/${segs[i]}/`;
}

/** The inbox's name, lower-cased (`linux-mm`; `all` for lore's cross-list view), and host of an inbox URL; null when it is no URL. */
export function inboxOf(inboxUrl: string): { host: string; name: string } | null {
  try {
    const u = new URL(inboxUrl);
    return { host: u.hostname.toLowerCase(), name: (u.pathname.split('/').filter(Boolean).pop() ?? '').toLowerCase() };
  } catch {
    return null;
  }
}

/**
 * An instance URL as stored: http(s), origin plus path ending in `/`, no query or fragment.
 * Null for anything that is no http(s) URL.
 */
export function normalizeInstance(input: string): string | null {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const path = u.pathname.endsWith('/') ? u.pathname : u.pathname + '/';
  return u.origin + path;
}

/**
 * public-inbox's page traits, each readable in a parsed page (the content script) and in
 * raw HTML (the worker, which has no DOM parser): `pre#b`, `permalink`/`raw` links, the Atom
 * feed link, the search form's help link, the mirroring footer.
 */
const TRAITS: ReadonlyArray<{ dom: (doc: PageDocument) => unknown; html: RegExp }> = [
  { dom: (doc) => doc.querySelector('pre#b'), html: /<pre\s+id=["']?b\b/i },
  {
    dom: (doc) => Array.from(doc.querySelectorAll('a[href$="/raw"], a[href="raw"]')).find((a) => /^(raw|permalink)$/.test(a.textContent ?? '')),
    html: /href=["'][^"']*\/?raw["'][^>]*>\s*(raw|permalink)\s*</i,
  },
  {
    dom: (doc) => doc.querySelector('link[type="application/atom+xml"][href$="new.atom"], link[type="application/atom+xml"][href*="x=A"]'),
    html: /new\.atom/i,
  },
  { dom: (doc) => doc.querySelector('form input[name="q"]') && doc.querySelector('a[href$="_/text/help/"]'), html: /_\/text\/help\//i },
  { dom: (doc) => doc.querySelector('a[href$="_/text/mirror/"]'), html: /_\/text\/mirror\//i },
];

/** Two traits are required: a lone `raw` link or Atom feed is common elsewhere. */
const TRAITS_NEEDED = 2;

/** Whether a parsed page on any host is public-inbox. */
export function isPublicInboxPage(doc: PageDocument): boolean {
  return TRAITS.filter((t) => t.dom(doc)).length >= TRAITS_NEEDED;
}

/** The same test on a page's raw HTML. */
export function looksLikePublicInbox(html: string): boolean {
  return TRAITS.filter((t) => t.html.test(html)).length >= TRAITS_NEEDED;
}
