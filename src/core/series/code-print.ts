/**
 * A patch's code, small enough to cache with the series facts: hashes of its added and
 * removed lines (whitespace dropped, sign kept), and whether two patches share code.
 *
 *   codePrint(body: string): string          ≤ 32 hashes, 4 characters each
 *   sharedCode(a: string, b: string): boolean
 *
 * What it is for: a split or a squash is only a split or a squash when the code moved (git
 * range-diff pairs by the diff text too); two patches touching the same file with nothing
 * in common are a new and a dropped patch, not a split (issue 15).
 *
 * A print keeps the 32 smallest of the line hashes (a bottom-k sketch: the same lines give
 * the same hashes in any patch), so comparing two prints below the smaller of their largest
 * kept hashes compares the same sample of both; two prints share code when at least two of
 * those hashes, and 30% of the smaller side, are common. Lines shorter than 10 characters
 * (`}`, `break;`, `return 0;`) are left out: every patch has them.
 *
 * Non-goals: patch identity (patch-id.ts), showing what changed (interdiff.ts).
 */
import { diffStart } from '../patch/detect.ts';

const KEEP = 32;
const MIN_LINE = 10;
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEADER = /^(?:\+\+\+|---) (?:[ab]\/|\/dev\/null|"[ab]\/)/;

/** FNV-1a over the UTF-16 code units, cut to 24 bits. */
function hash24(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ (h >>> 24)) & 0xffffff;
}

function encode(n: number): string {
  return DIGITS[(n >>> 18) & 63]! + DIGITS[(n >>> 12) & 63]! + DIGITS[(n >>> 6) & 63]! + DIGITS[n & 63]!;
}

function decode(print: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= print.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) n = (n << 6) | Math.max(0, DIGITS.indexOf(print[i + k]!));
    out.push(n);
  }
  return out;
}

/** The print of a patch mail's body ('' when it holds no diff). */
export function codePrint(body: string): string {
  const at = diffStart(body);
  if (at < 0) return '';
  const hashes = new Set<number>();
  let pos = at;
  while (pos < body.length) {
    let end = body.indexOf('\n', pos);
    if (end < 0) end = body.length;
    const c = body.charCodeAt(pos);
    // only `+`/`-` lines; a signature (`-- `) ends the patch
    if (c === 43 /* + */ || c === 45 /* - */) {
      const line = body.slice(pos, end);
      if (line === '-- ' || line === '--') break;
      if (!HEADER.test(line)) {
        const code = line.replace(/\s+/g, '');
        if (code.length >= MIN_LINE) hashes.add(hash24(code));
      }
    }
    pos = end + 1;
  }
  return [...hashes]
    .sort((a, b) => a - b)
    .slice(0, KEEP)
    .map(encode)
    .join('');
}

/** Do two prints share code (see the header)? */
export function sharedCode(a: string, b: string): boolean {
  if (!a || !b) return false;
  const x = decode(a);
  const y = decode(b);
  // both samples are complete below the smaller of their cut-offs
  const cut = Math.min(x.length === KEEP ? x[KEEP - 1]! : Infinity, y.length === KEEP ? y[KEEP - 1]! : Infinity);
  const xs = x.filter((h) => h <= cut);
  const ys = new Set(y.filter((h) => h <= cut));
  let common = 0;
  for (const h of xs) if (ys.has(h)) common++;
  const smaller = Math.min(xs.length, ys.size);
  return common >= 2 && common >= 0.3 * smaller;
}
