/**
 * A patch's body with trailers added where `b4 am` adds them, so that `git am` of the
 * am-ready mbox (am.ts) makes the commit message b4's mbox makes, trailer order included.
 *
 *   withTrailers(body: string, add: AmTrailer[]): { body: string; added: AmTrailer[] }
 *   sameTrailer(a: AmTrailer, b: AmTrailer): boolean
 *   suspiciousLine(body: string): string | null
 *
 * Ported from b4 0.12 (`LoreMessage.get_body_parts`, `find_trailers`, `fix_trailers` with the
 * default `trailer-order` of `*`, `rebuild_message`), quirks included, because the point is
 * the same commit:
 * - the body is cut at the last `\n-- \n` (the signature), then at the first `---` line (else
 *   before `diff `): above it, the commit message, split in paragraphs at blank lines;
 * - the trailers are the lines of the LAST paragraph that look like `Name: value`; its other
 *   lines move above them, set apart by a blank line, their first line's indent lost (b4
 *   strips the paragraph); a `Fixes:` title or a `<address>` wrapped onto the next line is
 *   joined; a `Subject:` / `Date:` / `From:` line after prose there is dropped;
 * - a trailer to add goes after the existing ones, in the order given, unless one with the
 *   same name and value (case aside, a ` # note` aside) is there already;
 * - nothing is reordered: the applier's Signed-off-by (`-s`) is not added (no identity here).
 * The first-paragraph "git headers" of b4 never trigger in 0.12 (its `find_trailers` always
 * returns an empty "other" line), so they are not ported.
 *
 * Non-goals: which trailers to add (am-trailers.ts), mail headers (am.ts), mailinfo's part
 * (am-mailinfo.ts), the re-joins of wrapped trailers (am-rejoin.ts).
 */

import { joinWrapped } from './am-rejoin.ts';

export interface AmTrailer {
  name: string;
  value: string;
  /** b4's "extinfo": a ` # note` at the end, or a `[note]` line below. */
  extinfo?: string | null;
}

/** b4's trailer line: `^\s*(\w\S+):\s+(\S.*)`, with Python's Unicode `\w`. */
const TRAILER = /^\s*([\p{L}\p{N}_]\S+):\s+(\S.*)/u;
const BRACKET_NOTE = /^\s*\[[^\]]+]\s*$/;
const IGNORED = new Set(['phone', 'email']);
const HEADERS = new Set(['subject', 'date', 'from']);

const SPACE = /\s/;

/**
 * A trailer with its ` # note` split off, as b4 holds it: `(.*\S+)(\s+#[^#]+)$`, the last `#`
 * after blanks and before something. By index, not by that regex (cubic on a long value).
 */
export function splitNote(t: AmTrailer): AmTrailer {
  if (t.extinfo) return t;
  const v = t.value;
  const hash = v.lastIndexOf('#');
  let j = hash - 1;
  while (j >= 0 && SPACE.test(v[j]!)) j--;
  if (hash < 0 || hash === v.length - 1 || j === hash - 1 || j < 0) return { name: t.name, value: v, extinfo: null };
  return { name: t.name, value: v.slice(0, j + 1), extinfo: v.slice(j + 1) };
}

/** What b4's `LoreTrailer.__eq__` compares: the name and the value, case aside, the note not. */
export function trailerKey(t: AmTrailer): string {
  const x = splitNote(t);
  return `${x.name.toLowerCase()}\n${x.value.toLowerCase()}`;
}

export function sameTrailer(a: AmTrailer, b: AmTrailer): boolean {
  return trailerKey(a) === trailerKey(b);
}

/** The line b4 writes: `Name: value`, a ` # note` after it or a `[note]` line below. */
export function trailerLine(t: AmTrailer): string {
  const base = `${t.name}: ${t.value}`;
  if (!t.extinfo) return base;
  return t.extinfo.trimStart().startsWith('#') ? base + t.extinfo : `${base}\n${t.extinfo}`;
}

