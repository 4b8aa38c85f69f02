/**
 * The headers-only pass: raw message bytes → MessageHead, without decoding any body.
 *
 * This is what draws the tree and the participants before a single body is decoded, so it
 * has to be fast (≤ 60 ms for 1,000 messages): it reads only the header block, decodes it
 * once, unfolds it, and looks at the nine fields the model uses. postal-mime supplies the
 * RFC 2047 decoder and the address parser; the full postal-mime parse is left for bodies.
 * The one look past the headers is a hash of the raw body of mail whose Message-ID repeats,
 * to tell a copy of the same mail from another mail reusing the id (dropCopies).
 *
 * Header bytes: RFC 6532 allows UTF-8; older mail has raw latin-1. The block is read as
 * UTF-8 when it is valid UTF-8, else as windows-1252, so neither is mangled.
 *
 * Non-goals: every header (the model does not need them), protected headers inside
 * encrypted parts, Resent-* fields.
 */
import { decodeWords } from 'postal-mime';
import { listRewrite, MAX_ADDRESS_FIELD, parseAddress } from './address.ts';
import { parseMailDate } from './date.ts';
import { indexOfBlankLine } from './mbox.ts';
import { parseMessageIds, syntheticId } from './message-id.ts';
import { footerStart } from './quotes.ts';
import type { MessageHead } from '../types.ts';

/** A header block bigger than this is damage or an attack; the rest is not read as headers. */
export const MAX_HEADER_BYTES = 1024 * 1024;

const WANTED = new Set(['message-id', 'in-reply-to', 'references', 'subject', 'from', 'date', 'list-id', 'to', 'cc']);

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin = new TextDecoder('windows-1252');

