/**
 * A line diff for the diff of diffs: Myers' O(ND) algorithm in linear space (the middle-snake
 * bisection, as diff-match-patch and GNU diff do it), with common prefix and suffix trimmed
 * first and sequences compared as interned integers.
 *
 * Never stalls on a huge or hostile input. A long stretch (over `BIG` lines) is first cut at
 * lines unique to both sides (patience's anchors: the longest increasing run of them), as
 * git's patience diff does, and the pieces are diffed one by one; so is a stretch whose
 * bisection would need more than `MAX_D` edits. A stretch with no anchor becomes one delete
 * plus one insert. All bisections of one call share a budget of steps (`budget`); once it is
 * spent, what is left is anchored or replaced. So the time is near-linear for real patches
 * and O((N+M) log(N+M) + budget) whatever the input; memory is O(N+M). Work is an explicit
 * stack, never recursion.
 *
 * Non-goals: character-level diffs, rendering (interdiff.ts does that).
 */

export type EditKind = 'equal' | 'delete' | 'insert';

/** A run of lines: `a` and `b` are where it starts on each side; the other side's start is where it would be. */
export interface Edit {
  kind: EditKind;
  a: number;
  b: number;
  length: number;
}

/** Edits needed past this in one stretch are not searched for: the stretch is anchored or replaced. */
export const MAX_D = 1024;
/** A stretch longer than this (both sides together) is anchored before Myers runs on it. */
export const BIG = 4096;
/** Myers steps (diagonals plus snake moves) one diff may take: a floor plus a share per line. */
const budgetFor = (lines: number): number => 2e6 + 50 * lines;

/** Keys as small integers: equal keys, equal numbers, across both sides. */
export function intern(a: readonly string[], b: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const map = (xs: readonly string[]): Int32Array => {
    const out = new Int32Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      let id = ids.get(xs[i]!);
      if (id === undefined) {
        id = ids.size;
        ids.set(xs[i]!, id);
      }
      out[i] = id;
    }
    return out;
  };
  return [map(a), map(b)];
}

/** The edit script turning `a` into `b`, in order, adjacent runs of one kind merged; deletions before insertions in a change. */
export function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  const [x, y] = intern(a, b);
  return diffInts(x, y);
}

interface Seg {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** Per-key counts for `anchors`, as long as the keys' range, all zero between calls. */
interface Scratch {
  countA: Int32Array;
  countB: Int32Array;
  posB: Int32Array;
}

export function diffInts(x: Int32Array, y: Int32Array): Edit[] {
  let made: Scratch | null = null;
  const scratch = (): Scratch => {
    if (!made) {
      let keys = 0;
      for (const v of x) keys = Math.max(keys, v + 1);
      for (const v of y) keys = Math.max(keys, v + 1);
      made = { countA: new Int32Array(keys), countB: new Int32Array(keys), posB: new Int32Array(keys) };
    }
    return made;
  };
  // Each finished piece is recorded per segment; segments are solved left to right so the
  // pieces come out in order.
  const raw: Edit[] = [];
  const budget = { left: budgetFor(x.length + y.length) };
  const stack: Seg[] = [{ a0: 0, a1: x.length, b0: 0, b1: y.length }];
  while (stack.length) {
    let { a0, a1, b0, b1 } = stack.pop()!;
    let pre = 0;
    while (a0 + pre < a1 && b0 + pre < b1 && x[a0 + pre] === y[b0 + pre]) pre++;
    if (pre) raw.push({ kind: 'equal', a: a0, b: b0, length: pre });
    a0 += pre;
    b0 += pre;
    let suf = 0;
    while (a1 - suf > a0 && b1 - suf > b0 && x[a1 - 1 - suf] === y[b1 - 1 - suf]) suf++;
    a1 -= suf;
    b1 -= suf;
    const tail: Edit | null = suf ? { kind: 'equal', a: a1, b: b1, length: suf } : null;
    if (a0 === a1 || b0 === b1) {
      if (a1 > a0) raw.push({ kind: 'delete', a: a0, b: b0, length: a1 - a0 });
      if (b1 > b0) raw.push({ kind: 'insert', a: a1, b: b0, length: b1 - b0 });
      if (tail) raw.push(tail);
      continue;
    }
    // the tail is pushed as a segment of its own so it lands after the middle's pieces
    const big = a1 - a0 + (b1 - b0) > BIG;
    const parts = (big ? anchors(x, y, a0, a1, b0, b1, scratch) : null) ?? bisect(x, y, a0, a1, b0, b1, budget) ?? (big ? null : anchors(x, y, a0, a1, b0, b1, scratch));
    if (!parts) {
      raw.push({ kind: 'delete', a: a0, b: b0, length: a1 - a0 });
      raw.push({ kind: 'insert', a: a1, b: b0, length: b1 - b0 });
      if (tail) raw.push(tail);
      continue;
    }
    if (tail) stack.push({ a0: tail.a, a1: tail.a + suf, b0: tail.b, b1: tail.b + suf });
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  }
  return merge(raw);
}

function merge(raw: Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const e of raw) {
    if (e.length === 0) continue;
    const last = out[out.length - 1];
    if (last && last.kind === e.kind) {
      last.length += e.length;
      continue;
    }
    // keep deletions before insertions within one change, whichever order the pieces came in
    const prev = out[out.length - 2];
    if (e.kind === 'delete' && last?.kind === 'insert') {
      if (prev?.kind === 'delete') prev.length += e.length;
      else out.splice(out.length - 1, 0, { ...e });
      continue;
    }
    out.push({ ...e });
  }
  return out;
}

