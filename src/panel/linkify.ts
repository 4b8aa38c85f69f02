/**
 * Finding http(s) links in mail text. The result is a list of segments the panel renders as
 * text nodes and <a> elements, so mail never becomes markup: no HTML is parsed or produced.
 *
 * Non-goals: any scheme but http and https (javascript:, data:, file:, mailto:, ftp: stay
 * text), bare domains without a scheme, and Message-ID links.
 */
import { trimEndChars } from '../core/mail/trim.ts';

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// A URL runs to whitespace or to characters mail uses to wrap links (<>, quotes, backtick).
const URL_RE = /\bhttps?:\/\/[^\s<>"'`\p{Cc}]+/giu;
/** What ends a sentence around a URL rather than the URL (trimmed by a scan: a regex was quadratic on a long run of them). */
const TRAILING = '.,;:!?*';

/** Drops what is punctuation around the URL rather than part of it, keeping balanced ( ) [ ]. */
function trim(url: string): string {
  let u = url;
  for (;;) {
    const before = u;
    u = trimEndChars(u, TRAILING);
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
    ] as const) {
      if (u.endsWith(close) && count(u, close) > count(u, open)) u = u.slice(0, -1);
    }
    if (u === before) return u;
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** Only well-formed http(s) URLs with a host become links. */
export function safeHref(candidate: string): string | null {
  try {
    const u = new URL(candidate);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return null;
    return u.href;
  } catch {
    return null;
  }
}

export function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  const push = (s: string): void => {
    if (!s) return;
    const prev = out[out.length - 1];
    if (prev?.kind === 'text') prev.text += s;
    else out.push({ kind: 'text', text: s });
  };
  for (const m of text.matchAll(URL_RE)) {
    const start = m.index ?? 0;
    const raw = trim(m[0]);
    const href = safeHref(raw);
    if (!href) continue;
    push(text.slice(last, start));
    out.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  push(text.slice(last));
  return out;
}
