/**
 * The MAINTAINERS format (the kernel's; QEMU and U-Boot write the same) read into plain JSON,
 * small enough to cache in IndexedDB and compiled again by match.ts when used.
 *
 * Structure as scripts/get_maintainer.pl reads it (`read_maintainer_file`,
 * `find_starting_index`): a line `X: value` (a capital letter, a colon) is a field; blank
 * lines and `#` comments are nothing (a blank line does not end an entry); any other line
 * starts a new entry, and the last such line before a field is its name. Text before the
 * first field is the file's preamble. Beyond get_maintainer.pl: trailing blanks and CR are
 * not part of a value (it would keep them and no longer match), and an underline
 * (`-----`, QEMU's headings) never names an entry.
 *
 * Fields kept, under their own letters and as written: M: maintainers and R: reviewers
 * (`Name <address>`), L: lists (an address and a note such as "(moderated for
 * non-subscribers)"), S: status (the last one, as get_maintainer.pl takes), F:/X: file
 * patterns, N: path regexes, K: content regexes, and T: trees, W: web pages, Q: patchwork.
 * Other letters (B: bugs, C: chat, P: profile, …) are ignored, as get_maintainer.pl ignores
 * them when matching. Storing values as written keeps the cached form near the file's size.
 *
 * Malformed lines get an error with their line number and are skipped; the rest is kept:
 * a person or list without an address, an empty value, a pattern that cannot be compiled
 * (get_maintainer.pl would die on it), an indented or lower-case field after the preamble
 * (get_maintainer.pl would take it for an entry name and give it the fields below), and a
 * field before any entry name.
 *
 * Non-goals: matching (match.ts), fetching or caching the file (the worker).
 */
import type { Person } from '../types.ts';
import { RegexError, parsePerlRegex } from './perl-regex.ts';
import { compileRegex } from './regex-program.ts';
import { checkFilePattern } from './patterns.ts';

export interface MaintainersList {
  address: string;
  /** The rest of the line, e.g. "(moderated for non-subscribers)"; absent when none. */
  note?: string;
}

/**
 * One entry, keyed by the format's own letters, values as written (trimmed); absent when
 * empty. This is the cached form: match.ts reads people and patterns out of it once.
 */
export interface MaintainersEntry {
  name: string;
  /** 1-based line of its name. */
  line: number;
  /** Status; the last S: line, as get_maintainer.pl takes. */
  S?: string;
  /** Maintainers, `Name <address>`. */
  M?: string[];
  /** Reviewers, `Name <address>`. */
  R?: string[];
  /** Lists, an address and maybe a note. */
  L?: string[];
  /** File patterns. */
  F?: string[];
  /** Excluded file patterns. */
  X?: string[];
  /** Path regexes. */
  N?: string[];
  /** Content regexes. */
  K?: string[];
  /** Trees. */
  T?: string[];
  /** Web pages. */
  W?: string[];
  /** Patchwork. */
  Q?: string[];
}

export interface MaintainersError {
  line: number;
  message: string;
  text: string;
}

export interface MaintainersFile {
  format: 1;
  entries: MaintainersEntry[];
  /** The first MAX_ERRORS malformed lines. */
  errors: MaintainersError[];
  errorCount: number;
}

export const MAX_ERRORS = 100;
/** A longer value is refused: no real pattern or address is near it. */
export const MAX_VALUE = 1000;
/** get_maintainer.pl's K: regex on a line of the diff; K: is compiled with it as well. */
export const DIFF_LINE_PREFIX = '^[+-].*';

const unquote = (name: string): string => name.trim().replace(/^"|"$/g, '');

/**
 * get_maintainer.pl's parse_email, in one pass (its regexes backtrack over a line of `@`s):
 * `Name <addr>` (the address runs from the first `<` to the last `>`), `<addr>`, or a bare
 * address (from the start to the end of the word holding the last `@`).
 */
