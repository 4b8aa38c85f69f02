/**
 * Trimming a set of characters from the ends of a string, by a scan. The regexes that did
 * this (`/[.,;:]+$/`, `/[ \t]+$/`, `/^[,;]+|[,;]+$/g`) try a long run of those characters
 * from each of its positions again when something else follows the run: quadratic in the
 * run (issue 16's regex audit: 8,000 of them took 50 ms, 100,000 take seconds).
 *
 * Non-goals: white space in general (String's own trim, trimEnd and trimStart are linear).
 */

/** `s` without the characters of `chars` at its end. */
export function trimEndChars(s: string, chars: string): string {
  let b = s.length;
  while (b > 0 && chars.includes(s[b - 1]!)) b--;
  return b === s.length ? s : s.slice(0, b);
}

/** `s` without the characters of `chars` at its start. */
export function trimStartChars(s: string, chars: string): string {
  let a = 0;
  while (a < s.length && chars.includes(s[a]!)) a++;
  return a === 0 ? s : s.slice(a);
}

/** `s` without the characters of `chars` at either end. */
export function trimChars(s: string, chars: string): string {
  return trimStartChars(trimEndChars(s, chars), chars);
}
