/**
 * Which MAINTAINERS entries a patch belongs to, as scripts/get_maintainer.pl decides
 * (`get_maintainers`): for each of the patch's files, every entry none of whose X: patterns
 * match it and one of whose F: or N: patterns does; then every entry with a K: keyword in the
 * patch text (X: does not apply to keywords there either). Each entry counts once, with the
 * files it took and whether a keyword brought it. The catch-all ("THE REST", or any entry
 * whose only patterns are F: `*` and its directory form, both) matches everything and is
 * kept apart.
 *
 * `compileMaintainers` does the work once per file (people read, F: filed by the literal text
 * they start with, file-index.ts; N: and K: by the strings they need, needle-index.ts), so a
 * path costs a few map lookups per directory plus the few patterns that start as it does,
 * and a patch one `includes` per distinct needle, not entries × patterns.
 *
 * Non-goals: acks and review (ownership.ts), get_maintainer.pl's git history, its `.mailmap`
 * and `--file-emails` (they need the tree, which we do not have).
 */
import type { Person } from '../types.ts';
import { addKeyword, keywordEntries, newKeywordIndex, type KeywordIndex } from './keyword-index.ts';
import { addByNeedles, candidates, newNeedleIndex, type NeedleIndex } from './needle-index.ts';
import { compileKeyword } from './keywords.ts';
import { addFilePattern, eachFileMatch, newFileIndex, type FileIndex } from './file-index.ts';
import { parseList, parsePerson, type MaintainersEntry, type MaintainersFile, type MaintainersList } from './parse.ts';
import { fileMatches, filePattern, pathMatches, pathRegex, type FilePattern, type PathRegex } from './patterns.ts';

/** An entry with its people read; what ownership and a UI show. */
export interface OwnerEntry {
  /** Index in MaintainersFile.entries. */
  index: number;
  name: string;
  line: number;
  status: string | null;
  maintainers: Person[];
  reviewers: Person[];
  lists: MaintainersList[];
  /** The catch-all entry. */
  rest: boolean;
}

export interface MaintainersIndex {
  entries: OwnerEntry[];
  /** F: patterns by the literal text they start with. */
  files: FileIndex;
  /** Each entry's X: patterns. */
  excludes: FilePattern[][];
  /** Every entry's N: regexes, by the strings they need (needle-index.ts). */
  regexes: NeedleIndex<{ entry: number; regex: PathRegex }>;
  /** K: keywords by the strings they need. */
  keywords: KeywordIndex;
}

const NONE: never[] = [];

/** Compiles what parse.ts accepted; a hand-edited cache could still hold a bad pattern: dropped. */
function each<T>(values: string[] | undefined, make: (v: string) => T): T[] {
  // most entries have no X:, N: or K: (one shared empty list, nothing for the GC)
  if (!values?.length) return NONE;
  const out: T[] = [];
  for (const v of values) {
    try {
      out.push(make(v));
    } catch {
      // parse.ts reported it when the file was read
    }
  }
  return out;
}

function people(values: string[] | undefined): Person[] {
  const out: Person[] = [];
  for (const v of values ?? []) {
    const p = parsePerson(v);
    if (p) out.push(p);
  }
  return out;
}

const isCatchAll = (e: MaintainersEntry): boolean =>
  e.name.trim().toUpperCase() === 'THE REST' || (!e.N?.length && e.F?.length === 2 && e.F.includes('*') && e.F.includes('*/'));

export function compileMaintainers(file: MaintainersFile): MaintainersIndex {
  const files = newFileIndex();
  const regexes: MaintainersIndex['regexes'] = newNeedleIndex();
  const keywords = newKeywordIndex();
  const excludes: FilePattern[][] = [];
  const entries: OwnerEntry[] = [];
  file.entries.forEach((e, index) => {
    for (const value of e.F ?? []) {
      try {
        addFilePattern(files, index, value);
      } catch {
        // parse.ts reported it when the file was read
      }
    }
    excludes.push(each(e.X, filePattern));
    for (const regex of each(e.N, pathRegex)) addByNeedles(regexes, { entry: index, regex }, regex.needles);
    for (const keyword of each(e.K, compileKeyword)) addKeyword(keywords, index, keyword);
    entries.push({
      index,
      name: e.name,
      line: e.line,
      status: e.S ?? null,
      maintainers: people(e.M),
      reviewers: people(e.R),
      lists: each(e.L, (v) => parseList(v)!).filter(Boolean),
      rest: isCatchAll(e),
    });
  });
  return { entries, files, excludes, regexes, keywords };
}

