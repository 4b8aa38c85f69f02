/**
 * Perl regular expressions as MAINTAINERS writes them (N: path regexes, K: keywords, and the
 * F:/X: globs get_maintainer.pl turns into regexes), read into a small tree that regex-vm.ts
 * runs in time linear in the text. We never hand such a pattern to JavaScript's RegExp: the
 * file may come from any URL and the text it meets is anyone's mail, and a backtracking engine
 * lets one `(a+)+$` turn one long line into minutes.
 *
 * The subset is what a finite automaton can run: literals, `.`, classes (ranges, `\d\w\s\h\v`
 * and their negations, POSIX `[:alpha:]`), `^ $ \A \z \Z \b \B`, groups (capturing, `(?:`,
 * named), `|`, `* + ? {n} {n,} {n,m} {,m}` (lazy or not: only whether it matches counts),
 * inline flags `(?i)` `(?i:…)` `(?^…)` for i, m, s, x (x as get_maintainer.pl passes it for
 * N: and K:). Case folding is ASCII only, as Perl does on the bytes get_maintainer.pl reads.
 * Anything else (backreferences, lookaround, atomic groups, possessive quantifiers, `\p{…}`,
 * recursion, code) is a RegexError naming it, never a guess; so is a repeat above 1000.
 *
 * Non-goals: running patterns (regex-vm.ts), Unicode semantics, capture positions.
 */

export type Assertion = 'bos' | 'eos' | 'eosnl' | 'bol' | 'eol' | 'wb' | 'nwb';

export type RegexNode =
  | { t: 'char'; c: number; fold: boolean }
  /** One code unit in the sorted, merged [lo, hi] pairs of `r`. */
  | { t: 'set'; r: number[] }
  | { t: 'assert'; k: Assertion }
  | { t: 'seq'; items: RegexNode[] }
  | { t: 'alt'; alts: RegexNode[] }
  /** max -1: unbounded. */
  | { t: 'rep'; n: RegexNode; min: number; max: number };

export class RegexError extends Error {}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
}

const MAX_UNIT = 0xffff;
const MAX_REPEAT = 1000;
const MAX_DEPTH = 64;

const DIGIT = [0x30, 0x39];
const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE = [0x09, 0x0d, 0x20, 0x20];
const HSPACE = [0x09, 0x09, 0x20, 0x20];
const VSPACE = [0x0a, 0x0d];
const POSIX: Record<string, number[]> = {
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  digit: DIGIT,
  upper: [0x41, 0x5a],
  lower: [0x61, 0x7a],
  space: SPACE,
  blank: HSPACE,
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
  word: WORD,
  cntrl: [0x00, 0x1f, 0x7f, 0x7f],
  graph: [0x21, 0x7e],
  print: [0x20, 0x7e],
  ascii: [0x00, 0x7f],
};

