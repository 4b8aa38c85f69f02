/**
 * Text from URLs and pages decoded without throwing and without mojibake: the two repairs
 * every adapter and the public-inbox URL grammar need, in a module that imports nothing so
 * all of them can share it without import cycles.
 *
 * Non-goals: HTML entities and page text (page-text.ts).
 */

/** Percent-decoding that never throws: a malformed escape leaves the text as it is. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// windows-1252's 0x80–0x9F, for text that a page decoded as cp1252 rather than latin1
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * UTF-8 that an archive decoded as latin1/cp1252 (`JÃ©rÃ´me`), decoded again as UTF-8
 * when that round-trips exactly; otherwise the text as it is. Text that is already
 * right has no `Ã`/`Â`-style lead bytes followed by continuation bytes, so it never
 * changes. Where the archive dropped the continuation bytes (`JÃrÃme`), nothing can
 * be recovered and the name is shown as it is.
 */
export function repairMojibake(s: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]/.test(s)) return s;
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const i = CP1252.indexOf(ch);
    if (c <= 0xff) bytes.push(c);
    else if (i >= 0) bytes.push(0x80 + i);
    else return s;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return s;
  }
}
