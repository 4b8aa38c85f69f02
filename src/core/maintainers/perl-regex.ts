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
 * Non-goals: running patterns (regex-vm.ts), Unicode semantics, capture positions; escapes and
 * classes are read by regex-cursor.ts, sets built by char-sets.ts.
 */
import { complement, folded, isAsciiLetter, MAX_UNIT } from './char-sets.ts';
import { Cursor } from './regex-cursor.ts';

export { RegexError } from './regex-cursor.ts';

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

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
}

const MAX_REPEAT = 1000;
const MAX_DEPTH = 64;

const seq = (items: RegexNode[]): RegexNode => (items.length === 1 ? items[0]! : { t: 'seq', items });

class Reader extends Cursor {
  depth = 0;

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
        return { t: 'set', r: this.charClass(flags.i) };
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
