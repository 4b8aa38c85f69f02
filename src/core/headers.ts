/**
 * The headers-only pass: raw message bytes → MessageHead, without decoding any body.
 *
 * This is what draws the tree and the participants before a single body is decoded, so it
 * has to be fast (≤ 60 ms for 1,000 messages): it reads only the header block, decodes it
 * once, unfolds it, and looks at the nine fields the model uses. postal-mime supplies the
 * RFC 2047 decoder and the address parser; the full postal-mime parse is left for bodies.
 *
 * Header bytes: RFC 6532 allows UTF-8; older mail has raw latin-1. The block is read as
 * UTF-8 when it is valid UTF-8, else as windows-1252, so neither is mangled.
 *
 * Non-goals: every header (the model does not need them), protected headers inside
 * encrypted parts, Resent-* fields.
 */
import { decodeWords } from 'postal-mime';
import { parseAddress } from './address.ts';
import { parseMailDate } from './date.ts';
import { indexOfBlankLine } from './mbox.ts';
import { parseMessageIds, syntheticId } from './message-id.ts';
import type { MessageHead } from './types.ts';

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

function clean(s: string): string {
  // NUL and other control characters only come from damage; they must not reach the panel
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
}

function addressesIn(s: string | undefined, into: Set<string>): void {
  if (!s) return;
  for (const m of s.matchAll(/[^<>\s,"()]+@[^<>\s,"()]+/g)) into.add(m[0].toLowerCase());
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
  return {
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
}

/**
 * Makes every key unique, in source order: the second and later mail reusing an id get
 * `<id>#2`, `#3`… (notmuch's duplicate/ corpus; real archives have them). Safe to call again.
 */
export function assignKeys(heads: MessageHead[]): void {
  const used = new Map<string, number>();
  for (const h of heads) {
    const id = h.messageId || h.id.replace(/#\d+$/, '');
    const n = (used.get(id) ?? 0) + 1;
    used.set(id, n);
    h.id = n === 1 ? id : `${id}#${n}`;
  }
}
