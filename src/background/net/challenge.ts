/**
 * Tell a bot-challenge page from the data we asked for.
 *
 * lore.kernel.org sits behind Anubis: a challenged request gets an HTML page with status
 * 200 where an mbox or an Atom feed was expected (see shared notes anubis.md). Status and
 * Content-Type cannot be trusted to tell, so we look at the first bytes: mail starts with a
 * `From ` line or a header line, Atom with `<?xml`/`<feed`. Anything else that is HTML is a
 * page, and the Anubis markers say whether it is a challenge (the reader can get through it
 * by opening the archive once) or something else (a proxy error, a login wall).
 *
 * Non-goals: never solve a challenge, never parse the page further than its markers.
 */

export type Expected = 'mbox' | 'atom';

export type BodyVerdict =
  /** The data we asked for (or an empty body, which is valid "nothing"). */
  | { kind: 'ok' }
  /** An Anubis (or look-alike) challenge page. */
  | { kind: 'challenge'; vendor: 'anubis' | 'other' }
  /** Something else: HTML or text that is neither mail nor Atom. */
  | { kind: 'unexpected'; sample: string };

/** How much of the body we decode to decide; markers sit in the <head>. */
const SNIFF_BYTES = 16 * 1024;

const ANUBIS_MARKERS = [
  'anubis_challenge',
  'anubis_version',
  '/.within.website/',
  'Making sure you&#39;re not a bot',
  "Making sure you're not a bot",
  'techaro.lol-anubis',
];

/** Other proof-of-work or JS walls a mirror might run; treated like a challenge. */
const OTHER_MARKERS = ['cf-challenge', 'challenge-platform', 'Just a moment...', 'go-away-challenge'];

function sniff(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, SNIFF_BYTES));
}

/** First non-blank characters, without a BOM. */
function lead(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/^\s+/, '').slice(0, 512);
}

function looksLikeMail(head: string): boolean {
  if (head.startsWith('From ')) return true;
  // A single raw message without an mbox separator starts with a header line.
  return /^[!-9;-~]+:[ \t]/.test(head) && !/^<!DOCTYPE|^<html/i.test(head);
}

function looksLikeAtom(head: string): boolean {
  return head.startsWith('<?xml') ? /<feed[\s>]/.test(head) || !/<html/i.test(head) : head.startsWith('<feed');
}

/** True when the text carries the markers of a challenge page (Anubis or another wall). */
export function challengeVendor(text: string): 'anubis' | 'other' | null {
  if (ANUBIS_MARKERS.some((m) => text.includes(m))) return 'anubis';
  if (OTHER_MARKERS.some((m) => text.includes(m))) return 'other';
  return null;
}

/**
 * Decide what a (decompressed) response body is. Call it before any parsing: a challenge
 * page must never reach the mail parser, or it would show as one odd "message".
 */
export function inspectBody(bytes: Uint8Array, expected: Expected): BodyVerdict {
  if (bytes.length === 0) return { kind: 'ok' };
  const text = sniff(bytes);
  const head = lead(text);
  if (expected === 'mbox' ? looksLikeMail(head) : looksLikeAtom(head)) return { kind: 'ok' };
  const vendor = challengeVendor(text);
  if (vendor) return { kind: 'challenge', vendor };
  return { kind: 'unexpected', sample: head.slice(0, 120).replace(/\s+/g, ' ') };
}
