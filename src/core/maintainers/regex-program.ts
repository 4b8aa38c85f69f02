/**
 * A pattern tree (perl-regex.ts) compiled to the instructions of a Thompson automaton, which
 * regex-vm.ts runs: characters, case-folded letters, sets (shared between programs: thousands
 * of F: globs use the same `.`), splits, jumps, assertions. Programs are capped in size, as
 * that bounds every search. Also what a program's matches can start with, which lets the VM
 * skip the rest of a line without stepping the automaton.
 *
 * Non-goals: running programs (regex-vm.ts), reading patterns (perl-regex.ts).
 */
import { RegexError, type Assertion, type RegexNode } from './perl-regex.ts';

export const CHAR = 0;
export const FOLD = 1;
export const SET = 2;
export const SPLIT = 3;
export const JMP = 4;
export const ASSERT = 5;
export const MATCH = 6;

export const ASSERTS: Assertion[] = ['bos', 'eos', 'eosnl', 'bol', 'eol', 'wb', 'nwb'];
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
export function firstChars(p: Program): Uint8Array | null {
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
