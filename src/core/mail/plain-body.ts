/**
 * The fast path of body decoding: a single-part text/plain message (no Content-Type, or
 * `text/plain` with simple parameters) in 7bit, 8bit, binary, quoted-printable or base64,
 * decoded straight from the bytes with one TextDecoder call. Most list mail is exactly
 * this, and postal-mime spends most of its time building a MIME tree for it.
 *
 * The output is byte-for-byte what body.ts gets through postal-mime for the same message
 * (test/core/plain-body.test.ts compares both over the whole corpus): lines lose their
 * trailing CRs, every line ends in LF, quoted-printable soft breaks join lines, invalid
 * `=XY` escapes and base64 junk are handled as postal-mime 4 handles them, format=flowed is
 * joined by postal-mime's rules, and the charset
 * goes through the same TextDecoder label. Anything this module is not sure to read the
 * same way (multipart, HTML, a Content-Disposition other than inline, RFC 2231 parameters,
 * comments, a charset outside LABELS, huge headers) returns null, and body.ts hands the
 * message to postal-mime.
 *
 * Non-goals: multipart, HTML, attachments.
 */
import type { MessageBody } from '../types.ts';
import { trimChars } from './trim.ts';

const LF = 0x0a;
const CR = 0x0d;
const EQ = 0x3d;

/**
 * Charset labels read here, each a label of the WHATWG Encoding Standard (what postal-mime
 * hands to TextDecoder unchanged). Others go to postal-mime, which knows aliases.
 */
export const LABELS = new Set([
  'utf-8', 'utf8', 'us-ascii', 'ascii', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'windows-1252', 'cp1252',
  'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8', 'iso-8859-8-i',
  'iso-8859-9', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso8859-15', 'l9',
  'windows-1250', 'windows-1251', 'windows-1253', 'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257',
  'windows-1258', 'cp1250', 'cp1251', 'koi8-r', 'koi8-u', 'gb2312', 'gbk', 'gb18030', 'big5', 'euc-jp', 'iso-2022-jp',
  'shift_jis', 'euc-kr',
]);
const decoders = new Map<string, TextDecoder>();
function decoderFor(label: string): TextDecoder {
  let d = decoders.get(label);
  if (!d) {
    d = new TextDecoder(label);
    decoders.set(label, d);
  }
  return d;
}

/** Above this the header block is postal-mime's to judge (it has a 2 MB limit of its own). */
const MAX_FAST_HEADERS = 64 * 1024;

const TOKEN = "[A-Za-z0-9!#$&^_.+-]+";
/** `type/subtype` or a disposition, with `name=token` or `name="quoted"` parameters and nothing else. */
const SIMPLE = new RegExp(`^(${TOKEN}(?:/${TOKEN})?)[ \\t]*((?:;[ \\t]*(?:[A-Za-z0-9_.-]+[ \\t]*=[ \\t]*(?:"[^"\\\\\\r\\n]*"|[^";\\s()\\\\]*)[ \\t]*)?)*)$`);
const PARAM = /;[ \t]*([A-Za-z0-9_.-]+)[ \t]*=[ \t]*(?:"([^"]*)"|([^";\s]*))/g;
const ENCODING = /^(7bit|8bit|binary|quoted-printable|base64)$/i;

/** A structured field (Content-Type, Content-Disposition) as postal-mime parses it, when it is simple. */
export interface Structured {
  /** Lower case, as postal-mime gives it. */
  value: string;
  /** By lower-cased name, the first of each. */
  params: Map<string, string>;
}

/** null when the field is more than a value and plain parameters (comments, RFC 2231, junk, non-ASCII). */
export function parseStructured(field: string): Structured | null {
  if (/[^\x20-\x7e\t]/.test(field)) return null;
  const m = SIMPLE.exec(field);
  if (!m) return null;
  const params = new Map<string, string>();
  for (const p of m[2]!.matchAll(PARAM)) {
    const name = p[1]!.toLowerCase();
    if (name.includes('*')) return null;
    if (!params.has(name)) params.set(name, p[2] ?? p[3] ?? '');
  }
  return { value: m[1]!.toLowerCase(), params };
}

/** The content fields of one header block, raw (first of each), and where its body starts. */
export interface ContentFields {
  /** Index of the first body byte (after the blank line), or `to` when there is none. */
  bodyStart: number;
  type: string | null;
  encoding: string | null;
  disposition: string | null;
}

