/**
 * Trailers (`Reviewed-by: Name <addr>`, `Fixes: <sha> ("…")`, `Link: <url>`) from one body.
 *
 * b4's rules, because maintainers trust what b4 collects:
 * - a trailer line is `^\s*(\w\S+):\s+(\S.*)`;
 * - in a patch, the trailers are the block at the end of the commit message (above `---`);
 * - in a follow-up (a reply), any own line may carry one, but a person trailer must carry an
 *   email address, a URL only counts in Link/Closes/BugLink, and names must be ASCII;
 * - `Fixes:` must start with at least 6 hex digits; Link/Closes must carry a URL.
 * Quoted lines (`>`), lines of a diff, pasted blocks (``` fences, `git show` output: see
 * pasted.ts) and anything below the signature never count: a reviewer quoting
 * `Signed-off-by:` does not sign anything. In a follow-up, mail and commit headers
 * (`From:`, `Author:`, `Cc:`, `Date:` …) are no trailers (b4 drops from/author/cc/to).
 *
 * Differs from b4 where b4 is plainly wrong for a reader: `a@b<mailto:a@b>` (Outlook's HTML
 * junk) is cleaned instead of rejected; `Name [corp] <a@b>` and `Last, First <a@b>` keep their
 * address instead of failing to parse.
 *
 * Non-goals: which of a follow-up's trailers its sender gives and which count (givers.ts);
 * which patch they belong to (series.ts).
 */
import { isMaskedAddress } from '../mail/masked.ts';
import { pastedLines } from './pasted.ts';
import type { Person, Trailer, TrailerCounts } from '../types.ts';

const TRAILER = /^\s*(\w\S+):\s+(\S.*)$/;
const IGNORED = new Set(['phone', 'email', 'e-mail', 'mobile', 'fax', 'tel']);
/** Mail and commit headers, never a follow-up's trailer (b4 drops from/author/cc/to; Cc in a reply is nobody's word). */
const HEADERS = new Set(['subject', 'date', 'from', 'to', 'sent', 'author', 'cc', 'bcc', 'reply-to', 'message-id', 'in-reply-to', 'references', 'base-commit', 'change-id']);
const LINKS = new Set(['link', 'buglink', 'closes']);
const NON_PERSON = new Set([...LINKS, 'fixes', 'obsoleted-by', 'change-id', 'base-commit', 'supersedes', 'based-on']);
// `<user at host>`: pipermail's archive text, where Mailman 2 spells every address so.
const SPELLED_EMAIL = /<[^<>\s@]+ at [^<>\s@]+\.[A-Za-z]{2,}>/;

/**
 * Does the value carry an address, `\S+@\S+\.\S+` as b4 tests it (or pipermail's
 * `<user at host>`)? Token by token, in one pass: that regex, unanchored, restarted at every
 * character of a long token without `@` or `.` and made one 200 KB `Name: value` line in a
 * cover letter or a reply take 23 s.
 */
export function hasEmail(value: string): boolean {
  for (const token of value.split(/\s+/)) {
    const at = token.indexOf('@', 1);
    if (at > 0 && token.lastIndexOf('.', token.length - 2) >= at + 2) return true;
  }
  return value.includes(' at ') && SPELLED_EMAIL.test(value);
}
const URL_RE = /https?:\/\//i;
const FIXES = /^[0-9a-f]{6,}\b/i;
const EXT_INFO = /^\s*\[[^\]]+\]\s*$/;
/** A trailer's name as `git interpret-trailers` reads one. */
const GIT_TOKEN = /^[A-Za-z0-9-]+$/;

export interface TrailerOptions {
  /** The body is a reply: b4's stricter follow-up rules apply, and the whole body is read. */
  followup?: boolean;
}

/** `reviewed-BY` → `Reviewed-by`, `CC` → `Cc`: one spelling per trailer for counting. */
export function canonicalName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
}

