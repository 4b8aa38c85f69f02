/**
 * Runs a pattern tree (perl-regex.ts) as a Thompson automaton in a Pike VM: every position of
 * the text is visited once and carries at most one thread per instruction, so a search costs
 * at most text length × program size, whatever the pattern and the text. That bound is the
 * point: MAINTAINERS comes from a URL the reader names and the text is anyone's mail, and a
 * backtracking engine (JavaScript's RegExp, Perl's) can take exponential time on both.
 *
 * It only answers "is there a match", which is all get_maintainer.pl asks (regex-literals.ts
 * names what lets a caller skip a text or a line without running it). While no thread is
 * alive but the one starting afresh, an unanchored search skips the characters no match can
 * start with (`first`) in a plain loop: most of a line is that, and a step of the automaton
 * costs far more, the more so in a fresh worker whose JIT has not warmed up (issue 18).
 *
 * Non-goals: capture groups, match positions, leftmost-longest semantics.
 */
import { RegexError, type Assertion, type RegexNode } from './perl-regex.ts';

const CHAR = 0;
const FOLD = 1;
const SET = 2;
const SPLIT = 3;
const JMP = 4;
const ASSERT = 5;
const MATCH = 6;

const ASSERTS: Assertion[] = ['bos', 'eos', 'eosnl', 'bol', 'eol', 'wb', 'nwb'];
/** A pattern whose automaton would be larger than this is refused: it bounds every search. */
export const MAX_PROGRAM = 4000;

export interface Program {
  op: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  sets: Array<{ ascii: Uint8Array; r: number[] }>;
  /**
   * The ASCII characters a match can start with (1), and whether one above ASCII can (index
   * 128); null when a match can be empty, so that no character can be skipped. Worked out on
   * the first unanchored search: most programs of a file never run.
   */
  first?: Uint8Array | null;
}

// Sets never change once built: programs share them (thousands of F: globs use the same `.`).
const setCache = new Map<string, { ascii: Uint8Array; r: number[] }>();

function sharedSet(r: number[]): { ascii: Uint8Array; r: number[] } {
  const key = r.join(',');
  let set = setCache.get(key);
  if (!set) {
    const ascii = new Uint8Array(128);
    for (let k = 0; k < r.length; k += 2) for (let c = r[k]!; c <= Math.min(r[k + 1]!, 127); c++) ascii[c] = 1;
    if (setCache.size < 1000) setCache.set(key, (set = { ascii, r }));
    else set = { ascii, r };
  }
  return set;
}

class Builder {
  op: number[] = [];
  a: number[] = [];
  b: number[] = [];
  sets: Program['sets'] = [];

  emit(op: number, a = 0, b = 0): number {
    if (this.op.length >= MAX_PROGRAM) throw new RegexError(`the pattern is too large (over ${MAX_PROGRAM} automaton states)`);
    this.op.push(op);
    this.a.push(a);
    this.b.push(b);
    return this.op.length - 1;
  }

  node(n: RegexNode): void {
    switch (n.t) {
      case 'char':
        this.emit(n.fold ? FOLD : CHAR, n.fold ? n.c | 0x20 : n.c);
        return;
      case 'set':
        this.sets.push(sharedSet(n.r));
        this.emit(SET, this.sets.length - 1);
        return;
      case 'assert':
        this.emit(ASSERT, ASSERTS.indexOf(n.k));
        return;
      case 'seq':
        for (const item of n.items) this.node(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        n.alts.forEach((alt, k) => {
          if (k === n.alts.length - 1) {
            this.node(alt);
            return;
          }
          const split = this.emit(SPLIT);
          this.a[split] = this.op.length;
          this.node(alt);
          jumps.push(this.emit(JMP));
          this.b[split] = this.op.length;
        });
        for (const j of jumps) this.a[j] = this.op.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) this.node(n.n);
        if (n.max === -1) {
          const split = this.emit(SPLIT);
          this.a[split] = this.op.length;
          this.node(n.n);
          this.emit(JMP, split);
          this.b[split] = this.op.length;
          return;
        }
        const splits: number[] = [];
        for (let k = n.min; k < n.max; k++) {
          const split = this.emit(SPLIT);
          this.a[split] = this.op.length;
          splits.push(split);
          this.node(n.n);
        }
        for (const s of splits) this.b[s] = this.op.length;
      }
    }
  }
}

/** `first` of a program: what its consuming instructions reachable from the start accept. */
function firstChars(p: Program): Uint8Array | null {
  const first = new Uint8Array(129);
  const seen = new Uint8Array(p.op.length);
  const todo = [0];
  while (todo.length) {
    const pc = todo.pop()!;
    if (seen[pc]) continue;
    seen[pc] = 1;
    switch (p.op[pc]) {
      case MATCH:
        return null;
      case JMP:
        todo.push(p.a[pc]!);
        break;
      case SPLIT:
        todo.push(p.a[pc]!, p.b[pc]!);
        break;
      case ASSERT:
        // it may hold: what follows may start the match
        todo.push(pc + 1);
        break;
      case CHAR:
        first[Math.min(p.a[pc]!, 128)] = 1;
        break;
      case FOLD:
        first[p.a[pc]!] = first[p.a[pc]! & ~0x20] = 1;
        break;
      default: {
        const set = p.sets[p.a[pc]!]!;
        for (let c = 0; c < 128; c++) if (set.ascii[c]) first[c] = 1;
        if (set.r.length && set.r[set.r.length - 1]! >= 128) first[128] = 1;
      }
    }
  }
  return first;
}

export function compileRegex(node: RegexNode): Program {
  const b = new Builder();
  b.node(node);
  b.emit(MATCH);
  return { op: Uint8Array.from(b.op), a: Int32Array.from(b.a), b: Int32Array.from(b.b), sets: b.sets };
}

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
