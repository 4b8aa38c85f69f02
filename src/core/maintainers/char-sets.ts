/**
 * Character sets as sorted, merged [lo, hi] code-unit pairs, the one form perl-regex.ts builds
 * and regex-vm.ts runs: Perl's `\d \w \s \h \v`, the POSIX classes, complements, and ASCII case
 * folding. ASCII semantics throughout, as Perl has them on the bytes get_maintainer.pl reads.
 *
 * Non-goals: Unicode properties or case folding beyond ASCII.
 */

export const MAX_UNIT = 0xffff;

export const DIGIT = [0x30, 0x39];
export const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
export const SPACE = [0x09, 0x0d, 0x20, 0x20];
export const HSPACE = [0x09, 0x09, 0x20, 0x20];
export const VSPACE = [0x0a, 0x0d];
export const POSIX: Record<string, number[]> = {
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
export function folded(r: number[]): number[] {
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

export const isAsciiLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
