/**
 * Message-IDs as threading needs them: bare (no angle brackets), junk dropped, duplicates
 * dropped, and a stable id for mail that has none.
 *
 * Rules, after public-inbox's MID.pm and what real list mail does:
 * - Only `<…>` tokens are ids. Text around them is free text (`In-Reply-To: <id> from
 *   "Name" at Date` or `<id> (Name's message of …)`), never an id. A header with no
 *   bracket at all is taken as one bare id only for Message-ID itself (`allowBare`).
 * - RFC 5322 comments are removed first, so an id-looking `<x@y>` inside `( … )` is not
 *   taken (mailparser makes a fake reference out of it).
 * - Folding whitespace inside an id is removed (long ids get folded by some MTAs).
 * - Junk: a token without `@` (`<yes>`, `<y>`, `<n>`: old git-send-email asked "In-Reply-To?"
 *   and users answered), and anything over 998 bytes (the line limit; fuzzers send more).
 *
 * Non-goals: validating ids against RFC 5322 grammar; real archives hold ids that break it
 * (spaces, quotes, several `@`) and public-inbox serves them, so we keep them.
 */
import type { MessageHead } from '../types.ts';

export const MAX_ID_LENGTH = 998;

/** Removes RFC 5322 comments outside quoted strings and angle brackets, keeping nesting. */
export function stripComments(s: string): string {
  if (!s.includes('(')) return s;
  let out = '';
  let depth = 0;
  let quoted = false;
  let angle = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += c + (s[i + 1] ?? '');
      i++;
      continue;
    }
    if (depth > 0) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
      out += c;
      continue;
    }
    if (angle) {
      if (c === '>') angle = false;
      out += c;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '<') angle = true;
    else if (c === '(') {
      depth = 1;
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

function clean(id: string): string | null {
  const bare = id.replace(/\s+/g, '');
  if (!bare || !bare.includes('@') || bare.length > MAX_ID_LENGTH) return null;
  return bare;
}

/**
 * The ids in a Message-ID, In-Reply-To or References header, bare, in order, junk and
 * duplicates dropped.
 */
export function parseMessageIds(header: string, allowBare = false): string[] {
  const text = stripComments(header);
  const out: string[] = [];
  const seen = new Set<string>();
  const re = /<([^<>]*)>/g;
  let m: RegExpExecArray | null;
  let any = false;
  while ((m = re.exec(text))) {
    any = true;
    const id = clean(m[1]!);
    if (id && !seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  if (!any && allowBare) {
    const token = text.trim();
    // one token only: free text is not an id
    if (token && !/\s/.test(token)) {
      const id = clean(token.replace(/^<|>$/g, ''));
      if (id) out.push(id);
    }
  }
  return out;
}

/**
 * A Message-ID as public-inbox puts it in a URL: percent-escape every byte of its UTF-8
 * form outside `[A-Za-z0-9-._~!$&'()*+,;=:@]` (so `/` is `%2F`, `%` is `%25`).
 */
export function encodeMidForUrl(mid: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(mid)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~!$&'()*+,;=:@]/.test(c)) out += c;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * A stable id for a message without Message-ID: a 64-bit FNV-1a hash of its raw bytes, so
 * the same mail gets the same id in every fetch and cache.
 */
export function syntheticId(raw: Uint8Array): string {
  // two independent 32-bit FNV-1a lanes (different offset bases) make 64 bits without BigInt
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ raw.length;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    h1 = Math.imul(h1 ^ b, 0x01000193);
    h2 = Math.imul(h2 ^ b, 0x01000193) ^ (h2 >>> 15);
  }
  const hex = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');
  return `synthetic.${hex(h1)}${hex(h2)}@listlens.invalid`;
}

/** The message with Message-ID `mid`: the copy that keeps a reused id (the core's choice) first. */
export function headOf(heads: readonly MessageHead[], mid: string): MessageHead | undefined {
  return heads.find((h) => h.id === mid) ?? heads.find((h) => h.messageId === mid);
}
