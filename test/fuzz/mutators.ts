/**
 * The fuzzer's mutators (issue 9): each turns real mail into mail written to hurt. Mail is
 * handled as latin-1 strings (one char per byte), so byte-level damage and header-level
 * rewrites are both plain string edits; `utf8` spells non-ASCII text as its UTF-8 bytes.
 *
 * Every mutator is deterministic given the random source. Sizes are bounded so that a fixed
 * case budget is a fixed amount of work and any seed runs to its end: each mutator caps what
 * it builds (`repeated`), and `fitCase` keeps a case within MAX_MESSAGE per message,
 * MAX_CASE_BYTES and MAX_CASE_MESSAGES after each mutator, since mutators chain (issue 16:
 * with seed 424242, rfc2047Garbage built 150 MB messages that a later `split('')` could not
 * hold, and a chain of reusedIds doubled the messages each time).
 *
 * Non-goals: valid mail (that is the corpus), shrinking failures (the case's seed replays it).
 */
import { newFileDiff, samePathDiff, spaceRun, tabPathDiff } from '../helpers/patch-shapes.ts';
import { mulberry32, type Rand } from '../helpers/random.ts';

export { mulberry32, type Rand };

export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: Rand, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;

/** Non-ASCII text as the bytes UTF-8 gives it, one latin-1 char per byte. */
export function utf8(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += String.fromCharCode(b);
  return out;
}

/** The header block and the body of one message (split at the first blank line). */
function parts(msg: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(msg);
  return m ? { head: msg.slice(0, m.index), body: msg.slice(m.index + m[0].length) } : { head: msg, body: '' };
}

function setHeader(msg: string, name: string, value: string): string {
  const { head, body } = parts(msg);
  const re = new RegExp(`^${name}:.*(\\r?\\n[ \\t].*)*$`, 'im');
  const line = `${name}: ${value}`;
  return `${re.test(head) ? head.replace(re, () => line) : `${head}\n${line}`}\n\n${body}`;
}

function headerOf(msg: string, name: string): string | null {
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(parts(msg).head)?.[1] ?? null;
}

/** The most one mutated message may hold, and a whole case, in characters (bytes), and messages per case. */
export const MAX_MESSAGE = 4_000_000;
export const MAX_CASE_BYTES = 8_000_000;
export const MAX_CASE_MESSAGES = 32;
/** The most one mutator adds in one piece (a repeated header, a run of NULs, …). */
const MAX_PIECE = 2_000_000;

/** `unit` repeated `n` times, or as many as fit in `budget` characters. */
export function repeated(unit: string, n: number, budget = MAX_PIECE): string {
  return unit.repeat(Math.max(0, Math.min(n, Math.floor(budget / Math.max(1, unit.length)))));
}

/** The messages of a case within the bounds above: the first MAX_CASE_MESSAGES, each cut to what is left of the budget. */
export function fitCase(msgs: string[]): string[] {
  let left = MAX_CASE_BYTES;
  return msgs.slice(0, MAX_CASE_MESSAGES).map((m) => {
    const kept = m.length > Math.min(MAX_MESSAGE, left) ? m.slice(0, Math.min(MAX_MESSAGE, left)) : m;
    left -= kept.length;
    return kept;
  });
}

/** Lengths of the long things: mostly tens of KB, sometimes a megabyte. */
function size(r: Rand): number {
  return r() < 0.05 ? 1_100_000 : pick(r, [1_000, 20_000, 100_000, 200_000, 400_000]);
}

/** Applies `f` to one of the messages: the big mutations grow one message, not all four. */
function one(r: Rand, msgs: string[], f: (m: string) => string): string[] {
  const k = int(r, 0, msgs.length - 1);
  return msgs.map((m, i) => (i === k ? f(m) : m));
}

/** A long line of one shape: what made the quadratic stages quadratic, and its kin. */
export function longLine(r: Rand, n = size(r)): string {
  const unit = pick(r, ['a', 'a@', '@', '.', '<', '<a', '>', '(', '[', '"', ' ', '\t', 'a ', ',', '=?', '=?utf-8?q?', '> ', '-', '+', '=', '\\', ':', 'Name: ', 'a:b', '<a@b>', 'http://', 'x'.repeat(7) + ' at ', '\u00e9', utf8('а'), utf8('\u202e'), '\0']);
  const body = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  return pick(r, [body, `Name: ${body}`, `Reviewed-by: ${body}`, `> ${body}`, `${body}:`, `Link: ${body}`, `Fixes: ${body}`, `On ${body} wrote:`, `change-id: ${body}`, `Supersedes: ${body}`]);
}

