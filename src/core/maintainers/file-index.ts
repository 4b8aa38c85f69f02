/**
 * The F: patterns of a MAINTAINERS file indexed by the literal text every path they match
 * starts with (patterns.ts' `patternStart`), so a path meets only the patterns whose start is
 * one of its own prefixes: per directory of the path, the patterns starting there and those
 * whose start goes on with the first characters of the path's name there, a few map lookups
 * in all, where filing by directory alone met every pattern of the path's directory (447 in
 * include/linux) and compiled each on first sight. That work, run once in a fresh worker before the JIT has
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

/** The patterns whose start is one string. */
interface Start {
  start: string;
  refs: FileRef[];
}

/** A directory (its text up to and with a `/`; '' for the top). */
interface DirNode {
  /** Patterns whose start is the directory itself. */
  refs: FileRef[];
  /** Those whose start goes on into a name in it, by the first two characters of that (one for a one-character rest). */
  tails: Map<string, Start[]>;
  /** Some rest is one character long. */
  short: boolean;
}

export interface FileIndex {
  /** Every F: by its start, through the directory that start lies in. */
  dirs: Map<string, DirNode>;
  /** The same by the start alone, while filing. */
  byStart: Map<string, FileRef[]>;
}

export function newFileIndex(): FileIndex {
  return { dirs: new Map(), byStart: new Map() };
}

/** Files an entry's F: value; throws RegexError when it cannot be read (parse.ts said so). */
export function addFilePattern(ix: FileIndex, entry: number, value: string): void {
  const start = patternStart(value);
  const ref: FileRef = { entry, value, needle: value.length > start.length && GLOB.test(value) ? longestPiece(value.slice(start.length)) : '' };
  const refs = ix.byStart.get(start);
  if (refs) {
    refs.push(ref);
    return;
  }
  const cut = start.lastIndexOf('/') + 1;
  const dir = start.slice(0, cut);
  let node = ix.dirs.get(dir);
  if (!node) ix.dirs.set(dir, (node = { refs: [], tails: new Map(), short: false }));
  if (cut === start.length) {
    node.refs.push(ref);
    ix.byStart.set(start, node.refs);
    return;
  }
  const list = [ref];
  ix.byStart.set(start, list);
  const key = start.slice(cut, cut + 2);
  if (key.length === 1) node.short = true;
  const tails = node.tails.get(key);
  if (tails) tails.push({ start, refs: list });
  else node.tails.set(key, [{ start, refs: list }]);
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

function tryRefs(refs: FileRef[], path: string, hits: FileHits): void {
  for (let r = 0; r < refs.length; r++) {
    const ref = refs[r]!;
    if (ref.needle && !path.includes(ref.needle)) continue;
    const p = compiled(ref);
    if (p && fileMatches(p, path)) hits.take(ref.entry, p.depth);
  }
}

function tryStarts(starts: Start[] | undefined, path: string, hits: FileHits): void {
  if (!starts) return;
  for (let k = 0; k < starts.length; k++) if (path.startsWith(starts[k]!.start)) tryRefs(starts[k]!.refs, path, hits);
}

/**
 * Tells `hits` each entry one of whose F: patterns matches the path, with that pattern's
 * depth: the patterns of each of the path's directories, and those going on into the name
 * that follows it there, found by that name's first characters.
 */
export function eachFileMatch(ix: FileIndex, path: string, hits: FileHits): void {
  for (let at = 0; ; ) {
    const node = ix.dirs.get(at === 0 ? '' : path.slice(0, at));
    if (node) {
      tryRefs(node.refs, path, hits);
      if (at + 2 <= path.length) tryStarts(node.tails.get(path.slice(at, at + 2)), path, hits);
      if (node.short && at < path.length) tryStarts(node.tails.get(path[at]!), path, hits);
    }
    const slash = path.indexOf('/', at);
    if (slash < 0) return;
    at = slash + 1;
  }
}
