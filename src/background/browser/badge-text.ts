/**
 * The toolbar badge's words, apart from badge.ts so they are tested in Node (the polyfill
 * that badge.ts needs throws outside a browser).
 */

/** The count, "99+" past it, '' for none (an empty badge is no badge). */
export function badgeText(count: number): string {
  return count <= 0 ? '' : count > 99 ? '99+' : String(count);
}
