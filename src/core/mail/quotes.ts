/**
 * A body as blocks a reader can fold: own text, quotes (with depth, the attribution line that
 * introduced them and the message they quote), diffs, the signature and list footers.
 *
 * - Quote depth is the number of `>` markers, whatever the spacing (`> >>`, `>>> >`).
 * - An attribution ("On …, X wrote:", "X wrote:", "Quoting X (date):", the two-line
 *   "On <date>\nX wrote:", also when itself quoted) is taken out of the text and given to
 *   every block of the quote it introduces: inline replies interleave own text with more
 *   quotes of the same mail, so it holds until another attribution at that depth (or, for a
 *   nested quote, until its enclosing quote goes on without it). Quoted blocks are
 *   matched to a thread message: the ancestor at that depth (depth 1 quotes the parent) when
 *   it is by the attributed author or is a ghost, else the attributed author's ancestor
 *   closest to that depth, else their mail anywhere in the thread (by the attribution's day);
 *   with no author to go by, the ancestor at that depth.
 * - A diff in own text runs from `diff --git` (or `---`+`+++`) through its hunks, measured by
 *   their `@@ -a,b +c,d @@` counts, so trailing prose is not swallowed. Diffs inside quotes
 *   stay in their quote.
 * - A signature starts at `-- ` (or a bare `--` close to the end); list footers (vger and
 *   kvack majordomo, mailman's underscores, Google Groups) are recognised at the end.
 *
 * Non-goals: rendering, reflowing format=flowed text, detecting quotes without `>` markers.
 */
import type { QuoteBlock, ThreadMessage } from '../types.ts';

export interface QuoteContext {
  messages: ThreadMessage[];
  /** Key of the message whose body this is: its ancestors are the likeliest quoted. */
  self?: string;
}

interface Attribution {
  line: string;
  author: string | null;
  address: string | null;
  day: number | null;
}

const ATTRIB_END = /(?:wrote|writes|said|schrieb|geschrieben|a écrit|escribió|escreveu|ha scritto)\s*:\s*$/i;
const QUOTING = /^Quoting (.+?)(?:\s+\(([^)]*)\))?:\s*$/;
const MUTT = /^\* (.+?)\s+(?:<[^>]+>\s+)?\[[^\]]+\]:\s*$/;
const TIME = /^.*?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[+-]\d{4})?(?:\s*\(?[A-Z]{2,5}\)?)?,?\s+/;
const DATE = /^(?:[A-Z][a-z]{2},? )?(?:[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+\.? \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}),?\s+/;
const HUNK = /^@@@? -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;
const DIFF_HEADER = /^(?:diff |index |--- |\+\+\+ |new file mode|deleted file mode|old mode|new mode|similarity index|dissimilarity index|rename from|rename to|copy from|copy to|Binary files|GIT binary patch|literal |delta )/;
const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

/** True when `s` from `from` on is only spaces and tabs: no allocation, it runs per line. */
function blank(s: string, from = 0): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Cheap test before the attribution parse: it ends with `:` or opens a two-line "On …". */
function mayAttribute(s: string, from: number): boolean {
  let e = s.length - 1;
  while (e >= from && (s.charCodeAt(e) === 32 || s.charCodeAt(e) === 9)) e--;
  if (e >= from && s.charCodeAt(e) === 58) return true;
  const c = s.charCodeAt(from);
  return (c === 79 || c === 65 || c === 76) && /^(On|Am|Le) /.test(s.slice(from, from + 3));
}

/** Set by quoteOf: where the line's text starts (module state, so no tuple per line). */
let qAt = 0;

/** Depth of a line's quote markers (returned) and where its text starts (`qAt`). */
function quoteOf(line: string): number {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  qAt = 0;
  if (line.charCodeAt(i) !== 62) return 0;
  let depth = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 62) {
      depth++;
      i++;
    } else if (c === 32 || c === 9) {
      let j = i;
      while (line.charCodeAt(j) === 32 || line.charCodeAt(j) === 9) j++;
      if (line.charCodeAt(j) !== 62) break;
      i = j;
    } else break;
  }
  if (line.charCodeAt(i) === 32) i++;
  qAt = i;
  return depth;
}