/** The person a trailer value names: `Name <addr>`, `"Name" <addr>`, `Name <user at host>`, or a bare address. */
export function trailerPerson(value: string): Person | null {
  const angle = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>/.exec(value);
  if (angle) return { name: angle[1]!.replace(/^["']|["']$/g, '').trim(), address: angle[2]! };
  const spelled = /^(.*?)\s*<([^<>\s@]+) at ([^<>\s@]+\.[A-Za-z]{2,})>/.exec(value);
  if (spelled) return { name: spelled[1]!.replace(/^["']|["']$/g, '').trim(), address: `${spelled[2]}@${spelled[3]}` };
  const bare = /(?:^|\s)<?([^\s<>()"]+@[^\s<>()"]+\.[^\s<>()",;]+)/.exec(value);
  if (!bare) return null;
  const rest = value.slice(0, bare.index) + value.slice(bare.index + bare[0].length);
  // cut at the first comment mark by a search, not `/[()"#].*$/`: that retried from every mark
  // up to a line break, quadratic on a value of many `(` before a CR (the regex audit)
  const cut = rest.search(/[()"#]/);
  const name = (cut < 0 ? rest : rest.slice(0, cut)).replace(/[<>]/g, '').trim();
  return { name, address: bare[1]! };
}

/** Outlook and friends paste `a@b<mailto:a@b>`; keep what the sender typed. */
function cleanValue(v: string): string {
  return v.replace(/<mailto:[^>]*>/gi, '').replace(/\s+/g, ' ').trim();
}

function accept(name: string, value: string, followup: boolean): boolean {
  const lname = name.toLowerCase();
  if (IGNORED.has(lname)) return false;
  if (lname === 'fixes' && !FIXES.test(value)) return false;
  if (LINKS.has(lname) && !URL_RE.test(value)) return false;
  if (followup) {
    // eslint-disable-next-line no-control-regex
    if (!/^[\x00-\x7f]+$/.test(lname)) return false;
    if (HEADERS.has(lname)) return false;
    if (!NON_PERSON.has(lname) && !hasEmail(value)) return false;
    if (URL_RE.test(value) && !LINKS.has(lname)) return false;
  }
  return true;
}

function make(name: string, rawValue: string, from: string): Trailer {
  const value = cleanValue(rawValue);
  const cname = canonicalName(name);
  const person = NON_PERSON.has(name.toLowerCase()) ? null : trailerPerson(value);
  return { name: cname, value, person, from };
}

/** Lines that end the readable part: a signature, or the first line of a diff. */
function isSignature(line: string): boolean {
  return line === '-- ' || line === '--';
}

/** Trailers by body text, then by reading (`f`/`p`) and key: see `withTrailerMemo`. */
export type TrailerMemo = Map<string, Map<string, Trailer[]>>;

let memo: TrailerMemo | null = null;

/**
 * Runs `fn` (a series build) with `m` remembering every body's trailers. The analysis keeps
 * `m` with its texts, so merging new mail into it (incremental.ts) reads only the new bodies:
 * the texts are the same strings, found at once.
 */
export function withTrailerMemo<T>(m: TrailerMemo, fn: () => T): T {
  const before = memo;
  memo = m;
  try {
    return fn();
  } finally {
    memo = before;
  }
}

/** Trailers of one body. `from` is the key of the message that carries them. */
export function parseTrailers(body: string, from: string, opts: TrailerOptions = {}): Trailer[] {
  if (!memo) return readTrailers(body, from, opts);
  const key = `${opts.followup ? 'f' : 'p'}${from}`;
  let byKey = memo.get(body);
  let found = byKey?.get(key);
  if (!found) {
    found = readTrailers(body, from, opts);
    if (!byKey) memo.set(body, (byKey = new Map()));
    byKey.set(key, found);
  }
  // a copy: callers may add to the list they get
  return found.slice();
}

function readTrailers(body: string, from: string, opts: TrailerOptions): Trailer[] {
  const lines = body.replace(/\r/g, '').split('\n');
  const out: Trailer[] = [];
  const seen = new Set<string>();
  const push = (name: string, value: string): void => {
    const t = make(name, value, from);
    const k = `${t.name}\n${t.value.toLowerCase()}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  };
  if (opts.followup) {
    let inDiff = false;
    // most replies paste nothing: the scan only where a fence or a commit line may be
    const pasted = body.includes('```') || body.includes('~~~') || body.includes('commit ') ? pastedLines(lines) : null;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (isSignature(line)) break;
      if (pasted?.[i]) continue;
      if (line.startsWith('diff --git ') || line.startsWith('@@ ')) inDiff = true;
      if (inDiff && /^[ +\-@\\]/.test(line)) continue;
      inDiff = false;
      // cheap rejections first: this runs on every line of every reply
      if (line.indexOf(':') < 1 || /^\s*>/.test(line)) continue;
      // Outlook users answering inline mark their lines `[Jack Wang] Acked-by: …` (LKML)
      const m = TRAILER.exec(line.charCodeAt(0) === 91 ? line.replace(/^\[[^\]]{1,60}\]\s+(?=\w\S+:\s)/, '') : line);
      if (m && accept(m[1]!, m[2]!, true)) push(m[1]!, m[2]!);
    }
    return out;
  }
  // A patch: the trailer block at the bottom of the commit message, read upwards until the
  // first line that is neither a trailer, a `[for the foo bits]` note nor blank.
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (/^---[ \t]*$/.test(lines[i]!) || lines[i]!.startsWith('diff --git ')) {
      end = i;
      break;
    }
  }
  // The last paragraph may end a prose line with trailers; a paragraph above it only counts
  // when every line of it is a trailer (`Reported-by:`/`Closes:` pairs set apart by a blank)
  // named as git names one (letters, digits, `-`) and naming a person's address or a link,
  // a `Fixes:`…: a one-line paragraph of prose such as `mm: fix the exports for v1.` is none.
  const found: Array<[string, string]> = [];
  let i = end - 1;
  while (i >= 0 && !lines[i]!.trim()) i--;
  for (let last = true; i >= 0; last = false) {
    const para: Array<[string, string]> = [];
    let clean = true;
    for (; i >= 0 && lines[i]!.trim(); i--) {
      if (EXT_INFO.test(lines[i]!)) continue;
      const m = TRAILER.exec(lines[i]!);
      if (!m || (!last && !(GIT_TOKEN.test(m[1]!) && (NON_PERSON.has(m[1]!.toLowerCase()) || hasEmail(m[2]!))))) {
        clean = false;
        break;
      }
      para.push([m[1]!, m[2]!]);
    }
    if (clean || last) found.push(...para);
    if (!clean || !para.length) break;
    while (i >= 0 && !lines[i]!.trim()) i--;
  }
  for (let k = found.length - 1; k >= 0; k--) {
    const [name, value] = found[k]!;
    if (accept(name, value, false)) push(name, value);
  }
  return out;
}

/** The Fixes/Link/Closes trailers of a cover letter (anywhere in its own text). */
export function coverTrailers(body: string, from: string): Trailer[] {
  return parseTrailers(body, from, { followup: true }).filter((t) => /^(Fixes|Link|Closes)$/.test(t.name));
}

/** Who gave a trailer, for telling people apart: the address, or the name when an archive masked it. */
export function trailerWho(t: Trailer): string {
  if (!t.person) return t.value.toLowerCase();
  const a = t.person.address.toLowerCase();
  return isMaskedAddress(a) && t.person.name ? t.person.name.toLowerCase() : a;
}

/** Does a trailer count for anyone? Not when it names a look-alike: a look-alike's word is nobody's review (lookalikes.ts). */
export function counted(t: Pick<Trailer, 'lookalikeOf'>): boolean {
  return !t.lookalikeOf;
}

/**
 * Distinct people (by address, else by value) who reviewed, acked and tested: the one counter
 * of R/A/T marks (the overview's counts, the ledger's cells, the tree's reply marks). It is
 * given only trailers their senders gave (givers.ts); look-alikes are not counted.
 */
export function countTrailers(trailers: Trailer[]): TrailerCounts {
  const sets = { reviewed: new Set<string>(), acked: new Set<string>(), tested: new Set<string>() };
  for (const t of trailers) {
    if (!counted(t)) continue;
    const who = trailerWho(t);
    if (t.name === 'Reviewed-by') sets.reviewed.add(who);
    else if (t.name === 'Acked-by') sets.acked.add(who);
    else if (t.name === 'Tested-by') sets.tested.add(who);
  }
  return { reviewed: sets.reviewed.size, acked: sets.acked.size, tested: sets.tested.size };
}

/**
 * b4's `LoreTrailer.email_eq`: the same address, case-insensitive, ignoring a `+tag` in the
 * local part, or the same local part with one domain a label longer than the other
 * (`foo@linux.intel.com` ≈ `foo@intel.com`).
 */
export function emailEq(a: string, b: string): boolean {
  const split = (x: string): [string, string] => {
    const at = x.lastIndexOf('@');
    const local = x.slice(0, at).toLowerCase();
    const plus = local.indexOf('+');
    return [plus < 0 ? local : local.slice(0, plus), x.slice(at + 1).toLowerCase()];
  };
  if (!a.includes('@') || !b.includes('@')) return false;
  const [la, da] = split(a);
  const [lb, db] = split(b);
  if (la !== lb) return false;
  if (da === db) return true;
  const [short, long] = da.length < db.length ? [da, db] : [db, da];
  return long.endsWith(`.${short}`) && long.split('.').length === short.split('.').length + 1;
}