export function parsePerson(value: string): Person | null {
  const lt = value.indexOf('<');
  const gt = value.lastIndexOf('>');
  if (lt >= 0 && gt > lt) {
    const inner = value.slice(lt + 1, gt);
    if (inner.indexOf('@', 1) > 0) return { name: unquote(value.slice(0, lt)), address: inner.trim() };
  }
  const at = value.lastIndexOf('@');
  if (at < 1) return null;
  const end = value.slice(at).search(/\s/);
  const address = value.slice(0, end < 0 ? value.length : at + end).trim();
  return address.indexOf('@') > 0 ? { name: '', address } : null;
}

/** One word with an `@` inside it, its `<…>` or punctuation around it stripped. */
function listWord(word: string): string | null {
  const w = word.replace(/^[<(]+|[>),;]+$/g, '');
  const at = w.indexOf('@');
  return at > 0 && at < w.length - 1 && !/[<>()]/.test(w) ? w : null;
}

/** An L: value: the address (in `<…>`, or the first word with an `@`) and the rest. */
export function parseList(value: string): MaintainersList | null {
  const words = value.split(/\s+/).filter(Boolean);
  const k = words.findIndex((w) => listWord(w) !== null);
  if (k < 0) return null;
  const address = listWord(words[k]!)!;
  const note = words.filter((_, i) => i !== k).join(' ');
  return note ? { address, note } : { address };
}

/** Throws RegexError when get_maintainer.pl's regex for this field cannot be compiled here. */
function checkPattern(letter: string, value: string): void {
  if (letter === 'F' || letter === 'X') checkFilePattern(value);
  else if (letter === 'N') compileRegex(parsePerlRegex(value, { x: true }));
  else {
    compileRegex(parsePerlRegex(value, { x: true }));
    compileRegex(parsePerlRegex(DIFF_LINE_PREFIX + value, { x: true }));
  }
}

const FIELD = /^([A-Z]):\s*(.*)$/;

export function parseMaintainers(text: string): MaintainersFile {
  const entries: MaintainersEntry[] = [];
  const errors: MaintainersError[] = [];
  let errorCount = 0;
  let name: string | null = null;
  let nameLine = 0;
  let current: MaintainersEntry | null = null;
  const lines = text.split('\n');
  const fail = (i: number, message: string): void => {
    errorCount++;
    if (errors.length < MAX_ERRORS) errors.push({ line: i + 1, message, text: lines[i]!.trimEnd().slice(0, 200) });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line === '' || /^\s*#/.test(line)) continue;
    const field = FIELD.exec(line);
    if (!field) {
      if (entries.length && /^\s+[A-Za-z]:\s/.test(line)) fail(i, 'an indented field; skipped (no leading blanks before the letter)');
      else if (entries.length && /^[a-z]:\s/.test(line)) fail(i, 'a lower-case field letter; skipped');
      else {
        current = null;
        if (!/^\s*[-=]{3,}$/.test(line) || name === null) [name, nameLine] = [line.trim(), i + 1];
      }
      continue;
    }
    if (!current && name !== null) {
      current = { name, line: nameLine };
      entries.push(current);
      name = null;
    }
    if (!current) {
      fail(i, 'a field before any entry name; skipped');
      continue;
    }
    const letter = field[1]!;
    const value = field[2]!;
    if (value.length > MAX_VALUE) {
      fail(i, `a value longer than ${MAX_VALUE} characters; skipped`);
      continue;
    }
    if (letter === 'S') {
      if (!value) fail(i, 'S: is empty; skipped');
      else current.S = value;
      continue;
    }
    if (!'MRLFXNKTWQ'.includes(letter)) continue;
    if (!value) {
      fail(i, `${letter}: is empty; skipped`);
      continue;
    }
    if ((letter === 'M' || letter === 'R') && !parsePerson(value)) {
      fail(i, `${letter}: has no email address; skipped`);
      continue;
    }
    if (letter === 'L' && !parseList(value)) {
      fail(i, 'L: has no list address; skipped');
      continue;
    }
    if ('FXNK'.includes(letter)) {
      try {
        checkPattern(letter, value);
      } catch (err) {
        if (!(err instanceof RegexError)) throw err;
        fail(i, `${letter}: pattern cannot be used: ${err.message}; skipped`);
        continue;
      }
    }
    (current[letter as 'M'] ??= []).push(value);
  }
  return { format: 1, entries, errors, errorCount };
}