/** Days since 1970 of a date written in an attribution ("Jul 20, 2018", "20 Jul 2018", "2018-07-20"). */
function dayOf(s: string): number | null {
  let m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(s);
  if (m) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) / 864e5;
  m = /\b([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}),? (\d{4})\b/.exec(s) ?? null;
  let mon: string | undefined, d: string | undefined, y: string | undefined;
  if (m) [, mon, d, y] = m;
  else {
    m = /\b(\d{1,2}) ([A-Z][a-z]{2})[a-z]*\.? (\d{4})\b/.exec(s);
    if (m) [, d, mon, y] = m;
  }
  const mi = mon ? MONTHS.indexOf(mon.toLowerCase()) : -1;
  if (!m || mi < 0 || mi % 3) return null;
  return Date.UTC(+y!, mi / 3, +d!) / 864e5;
}

/** Who an attribution line names, or null when the line is no attribution. */
export function parseAttribution(line: string): Attribution | null {
  const s = line.replace(/\s+/g, ' ').trim();
  if (s.length > 300) return null;
  let who: string;
  const q = QUOTING.exec(s) ?? MUTT.exec(s);
  if (q) who = q[1]!;
  else if (ATTRIB_END.test(s)) {
    who = s.replace(ATTRIB_END, '').trim();
    if (/^(On|Am|Le|El|Em|Il) /.test(who)) {
      who = who.slice(3);
      let timed = who.replace(TIME, '');
      if (timed === who) timed = who.replace(DATE, '');
      timed = timed.replace(/^hat\s+/, '');
      const angle = who.indexOf('<');
      if (timed !== who) who = timed;
      else if (who.lastIndexOf(', ') >= 0 && (angle < 0 || who.lastIndexOf(', ', angle) >= 0)) who = who.slice(who.lastIndexOf(', ', angle < 0 ? undefined : angle) + 2);
    } else if (/[.!?)]$/.test(who) && !/[<>@]/.test(who)) return null;
  } else return null;
  const addr = /<?([^\s<>()"]+@[^\s<>()"]+)>?/.exec(who);
  const name = (addr ? who.slice(0, addr.index) : who).replace(/^["'\s]+|["',\s]+$/g, '').replace(/\s*\[[^\]]*\]$/, '').trim();
  return { line: s, author: name || (addr ? addr[1]! : null), address: addr ? addr[1]!.toLowerCase() : null, day: dayOf(s) };
}

interface Index {
  byId: Map<string, ThreadMessage>;
  /** Messages by lower-cased address and by lower-cased name, in thread order. */
  byAuthor: Map<string, ThreadMessage[]>;
}
const indexes = new WeakMap<ThreadMessage[], Index>();

/** Built once per thread (the analysis splits every body against the same messages). */
function indexOf(messages: ThreadMessage[]): Index {
  let ix = indexes.get(messages);
  if (!ix) {
    const byAuthor = new Map<string, ThreadMessage[]>();
    const add = (k: string, m: ThreadMessage): void => {
      if (!k) return;
      const list = byAuthor.get(k);
      if (list) list.push(m);
      else byAuthor.set(k, [m]);
    };
    for (const m of messages) {
      if (!m.from) continue;
      const a = m.from.address.toLowerCase();
      const n = m.from.name.toLowerCase();
      add(a, m);
      if (n && n !== a) add(n, m);
    }
    ix = { byId: new Map(messages.map((m) => [m.id, m])), byAuthor };
    indexes.set(messages, ix);
  }
  return ix;
}

function sameAuthor(m: ThreadMessage, a: Attribution): boolean {
  if (!m.from) return false;
  if (a.address && m.from.address.toLowerCase() === a.address) return true;
  return !!a.author && m.from.name.toLowerCase() === a.author.toLowerCase();
}

const days = new WeakMap<ThreadMessage, number>();

function dayMatches(m: ThreadMessage, day: number | null): boolean {
  if (day === null || !m.date) return day === null;
  let d = days.get(m);
  if (d === undefined) days.set(m, (d = Math.floor(Date.parse(m.date) / 864e5)));
  return Math.abs(d - day) <= 1;
}

/**
 * Ancestors a quote is matched against. Mail quoted 100 replies up is not told apart by its
 * place any more, and walking the whole chain for every body made a 5,000-deep chain cost
 * 3.6 s (n × depth); a 100,000-deep one would stall.
 */
const MAX_ANCESTORS = 100;

/** `self`'s ancestors, nearest first, at most MAX_ANCESTORS (cycle-safe, though the tree has none). */
function ancestorsOf(ctx: QuoteContext): ThreadMessage[] {
  const { byId } = indexOf(ctx.messages);
  const out: ThreadMessage[] = [];
  const seen = new Set<string>();
  for (let m = ctx.self ? byId.get(ctx.self) : undefined; m?.parent && !seen.has(m.id) && out.length < MAX_ANCESTORS; ) {
    seen.add(m.id);
    m = byId.get(m.parent);
    if (m) out.push(m);
  }
  return out;
}

/**
 * The thread message a quote of `depth` under `attr` most likely quotes. Quote depth follows
 * the reply chain (depth 1 quotes the parent, 2 the grandparent), so the ancestor at that
 * depth comes first when the attribution does not contradict it: a real one by the named
 * author, or a ghost (missing mail, whose author nobody can know). Then a same-author
 * ancestor at another depth, then same-author mail elsewhere in the thread on the
 * attribution's day: quoting a sibling happens, but a missing parent is likelier than that.
 */
function matchQuoted(ctx: QuoteContext, ancestors: ThreadMessage[], depth: number, attr: Attribution | null): string | null {
  const atDepth = ancestors[depth - 1];
  if (!attr || (!attr.author && !attr.address)) return atDepth?.id ?? null;
  // A ghost at the very depth scores between a same-author ancestor there and one elsewhere.
  let best: ThreadMessage | null = atDepth?.ghost ? atDepth : null;
  let bestScore = best ? 0.75 : Infinity;
  ancestors.forEach((m, i) => {
    if (!sameAuthor(m, attr)) return;
    const score = Math.abs(i + 1 - depth) + (dayMatches(m, attr.day) ? 0 : 0.5);
    if (score < bestScore) {
      best = m;
      bestScore = score;
    }
  });
  if (best) return (best as ThreadMessage).id;
  const { byAuthor } = indexOf(ctx.messages);
  const pool = [...(attr.address ? byAuthor.get(attr.address) ?? [] : []), ...(attr.author ? byAuthor.get(attr.author.toLowerCase()) ?? [] : [])];
  const elsewhere = [...new Set(pool)].filter((m) => m.id !== ctx.self && dayMatches(m, attr.day));
  if (elsewhere.length === 1 || (elsewhere.length > 1 && attr.day !== null)) return elsewhere[0]!.id;
  return null;
}

/**
 * Where list footers begin at the end of the body (stacked footers too): `lines[result..end)`
 * is what lists appended. Also what tells two deliveries of one mail apart (headers.ts).
 */
export function footerStart(lines: readonly string[], end: number): number {
  for (;;) {
    let start = -1;
    for (let k = end - 1; k >= Math.max(0, end - 12) && start < 0; k--) {
      const l = lines[k]!;
      if (l.startsWith('>')) break;
      if (/^(To unsubscribe|You received this message because you are subscribed)/i.test(l)) start = /^--\s?$/.test(lines[k - 1] ?? '') ? k - 1 : k;
      else if (/^_{10,}\s*$/.test(l) && lines.slice(k + 1, end).some((x) => /mailing list|listinfo|mailman/i.test(x))) start = k;
      // mailman's footer set off by `-- ` instead of underscores (Red Hat's libvir-list,
      // alioth): the list's name line right below it, its listinfo URL further down; a
      // personal signature has neither
      else if (/^--\s?$/.test(l) && /^[\w.+-]+ mailing list\s*$/i.test(lines[k + 1] ?? '') && lines.slice(k + 2, end).some((x) => /listinfo|mailman/i.test(x))) start = k;
    }
    if (start < 0) return end;
    end = start;
  }
}

type Mutable = QuoteBlock & { lines: string[] };

export function splitQuotes(text: string, ctx?: QuoteContext): QuoteBlock[] {
  const lines = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  let n = lines.length;
  while (n > 0 && blank(lines[n - 1]!)) n--;
  const foot = footerStart(lines, n);
  let lastQuoted = -1;
  for (let i = 0; i < foot; i++) if (lines[i]!.charCodeAt(0) === 62) lastQuoted = i;

  const blocks: Mutable[] = [];
  let cur = null as Mutable | null;
  const attrAt: Array<Attribution | null> = [];
  const start = (b: Mutable): Mutable => {
    blocks.push(b);
    cur = b;
    return b;
  };
  let ancestors: ThreadMessage[] | null = null;
  const quoted = (depth: number, a: Attribution | null): string | null => {
    if (!ctx) return null;
    ancestors ??= ancestorsOf(ctx);
    return matchQuoted(ctx, ancestors, depth, a);
  };
  let mode: 'text' | 'diff' | 'signature' = 'text';
  let oldLeft = 0;
  let newLeft = 0;

  /** An attribution at `depth` on line i (one or two lines) introducing a deeper quote: lines used. */
  const attributionAt = (i: number, depth: number): number => {
    for (const span of [1, 2]) {
      if (i + span > foot) return 0;
      const parts: string[] = [];
      for (let k = i; k < i + span; k++) {
        if (quoteOf(lines[k]!) !== depth) return 0;
        parts.push(lines[k]!.slice(qAt));
      }
      if (span === 2 && !/^(On|Am|Le) /.test(parts[0]!)) return 0;
      let next = i + span;
      if (next < foot && quoteOf(lines[next]!) === depth && blank(lines[next]!, qAt)) next++;
      if (next >= foot || quoteOf(lines[next]!) <= depth) continue;
      const a = parseAttribution(parts.join(' '));
      if (a) {
        attrAt[depth + 1] = a;
        return span;
      }
    }
    return 0;
  };

  for (let i = 0; i < foot; i++) {
    const line = lines[i]!;
    const depth = quoteOf(line);
    const at = qAt;
    if (depth === 0) {
      if (mode === 'diff') {
        const c = line.charCodeAt(0);
        if (oldLeft > 0 || newLeft > 0) {
          if (c === 45) oldLeft--;
          else if (c === 43) newLeft--;
          else if (c === 32 || !line) {
            oldLeft--;
            newLeft--;
          }
          else if (c !== 92) mode = 'text';
        } else {
          const h = HUNK.exec(line);
          if (h) [oldLeft, newLeft] = [h[1] === undefined ? 1 : +h[1], h[2] === undefined ? 1 : +h[2]];
          else if (!DIFF_HEADER.test(line)) mode = 'text';
        }
        if (mode === 'diff') {
          cur!.lines.push(line);
          continue;
        }
      }
      if (mode === 'signature') {
        cur!.lines.push(line);
        continue;
      }
      if (line === '-- ' || (line === '--' && i > lastQuoted && foot - i <= 12)) {
        mode = 'signature';
        start({ kind: 'signature', lines: [line] });
        continue;
      }
      if (line.startsWith('diff --git ') || (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ '))) {
        mode = 'diff';
        oldLeft = newLeft = 0;
        start({ kind: 'diff', lines: [line] });
        continue;
      }
      const used = mayAttribute(line, 0) ? attributionAt(i, 0) : 0;
      if (used) {
        i += used - 1;
        cur = null;
        continue;
      }
      if (cur?.kind !== 'text') start({ kind: 'text', lines: [] });
      cur!.lines.push(line);
      continue;
    }
    // a quoted line: whatever own block was open is over
    if (mode !== 'text') mode = 'text';
    const content = line.slice(at);
    const empty = blank(content);
    const c: Mutable | null = cur;
    if (empty && c?.kind === 'quote' && c.depth >= depth) {
      c.lines.push('');
      continue;
    }
    const used = !empty && mayAttribute(content, 0) ? attributionAt(i, depth) : 0;
    if (used) {
      i += used - 1;
      continue;
    }
    if (!empty && attrAt.length > depth + 1) attrAt.length = depth + 1;
    if (c?.kind !== 'quote' || c.depth !== depth) {
      const a = attrAt[depth] ?? null;
      start({ kind: 'quote', depth, lines: [], attribution: a?.line ?? null, author: a?.author ?? null, quotedId: quoted(depth, a) });
    }
    cur!.lines.push(content);
  }
  if (foot < n) blocks.push({ kind: 'footer', lines: lines.slice(foot, n) });
  return tidy(blocks);
}

/** Blank edges trimmed, empty blocks dropped, neighbours of one kind and source joined. */
function tidy(blocks: Mutable[]): QuoteBlock[] {
  const out: Mutable[] = [];
  for (const b of blocks) {
    if (b.kind === 'text' || b.kind === 'quote') {
      let s = 0;
      let e = b.lines.length;
      while (s < e && blank(b.lines[s]!)) s++;
      while (e > s && blank(b.lines[e - 1]!)) e--;
      if (s === e) continue;
      if (s > 0 || e < b.lines.length) b.lines = b.lines.slice(s, e);
    }
    const prev = out[out.length - 1];
    if (prev && prev.kind === b.kind && (b.kind !== 'quote' || (prev.kind === 'quote' && prev.depth === b.depth && prev.attribution === b.attribution && prev.quotedId === b.quotedId))) {
      prev.lines.push(...(b.kind === 'text' || b.kind === 'quote' ? [''] : []), ...b.lines);
      continue;
    }
    out.push(b);
  }
  return out;
}