export interface EntryMatch {
  entry: number;
  /** The patch's files it owns by F: or N: (none when only a keyword brought it). */
  files: string[];
  /** One of its K: keywords is in the patch text. */
  keyword: boolean;
  /** get_maintainer.pl's pattern depth of its deepest match: larger is more specific. */
  depth: number;
}

export interface PatchMatch {
  /** Most specific first (deepest pattern), then in file order. */
  entries: EntryMatch[];
  /** The catch-all entries that matched. */
  rest: EntryMatch[];
}

export interface MatchInput {
  /** Every path the patch touches, old and new names alike. */
  files: readonly string[];
  /**
   * The patch as mailed, for K: (get_maintainer.pl reads headers, commit message and diff):
   * at least `Subject: …`, a blank line and the body. Absent: no keyword matching.
   */
  text?: string;
}

export interface MatchOptions {
  /** Match K: keywords (get_maintainer.pl's default; `--nokeywords` turns it off). */
  keywords?: boolean;
}

/** One file's entries, each with its deepest match; an entry's X: tried once, when it first matches. */
class FileHits {
  readonly found = new Map<number, number>();
  readonly excluded = new Map<number, boolean>();
  constructor(
    private readonly ix: MaintainersIndex,
    private readonly path: string,
  ) {}

  isExcluded(entry: number): boolean {
    let x = this.excluded.get(entry);
    if (x === undefined) {
      const xs = this.ix.excludes[entry]!;
      x = false;
      for (let k = 0; k < xs.length && !x; k++) x = fileMatches(xs[k]!, this.path);
      this.excluded.set(entry, x);
    }
    return x;
  }

  take(entry: number, depth: number): void {
    if (this.isExcluded(entry)) return;
    const had = this.found.get(entry);
    if (had === undefined || depth > had) this.found.set(entry, depth);
  }
}

/** Entry index → deepest match, for one file. */
function fileEntries(ix: MaintainersIndex, path: string): Map<number, number> {
  const hits = new FileHits(ix, path);
  const { found, excluded } = hits;
  eachFileMatch(ix.files, path, hits);
  // (containment survives lower-casing even where it moves offsets: any path will do)
  const lower = path.toLowerCase();
  for (const regexes of candidates(ix.regexes, lower)) {
    for (let k = 0; k < regexes.length; k++) {
      const { entry, regex } = regexes[k]!;
      // another N: of the entry or an F: as deep took it already, or an X: refused it
      if ((found.get(entry) ?? -1) >= 0 || excluded.get(entry)) continue;
      if (pathMatches(regex, path, lower)) hits.take(entry, 0);
    }
  }
  return found;
}

export function matchPatch(ix: MaintainersIndex, patch: MatchInput, opts: MatchOptions = {}): PatchMatch {
  const byEntry = new Map<number, EntryMatch>();
  const files = [...new Set(patch.files)].sort();
  for (const path of files) {
    for (const [entry, depth] of fileEntries(ix, path)) {
      const m = byEntry.get(entry);
      if (!m) byEntry.set(entry, { entry, files: [path], keyword: false, depth });
      else {
        m.files.push(path);
        m.depth = Math.max(m.depth, depth);
      }
    }
  }
  if ((opts.keywords ?? true) && patch.text && ix.keywords.all.length) {
    for (const entry of keywordEntries(ix.keywords, patch.text)) {
      const m = byEntry.get(entry);
      if (m) m.keyword = true;
      else byEntry.set(entry, { entry, files: [], keyword: true, depth: -2 });
    }
  }
  const all = [...byEntry.values()].sort((a, b) => b.depth - a.depth || a.entry - b.entry);
  return { entries: all.filter((m) => !ix.entries[m.entry]!.rest), rest: all.filter((m) => ix.entries[m.entry]!.rest) };
}
