/**
 * Reading archive pages the adapters share: a Message-ID from a reply `mailto:` link or a
 * `Message-ID:` line, a search hint from subject/author/date, names repaired from
 * mojibake.
 *
 * Pages are read through the narrow `PageDocument` (the DOM in the browser, linkedom in
 * tests). Everything read here is text and stays text: nothing is ever inserted as HTML.
 *
 * Non-goals: parsing mail (that is src/core), or knowing which archive a page belongs to.
 */
import { isMaskedAddress } from '../core/mail/masked.ts';
import { safeDecode, unbracket } from './resolution.ts';
import { repairMojibake } from './decode.ts';

export { repairMojibake } from './decode.ts';
import type { PageDocument, SearchHint } from './types.ts';

/** The text of the first element matching `selector`, trimmed, or null. */
export function textOf(doc: PageDocument, selector: string): string | null {
  const t = doc.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  return t || null;
}

/**
 * The Message-ID a reply link carries: `mailto:list?…&In-Reply-To=%3C<mid>%3E`, as
 * pipermail, mail-archive.com and HyperKitty write it for the message on the page.
 * Masked ids (`…@xxxxxxx`) do not count.
 */
export function midFromReplyLink(doc: PageDocument): string | null {
  for (const a of Array.from(doc.querySelectorAll('a[href^="mailto:"], a[href^="MAILTO:"], link[rel="made"]'))) {
    const m = /[?&]in-reply-to=([^&]+)/i.exec(a.getAttribute('href') ?? '');
    const mid = m && unbracket(safeDecode(m[1]!.replace(/\+/g, ' ')));
    if (mid && !isMaskedAddress(mid)) return mid;
  }
  return null;
}

/** The id on a `Message-ID: <…>` line of a text (a header `<pre>`, a raw message). */
export function midFromHeaderText(text: string): string | null {
  const m = /^Message-ID:[ \t]*(?:\r?\n[ \t]+)?<?([^\s<>]+@[^\s<>]+)>?/im.exec(text);
  return m && !isMaskedAddress(m[1]!) ? m[1]! : null;
}

/**
 * `Name <addr>`, `Name (addr)`, `addr (Name)` or a bare `addr` as archives print authors:
 * the name, else the address unless it is masked (a search `f:"joe@xxxxxxxxxx"` never
 * matches, so a masked address is no author at all).
 */
export function authorName(from: string | null): string | null {
  if (!from) return null;
  const name = from
    .replace(/<[^>]*>|\([^)]*@[^)]*\)|\S*@\S*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\((.*)\)$|^"(.*)"$/, '$1$2')
    .trim();
  const addr = from.match(/[^\s<>()"]+@[^\s<>()"]+/g)?.find((a) => !isMaskedAddress(a));
  const out = name || addr;
  return out ? repairMojibake(out) : null;
}

/** A search hint, or null without a subject (nothing to search by). */
export function searchHint(subject: string | null, author: string | null, date: string | null): SearchHint | null {
  if (!subject) return null;
  return { subject: repairMojibake(subject.replace(/\s+/g, ' ').trim()), author: authorName(author), date: date ? toIso(date) : null };
}

// zone names as pipermail and others print them, with their UTC offsets. The engines read UT,
// UTC, GMT and the US zones (EST…PDT) themselves, so only zones east of UTC are here; IST is
// left out: India's or Ireland's.
const ZONES = ' WET+0000 WEST+0100 BST+0100 CET+0100 CEST+0200 EET+0200 EEST+0300 MSK+0300 JST+0900 KST+0900 AEST+1000 AEDT+1100';

/**
 * A page's date as ISO: hypermail's compact UTC `20110214105606`, else what the engine's
 * `Date.parse` reads (RFC 2822 and `Thu Apr 14 10:00:00 PDT 2016` in V8 and SpiderMonkey).
 * Other zone names (pipermail's `Mon Mar 1 10:00:00 CET 2010`) become a numeric offset in
 * place first, which both engines read (checked in V8 and SpiderMonkey 102). The engine's
 * parser, not src/core/mail/date.ts, keeps the content script small; a search hint's date only
 * bounds a search by a day either side.
 */
function toIso(s: string): string | null {
  s = s.replace(/\s+/g, ' ').trim();
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
  const t = Date.parse(s.replace(/\b[A-Z]{3,4}\b/g, (z) => ZONES.match(` ${z}(\\S+)`)?.[1] ?? z));
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The entities hypermail and friends write inside attributes and comments. */
export function decodeBasicEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (all, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? all;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : all;
  });
}