/**
 * Myers' middle snake of x[a0,a1) against y[b0,b1): the two halves around it, or null when
 * more than MAX_D edits would be needed.
 */
function bisect(x: Int32Array, y: Int32Array, a0: number, a1: number, b0: number, b1: number, budget: { left: number }): Seg[] | null {
  if (budget.left <= 0) return null;
  const n = a1 - a0;
  const m = b1 - b0;
  const maxD = Math.min(Math.ceil((n + m) / 2), MAX_D);
  const off = maxD;
  const size = 2 * maxD + 2;
  const vf = new Int32Array(size).fill(-1);
  const vb = new Int32Array(size).fill(-1);
  vf[off + 1] = 0;
  vb[off + 1] = 0;
  const delta = n - m;
  // with an odd delta the paths meet on a forward step, with an even one on a backward step
  const front = (delta & 1) !== 0;
  let k1start = 0;
  let k1end = 0;
  let k2start = 0;
  let k2end = 0;
  for (let d = 0; d < maxD; d++) {
    // each step of d costs about its diagonals; snake moves are charged as they happen
    budget.left -= 2 * d + 2;
    if (budget.left <= 0) return null;
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const k1o = off + k1;
      let x1 = k1 === -d || (k1 !== d && vf[k1o - 1]! < vf[k1o + 1]!) ? vf[k1o + 1]! : vf[k1o - 1]! + 1;
      let y1 = x1 - k1;
      const s1 = x1;
      while (x1 < n && y1 < m && x[a0 + x1] === y[b0 + y1]) {
        x1++;
        y1++;
      }
      budget.left -= x1 - s1;
      vf[k1o] = x1;
      if (x1 > n) k1end += 2;
      else if (y1 > m) k1start += 2;
      else if (front) {
        const k2o = off + delta - k1;
        if (k2o >= 0 && k2o < size && vb[k2o] !== -1 && x1 >= n - vb[k2o]!) return split(a0, a1, b0, b1, x1, y1);
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const k2o = off + k2;
      let x2 = k2 === -d || (k2 !== d && vb[k2o - 1]! < vb[k2o + 1]!) ? vb[k2o + 1]! : vb[k2o - 1]! + 1;
      let y2 = x2 - k2;
      const s2 = x2;
      while (x2 < n && y2 < m && x[a1 - 1 - x2] === y[b1 - 1 - y2]) {
        x2++;
        y2++;
      }
      budget.left -= x2 - s2;
      vb[k2o] = x2;
      if (x2 > n) k2end += 2;
      else if (y2 > m) k2start += 2;
      else if (!front) {
        const k1o = off + delta - k2;
        if (k1o >= 0 && k1o < size && vf[k1o] !== -1) {
          const x1 = vf[k1o]!;
          const y1 = off + x1 - k1o;
          if (x1 >= n - x2) return split(a0, a1, b0, b1, x1, y1);
        }
      }
    }
  }
  return null;
}

function split(a0: number, a1: number, b0: number, b1: number, i: number, j: number): Seg[] {
  return [
    { a0, a1: a0 + i, b0, b1: b0 + j },
    { a0: a0 + i, a1, b0: b0 + j, b1 },
  ];
}

/**
 * Patience's fallback for a stretch too different for Myers within MAX_D: lines occurring
 * once on each side, the longest run of them in the same order on both, cut the stretch into
 * pieces between them. Null when there is no such line.
 */
function anchors(x: Int32Array, y: Int32Array, a0: number, a1: number, b0: number, b1: number, scratch: () => Scratch): Seg[] | null {
  // Counted in arrays indexed by the interned keys (Maps here were most of a 160,000-line
  // diff's time, growing faster than the input), cleared again after, so each call costs its
  // stretch only.
  const { countA, countB, posB } = scratch();
  for (let i = a0; i < a1; i++) countA[x[i]!]!++;
  for (let j = b0; j < b1; j++) {
    countB[y[j]!]!++;
    posB[y[j]!] = j;
  }
  const pairs: Array<[number, number]> = [];
  for (let i = a0; i < a1; i++) {
    const v = x[i]!;
    if (countA[v] === 1 && countB[v] === 1) pairs.push([i, posB[v]!]);
  }
  for (let i = a0; i < a1; i++) countA[x[i]!] = 0;
  for (let j = b0; j < b1; j++) countB[y[j]!] = 0;
  if (!pairs.length) return null;
  // longest increasing subsequence of the b positions (patience sorting, O(k log k))
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const bj = pairs[p]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < bj) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const chain: number[] = [];
  for (let p = tails[tails.length - 1]!; p >= 0; p = prev[p]!) chain.push(p);
  chain.reverse();
  const segs: Seg[] = [];
  let ca = a0;
  let cb = b0;
  for (let c = 0; c < chain.length; ) {
    const [i, j] = pairs[chain[c]!]!;
    // consecutive anchors are one run of equal lines: one piece, not one each
    let len = 1;
    while (c + len < chain.length && pairs[chain[c + len]!]![0] === i + len && pairs[chain[c + len]!]![1] === j + len) len++;
    if (i > ca || j > cb) segs.push({ a0: ca, a1: i, b0: cb, b1: j });
    segs.push({ a0: i, a1: i + len, b0: j, b1: j + len });
    ca = i + len;
    cb = j + len;
    c += len;
  }
  if (a1 > ca || b1 > cb) segs.push({ a0: ca, a1, b0: cb, b1 });
  return segs;
}
