/**
 * The fast path for the common multipart shapes of list mail, one level deep:
 * - multipart/alternative of one text/plain and at most one text/html part (the HTML twin is
 *   not decoded: the body is the plain part);
 * - multipart/mixed of inline text/plain parts and attachments (a patch attached as
 *   text/x-patch is decoded and appended, as body.ts does with postal-mime's output).
 *
 * The result is what body.ts makes of postal-mime's for the same message (checked over the
 * corpus by test/core/plain-body.test.ts): boundaries matched as postal-mime matches them
 * (`--boundary`, optional `--`, then only blanks), each part's lines ending in LF, the line
 * before a boundary included. Anything else (nesting, message/* parts, HTML in a mixed,
 * an empty plain part that leaves the HTML to be read, calendar parts, encoded or RFC 2231
 * file names, no boundary) returns null and postal-mime reads the message.
 *
 * Non-goals: nested multiparts, HTML, signed or encrypted content.
 */
import { decodeText, parseStructured, readContentFields, textPart, transferEncoding, undoTransfer, type Structured } from './plain-body.ts';
import type { MessageBody } from '../types.ts';

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

const INLINE_TEXT = /^text\/(x-patch|x-diff|patch|diff|plain)$/i;
/** Types postal-mime treats specially (sub-messages, reports, calendars): its to read. */
const SPECIAL = /^(message\/|multipart\/|text\/(html|calendar)$|application\/ics$)/;

interface Part {
  start: number;
  end: number;
}

/** Is the line [s, e) a delimiter of `b` (1) or its close (2)? 0 if neither. */
function delimiter(raw: Uint8Array, s: number, e: number, b: Uint8Array): number {
  if (e - s < b.length + 2 || raw[s] !== DASH || raw[s + 1] !== DASH) return 0;
  for (let j = 0; j < b.length; j++) if (raw[s + 2 + j] !== b[j]) return 0;
  let k = s + 2 + b.length;
  let close = false;
  if (e - k >= 2 && raw[k] === DASH && raw[k + 1] === DASH) {
    close = true;
    k += 2;
  }
  for (; k < e; k++) if (raw[k] !== 0x20 && raw[k] !== 0x09) return 0;
  return close ? 2 : 1;
}

/** The parts between delimiters, each from its first header byte to the end of its last line (LF included). */
function partsOf(raw: Uint8Array, from: number, boundary: Uint8Array): Part[] | null {
  const parts: Part[] = [];
  let open = -1;
  let pos = from;
  while (pos < raw.length) {
    let end = raw.indexOf(LF, pos);
    const next = end < 0 ? raw.length : end + 1;
    if (end < 0) end = raw.length;
    let e = end;
    while (e > pos && raw[e - 1] === CR) e--;
    const d = delimiter(raw, pos, e, boundary);
    if (d) {
      if (open >= 0) parts.push({ start: open, end: pos });
      if (d === 2) return parts;
      open = next;
    }
    pos = next;
  }
  // no closing delimiter: postal-mime ends the last part at the end of the data
  if (open >= 0) parts.push({ start: open, end: raw.length });
  return parts;
}

export function parseMultipartBody(raw: Uint8Array): MessageBody | null {
  const top = readContentFields(raw, 0, raw.length);
  if (!top?.type || top.disposition !== null) return null;
  const type = parseStructured(top.type);
  if (!type) return null;
  const kind = type.value === 'multipart/alternative' ? 'alternative' : type.value === 'multipart/mixed' ? 'mixed' : null;
  const boundary = type.params.get('boundary');
  if (!kind || !boundary) return null;
  // a transfer encoding on a multipart is not undone by postal-mime either, but a strange one is its to judge
  if (transferEncoding(top.encoding) === null || transferEncoding(top.encoding) === 'base64' || transferEncoding(top.encoding) === 'quoted-printable') return null;
  const parts = partsOf(raw, top.bodyStart, new TextEncoder().encode(boundary));
  if (!parts || parts.length === 0) return null;

  const texts: string[] = [];
  const attachments: Array<{ name: string; inline: boolean; text: string | null }> = [];
  let html = 0;
  for (const p of parts) {
    const f = readContentFields(raw, p.start, p.end);
    if (!f) return null;
    // a part without a blank line is all headers to postal-mime: rare, its to read
    if (f.bodyStart === p.end && !endsHeaders(raw, p.start, p.end)) return null;
    let t: Structured | null = null;
    if (f.type !== null) {
      t = parseStructured(f.type);
      if (!t) return null;
    }
    const mime = t ? t.value : 'text/plain';
    const disp = f.disposition === null ? null : parseStructured(f.disposition);
    if (f.disposition !== null && !disp) return null;
    const dispValue = disp?.value || null;
    const body = raw.subarray(f.bodyStart, p.end);
    if (mime === 'text/html' && kind === 'alternative' && dispValue !== 'attachment') {
      html++;
      continue;
    }
    if (SPECIAL.test(mime)) return null;
    if (mime === 'text/plain' && dispValue !== 'attachment') {
      const tp = textPart(t, f.encoding);
      if (!tp) return null;
      texts.push(decodeText(body, tp));
      continue;
    }
    if (kind === 'alternative') return null;
    // an attachment: named as postal-mime names it, decoded only when it is a patch body.ts appends
    // `||` as postal-mime: an empty filename falls back to the name
    const filename = disp?.params.get('filename') || t?.params.get('name') || null;
    if (filename !== null && filename.includes('=?')) return null;
    const inline = dispValue !== 'attachment' || /\.(patch|diff)$/i.test(filename ?? '');
    let text: string | null = null;
    if (inline && INLINE_TEXT.test(mime)) {
      const enc = transferEncoding(f.encoding);
      if (enc === null) return null;
      text = new TextDecoder('utf-8').decode(undoTransfer(body, enc));
    }
    attachments.push({ name: filename ?? mime, inline, text });
  }
  if (kind === 'alternative' && (texts.length !== 1 || html > 1)) return null;
  let text = texts.join('\n');
  // an empty plain part: postal-mime's text is absent and body.ts would read the HTML
  if (!text.trim() && html) return null;
  for (const a of attachments) {
    if (a.text !== null && a.text.trim()) text = text ? `${text.replace(/\n*$/, '\n')}\n${a.text}` : a.text;
  }
  if (text.includes('\r\n')) text = text.replace(/\r\n/g, '\n');
  return { text, fromHtml: false, attachments: attachments.map((a) => a.name) };
}

/** Does the part [s, e) hold a blank line (its headers end before its end)? */
function endsHeaders(raw: Uint8Array, s: number, e: number): boolean {
  for (let i = raw.indexOf(LF, s); i >= 0 && i < e; i = raw.indexOf(LF, i + 1)) {
    let j = i + 1;
    while (j < e && raw[j] === CR) j++;
    if (j < e && raw[j] === LF) return true;
  }
  return false;
}
