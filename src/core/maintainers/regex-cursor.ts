/**
 * The reading position over a Perl pattern and what is read at it without knowing the
 * pattern's structure: escapes naming one character (`\x41`, `\x{41}`, `\101`, `\cA`, `\n`…),
 * set escapes (`\d`, `\W`…), and bracketed classes. perl-regex.ts builds on it.
 *
 * Non-goals: groups, alternation, quantifiers (perl-regex.ts).
 */
import { complement, DIGIT, folded, HSPACE, MAX_UNIT, normalise, POSIX, SPACE, VSPACE, WORD } from './char-sets.ts';

export class RegexError extends Error {}

export class Cursor {
  pos = 0;
  /** Capture groups opened so far: `\12` is octal unless twelve precede it. */
  captures = 0;
  constructor(readonly src: string) {}

  fail(what: string): never {
    const shown = this.src.length > 80 ? `${this.src.slice(0, 77)}...` : this.src;
    throw new RegexError(`${what} at offset ${this.pos} of /${shown}/`);
  }

  peek(k = 0): string {
    return this.src.charAt(this.pos + k);
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

  /** A `[…]` class at pos; `fold`: /i is on. */
  charClass(fold: boolean): number[] {
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
    if (fold) set = folded(set);
    return neg ? complement(set) : set;
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
