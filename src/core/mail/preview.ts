/**
 * One message read on its own, for the panel to show while its thread is still on the way
 * (a slow link): the page's message from the archive's `/raw`, as subject, author, date and
 * text. Text only, cut to a size a port and a first screen need.
 *
 * Non-goals: threading, quotes, trailers (the analysis brings those when the thread arrives);
 * fetching (background/load/preview.ts).
 */
import { looksLikeMail, parseHead } from './headers.ts';
import { parseBody } from './body.ts';
import type { Person } from '../types.ts';

/** More than a first screen of any message; a huge body is cut, and says so. */
export const PREVIEW_MAX_CHARS = 64 * 1024;

export interface MessagePreview {
  /** The bare Message-ID the mail carries ('' when it has none). */
  messageId: string;
  subject: string;
  from: Person;
  /** ISO 8601 (UTC), or null when the Date header is missing or unreadable. */
  date: string | null;
  /** The body as text, at most `PREVIEW_MAX_CHARS`. */
  text: string;
  /** True when `text` was cut. */
  truncated: boolean;
}

/**
 * The preview of one raw message (public-inbox's `/raw`, which may start with an mbox
 * `From ` line), or null when the bytes are not mail. Throws nothing a caller must handle
 * beyond what parseBody throws for an oversized body.
 */
export async function previewOf(raw: Uint8Array): Promise<MessagePreview | null> {
  const mail = withoutFromLine(raw);
  if (!looksLikeMail(mail)) return null;
  const head = parseHead(mail, 0);
  const body = await parseBody(mail);
  const truncated = body.text.length > PREVIEW_MAX_CHARS;
  return {
    messageId: head.messageId,
    subject: head.subject,
    from: head.from,
    date: head.date,
    text: truncated ? body.text.slice(0, PREVIEW_MAX_CHARS) : body.text,
    truncated,
  };
}

/** The bytes after an mbox separator line (`From …\n`) when there is one. */
function withoutFromLine(raw: Uint8Array): Uint8Array {
  if (raw.length < 5 || raw[0] !== 0x46 || raw[1] !== 0x72 || raw[2] !== 0x6f || raw[3] !== 0x6d || raw[4] !== 0x20) return raw;
  const nl = raw.indexOf(0x0a);
  return nl < 0 ? raw.subarray(raw.length) : raw.subarray(nl + 1);
}
