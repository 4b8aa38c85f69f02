/**
 * b4's two re-joins of trailers a mailer wrapped, before it reads a patch's trailer block
 * (`LoreMessage.find_trailers`), with its exact matches but in linear time:
 *
 *   joinWrapped(text: string): string
 *
 * Non-goals: reading the trailers (am-message.ts).
 */

/** For each index, the next index holding `ch` at or after it (`s.length` when none). */
function nextOf(s: string, ch: string): Int32Array {
  const a = new Int32Array(s.length + 1);
  let at = s.length;
  a[s.length] = at;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s[i] === ch) at = i;
    a[i] = at;
  }
  return a;
}

/** For each index, the last index holding `ch` at or before it (-1 when none). */
function prevOf(s: string, ch: string): Int32Array {
  const a = new Int32Array(s.length);
  let at = -1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ch) at = i;
    a[i] = at;
  }
  return a;
}

const FIXES_HEAD = /\S+:\s+[\p{Nd}a-f]+\s+\(/uy;
const NAME_HEAD = /\S+:(?=\s)/y;

/**
 * b4's two re-joins of wrapped trailers, with its exact matches, in one pass:
 * `^(\S+:\s+[\da-f]+\s+\([^)]+)\n([^\n]+\))` (a `Fixes:` title wrapped) and then
 * `^(\S+:\s+[^<]+)\n(<[^>]+>)$` (an address wrapped), each newline they match becoming a
 * space. As regexes they rescan to the next `)` or `<` from every line start: quadratic on a
 * long paragraph (20,000 lines took 10 s). Here each line start is tried once, the next `)`,
 * `<`, `>` and newline read from tables: the only newline either regex can join is the last
 * one before that next `)` (the `Fixes:` case) or the one just before that next `<`.
 */
export function joinWrapped(text: string): string {
  return rejoin(rejoin(text, fixesJoin), nameJoin);
}

type Join = (s: string, i: number, t: Tables) => { nl: number; end: number } | null;

interface Tables {
  n: number;
  nextNl: Int32Array;
  get(ch: string, dir: 'next' | 'prev'): Int32Array;
}

function rejoin(s: string, join: Join): string {
  const n = s.length;
  const cache = new Map<string, Int32Array>();
  const t: Tables = { n, nextNl: nextOf(s, '\n'), get: (ch, dir) => cache.get(ch + dir) ?? cache.set(ch + dir, dir === 'next' ? nextOf(s, ch) : prevOf(s, ch)).get(ch + dir)! };
  const joins: number[] = [];
  for (let i = 0; i < n; ) {
    const m = join(s, i, t);
    if (m) joins.push(m.nl);
    // the next line start at or after where this try ended (`^` of a multi-line regex)
    const from = m ? m.end : i + 1;
    i = from < n && (from === 0 || s[from - 1] === '\n') ? from : t.nextNl[Math.min(from, n)]! + 1;
  }
  if (!joins.length) return s;
  let out = '';
  let at = 0;
  for (const k of joins) {
    out += s.slice(at, k) + ' ';
    at = k + 1;
  }
  return out + s.slice(at);
}

const fixesJoin: Join = (s, i, t) => {
  FIXES_HEAD.lastIndex = i;
  if (!FIXES_HEAD.test(s)) return null;
  const open = FIXES_HEAD.lastIndex;
  const close = t.get(')', 'next')[open]!;
  if (close >= t.n) return null;
  const nl = t.get('\n', 'prev')[close - 1] ?? -1;
  if (nl <= open) return null;
  const lineEnd = t.nextNl[nl + 1]!;
  const last = t.get(')', 'prev')[lineEnd - 1]!;
  return last >= nl + 2 ? { nl, end: last + 1 } : null;
};

const nameJoin: Join = (s, i, t) => {
  NAME_HEAD.lastIndex = i;
  if (!NAME_HEAD.test(s)) return null;
  const colon = NAME_HEAD.lastIndex;
  // `\s+` takes at least one blank, `[^<]+` at least one more character, then the newline
  const lt = t.get('<', 'next')[colon]!;
  if (lt >= t.n || lt < colon + 3 || s[lt - 1] !== '\n') return null;
  const gt = t.get('>', 'next')[lt + 1]!;
  if (gt >= t.n || gt < lt + 2 || (gt + 1 < t.n && s[gt + 1] !== '\n')) return null;
  return { nl: lt - 1, end: gt + 1 };
};
