/**
 * What a subject line says about a patch: reply markers, the bracketed tags
 * (`[RFC PATCH net-next v2 3/5]`), and the base subject left once those are gone.
 *
 * Follows b4's LoreSubject (nested brackets flattened, `[PATCHv3]` split, each chunk of each
 * leading `[…]` read as counter `n/m`, revision `vN`, RFC/RESEND/PATCH flag or free prefix)
 * and adds what patchwork and real lists also send: `1 of 5`, `[PATCH 1/2 v3]`, a trailing
 * `(v3)`, reply markers mixed with list tags (`Re: [Qemu-devel] Re: [PATCH]`) and
 * lower-case `re:` (the seed linux-mm thread).
 *
 * Non-goals: deciding what is a patch (series.ts looks at the body), translating every
 * localised reply marker of every mail client.
 */
import type { SubjectInfo } from '../types.ts';
import { trimChars } from './trim.ts';

/** `Re:`, `re:`, `Aw:`, `Fwd:`, `Fw:`, `SV:`, `Antw:`, `RE[2]:`. */
const REPLY = /^(?:re|aw|fwd?|sv|vs|antw|odp|wg|tr)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*/i;
/** b4: any two- or three-letter marker directly before a bracket is a reply marker too. */
const SHORT_MARKER = /^\w{2,3}:\s*(?=\[)/;
const COUNTER = /^(\d{1,4})\/(\d{1,4})$/;
const COUNTER_OF = /\b(\d{1,4})\s+of\s+(\d{1,4})\b/i;
const REVISION = /^v(\d{1,4})$/i;
const TRAILING_REVISION = /\s*\(v(\d{1,4})\)\s*$/i;

/**
 * The leading bracket at `s[0]` with any brackets nested in it flattened (`[[PATCH] v2]` →
 * `PATCH v2`), and where it ends; null when the bracket never closes. Linear: one scan.
 */
function leadingBracket(s: string): { inner: string; end: number } | null {
  let depth = 0;
  let inner = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '[') {
      depth++;
      if (depth > 1) inner += ' ';
    } else if (ch === ']') {
      depth--;
      if (depth === 0) return { inner, end: i + 1 };
      inner += ' ';
    } else {
      inner += ch;
    }
  }
  return null;
}

/** Lower case, whitespace collapsed: the form two subjects are compared in. */
export function subjectKey(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The subject without its leading reply markers (`Re: re: Fwd: [PATCH] x` → `[PATCH] x`). */
export function stripReplyMarkers(subject: string): string {
  let s = subject.replace(/\s+/g, ' ').trim();
  for (;;) {
    const m = REPLY.exec(s) ?? SHORT_MARKER.exec(s);
    if (!m) return s;
    s = s.slice(m[0].length);
  }
}

/**
 * The thread, the series and the body selection each read every subject, and a merge reads
 * them all again: remembered, up to a bound (subjects are short; a thread repeats them).
 */
const parsed = new Map<string, SubjectInfo>();
const MAX_PARSED = 8192;

export function parseSubject(subject: string): SubjectInfo {
  let info = parsed.get(subject);
  if (!info) {
    if (parsed.size >= MAX_PARSED) parsed.clear();
    info = readSubject(subject);
    parsed.set(subject, info);
  }
  // a copy: the caller owns what it gets
  return { ...info, prefixes: info.prefixes.slice() };
}

function readSubject(subject: string): SubjectInfo {
  const info: SubjectInfo = {
    base: '',
    key: '',
    isReply: false,
    isPatch: false,
    isRfc: false,
    isResend: false,
    version: 1,
    versionInferred: true,
    counter: 1,
    total: 1,
    counterInferred: true,
    prefixes: [],
  };
  let s = subject.replace(/\s+/g, ' ').trim();
  // Reply markers and tags alternate in real mail (`Re: [Qemu-devel] Re: [PATCH v2] x`):
  // peel both until neither is left.
  for (;;) {
    const reply = REPLY.exec(s) ?? SHORT_MARKER.exec(s);
    if (reply) {
      info.isReply = true;
      s = s.slice(reply[0].length);
      continue;
    }
    if (s[0] !== '[') break;
    const bracket = leadingBracket(s);
    if (!bracket) break;
    readChunks(bracket.inner, info);
    // `[Patch 2/2]: powerpc/…`: the colon after the tags separates, it is not the title's
    s = s.slice(bracket.end).replace(/^[\s:]+/, '');
  }
  const trailing = TRAILING_REVISION.exec(s);
  if (trailing && info.versionInferred) {
    info.version = Number(trailing[1]);
    info.versionInferred = false;
    s = s.slice(0, trailing.index);
  }
  info.base = s.trim();
  info.key = subjectKey(info.base);
  return info;
}

function readChunks(bracketed: string, info: SubjectInfo): void {
  // `[PATCHv3]` is `PATCH v3`; `1 of 5` is patchwork's spelling of `1/5`.
  let text = bracketed.replace(/(patch)(v\d)/gi, '$1 $2');
  const of = COUNTER_OF.exec(text);
  if (of) {
    setCounter(info, of[1]!, of[2]!);
    text = text.slice(0, of.index) + text.slice(of.index + of[0].length);
  }
  for (const raw of text.split(/\s+/)) {
    const chunk = trimChars(raw, ',;');
    if (!chunk) continue;
    const counter = COUNTER.exec(chunk);
    const revision = REVISION.exec(chunk);
    const lower = chunk.toLowerCase();
    if (counter) setCounter(info, counter[1]!, counter[2]!);
    else if (revision) {
      info.version = Number(revision[1]);
      info.versionInferred = false;
    } else if (lower.startsWith('rfc')) info.isRfc = true;
    else if (lower.startsWith('resend')) info.isResend = true;
    else if (lower.startsWith('patch')) info.isPatch = true;
    else info.prefixes.push(chunk);
  }
}

function setCounter(info: SubjectInfo, counter: string, total: string): void {
  info.counter = Number(counter);
  info.total = Number(total);
  info.counterInferred = false;
}