/** b4's `find_trailers` (a patch's own, not a follow-up's): the trailers and the other lines. */
function findTrailers(text: string): { trailers: AmTrailer[]; others: string[] } {
  const body = joinWrapped(text.split('\n-- \n')[0]!.trim() + '\n');
  const trailers: AmTrailer[] = [];
  const others: string[] = [];
  let wasTrailer = false;
  for (const raw of body.split('\n')) {
    const line = stripChars(raw, '\r', true);
    const m = TRAILER.exec(line);
    if (m) {
      const lname = m[1]!.toLowerCase();
      if (IGNORED.has(lname)) continue;
      if (others.length && HEADERS.has(lname)) continue;
      trailers.push(splitNote({ name: m[1]!, value: m[2]! }));
      wasTrailer = true;
      continue;
    }
    if (line.length > 2 && wasTrailer && BRACKET_NOTE.test(line)) {
      trailers[trailers.length - 1]!.extinfo = line;
      wasTrailer = false;
      continue;
    }
    wasTrailer = false;
    others.push(line);
  }
  return { trailers, others };
}

/** Python's `strip('\n')`, `rstrip('\n')`, `rstrip('\r\n')`, by index (a regex anchored at `$` is quadratic on long runs). */
function stripChars(s: string, chars: string, left: boolean): string {
  let a = 0;
  let b = s.length;
  if (left) while (a < b && chars.includes(s[a]!)) a++;
  while (b > a && chars.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}
const stripNl = (s: string): string => stripChars(s, '\n', true);
const rstripLf = (s: string): string => stripChars(s, '\n', false);
const rstripNl = (s: string): string => stripChars(s, '\r\n', false);

interface BodyParts {
  message: string;
  trailers: AmTrailer[];
  basement: string;
  signature: string;
}

/** b4's `get_body_parts`. */
function bodyParts(text: string): BodyParts {
  let body = stripNl(text.replace(/\r/g, ''));
  let signature = '';
  let basement = '';
  const sig = body.lastIndexOf('\n-- \n');
  if (sig >= 0) {
    signature = body.slice(sig + 5);
    body = rstripLf(body.slice(0, sig));
  }
  let head = body;
  const cut = /^---\n/m.exec(body);
  if (cut) {
    head = body.slice(0, cut.index);
    basement = rstripLf(body.slice(cut.index + 4));
  } else {
    const at = body.indexOf('\ndiff ');
    if (at >= 0) {
      head = body.slice(0, at);
      basement = rstripLf(body.slice(at + 1));
    }
  }
  const paras = stripNl(head).split('\n\n');
  const { trailers, others } = findTrailers(paras[paras.length - 1]!);
  if (paras.length === 1) return { message: others.length ? others.join('\n') : '', trailers, basement, signature };
  const parts = paras.slice(0, -1);
  if (others.length) parts.push(others.join('\n'));
  return { message: parts.join('\n\n'), trailers, basement, signature };
}

/** b4's `rebuild_message` (without the git headers, see above). */
function rebuild(p: BodyParts, trailers: AmTrailer[]): string {
  let body = '';
  if (p.message.length) {
    body += rstripNl(p.message) + '\n';
    if (trailers.length) body += '\n';
  }
  for (const t of trailers) body += trailerLine(t) + '\n';
  if (p.basement.length) {
    if (!trailers.length) body += '\n';
    body += '---\n' + rstripNl(p.basement) + '\n';
  }
  if (p.signature.length) body += '-- \n' + rstripNl(p.signature) + '\n';
  return body;
}

/** The body with `add` placed as b4's `fix_trailers` places it; `added` says which went in. */
export function withTrailers(body: string, add: readonly AmTrailer[]): { body: string; added: AmTrailer[] } {
  const parts = bodyParts(body);
  const all = parts.trailers.slice();
  const have = new Set(all.map(trailerKey));
  const added: AmTrailer[] = [];
  for (const t of add) {
    const x = splitNote(t);
    const k = trailerKey(x);
    if (have.has(k)) continue;
    have.add(k);
    all.push(x);
    added.push(x);
  }
  return { body: rebuild(parts, all), added };
}

/** The trailers a patch's body carries, as b4 reads them (the last paragraph of its message). */
export function bodyTrailers(body: string): AmTrailer[] {
  return bodyParts(body).trailers;
}

/**
 * b4's guard (`get_am_message`, `--allow-unicode-control-chars` off): a line holding a Unicode
 * format character (bidi overrides, zero-width ones) and no letter of a script without case
 * is refused; the line is returned, or null.
 */
export function suspiciousLine(body: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(body)) return null;
  for (const line of body.split('\n')) if (/\p{Cf}/u.test(line) && !/\p{Lo}/u.test(line)) return line.replace(/\r$/, '');
  return null;
}
