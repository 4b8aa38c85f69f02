/**
 * The first person of an address header (From), as {name, address}.
 *
 * postal-mime's addressParser does the RFC 5322 work (quoted names, comments, groups) and
 * decodes RFC 2047 words in names. Addresses are kept exactly as the archive has them:
 * gmane rewrote addresses to `user-XXXX@public.gmane.org`, and those are the only address
 * such mail has, so "fixing" them would only lose identity. Comments are dropped, except
 * that `addr (Name)` names its sender by the comment. The one rewrite undone is
 * pipermail's `user at example.com (Name)` obfuscation, which addressParser cannot read.
 *
 * A list that rewrote From to its own address (the DMARC mitigation of Google Groups and
 * Mailman: `'Alice Smith' via kasan-dev <kasan-dev@googlegroups.com>`) is read back as the
 * sender's name by `listRewrite`; the address then belongs to the list, not to her.
 *
 * Non-goals: all recipients (To/Cc are not part of the model), address validation, finding
 * the sender's own address behind a list rewrite (Reply-To and X-Original-From are not read).
 */
import { addressParser, decodeWords, type Address } from 'postal-mime';
import type { Person } from '../types.ts';

const NOBODY: Person = { name: '', address: '' };

function tidyName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/**
 * Removes RFC 5322 comments anywhere outside quoted strings (also inside `<…>`, where
 * RFC 5322 allows them, `<pete(his account)@silly.test>`), and returns them.
 */
function splitComments(s: string): { text: string; comments: string[] } {
  if (!s.includes('(')) return { text: s, comments: [] };
  let text = '';
  const comments: string[] = [];
  let depth = 0;
  let quoted = false;
  let comment = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      if (depth) comment += s[i + 1];
      else text += c + s[i + 1];
      i++;
    } else if (depth) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      if (depth) comment += c;
      else comments.push(comment.trim());
    } else if (quoted) {
      if (c === '"') quoted = false;
      text += c;
    } else if (c === '(') {
      depth = 1;
      comment = '';
      text += ' ';
    } else {
      if (c === '"') quoted = true;
      text += c;
    }
  }
  if (depth) comments.push(comment.trim());
  return { text, comments };
}

/**
 * An address field longer than this is damage or an attack (a 300-recipient Cc is ~12 KB).
 * postal-mime's addressParser is superlinear on some shapes (800 KB of `:` took 6.6 s), so
 * it never sees more than this much of one field.
 */
export const MAX_ADDRESS_FIELD = 64 * 1024;

/** The part of an overlong From worth parsing: its start, and a final `<address>` if it has one. */
function clipField(raw: string): string {
  const lt = raw.lastIndexOf('<');
  const gt = lt >= 0 ? raw.indexOf('>', lt) : -1;
  const tail = lt > MAX_ADDRESS_FIELD / 2 && gt > lt && gt - lt < 512 && raw.slice(lt, gt).includes('@') ? raw.slice(lt, gt + 1) : '';
  return tail ? `${raw.slice(0, 1024)} ${tail}` : raw.slice(0, MAX_ADDRESS_FIELD);
}

export function parseAddress(header: string): Person {
  const whole = header.trim();
  const raw = whole.length > MAX_ADDRESS_FIELD ? clipField(whole) : whole;
  if (!raw) return { ...NOBODY };
  // pipermail: "user at example.com (Name)"
  const obfuscated = /^(\S+) at (\S+\.[A-Za-z]{2,})\s*(?:\((.*)\))?$/.exec(raw);
  if (obfuscated && !raw.includes('<')) {
    const name = tidyName(decodeWords(obfuscated[3] ?? ''));
    // Mailman writes a sender without a name as `user at host (user at host)`: no name at all.
    const same = name.replace(/ at /, '@').toLowerCase() === `${obfuscated[1]}@${obfuscated[2]}`.toLowerCase();
    return { name: same ? '' : name, address: `${obfuscated[1]}@${obfuscated[2]}` };
  }
  const { text, comments } = splitComments(raw);
  let list: Address[];
  try {
    list = addressParser(text, { flatten: true });
  } catch {
    list = [];
  }
  const first = list.find((a) => 'address' in a && a.address) ?? list[0];
  if (!first || !('address' in first)) return { name: tidyName(decodeWords(text)), address: '' };
  const address = (first.address ?? '').replace(/\s+/g, '');
  let name = tidyName(first.name ?? '');
  // a name equal to the address (or in quotes around it) says nothing more
  if (name.replace(/^['"]|['"]$/g, '').toLowerCase() === address.toLowerCase()) name = '';
  // `addr (Name)`: with no other name, the comment is the name (old-style From)
  if (!name && comments.length) name = tidyName(decodeWords(comments[comments.length - 1]!));
  return { name, address };
}

/**
 * How two spellings of one person's name compare: lower case, quotes and runs of spaces gone
 * (`"Jérôme  Glisse"` and `jérôme glisse`). Participants, series authors and trailers all
 * match names by it, since archives rewrite addresses and leave names.
 */
export function comparableName(name: string): string {
  return name.toLowerCase().replace(/["']/g, '').replace(/\s+/g, ' ').trim();
}

/** Lower case, letters and digits only: `Linux-MM` and `linux-mm` name one list. */
function listToken(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * `'Name' via List <list address>` read back as Name, with the list it came through; null
 * when `p` is no such rewrite. The address must be the list's (its local part, the List-Id
 * or Google Groups say so), so a real name that happens to contain "via" stays a name.
 */
/**
 * `X via Y` at its first ` via `, as `/^(.+?)\s+via\s+(\S.*)$/i` reads it, by a scan: that
 * regex tried each position of a long run of white space before a word that was not `via`
 * against the whole run again, quadratic (issue 16's regex audit).
 */
function splitVia(s: string): [string, string] | null {
  // `.` matches no line break: the regex matched no name that held one
  if (/[\n\r\u2028\u2029]/.test(s)) return null;
  const re = /\svia\s/gi;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    let a = m.index;
    while (a > 0 && s[a - 1]!.trim() === '') a--;
    const rest = s.slice(m.index + m[0].length).trimStart();
    if (a === 0 || !rest) continue;
    return [s.slice(0, a), rest];
  }
  return null;
}

export function listRewrite(p: Person, listId: string | null = null): { name: string; list: string } | null {
  const m = splitVia(p.name);
  if (!m || !p.address.includes('@')) return null;
  const name = tidyName(m[0].replace(/^(['"])(.*)\1$/, '$2'));
  const list = tidyName(m[1]);
  const [local = '', domain = ''] = p.address.toLowerCase().split('@');
  const via = listToken(list);
  const box = listToken(local);
  const listed = listId ? listToken(listId.split('.')[0] ?? '') : '';
  const isList =
    /(^|\.)googlegroups\.com$/.test(domain) ||
    (via.length >= 2 && (via === box || via === listed || (box.length >= 3 && (via.includes(box) || box.includes(via)))));
  return name && isList ? { name, list } : null;
}
