/**
 * The F: patterns of a MAINTAINERS file indexed by the literal text every path they match
 * starts with (patterns.ts' `patternStart`), so a path meets only the patterns whose start is
 * one of its own prefixes: about its length in map lookups, plus a handful of patterns, where
 * filing by directory met every pattern of the path's directory (447 in include/linux) and
 * compiled each on first sight. That work, run once in a fresh worker before the JIT has
 * warmed up, was most of the first match of a version (issue 18: ≤ 20 ms).
 *
 * Most F: values are plain paths (5705 of 6941 in 6.1), indexed under their own text; a glob
 * under its text before the first wildcard; a regex value under its literal prefix. A glob
 * also keeps the longest literal piece after its start, which every path it matches contains
 * (for `drivers/*` then `/*npcm*`, that is `npcm`), so the many globs filed under a short
 * start such as `drivers/` cost an `includes` each. A pattern is compiled when a path first
 * gets past that, and then tried in full (fileMatches): the index only decides who is tried,
 * never what matches.
 *
 * Non-goals: X: and N: (match.ts: few, tried per entry), the matching rules (patterns.ts).
 */
import { fileMatches, filePattern, GLOB, longestPiece, patternStart, type FilePattern } from './patterns.ts';

interface FileRef {
  entry: number;
  value: string;
  /** For a glob, its longest literal piece after the start ('' for none). */
  needle: string;
  /** Undefined until a path reaches it; null when it cannot be compiled (a hand-edited cache). */
  pattern?: FilePattern | null;
}

export interface FileIndex {
  /** F: patterns by their literal start. */
  byStart: Map<string, FileRef[]>;
  /** The longest start: a path's longer prefixes hold no pattern. */
  longest: number;
}

export function newFileIndex(): FileIndex {
  return { byStart: new Map(), longest: 0 };
}

/** Files an entry's F: value; throws RegexError when it cannot be read (parse.ts said so). */
export function addFilePattern(ix: FileIndex, entry: number, value: string): void {
  const start = patternStart(value);
  const ref: FileRef = { entry, value, needle: value.length > start.length && GLOB.test(value) ? longestPiece(value.slice(start.length)) : '' };
  const list = ix.byStart.get(start);
  if (list) list.push(ref);
  else ix.byStart.set(start, [ref]);
  if (start.length > ix.longest) ix.longest = start.length;
}

function compiled(ref: FileRef): FilePattern | null {
  if (ref.pattern === undefined) {
    try {
      ref.pattern = filePattern(ref.value);
    } catch {
      ref.pattern = null;
    }
  }
  return ref.pattern;
}

/** Calls `take` with each entry one of whose F: patterns matches the path, and that pattern's depth. */
export function eachFileMatch(ix: FileIndex, path: string, take: (entry: number, depth: number) => void): void {
  const last = Math.min(path.length, ix.longest);
  for (let k = 0; k <= last; k++) {
    const refs = ix.byStart.get(k === path.length ? path : path.slice(0, k));
    if (!refs) continue;
    for (let r = 0; r < refs.length; r++) {
      const ref = refs[r]!;
      if (ref.needle && !path.includes(ref.needle)) continue;
      const p = compiled(ref);
      if (p && fileMatches(p, path)) take(ref.entry, p.depth);
    }
  }
}
