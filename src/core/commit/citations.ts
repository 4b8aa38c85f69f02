/**
 * How a message names a commit in its own words, and whether that is a given commit:
 * - a `Fixes: <id> ("<title>")` tag, read as trailers.ts reads trailers (a patch's trailer
 *   block; any own line of a reply);
 * - the kernel's citation in prose, `commit <id> ("<title>")` (submitting-patches.rst), in own
 *   text above the diff and the signature. Lines are joined within a paragraph, so a
 *   citation the mailer wrapped is read whole. Neither git show's pasted `commit <id>` header
 *   nor b4 ty's `commit: <id>` line is one: they quote no title in parentheses.
 * Quoted lines (`>`) never count.
 *
 *   citationsIn(body, key, isPatch): Citation[]
 *   judgeCitation(c, sha, subject): 'certain' | Doubt | null
 *
 * A citation names the commit when its id is a prefix of the commit's full sha with
 * `MIN_CITED_DIGITS` digits or more: git abbreviates to 7, but 7 digits are ambiguous in a
 * tree of a million commits, and real mail cites 8 to 40 (the kernel asks for 12). It is
 * certain when the title quoted after the id is the commit's (case and white space aside; a
 * title cut by a wrapped `Fixes:` line when the commit's title starts with what is there), or,
 * with no title quoted, when the id has 12 digits or more. Otherwise it is uncertain, and
 * says why: a title that differs names another commit sharing the prefix or came with a
 * wrongly pasted id, and only the reader can tell which; a short id alone confirms nothing.
 *
 * Non-goals: finding the messages (discussion-search.ts builds the search), a fix's status
 * (later-fixes.ts).
 */
import { commitMessage } from '../patch/detect.ts';
import { parseTrailers } from '../series/trailers.ts';

/** Fewer digits of a sha never name a commit here. */
export const MIN_CITED_DIGITS = 8;
/** A citation without a title is certain from this many digits (checkpatch's minimum). */
export const SURE_DIGITS = 12;

export type CiteForm = 'fixes' | 'commit';
/** Why a citation whose id matches is still not certain. */
export type Doubt = 'other-title' | 'short-id';

export interface Citation {
  form: CiteForm;
  /** The id as written. */
  id: string;
  /** The title quoted after the id; null when none. */
  title: string | null;
  /** The title runs to the end of a `Fixes:` line without its closing `")`: wrapped. */
  cut: boolean;
  /** The citation as written: the `Fixes:` value, or `commit <id> ("<title>")`. */
  text: string;
}

const FIXES_VALUE = /^([0-9a-f]{6,64})\b\s*(.*)$/i;
const PROSE = /\bcommit ([0-9a-f]{8,64}) ?\("(.{1,400}?)"\)/gi;

/** The title after a `Fixes:` id: `("title")`, `"title"`, or `("title` cut by a wrap. */
function quotedTitle(rest: string): { title: string | null; cut: boolean } {
  let s = rest.trim();
  if (!s.startsWith('(') && !s.startsWith('"')) return { title: null, cut: false };
  let cut = false;
  if (s.startsWith('(')) {
    const close = s.lastIndexOf(')');
    cut = close < 0;
    s = cut ? s.slice(1) : s.slice(1, close);
  }
  s = s.trim();
  if (s.startsWith('"')) s = s.slice(1);
  if (s.endsWith('"')) s = s.slice(0, -1);
  s = s.trim();
  return { title: s || null, cut: cut && s !== '' };
}

/** Own text of a body for prose citations: above the diff or `---`, above the signature, unquoted. */
function ownText(body: string): string {
  const lines = commitMessage(body).replace(/\r/g, '').split('\n');
  const sig = lines.findIndex((l) => l === '-- ');
  return (sig >= 0 ? lines.slice(0, sig) : lines).map((l) => (/^\s*>/.test(l) ? '' : l)).join('\n');
}

export function citationsIn(body: string, key: string, isPatch: boolean): Citation[] {
  const out: Citation[] = [];
  for (const t of parseTrailers(body, key, { followup: !isPatch })) {
    if (t.name !== 'Fixes') continue;
    const m = FIXES_VALUE.exec(t.value);
    if (m) out.push({ form: 'fixes', id: m[1]!, ...quotedTitle(m[2]!), text: t.value });
  }
  if (!/commit/i.test(body)) return out;
  for (const para of ownText(body).split(/\n[ \t]*\n/)) {
    const flat = para.replace(/\s+/g, ' ');
    for (const m of flat.matchAll(PROSE)) out.push({ form: 'commit', id: m[1]!, title: m[2]!.trim() || null, cut: false, text: m[0] });
  }
  return out;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Whether `c` names the commit `sha` titled `subject`: certain, uncertain (and why), or not at all. */
export function judgeCitation(c: Citation, sha: string, subject: string | null): 'certain' | Doubt | null {
  const id = c.id.toLowerCase();
  if (id.length < MIN_CITED_DIGITS || !sha.toLowerCase().startsWith(id)) return null;
  if (c.title !== null && subject) {
    const a = norm(c.title);
    const b = norm(subject);
    return a === b || (c.cut && b.startsWith(a)) ? 'certain' : 'other-title';
  }
  return id.length >= SURE_DIGITS ? 'certain' : 'short-id';
}
