/**
 * Runs a pattern tree (perl-regex.ts), compiled by regex-program.ts, as a Thompson automaton
 * in a Pike VM: every position of the text is visited once and carries at most one thread per
 * instruction, so a search costs at most text length × program size, whatever the pattern and
 * the text. That bound is the
 * point: MAINTAINERS comes from a URL the reader names and the text is anyone's mail, and a
 * backtracking engine (JavaScript's RegExp, Perl's) can take exponential time on both.
 *
 * It only answers "is there a match", which is all get_maintainer.pl asks (regex-literals.ts
 * names what lets a caller skip a text or a line without running it). While no thread is
 * alive but the one starting afresh, an unanchored search skips the characters no match can
 * start with (`first`) in a plain loop: most of a line is that, and a step of the automaton
 * costs far more, the more so in a fresh worker whose JIT has not warmed up (issue 18).
 *
 * Non-goals: capture groups, match positions, leftmost-longest semantics; building programs
 * (regex-program.ts).
 */
import { ASSERT, ASSERTS, CHAR, FOLD, JMP, MATCH, SPLIT, firstChars, type Program } from './regex-program.ts';

function inSet(set: { ascii: Uint8Array; r: number[] }, c: number): boolean {
  if (c < 128) return set.ascii[c] === 1;
  const r = set.r;
  for (let k = 0; k < r.length; k += 2) {
    if (c < r[k]!) return false;
    if (c <= r[k + 1]!) return true;
  }
  return false;
}

const isWord = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0x61 && c <= 0x7a);

function holds(k: number, s: string, i: number): boolean {
  const n = s.length;
  switch (ASSERTS[k]) {
    case 'bos':
      return i === 0;
    case 'eos':
      return i === n;
    case 'eosnl':
      return i === n || (i === n - 1 && s.charCodeAt(i) === 0x0a);
    case 'bol':
      return i === 0 || (i < n && s.charCodeAt(i - 1) === 0x0a);
    case 'eol':
      return i === n || s.charCodeAt(i) === 0x0a;
    default: {
      const before = i > 0 && isWord(s.charCodeAt(i - 1));
      const after = i < n && isWord(s.charCodeAt(i));
      return ASSERTS[k] === 'wb' ? before !== after : before === after;
    }
  }
}

// One scratch space per program size, reused: the VM allocates nothing per search.
let marks = new Int32Array(0);
let generation = 0;
let stack = new Int32Array(0);
let listA = new Int32Array(0);
let listB = new Int32Array(0);

function scratch(size: number): void {
  if (marks.length >= size) return;
  marks = new Int32Array(size);
  stack = new Int32Array(size * 2 + 2);
  listA = new Int32Array(size);
  listB = new Int32Array(size);
  generation = 0;
}

function nextGeneration(): number {
  if (++generation === 0x7fffffff) {
    marks.fill(0);
    generation = 1;
  }
  return generation;
}

/**
 * Adds pc and what it reaches without reading a character at position i to `list` (from
 * `len`); returns the new length, or -1 when MATCH is reached.
 */
function addThread(p: Program, list: Int32Array, len: number, pc0: number, s: string, i: number, gen: number): number {
  let top = 0;
  stack[top++] = pc0;
  while (top > 0) {
    const pc = stack[--top]!;
    if (marks[pc] === gen) continue;
    marks[pc] = gen;
    switch (p.op[pc]) {
      case JMP:
        stack[top++] = p.a[pc]!;
        break;
      case SPLIT:
        stack[top++] = p.b[pc]!;
        stack[top++] = p.a[pc]!;
        break;
      case ASSERT:
        if (holds(p.a[pc]!, s, i)) stack[top++] = pc + 1;
        break;
      case MATCH:
        return -1;
      default:
        list[len++] = pc;
    }
  }
  return len;
}

/**
 * Does the pattern match in s[from, to), starting at `lastStart` at the latest? Anchored: only
 * a match starting at `from` counts (a prefix match, as `m@^…@` asks). Assertions see the
 * whole string, so `^`, `$` and `\b` behave as on the line the caller cut s from.
 */
export function search(p: Program, s: string, anchored = false, from = 0, to = s.length, lastStart = to): boolean {
  scratch(p.op.length);
  let clist = listA;
  let nlist = listB;
  let gen = nextGeneration();
  let clen = addThread(p, clist, 0, 0, s, from, gen);
  if (clen < 0) return true;
  if (!anchored && p.first === undefined) p.first = firstChars(p);
  const first = anchored ? null : p.first!;
  // clist holds only the threads of a fresh start at i
  let fresh = true;
  for (let i = from; i < to; i++) {
    if (clen === 0 && (anchored || i > lastStart)) return false;
    if (fresh && first !== null) {
      const end = Math.min(to, lastStart + 1);
      let j = i;
      while (j < end) {
        const c = s.charCodeAt(j);
        if (first[c < 128 ? c : 128] === 1) break;
        j++;
      }
      // no match is empty, so none starts at `to`
      if (j === end) return false;
      if (j > i) {
        i = j;
        gen = nextGeneration();
        clen = addThread(p, clist, 0, 0, s, i, gen);
      }
    }
    const c = s.charCodeAt(i);
    gen = nextGeneration();
    let nlen = 0;
    for (let k = 0; k < clen; k++) {
      const pc = clist[k]!;
      const op = p.op[pc];
      const ok = op === CHAR ? c === p.a[pc] : op === FOLD ? (c | 0x20) === p.a[pc] : inSet(p.sets[p.a[pc]!]!, c);
      if (ok && (nlen = addThread(p, nlist, nlen, pc + 1, s, i + 1, gen)) < 0) return true;
    }
    fresh = nlen === 0;
    if (!anchored && i + 1 <= lastStart && (nlen = addThread(p, nlist, nlen, 0, s, i + 1, gen)) < 0) return true;
    const swap = clist;
    clist = nlist;
    nlist = swap;
    clen = nlen;
  }
  return false;
}
