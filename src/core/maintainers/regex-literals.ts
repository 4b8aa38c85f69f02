/**
 * What a pattern tree (perl-regex.ts) says about every match before running it: strings one of
 * which every match contains (`requiredLiterals`, so a caller skips texts and lines without
 * any of them with a plain `includes`), the literal text a match starts with, and whether the
 * whole pattern is one literal. These keep the automaton (regex-vm.ts) off most inputs.
 *
 * Non-goals: running patterns.
 */
import type { RegexNode } from './perl-regex.ts';

type Literals = string[] | null;

/** The literal character a node always matches (folded to lower case), or null. */
function oneChar(n: RegexNode): string | null {
  if (n.t === 'char') return String.fromCharCode(n.c).toLowerCase();
  if (n.t === 'set' && n.r.length === 2 && n.r[0] === n.r[1]) return String.fromCharCode(n.r[0]!).toLowerCase();
  if (n.t === 'set' && n.r.length === 4 && n.r[0] === n.r[1] && n.r[2] === n.r[3] && n.r[2]! - n.r[0]! === 32 && n.r[0]! >= 0x41 && n.r[0]! <= 0x5a) {
    return String.fromCharCode(n.r[2]!);
  }
  return null;
}

const better = (x: Literals, y: Literals): Literals => {
  if (!x) return y;
  if (!y) return x;
  const min = (l: string[]): number => Math.min(...l.map((s) => s.length));
  return min(y) > min(x) || (min(y) === min(x) && y.length < x.length) ? y : x;
};

/**
 * Strings (lower case) one of which every match contains, compared case-insensitively; null
 * when there are none to rely on. Conservative: lower-casing both sides only lets more through.
 */
export function requiredLiterals(n: RegexNode): Literals {
  switch (n.t) {
    case 'char':
    case 'set': {
      const c = oneChar(n);
      return c ? [c] : null;
    }
    case 'rep':
      return n.min > 0 ? requiredLiterals(n.n) : null;
    case 'alt': {
      const all: string[] = [];
      for (const alt of n.alts) {
        const l = requiredLiterals(alt);
        if (!l) return null;
        all.push(...l);
      }
      return [...new Set(all)];
    }
    case 'seq': {
      let best: Literals = null;
      let run = '';
      for (const item of n.items) {
        const c = oneChar(item);
        if (c !== null) {
          run += c;
          continue;
        }
        if (run) best = better(best, [run]);
        run = '';
        if (item.t !== 'assert') best = better(best, requiredLiterals(item));
      }
      return run ? better(best, [run]) : best;
    }
    default:
      return null;
  }
}

/** The literal text every match starting at 0 begins with (case-sensitive: F: patterns). */
export function literalPrefix(n: RegexNode): string {
  const items = n.t === 'seq' ? n.items : [n];
  let out = '';
  for (const item of items) {
    if (item.t !== 'char' || item.fold) break;
    out += String.fromCharCode(item.c);
  }
  return out;
}

/** The whole pattern is one literal string (no class, repeat, anchor or alternation). */
export function isLiteral(n: RegexNode): boolean {
  return n.t === 'char' ? !n.fold : n.t === 'seq' && n.items.every((i) => i.t === 'char' && !i.fold);
}
