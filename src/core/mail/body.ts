/**
 * One message's body as text, lazily after the headers pass: a single-part text/plain
 * message through plain-body.ts (one TextDecoder call, most list mail), a plain
 * alternative/mixed multipart through multipart-body.ts, anything else through postal-mime
 * (MIME structure, transfer encodings, charsets). Both give the same
 * text for the messages the fast path takes (test/core/plain-body.test.ts).
 *
 * Text: the text/plain part when there is one; else the HTML part through the DOM-free
 * html-text.ts. A patch sent as an inline text/x-patch or text/x-diff part (or an inline
 * text/plain part postal-mime files as an attachment) is appended, because the series
 * model looks for the diff in the text.
 *
 * Non-goals: rendering HTML, decoding binary attachments, encrypted or signed content.
 */
import PostalMime from 'postal-mime';
import { tameAddressFields } from './headers.ts';
import { htmlToText } from './html-text.ts';
import { parsePlainBody } from './plain-body.ts';
import { parseMultipartBody } from './multipart-body.ts';
import type { MessageBody } from '../types.ts';

/** Bodies above this are not decoded (a 50 MB attachment is not something a reader reads here). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

const INLINE_TEXT = /^text\/(x-patch|x-diff|patch|diff|plain)$/i;

function checkSize(raw: Uint8Array): void {
  if (raw.length > MAX_BODY_BYTES) {
    throw new Error(`the message is ${(raw.length / 1048576).toFixed(1)} MB; bodies over ${MAX_BODY_BYTES >> 20} MB are not decoded`);
  }
}

/** The fast path alone: the body when plain-body.ts can read it, else null (then await parseBody). */
export function parseBodyFast(raw: Uint8Array): MessageBody | null {
  checkSize(raw);
  return parsePlainBody(raw) ?? parseMultipartBody(raw);
}

export async function parseBody(raw: Uint8Array): Promise<MessageBody> {
  return parseBodyFast(raw) ?? parseMime(raw);
}

/** postal-mime's reading, for every message the fast path declines (exported for the differential test). */
export async function parseMime(raw: Uint8Array): Promise<MessageBody> {
  checkSize(raw);
  const email = await PostalMime.parse(tameAddressFields(raw), { attachmentEncoding: 'arraybuffer' });
  let text = email.text ?? '';
  let fromHtml = false;
  if (!text.trim() && email.html) {
    text = htmlToText(email.html);
    fromHtml = true;
  }
  const attachments: string[] = [];
  for (const a of email.attachments) {
    const inline = a.disposition !== 'attachment' || /\.(patch|diff)$/i.test(a.filename ?? '');
    if (inline && INLINE_TEXT.test(a.mimeType) && typeof a.content !== 'string' && a.content.byteLength < MAX_BODY_BYTES) {
      const part = new TextDecoder('utf-8').decode(a.content);
      if (part.trim()) text = text ? `${text.replace(/\n*$/, '\n')}\n${part}` : part;
    }
    attachments.push(a.filename ?? a.mimeType);
  }
  return { text: text.replace(/\r\n/g, '\n'), fromHtml, attachments };
}