function decodeHeaderBytes(b: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < b.length; i++) {
    if (b[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return latin.decode(b);
  try {
    return utf8.decode(b);
  } catch {
    return latin.decode(b);
  }
}

/** The first value of each wanted field (To, Cc, References, In-Reply-To: all values, joined), unfolded. */
export function readFields(raw: Uint8Array): Map<string, string> {
  let end = indexOfBlankLine(raw);
  if (end < 0) end = raw.length;
  const text = decodeHeaderBytes(raw.subarray(0, Math.min(end, MAX_HEADER_BYTES)));
  const fields = new Map<string, string>();
  let name: string | null = null;
  let value = '';
  const flush = (): void => {
    if (name === null) return;
    const prev = fields.get(name);
    if (prev === undefined) fields.set(name, value);
    // repeated address and id fields add up (patchwork's bugs-multiple-references has two
    // References headers); for the others the first one counts
    else if (name === 'to' || name === 'cc') fields.set(name, `${prev}, ${value}`);
    else if (name === 'references' || name === 'in-reply-to') fields.set(name, `${prev} ${value}`);
    name = null;
  };
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let line = text.slice(pos, nl);
    pos = nl + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (!line) break;
    const c = line.charCodeAt(0);
    if (c === 0x20 || c === 0x09) {
      // folded: the line break goes, the whitespace stays (RFC 5322 2.2.3)
      if (name !== null) value += line;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a field (a stray From_ line, garbage): skip it
    const key = line.slice(0, colon).trim().toLowerCase();
    if (!WANTED.has(key)) continue;
    name = key;
    value = line.slice(colon + 1);
  }
  flush();
  return fields;
}

/** The header fields postal-mime hands to its address parser. */
const ADDRESS_FIELDS = new Set(['from', 'sender', 'to', 'cc', 'bcc', 'reply-to', 'delivered-to', 'return-path']);

/**
 * The message as postal-mime may safely parse it: an address field longer than
 * MAX_ADDRESS_FIELD (with its folded lines) is renamed (`From:` → `Xrom:`, same length) in a
 * copy, so postal-mime's address parser, superlinear on hostile shapes, skips it. The body
 * decoding does not use those fields (the headers pass reads From itself). Mail without such
 * a field, all real mail, is returned as it is, uncopied.
 */
export function tameAddressFields(raw: Uint8Array): Uint8Array {
  let end = indexOfBlankLine(raw);
  if (end < 0) end = raw.length;
  let copy: Uint8Array | null = null;
  let field = -1;
  let fieldStart = 0;
  const close = (at: number): void => {
    if (field >= 0 && at - fieldStart > MAX_ADDRESS_FIELD) {
      copy ??= raw.slice();
      copy[field] = 0x58; // 'X'
    }
    field = -1;
  };
  for (let i = 0; i < end; ) {
    let nl = raw.indexOf(0x0a, i);
    if (nl < 0 || nl > end) nl = end;
    const c = raw[i]!;
    if (c !== 0x20 && c !== 0x09) {
      close(i);
      const colon = raw.indexOf(0x3a, i);
      if (colon > i && colon < nl && colon - i <= 16) {
        let name = '';
        for (let k = i; k < colon; k++) name += String.fromCharCode(raw[k]! | 0x20);
        if (ADDRESS_FIELDS.has(name.trim())) {
          field = i;
          fieldStart = i;
        }
      }
    }
    i = nl + 1;
  }
  close(end);
  return copy ?? raw;
}

/** Lines of a header block looked at to tell mail from other data; real headers show at once. */
const SNIFF_LINES = 200;

/**
 * Is this mail at all? Its header block (up to the first blank line) must hold a `Name: value`
 * field, and fields with their folded lines must be at least half its lines. A file of text
 * or random bytes read as one "message" has no such block, and must not count as a message
 * with no subject. A stray From_-like line or a damaged field in real mail is tolerated.
 */
export function looksLikeMail(raw: Uint8Array): boolean {
  const end = Math.min(raw.length, MAX_HEADER_BYTES);
  let lines = 0;
  let fields = 0;
  let folded = 0;
  for (let i = 0; i < end && lines < SNIFF_LINES; ) {
    let nl = raw.indexOf(0x0a, i);
    if (nl < 0 || nl > end) nl = end;
    const stop = nl > i && raw[nl - 1] === 0x0d ? nl - 1 : nl;
    if (stop === i) break; // the blank line: the headers end here
    lines++;
    const c = raw[i]!;
    if (c === 0x20 || c === 0x09) folded++;
    else if (isField(raw, i, stop)) fields++;
    i = nl + 1;
  }
  return fields > 0 && (fields + folded) * 2 >= lines;
}

/** `Name:` at `i`: a field name of printable ASCII (RFC 5322 ftext), WSP allowed before the colon (obsolete syntax). */
function isField(b: Uint8Array, i: number, stop: number): boolean {
  let j = i;
  while (j < stop && b[j]! > 0x20 && b[j]! < 0x7f && b[j] !== 0x3a) j++;
  if (j === i) return false;
  while (j < stop && (b[j] === 0x20 || b[j] === 0x09)) j++;
  return j < stop && b[j] === 0x3a;
}

function clean(s: string): string {
  // NUL and other control characters only come from damage; they must not reach the panel
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
}

/** Does this character end an address token in From/To/Cc: `<>`, whitespace, `,`, `"`, `()`? */
function addressStop(c: number): boolean {
  return c === 0x3c || c === 0x3e || c === 0x2c || c === 0x22 || c === 0x28 || c === 0x29 || c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || (c > 0xff && /\s/.test(String.fromCharCode(c)));
}

/**
 * Every `x@y` token of an address header: a run of characters other than `<>`, whitespace,
 * `,`, `"` and parentheses with an `@` that has something on both sides. One pass over the
 * string: the regex this replaces (`[^…]+@[^…]+`, unanchored) restarted at every character
 * of a long run without `@`, so a 200 KB To header of `a`s took 22 s.
 */
export function addressesIn(s: string | undefined, into: Set<string>): void {
  if (!s) return;
  let start = 0;
  let at = false;
  for (let i = 0; i <= s.length; i++) {
    if (i < s.length && !addressStop(s.charCodeAt(i))) {
      if (!at && i > start && s.charCodeAt(i) === 0x40 && i + 1 < s.length && !addressStop(s.charCodeAt(i + 1))) at = true;
      continue;
    }
    if (at) into.add(s.slice(start, i).toLowerCase());
    start = i + 1;
    at = false;
  }
}

export function parseHead(raw: Uint8Array, index: number): MessageHead {
  const f = readFields(raw);
  const messageId = parseMessageIds(f.get('message-id') ?? '', true)[0] ?? '';
  // public-inbox: an "id" that is somebody's address is free text, not a reference
  const addresses = new Set<string>();
  addressesIn(f.get('from'), addresses);
  addressesIn(f.get('to'), addresses);
  addressesIn(f.get('cc'), addresses);
  const sane = (id: string): boolean => id !== messageId && !addresses.has(id.toLowerCase());
  const irtIds = parseMessageIds(f.get('in-reply-to') ?? '').filter(sane);
  const refs = parseMessageIds(f.get('references') ?? '').filter(sane);
  const seen = new Set(refs);
  for (const id of irtIds) {
    if (!seen.has(id)) {
      seen.add(id);
      refs.push(id);
    }
  }
  const subjectRaw = f.get('subject') ?? '';
  const listId = /<([^<>]+)>/.exec(f.get('list-id') ?? '')?.[1] ?? null;
  const from = parseAddress(clean(f.get('from') ?? ''));
  const rewrite = listRewrite(from, listId);
  if (rewrite) from.name = rewrite.name;
  const head: MessageHead = {
    // without a Message-ID, a hash of the bytes: the same mail gets the same key every time
    id: messageId || syntheticId(raw),
    messageId,
    synthetic: !messageId,
    inReplyTo: irtIds[0] ?? null,
    references: refs,
    subject: clean(subjectRaw.includes('=?') ? decodeWords(subjectRaw) : subjectRaw),
    from: { name: clean(from.name), address: clean(from.address) },
    date: parseMailDate(f.get('date')),
    listId: listId ? listId.trim() : null,
    index,
  };
  if (rewrite) head.via = clean(rewrite.list);
  return head;
}

/**
 * Makes every key unique: of the mail reusing one id (notmuch's duplicate/ corpus; real
 * archives have them), one keeps the bare id and the others get `<id>#2`, `#3`…
 *
 * Which one keeps it decides which copy replies to that id hang under, so it must not depend
 * on the order the mail came in (an archive's mbox, a merged refresh and a cut thread order
 * it differently): the earliest dated copy, then the copy whose headers sort first (From,
 * Subject, References: content, not position), then, given `rawOf`, whose body does, and
 * only for copies alike in all of that the source order. Safe to call again.
 */
export function assignKeys(heads: MessageHead[], rawOf?: (h: MessageHead) => Uint8Array): void {
  // Mail alike in every header is told apart by its body, when the bytes are at hand.
  const bodies = new Map<MessageHead, string>();
  const bodyOf = (h: MessageHead): string => {
    let k = bodies.get(h);
    if (k === undefined) bodies.set(h, (k = rawOf ? bodyKey(rawOf(h)) : ''));
    return k;
  };
  const order = (a: MessageHead, b: MessageHead): number => {
    const c = byHeaders(a, b);
    if (c || !rawOf) return c || a.index - b.index;
    const ba = bodyOf(a);
    const bb = bodyOf(b);
    return ba !== bb ? (ba < bb ? -1 : 1) : a.index - b.index;
  };
  const groups = new Map<string, MessageHead[]>();
  for (const h of heads) {
    const id = h.messageId || h.id.replace(/#\d+$/, '');
    const list = groups.get(id);
    if (list) list.push(h);
    else groups.set(id, [h]);
  }
  for (const [id, list] of groups) {
    if (list.length > 1) list.sort(order);
    list.forEach((h, n) => {
      h.id = n === 0 ? id : `${id}#${n + 1}`;
    });
  }
}

/**
 * The same mail delivered more than once (cross-posted to two lists, or sent to the reader
 * and to a list): of the heads alike in Message-ID, From address, Date and body, the first by
 * the order assignKeys uses keeps its place and the others are returned, to be dropped. A
 * reader sees one message; it is no error, so nothing is reported. Mail that reuses an id
 * with another body stays, and assignKeys gives it `<id>#2`.
 *
 * The Subject is left out: each list adds its own tag (`[notmuch]`), a bug tracker its
 * `Bug#N:`. The body is compared as raw bytes, not decoded text, because this runs in the
 * headers-only pass: the tree is drawn from it before any body is decoded and must not change
 * when bodies arrive, and decoding is what that pass exists to avoid. Raw bytes are what the
 * sender wrote (their transfer encoding included), except where lists touch them (see
 * `bodyKey`). A list that re-encodes the mail or wraps it into a multipart of its own (mailman
 * does for a signed or base64 body, with a new boundary) makes raw copies differ: they stay
 * two messages, shown twice but never merged wrongly. The series still counts such a patch
 * once (series.ts).
 *
 * `rawOf` gives the bytes a head was read from. Only ids seen more than once are hashed, so
 * the headers pass pays nothing for mail without copies.
 */
export function dropCopies(heads: readonly MessageHead[], rawOf: (h: MessageHead) => Uint8Array): Set<MessageHead> {
  const dropped = new Set<MessageHead>();
  const first = new Map<string, MessageHead>();
  const repeated = new Map<string, MessageHead[]>();
  for (const h of heads) {
    const id = h.messageId || h.id.replace(/#\d+$/, '');
    const seen = first.get(id);
    if (!seen) first.set(id, h);
    else {
      const list = repeated.get(id);
      if (list) list.push(h);
      else repeated.set(id, [seen, h]);
    }
  }
  for (const list of repeated.values()) {
    list.sort(byCopy);
    const kept = new Set<string>();
    for (const h of list) {
      const key = `${h.from.address.toLowerCase()}\n${h.date ?? ''}\n${bodyKey(rawOf(h))}`;
      if (kept.has(key)) dropped.add(h);
      else kept.add(key);
    }
  }
  return dropped;
}

const LF = 0x0a;
const CR = 0x0d;
/** Footers are short (footerStart looks at 12 lines a footer); this much tail holds a few stacked. */
const FOOTER_TAIL = 4096;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === LF || b === CR;
}

/**
 * A 64-bit hash of the body as its sender wrote it. Left out, because copies differ there
 * with no difference to the reader: trailing whitespace (an mbox writer's blank line before
 * the next From_ line, a tracker trimming blank lines), a list footer appended at the end
 * (each list its own, stacked; recognised as the context view does, so only known list
 * forms, never the author's signature) and CR before LF (a copy stored with CRLF).
 */
function bodyKey(raw: Uint8Array): string {
  let start = indexOfBlankLine(raw);
  if (start < 0) start = raw.length;
  let end = raw.length;
  while (end > start && isSpace(raw[end - 1]!)) end--;
  // The tail as text, one char per byte, so a line's offset is its byte offset.
  let from = Math.max(start, end - FOOTER_TAIL);
  if (from > start) from = raw.indexOf(LF, from - 1) + 1 || end;
  let tail = '';
  for (let i = from; i < end; i++) tail += String.fromCharCode(raw[i]!);
  const lines = tail.split('\n');
  const foot = footerStart(
    lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)),
    lines.length,
  );
  if (foot < lines.length) {
    let at = from;
    for (let k = 0; k < foot; k++) at += lines[k]!.length + 1;
    end = at;
    while (end > start && isSpace(raw[end - 1]!)) end--;
  }
  let h1 = 0x811c9dc5;
  // two FNV-1a lanes as in syntheticId, the second not seeded with the length: CRs are skipped
  let h2 = 0x01000193;
  for (let i = start; i < end; i++) {
    const b = raw[i]!;
    if (b === CR && raw[i + 1] === LF) continue;
    h1 = Math.imul(h1 ^ b, 0x01000193);
    h2 = Math.imul(h2 ^ b, 0x01000193) ^ (h2 >>> 15);
  }
  return `${(h1 >>> 0).toString(16)}.${(h2 >>> 0).toString(16)}`;
}

const UNDATED = '\uffff';

function copyKey(h: MessageHead): string {
  return `${h.from.address.toLowerCase()}\n${h.from.name}\n${h.subject}\n${h.inReplyTo ?? ''}\n${h.references.join(' ')}\n${h.listId ?? ''}`;
}

/** Date, then headers: content, not position (0 for mail alike in both). */
function byHeaders(a: MessageHead, b: MessageHead): number {
  const da = a.date ?? UNDATED;
  const db = b.date ?? UNDATED;
  if (da !== db) return da < db ? -1 : 1;
  const ka = copyKey(a);
  const kb = copyKey(b);
  return ka !== kb ? (ka < kb ? -1 : 1) : 0;
}

function byCopy(a: MessageHead, b: MessageHead): number {
  return byHeaders(a, b) || a.index - b.index;
}