/** The kind of message a long line lands in: a cover letter, a patch or a reply. */
function asKind(r: Rand, msg: string): string {
  const kind = pick(r, ['cover', 'patch', 'reply', 'as-is']);
  if (kind === 'cover') return setHeader(msg, 'Subject', `[PATCH ${pick(r, ['00/44', '0/2', 'v3 00/10', 'RFC 0/1'])}] fuzzed cover`);
  if (kind === 'patch') return setHeader(msg, 'Subject', `[PATCH ${int(r, 1, 3)}/3] fuzzed patch`);
  if (kind === 'reply') return setHeader(setHeader(msg, 'Subject', 'Re: [PATCH 1/3] fuzzed patch'), 'In-Reply-To', '<fuzz-parent@example.org>');
  return msg;
}

const DIFF = 'diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n@@ -1 +1 @@\n-a\n+b\n';

export type Mutator = (r: Rand, msgs: string[]) => string[];

/** Two versions of one patch by one author (from the first message's headers), each with its `diff`: the fuzzer's check diffs them. */
function twoVersions(r: Rand, msgs: string[], diff: (version: number) => string, extra: { message?: string; notes?: string } = {}): string[] {
  const base = msgs[0] ?? 'From: A U Thor <author@example.org>\n\n';
  const from = headerOf(base, 'From') ?? 'A U Thor <author@example.org>';
  const tag = int(r, 0, 1e6);
  const version = (v: number): string =>
    [
      `From: ${from}`,
      `Subject: [PATCH v${v} 1/1] shaped: a patch in two versions`,
      `Message-ID: <shaped-${tag}-v${v}@example.org>`,
      `Date: Mon, ${v} Jan 2024 10:00:00 +0000`,
      '',
      'shaped: a patch in two versions',
      ...(extra.message ? ['', extra.message] : []),
      '',
      `Signed-off-by: ${from}`,
      '---',
      ...(extra.notes && v > 1 ? [extra.notes, ''] : []),
      diff(v),
    ].join('\n');
  return [...msgs.slice(1), version(1), version(2)];
}

