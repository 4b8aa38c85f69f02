/**
 * Which entries' K: keywords a patch's text holds, without trying every keyword on every
 * patch: keywords are filed by their needles (the strings one of which every match contains,
 * keywords.ts), and a patch meets only those with a needle in its text, one `includes` per
 * distinct needle. The kernel's 35 keywords were 35 searches of every patch, each with its
 * own closures and sets, in a version's first match, before the JIT had warmed up.
 *
 * Non-goals: how a keyword matches a line (keywords.ts), what a match means (match.ts).
 */
import { keywordMatches, patchLines, type Keyword } from './keywords.ts';

interface KeywordRef {
  entry: number;
  keyword: Keyword;
}

export interface KeywordIndex {
  /** Keywords by each of their needles. */
  byNeedle: Map<string, KeywordRef[]>;
  /** Keywords without needles: tried on every text. */
  always: KeywordRef[];
  /** Every keyword: a text whose lower case moved offsets gets no needle search. */
  all: KeywordRef[];
}

export function newKeywordIndex(): KeywordIndex {
  return { byNeedle: new Map(), always: [], all: [] };
}

export function addKeyword(ix: KeywordIndex, entry: number, keyword: Keyword): void {
  const ref = { entry, keyword };
  ix.all.push(ref);
  if (!keyword.needles) ix.always.push(ref);
  for (const needle of keyword.needles ?? []) {
    const list = ix.byNeedle.get(needle);
    if (list) list.push(ref);
    else ix.byNeedle.set(needle, [ref]);
  }
}

/** The entries one of whose keywords get_maintainer.pl's keyword scan finds in the text. */
export function keywordEntries(ix: KeywordIndex, text: string): Set<number> {
  const lines = patchLines(text);
  const hit = new Set<number>();
  const tried = new Set<Keyword>();
  const attempt = (refs: KeywordRef[]): void => {
    for (const { entry, keyword } of refs) {
      if (hit.has(entry) || tried.has(keyword)) continue;
      tried.add(keyword);
      if (keywordMatches(keyword, lines)) hit.add(entry);
    }
  };
  const lower = lines.lower;
  if (lower === null) {
    attempt(ix.all);
    return hit;
  }
  attempt(ix.always);
  for (const [needle, refs] of ix.byNeedle) if (lower.includes(needle)) attempt(refs);
  return hit;
}
