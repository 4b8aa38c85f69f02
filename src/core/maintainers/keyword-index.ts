/**
 * Which entries' K: keywords a patch's text holds, without trying every keyword on every
 * patch: keywords are filed by their needles (needle-index.ts), and a patch meets only those
 * with a needle in its text. The kernel's 35 keywords were 35 searches of every patch, each
 * with its own closures and sets, in a version's first match, before the JIT had warmed up.
 *
 * Non-goals: how a keyword matches a line (keywords.ts), what a match means (match.ts).
 */
import { keywordMatches, patchLines, type Keyword } from './keywords.ts';
import { addByNeedles, candidates, newNeedleIndex, type NeedleIndex } from './needle-index.ts';

interface KeywordRef {
  entry: number;
  keyword: Keyword;
}

export type KeywordIndex = NeedleIndex<KeywordRef>;

export const newKeywordIndex = (): KeywordIndex => newNeedleIndex();

export function addKeyword(ix: KeywordIndex, entry: number, keyword: Keyword): void {
  addByNeedles(ix, { entry, keyword }, keyword.needles);
}

/** The entries one of whose keywords get_maintainer.pl's keyword scan finds in the text. */
export function keywordEntries(ix: KeywordIndex, text: string): Set<number> {
  const lines = patchLines(text);
  const hit = new Set<number>();
  const tried = new Set<Keyword>();
  // (lines.lower is null when lower-casing moved offsets: then every keyword, on every line)
  for (const refs of candidates(ix, lines.lower)) {
    for (let r = 0; r < refs.length; r++) {
      const { entry, keyword } = refs[r]!;
      if (hit.has(entry) || tried.has(keyword)) continue;
      tried.add(keyword);
      if (keywordMatches(keyword, lines)) hit.add(entry);
    }
  }
  return hit;
}
