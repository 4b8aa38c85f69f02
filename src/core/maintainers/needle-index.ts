/**
 * Patterns filed by their needles (regex-literals.ts: lower-case strings one of which every
 * match contains), so that a text meets only the patterns with a needle in it, at one
 * `includes` per distinct needle rather than a call per pattern. K: keywords on a patch
 * (keyword-index.ts) and N: regexes on a path (match.ts) both use it: run on every patch and
 * every path of a version, they were most of its first match, which runs before the JIT has
 * warmed up (issue 18: ≤ 20 ms).
 *
 * Non-goals: finding the needles (regex-literals.ts), running a pattern.
 */

export interface NeedleIndex<T> {
  /** Every distinct needle, and the items it is a needle of, at the same index. */
  needles: string[];
  byNeedle: T[][];
  /** Items without a needle: tried on every text. */
  always: T[];
  /** Every item. */
  all: T[];
}

export function newNeedleIndex<T>(): NeedleIndex<T> {
  return { needles: [], byNeedle: [], always: [], all: [] };
}

export function addByNeedles<T>(ix: NeedleIndex<T>, item: T, needles: readonly string[] | null): void {
  ix.all.push(item);
  if (!needles) ix.always.push(item);
  for (const needle of needles ?? []) {
    const k = ix.needles.indexOf(needle);
    if (k >= 0) ix.byNeedle[k]!.push(item);
    else {
      ix.needles.push(needle);
      ix.byNeedle.push([item]);
    }
  }
}

/**
 * The lists of items worth trying on a text, given in lower case (null: no needle search,
 * every item): those without a needle, then those of each needle it holds. An item with
 * several needles may come more than once.
 */
export function candidates<T>(ix: NeedleIndex<T>, lower: string | null): T[][] {
  if (lower === null) return [ix.all];
  const out = [ix.always];
  // an indexed loop, as plain as can be: it runs before the JIT has warmed up
  const needles = ix.needles;
  for (let k = 0; k < needles.length; k++) if (lower.includes(needles[k]!)) out.push(ix.byNeedle[k]!);
  return out;
}