/** Mutators by name; each takes and returns the messages of one mbox (without From_ lines). */
export const MUTATORS: Record<string, Mutator> = {
  byteFlips: (r, msgs) =>
    msgs.map((m) => {
      if (!m.length) return m;
      // the flips in place, by slices: never one string per character of a message of megabytes
      const flips = new Map<number, string>();
      for (let k = int(r, 1, 40); k > 0; k--) flips.set(int(r, 0, m.length - 1), String.fromCharCode(int(r, 0, 255)));
      let out = '';
      let at = 0;
      for (const [i, c] of [...flips].sort((a, b) => a[0] - b[0])) {
        out += m.slice(at, i) + c;
        at = i + 1;
      }
      return out + m.slice(at);
    }),
  truncate: (r, msgs) => msgs.map((m) => (r() < 0.5 ? m.slice(0, int(r, 0, m.length)) : m)),
  duplicateHeaders: (r, msgs) =>
    msgs.map((m) => {
      const { head, body } = parts(m);
      const lines = head.split('\n');
      const line = pick(r, lines);
      // a few MB at most, however long the line already is
      return `${head}\n${repeated(`${line}\n`, Math.max(2, int(r, 2, 3000)), Math.max(MAX_PIECE, 2 * (line.length + 1)))}\n${body}`;
    }),
  hugeHeader: (r, msgs) => one(r, msgs, (m) => setHeader(m, pick(r, ['To', 'Cc', 'From', 'Subject', 'References', 'In-Reply-To', 'Message-ID', 'Date', 'List-Id', 'X-Junk']), longLine(r))),
  nuls: (r, msgs) =>
    msgs.map((m) => {
      const at = int(r, 0, m.length);
      return m.slice(0, at) + '\0'.repeat(int(r, 1, 5000)) + m.slice(at);
    }),
  brokenBoundary: (r, msgs) =>
    msgs.map((m) => {
      const b = /boundary="?([^";\s]+)"?/i.exec(m)?.[1];
      const fresh = setHeader(m, 'Content-Type', `multipart/mixed; boundary="${pick(r, ['', '--', 'x'.repeat(5000), 'b"b', 'b\0'])}"`);
      if (!b) return fresh;
      return pick(r, [m.split(`--${b}--`).join(''), m.split(`--${b}`).join(`--${b}X`), fresh, m.replace(`--${b}`, `--${b}\n--${b}--\n--${b}`)]);
    }),
  badEncoding: (r, msgs) =>
    msgs.map((m) => {
      const cte = pick(r, ['base64', 'quoted-printable', 'x-uuencode', '8bit', 'bogus']);
      const junk = pick(r, ['!!!!====@@@@', '=ZZ=\n=', '====', 'A', 'QUJD\n\n\nRE==EF', '=\r\n'.repeat(1000), '=3'.repeat(20000)]);
      const { head, body } = parts(setHeader(m, 'Content-Transfer-Encoding', cte));
      return `${head}\n\n${r() < 0.5 ? junk + body : body + junk}`;
    }),
  bogusCharset: (r, msgs) => msgs.map((m) => setHeader(m, 'Content-Type', `text/plain; charset="${pick(r, ['x-bogus-42', 'utf-7', 'utf-16', 'utf-32le', 'iso-2022-jp', '', '"', 'unicode-1-1-utf-7', 'a'.repeat(10000)])}"`)),
  rfc2047Garbage: (r, msgs) =>
    msgs.map((m) => {
      const word = pick(r, ['=?utf-8?B?!!!?=', '=?utf-8?Q?=ZZ=?=', '=?bogus?B?QUJD?=', '=?utf-8?B?', '=?=?=?', '=?utf-8*en?Q?a?=', `=?utf-8?B?${'QUJD'.repeat(20000)}?=`, '=?iso-2022-jp?B?GyRC?=']);
      // a few MB at most, however long the word: 2,000 of the longest were 160 MB
      return setHeader(m, pick(r, ['Subject', 'From', 'To']), repeated(`${word} `, int(r, 1, 2000)) || `${word} `);
    }),
  manyReferences: (r, msgs) => one(r, msgs, (m) => setHeader(m, 'References', Array.from({ length: pick(r, [1000, 100_000]) }, (_, i) => `<ref${i}.${int(r, 0, 99)}@example.org>`).join(' '))),
  reusedIds: (r, msgs) => {
    const id = headerOf(msgs[0] ?? '', 'Message-ID') ?? '<reused@example.org>';
    // chained, doubling would grow without end: never more than the case may hold
    return msgs.flatMap((m) => (r() < 0.3 ? [m, m] : [r() < 0.7 ? setHeader(m, 'Message-ID', id) : m])).slice(0, MAX_CASE_MESSAGES);
  },
  cycles: (r, msgs) =>
    msgs.map((m, i) => {
      const next = `<cycle${(i + 1) % msgs.length}@example.org>`;
      const out = setHeader(setHeader(m, 'Message-ID', `<cycle${i}@example.org>`), 'In-Reply-To', next);
      return r() < 0.5 ? setHeader(out, 'References', `${next} <cycle${i}@example.org>`) : out;
    }),
  badDates: (r, msgs) => msgs.map((m) => setHeader(m, 'Date', pick(r, ['Mon, 31 Feb 2010 25:61:61 +9999', 'Tue, 1 Jan 99999 00:00:00 +0000', 'Thu, 1 Jan -500 00:00:00 +0000', '0', '9'.repeat(400), 'Sat, 32 Dec 1969 00:00:00 GMT', 'Fri, 13 Aug 275760 00:00:01 +0000', 'yesterday', '']))),
  deepMultipart: (r, msgs) =>
    one(r, msgs, (m) => {
      const depth = pick(r, [100, 1000]);
      let body = 'text/plain\n\nleaf\n';
      let open = '';
      let close = '';
      for (let d = 0; d < depth; d++) {
        open += `Content-Type: multipart/mixed; boundary="b${d}"\n\n--b${d}\n`;
        close = `\n--b${d}--\n${close}`;
      }
      body = `${open}Content-Type: ${body}${close}`;
      const { head } = parts(setHeader(m, 'MIME-Version', '1.0'));
      return `${head.replace(/^Content-Type:.*(\r?\n[ \t].*)*$/gim, '')}\n${body}`;
    }),
  // issue 16's superlinear shapes of the patch and diff code (test/helpers/patch-shapes.ts)
  tabPath: (r, msgs) => {
    const n = pick(r, [1000, 20_000, 80_000]);
    return twoVersions(r, msgs, (v) => tabPathDiff(n).replace('+b\n', `+b${v}\n`));
  },
  spaceRun: (r, msgs) => {
    const line = spaceRun(pick(r, [1000, 10_000, 40_000]));
    const where = pick(r, ['message', 'notes', 'both']);
    return twoVersions(r, msgs, (v) => DIFF.replace('+b\n', `+b${v}\n`), {
      message: where === 'notes' ? undefined : line,
      notes: where === 'message' ? undefined : `Changes in v2:\n${line}\n- a note`,
    });
  },
  bigNewFile: (r, msgs) => {
    const n = pick(r, [1000, 20_000, 160_000]);
    return twoVersions(r, msgs, (v) => newFileDiff(n, v));
  },
  samePathFiles: (r, msgs) => {
    const n = pick(r, [100, 5000, 20_000]);
    return twoVersions(r, msgs, (v) => samePathDiff(n, v));
  },
  longLines: (r, msgs) =>
    one(r, msgs, (m) => {
      const { head, body } = parts(asKind(r, m));
      const line = longLine(r);
      const where = pick(r, ['top', 'bottom', 'above-diff']);
      if (where === 'top') return `${head}\n\n${line}\n${body}`;
      if (where === 'bottom') return `${head}\n\n${body}\n${line}\n`;
      return `${head}\n\n${body}\n${line}\n---\n${DIFF}`;
    }),
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);