/** Reads the header block at `from`; null when postal-mime must judge it (huge, or starting folded). */
export function readContentFields(raw: Uint8Array, from: number, to: number): ContentFields | null {
  const out: ContentFields = { bodyStart: to, type: null, encoding: null, disposition: null };
  let field: string | null = null;
  let pos = from;
  const take = (): void => {
    if (field === null) return;
    const colon = field.indexOf(':');
    const key = trimChars(colon < 0 ? field : field.slice(0, colon), ' \t').toLowerCase();
    if (!key.startsWith('content-')) return;
    const value = colon < 0 ? '' : trimChars(field.slice(colon + 1), ' \t');
    if (key === 'content-type') out.type ??= value;
    else if (key === 'content-transfer-encoding') out.encoding ??= value;
    else if (key === 'content-disposition') out.disposition ??= value;
  };
  while (pos < to) {
    let end = raw.indexOf(LF, pos);
    if (end < 0 || end > to) end = to;
    const next = end < to ? end + 1 : to;
    let e = end;
    while (e > pos && raw[e - 1] === CR) e--;
    if (e === pos) {
      out.bodyStart = next;
      break;
    }
    if (pos - from > MAX_FAST_HEADERS) return null;
    const first = raw[pos]!;
    const cont = first === 0x20 || first === 0x09;
    // a first line that starts folded is a field of its own to postal-mime: its to judge
    if (cont && pos === from) return null;
    if (cont) {
      if (field !== null) field += latin1(raw, pos, e);
    } else {
      take();
      // only content-* fields matter: others are skipped without building a string
      field = (first === 0x43 || first === 0x63) && (raw[pos + 1] === 0x6f || raw[pos + 1] === 0x4f) ? latin1(raw, pos, e) : null;
    }
    pos = next;
  }
  take();
  return out;
}

/** How to decode a text part, or null when this module would not decode it as postal-mime does. */
export interface TextPart {
  charset: string;
  encoding: string;
  /** format=flowed, and its delsp=yes. */
  flowed: boolean;
  delsp: boolean;
}

export function transferEncoding(cte: string | null): string | null {
  if (cte === null) return '8bit';
  const m = ENCODING.exec(cte);
  return m ? m[1]!.toLowerCase() : null;
}

/** A text part's decoding from its parsed type (null type: text/plain, utf-8). */
export function textPart(type: Structured | null, cte: string | null): TextPart | null {
  let charset = 'utf8';
  let flowed = false;
  let delsp = false;
  if (type) {
    flowed = /^flowed$/i.test(type.params.get('format') ?? '');
    delsp = /^yes$/i.test(type.params.get('delsp') ?? '');
    const cs = type.params.get('charset');
    if (cs !== undefined) charset = cs.trim().toLowerCase() || 'utf8';
  }
  if (!LABELS.has(charset)) return null;
  const encoding = transferEncoding(cte);
  return encoding ? { charset, encoding, flowed, delsp } : null;
}

/** The body of a single-part message: text/plain and not an attachment, else null. */
function readHead(raw: Uint8Array): (TextPart & { bodyStart: number }) | null {
  const f = readContentFields(raw, 0, raw.length);
  if (!f) return null;
  // postal-mime reads a text/plain part as the body unless its disposition is attachment
  if (f.disposition !== null && parseStructured(f.disposition)?.value !== 'inline') return null;
  let type: Structured | null = null;
  if (f.type !== null) {
    type = parseStructured(f.type);
    if (type?.value !== 'text/plain') return null;
  }
  const part = textPart(type, f.encoding);
  return part ? { ...part, bodyStart: f.bodyStart } : null;
}

/** ASCII-range bytes as a string; the fields read here are ASCII (checked by the caller). */
function latin1(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Lines without their trailing CRs, each ending in LF: postal-mime's pass-through. */
export function passThrough(body: Uint8Array): Uint8Array {
  if (body.length === 0) return body;
  if (body.indexOf(CR) < 0 && body[body.length - 1] === LF) return body;
  const out = new Uint8Array(body.length + 1);
  let w = 0;
  let pos = 0;
  while (pos < body.length) {
    let end = body.indexOf(LF, pos);
    const next = end < 0 ? body.length : end + 1;
    if (end < 0) end = body.length;
    let e = end;
    while (e > pos && body[e - 1] === CR) e--;
    out.set(body.subarray(pos, e), w);
    w += e - pos;
    out[w++] = LF;
    pos = next;
  }
  return out.subarray(0, w);
}

function hex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/**
 * Quoted-printable, line by line as postal-mime's QPDecoder reads it. The text between two
 * `=` is copied by the engine (`set`), not byte by byte: most of a body is plain text, and a
 * cold worker runs a byte loop interpreted. `eq` is the next `=` at or after the line, found
 * once, so no stretch of the body is searched twice.
 */
function quotedPrintable(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 1);
  let w = 0;
  let pos = 0;
  let eq = -2;
  while (pos < body.length) {
    let end = body.indexOf(LF, pos);
    const next = end < 0 ? body.length : end + 1;
    if (end < 0) end = body.length;
    while (end > pos && body[end - 1] === CR) end--;
    const soft = end > pos && body[end - 1] === EQ;
    const len = soft ? end - 1 : end;
    let i = pos;
    while (i < len) {
      if (eq !== -1 && eq < i) eq = body.indexOf(EQ, i);
      const stop = eq < 0 || eq > len ? len : eq;
      if (stop > i) {
        out.set(body.subarray(i, stop), w);
        w += stop - i;
        i = stop;
      }
      if (i >= len) break;
      // body[i] is `=`: an escape when two hex digits follow inside the line, else itself
      if (i + 2 < len) {
        const hi = hex(body[i + 1]!);
        const lo = hex(body[i + 2]!);
        if (hi >= 0 && lo >= 0) {
          out[w++] = (hi << 4) | lo;
          i += 3;
          continue;
        }
      }
      out[w++] = EQ;
      i++;
    }
    if (!soft) out[w++] = LF;
    pos = next;
  }
  return out.subarray(0, w);
}