/** Sorted, merged pairs. */
export function normalise(r: number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k + 1 < r.length; k += 2) pairs.push([r[k]!, r[k + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last]! + 1) out[last] = Math.max(out[last]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

export function complement(r: number[]): number[] {
  const n = normalise(r);
  const out: number[] = [];
  let next = 0;
  for (let k = 0; k < n.length; k += 2) {
    if (n[k]! > next) out.push(next, n[k]! - 1);
    next = n[k + 1]! + 1;
  }
  if (next <= MAX_UNIT) out.push(next, MAX_UNIT);
  return out;
}

/** The ranges plus the other case of every ASCII letter in them. */
function folded(r: number[]): number[] {
  const out = [...r];
  for (let k = 0; k + 1 < r.length; k += 2) {
    for (const [a, z, shift] of [[0x41, 0x5a, 32], [0x61, 0x7a, -32]] as const) {
      const lo = Math.max(r[k]!, a);
      const hi = Math.min(r[k + 1]!, z);
      if (lo <= hi) out.push(lo + shift, hi + shift);
    }
  }
  return normalise(out);
}

const isAsciiLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const seq = (items: RegexNode[]): RegexNode => (items.length === 1 ? items[0]! : { t: 'seq', items });

class Reader {
  pos = 0;
  depth = 0;
  /** Capture groups opened so far: `\12` is octal unless twelve precede it. */
  captures = 0;
  constructor(readonly src: string) {}

  fail(what: string): never {
    throw new RegexError(`${what} at offset ${this.pos} of /${this.src}/`);
  }

  peek(k = 0): string {
    return this.src.charAt(this.pos + k);
  }

  /** In /x, blanks and `#` comments between items are not part of the pattern. */
  skipExtended(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') this.pos++;
      else if (c === '#') {
        const nl = this.src.indexOf('\n', this.pos);
        this.pos = nl < 0 ? this.src.length : nl + 1;
      } else return;
    }
  }

  alternation(flags: Flags): RegexNode {
    const alts: RegexNode[] = [];
    let items: RegexNode[] = [];
    for (;;) {
      this.skipExtended(flags);
      const c = this.peek();
      if (c === '' || c === ')') break;
      if (c === '|') {
        this.pos++;
        alts.push(seq(items));
        items = [];
        continue;
      }
      const atom = this.atom(flags);
      if (atom) items.push(this.quantified(atom, flags));
    }
    alts.push(seq(items));
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  /** `{n}`, `{n,}`, `{n,m}`, `{,m}` at pos, or null when the brace is a literal one. */
  braces(): { min: number; max: number; end: number } | null {
    const m = /^\{(\d*)(,?)(\d*)\}/.exec(this.src.slice(this.pos, this.pos + 24));
    if (!m || (m[1] === '' && (m[2] === '' || m[3] === ''))) return null;
    const min = m[1] === '' ? 0 : Number(m[1]);
    const max = m[2] === '' ? min : m[3] === '' ? -1 : Number(m[3]);
    return { min, max, end: this.pos + m[0].length };
  }

  quantified(atom: RegexNode, flags: Flags): RegexNode {
    this.skipExtended(flags);
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*') [min, max] = [0, -1];
    else if (c === '+') [min, max] = [1, -1];
    else if (c === '?') [min, max] = [0, 1];
    else {
      const b = c === '{' ? this.braces() : null;
      if (!b) return atom;
      ({ min, max } = b);
      this.pos = b.end - 1;
    }
    this.pos++;
    if (min > MAX_REPEAT || max > MAX_REPEAT) this.fail(`a repeat count above ${MAX_REPEAT}`);
    if (max !== -1 && max < min) this.fail('a {n,m} repeat with n > m');
    // in /x, Perl reads `a* ?` as lazy and `a* +` as possessive
    this.skipExtended(flags);
    if (this.peek() === '?') this.pos++;
    else if (this.peek() === '+') this.fail('a possessive quantifier (unsupported)');
    this.skipExtended(flags);
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?' || (next === '{' && this.braces())) this.fail('nested quantifiers');
    return { t: 'rep', n: atom, min, max };
  }

  atom(flags: Flags): RegexNode | null {
    const c = this.peek();
    switch (c) {
      case '(':
        return this.group(flags);
      case '[':
        return this.charClass(flags);
      case '.':
        this.pos++;
        return { t: 'set', r: flags.s ? [0, MAX_UNIT] : complement([0x0a, 0x0a]) };
      case '^':
        this.pos++;
        return { t: 'assert', k: flags.m ? 'bol' : 'bos' };
      case '$':
        this.pos++;
        return { t: 'assert', k: flags.m ? 'eol' : 'eosnl' };
      case '\\':
        return this.escape(flags);
      case '*':
      case '+':
      case '?':
        return this.fail('a quantifier that follows nothing');
      default:
        this.pos++;
        return this.literal(c.charCodeAt(0), flags);
    }
  }

  literal(code: number, flags: Flags): RegexNode {
    return { t: 'char', c: code, fold: flags.i && isAsciiLetter(code) };
  }

  group(outer: Flags): RegexNode | null {
    this.pos++;
    let flags = { ...outer };
    if (this.peek() === '*') this.fail('a (*VERB) (unsupported)');
    if (this.peek() !== '?') this.captures++;
    if (this.peek() === '?') {
      this.pos++;
      const c = this.peek();
      // enough to tell the group kinds apart (and a name of 40 characters)
      const rest = this.src.slice(this.pos, this.pos + 48);
      if (c === '#') {
        const end = this.src.indexOf(')', this.pos);
        if (end < 0) this.fail('an unterminated (?# comment');
        this.pos = end + 1;
        return null;
      }
      if (c === ':' || c === '|') this.pos++;
      else if (/^(<[A-Za-z_]\w*>|'[A-Za-z_]\w*'|P<[A-Za-z_]\w*>)/.test(rest)) {
        this.pos += /^(P?<[^>]*>|'[^']*')/.exec(rest)![0].length;
        this.captures++;
      }
      else if (/^(=|!|<=|<!)/.test(rest)) this.fail('a lookaround (unsupported)');
      else if (c === '>') this.fail('an atomic group (unsupported)');
      else if (/^(\(|\??\{|R|&|P[=>]|[-+]?\d)/.test(rest)) this.fail('a conditional, recursion, back-reference or code group (unsupported)');
      else {
        const m = /^(\^?)([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
        if (!m) this.fail('an unknown (? group');
        this.pos += m[0].length;
        if (m[1]) flags = { i: false, m: false, s: false, x: false };
        for (const [letters, on] of [[m[2]!, true], [m[3] ?? '', false]] as const) {
          for (const f of letters) {
            if (f === 'i' || f === 'm' || f === 's' || f === 'x') flags[f] = on;
            else if (!'nadlup'.includes(f)) this.fail(`an unknown inline flag '${f}'`);
          }
        }
        if (m[4] === ')') {
          // (?i) changes the rest of the enclosing group, across its later alternatives too
          Object.assign(outer, flags);
          return null;
        }
      }
    }
    if (++this.depth > MAX_DEPTH) this.fail(`groups nested deeper than ${MAX_DEPTH}`);
    const body = this.alternation(flags);
    this.depth--;
    if (this.peek() !== ')') this.fail('an unclosed (');
    this.pos++;
    return body;
  }

  /** One `\x` outside a class. */
  escape(flags: Flags): RegexNode {
    this.pos++;
    const c = this.peek();
    if (c === '') this.fail('a trailing backslash');
    const assert: Record<string, Assertion> = { b: 'wb', B: 'nwb', A: 'bos', z: 'eos', Z: 'eosnl' };
    if (assert[c]) {
      if (c === 'b' && this.peek(1) === '{') this.fail('a \\b{…} boundary (unsupported)');
      this.pos++;
      return { t: 'assert', k: assert[c]! };
    }
    if (c === 'N' && this.peek(1) !== '{') {
      this.pos++;
      return { t: 'set', r: complement([0x0a, 0x0a]) };
    }
    const set = this.classEscape();
    if (set) return { t: 'set', r: flags.i ? folded(set) : set };
    return this.literal(this.escapedUnit(), flags);
  }

  /** `\d \D \w \W \s \S \h \H \v \V` at pos (after the backslash), or null. */
  classEscape(): number[] | null {
    const sets: Record<string, number[]> = { d: DIGIT, w: WORD, s: SPACE, h: HSPACE, v: VSPACE };
    const c = this.peek();
    const base = sets[c.toLowerCase()];
    if (!base) return null;
    this.pos++;
    return c === c.toLowerCase() ? base : complement(base);
  }

  /** The code unit of an escape naming one character (pos after the backslash). */
  escapedUnit(): number {
    const c = this.peek();
    const simple: Record<string, number> = { n: 0x0a, t: 0x09, r: 0x0d, f: 0x0c, e: 0x1b, a: 0x07 };
    if (c in simple) {
      this.pos++;
      return simple[c]!;
    }
    const rest = this.src.slice(this.pos, this.pos + 16);
    let m: RegExpExecArray | null;
    if ((m = /^x\{([0-9a-fA-F]{1,4})\}/.exec(rest)) || (m = /^x([0-9a-fA-F]{0,2})/.exec(rest))) {
      this.pos += m[0].length;
      return m[1] ? parseInt(m[1], 16) : 0;
    }
    if ((m = /^o\{([0-7]{1,6})\}/.exec(rest)) || (m = /^(0[0-7]{0,2})/.exec(rest))) {
      this.pos += m[0].length;
      return parseInt(m[1]!, 8) & MAX_UNIT;
    }
    // `\10` and up: a back-reference when that many groups precede, else up to 3 octal digits
    if ((m = /^[1-9]\d+/.exec(rest)) && Number(m[0]) >= 10 && Number(m[0]) > this.captures && (m = /^[0-7]{1,3}/.exec(rest))) {
      this.pos += m[0].length;
      return parseInt(m[0], 8);
    }
    if ((m = /^c([\x40-\x7e])/.exec(rest))) {
      this.pos += 2;
      return m[1]!.toUpperCase().charCodeAt(0) ^ 0x40;
    }
    if (/[1-9gk]/.test(c)) this.fail('a back-reference (unsupported)');
    if (/[A-Za-z0-9]/.test(c)) this.fail(`the escape \\${c} (unsupported)`);
    this.pos++;
    return c.charCodeAt(0);
  }

  charClass(flags: Flags): RegexNode {
    this.pos++;
    let neg = false;
    if (this.peek() === '^') {
      neg = true;
      this.pos++;
    }
    const r: number[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === '') this.fail('an unclosed [');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos, this.pos + 12));
      if (posix) {
        const set = POSIX[posix[2]!];
        if (!set) this.fail(`the POSIX class [:${posix[2]}:] (unknown)`);
        this.pos += posix[0].length;
        r.push(...(posix[1] ? complement(set) : set));
        continue;
      }
      const lo = this.classAtom();
      if (typeof lo !== 'number') {
        r.push(...lo);
        continue;
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        const save = this.pos;
        this.pos++;
        const hi = this.classAtom();
        if (typeof hi !== 'number') {
          // Perl reads `[a-\d]` as a, '-', digits
          this.pos = save + 1;
          r.push(lo, lo, 0x2d, 0x2d);
          continue;
        }
        if (hi < lo) this.fail('a [] range out of order');
        r.push(lo, hi);
      } else r.push(lo, lo);
    }
    let set = normalise(r);
    if (flags.i) set = folded(set);
    return { t: 'set', r: neg ? complement(set) : set };
  }

  classAtom(): number | number[] {
    const c = this.peek();
    if (c !== '\\') {
      this.pos++;
      return c.charCodeAt(0);
    }
    this.pos++;
    if (this.peek() === 'b') {
      this.pos++;
      return 0x08;
    }
    if (this.peek() === 'N') this.fail('\\N in a class (unsupported)');
    return this.classEscape() ?? this.escapedUnit();
  }
}

export interface PerlRegexOptions {
  /** The /x flag (get_maintainer.pl matches N: and K: with it). */
  x?: boolean;
}

/** The tree of a Perl pattern; a RegexError says why one cannot be read. */
export function parsePerlRegex(src: string, opts: PerlRegexOptions = {}): RegexNode {
  const reader = new Reader(src);
  const node = reader.alternation({ i: false, m: false, s: false, x: !!opts.x });
  if (reader.pos < src.length) reader.fail('an unmatched )');
  return node;
}
