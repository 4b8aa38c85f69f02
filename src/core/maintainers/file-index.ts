/**
 * The F: patterns of a MAINTAINERS file indexed by the literal text every path they match
 * starts with (patterns.ts' `patternStart`), so a path meets only the patterns whose start
 * is one of its own prefixes: per directory of the path, the patterns starting there and
 * those whose start goes on with the first characters of the path's name there, a few map
 * lookups in all, where filing by directory alone met every pattern of the path's directory
 * (447 in include/linux) and compiled each on first sight. That work, run once in a fresh
 * worker before the JIT has warmed up, was most of the first match of a version (issue 18:
 * ≤ 20 ms).
 *
 * Most F: values are plain paths (5705 of 6941 in 6.1), indexed under their own text; a glob
 * under its text before the first wildcard; a regex value under its literal prefix. A glob
 * also keeps the longest literal piece after its start, which every path it matches contains
 * (for `drivers/*` then `/*npcm*`, that is `npcm`), so the many globs filed under a short
 * start such as `drivers/` cost an `includes` each. A pattern is compiled when a path first
 * gets past that, and then tried in full (fileMatches): the index only decides who is tried,
 * never what matches.
 *
 * Non-goals: X: (match.ts: few, tried per entry), N: (needle-index.ts), the matching rules
 * (patterns.ts).
 */
import { fileMatches, filePattern, globNeedle, patternStart, type FilePattern } from './patterns.ts';

interface FileRef {
  entry: number;
  value: string;
  /** What every path it matches starts with. */
  start: string;
  /** For a glob, its longest literal piece after the start ('' for none). */
  needle: string;
  /** Undefined until a path reaches it; null when it cannot be compiled (a hand-edited cache). */
  pattern: FilePattern | null | undefined;
}

export interface FileIndex {
  /**
   * F: patterns by their start cut after the directory it lies in (up to and with its last
   * `/`) and at most two characters more: a path looks up, per directory of its own, that
   * directory and it with the path's next one and two characters there.
   */
  byKey: Map<string, FileRef[]>;
  /** Some start goes one character past its directory (those keys are looked up then). */
  short: boolean;
}

export function newFileIndex(): FileIndex {
  return { byKey: new Map(), short: false };
}

/** Files an entry's F: value; throws RegexError when it cannot be read (parse.ts said so). */
export function addFilePattern(ix: FileIndex, entry: number, value: string): void {
  const start = patternStart(value);
  const cut = start.lastIndexOf('/') + 1;
  if (start.length === cut + 1) ix.short = true;
  const key = start.length > cut + 2 ? start.slice(0, cut + 2) : start;
  const ref: FileRef = { entry, value, start, needle: start.length < value.length ? globNeedle(value, start.length) : '', pattern: undefined };
  const list = ix.byKey.get(key);
  if (list) list.push(ref);
  else ix.byKey.set(key, [ref]);
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

export interface FileHits {
  take(entry: number, depth: number): void;
}

function tryRefs(refs: FileRef[] | undefined, path: string, hits: FileHits): void {
  if (!refs) return;
  for (let r = 0; r < refs.length; r++) {
    const ref = refs[r]!;
    if (!path.startsWith(ref.start) || (ref.needle && !path.includes(ref.needle))) continue;
    const p = compiled(ref);
    if (p && fileMatches(p, path)) hits.take(ref.entry, p.depth);
  }
}

/** Tells `hits` each entry one of whose F: patterns matches the path, with that pattern's depth. */
export function eachFileMatch(ix: FileIndex, path: string, hits: FileHits): void {
  for (let at = 0; ; ) {
    tryRefs(ix.byKey.get(path.slice(0, at)), path, hits);
    if (ix.short && at < path.length) tryRefs(ix.byKey.get(path.slice(0, at + 1)), path, hits);
    if (at + 2 <= path.length) tryRefs(ix.byKey.get(path.slice(0, at + 2)), path, hits);
    const slash = path.indexOf('/', at);
    if (slash < 0) return;
    at = slash + 1;
  }
}