const B64 = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/** ECMAScript's own base64 decoder (ES2026 `Uint8Array.fromBase64`), where the engine has it. */
const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
const bytesAsText = new TextDecoder('latin1');

/**
 * Base64 as postal-mime reads it: bytes outside the alphabet are dropped, `=` ends a unit
 * (some mailers pad every line), a unit's odd tail of one character is dropped.
 *
 * A well-formed body (the alphabet, whitespace, final padding) goes to the engine's decoder
 * when there is one: the same bytes, without a byte loop that runs interpreted in a cold
 * worker. Anything it refuses (a stray byte, `=` mid-body, a lone last character) is read
 * by the loop below, as before.
 */
function base64(body: Uint8Array): Uint8Array {
  if (fromBase64) {
    try {
      return fromBase64(bytesAsText.decode(body));
    } catch {
      // not strictly well-formed: the tolerant reading below
    }
  }
  return base64Loop(body);
}

function base64Loop(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil((body.length * 3) / 4) + 3);
  let w = 0;
  let acc = 0;
  let n = 0;
  const flush = (): void => {
    // n is 0..3 here: 2 chars give one byte, 3 give two, 1 gives none
    if (n === 2) out[w++] = acc >> 4;
    else if (n === 3) {
      out[w++] = acc >> 10;
      out[w++] = (acc >> 2) & 0xff;
    }
    acc = 0;
    n = 0;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    const v = B64[c]!;
    if (v < 0) {
      if (c === EQ) flush();
      continue;
    }
    acc = (acc << 6) | v;
    if (++n === 4) {
      out[w++] = acc >> 16;
      out[w++] = (acc >> 8) & 0xff;
      out[w++] = acc & 0xff;
      acc = 0;
      n = 0;
    }
  }
  flush();
  return out.subarray(0, w);
}

/**
 * RFC 3676 format=flowed, joined as postal-mime 4 joins it: space-stuffing removed first, a
 * line ending in a space continues on the next (the space dropped with delsp=yes), except
 * the signature separator `-- `.
 */
function unflow(str: string, delsp: boolean): string {
  const parts: string[] = [];
  let lineStart = 0;
  let lineLength = 0;
  const lines = str.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.charAt(0) === ' ') line = line.slice(1);
    if (i) {
      const last = parts.length ? parts[parts.length - 1]! : '';
      const isSignature = lineLength === 3 && parts.slice(lineStart).join('') === '-- ';
      if (last.endsWith(' ') && !isSignature) {
        if (delsp) {
          if (last.length > 1) parts[parts.length - 1] = last.slice(0, -1);
          else parts.pop();
          lineLength--;
        }
      } else {
        parts.push('\n');
        lineStart = parts.length;
        lineLength = 0;
      }
    }
    if (line) {
      parts.push(line);
      lineLength += line.length;
    }
  }
  return parts.join('');
}

/** A part's body bytes with its transfer encoding undone. */
export function undoTransfer(body: Uint8Array, encoding: string): Uint8Array {
  return encoding === 'quoted-printable' ? quotedPrintable(body) : encoding === 'base64' ? base64(body) : passThrough(body);
}

/** Decoded text of a text part, exactly as postal-mime's getTextContent gives it. */
export function decodeText(body: Uint8Array, part: TextPart): string {
  const bytes = undoTransfer(body, part.encoding);
  let text = bytes.length ? decoderFor(part.charset).decode(bytes) : '';
  if (part.flowed) text = unflow(text, part.delsp);
  return text;
}

/**
 * The body of a single-part text/plain message, or null when it is not one this module
 * reads exactly as postal-mime does (see the module comment).
 */
export function parsePlainBody(raw: Uint8Array): MessageBody | null {
  const head = readHead(raw);
  if (!head) return null;
  let text = decodeText(raw.subarray(head.bodyStart), head);
  if (text.includes('\r\n')) text = text.replace(/\r\n/g, '\n');
  return { text, fromHtml: false, attachments: [] };
}
