/**
 * Why two versions are one series (version-group.ts's confirmations), found without trying
 * every pair: 1,000 postings with similar titles took 12.3 s as 500,000 pairs (issue 16).
 *
 *   confirmEdges(all: VersionFacts[], same?): Edge[]     ({i, j, confirmation, bond}, i < j, indices into all)
 *   looseCandidates(all, eligible): (j) => indices whose titles share a rare word with j's
 *
 * Candidate pairs come from indexes, one per confirmation: the thread and series, the
 * change-id, every message key (for links, Supersedes and replies), the title without its
 * subsystem prefix and each of its word-prefixes, each patch-id and patch title. `confirm`
 * then judges each candidate pair exactly as it would judge any pair. A key shared by more
 * than BUCKET versions is paired along a chain (neighbours in date order, per author), not
 * every pair: the chain connects what every pair would, unless the condition between
 * neighbours fails where a farther pair's holds (two b4 series of one author with one title).
 *
 * One author (`same`, from `authorRule`): the same address (b4's email_eq), or the same name
 * on an address that imitates no sender's (sender-history.ts `lookalikeOf`): `Alice Author
 * <alice@exаmple.org>`, a Cyrillic а, is another author, whatever her name says (issue 16).
 *
 * Non-goals: grouping and numbering (version-group.ts).
 */
import { comparableName } from '../mail/address.ts';
import { isMaskedAddress } from '../mail/masked.ts';
import { strippedTitle } from './patch-match.ts';
import type { VersionFacts } from './series-facts.ts';
import { emailEq } from './trailers.ts';
import type { Person } from '../types.ts';

export type Confirmation = 'thread' | 'change-id' | 'link' | 'reply' | 'supersedes' | 'title' | 'patches' | 'answer' | 'manual';

const YEAR = 366 * 864e5;
/** Past this many versions sharing one key, pair along a chain. */
const BUCKET = 16;
/** A title word used by more versions than this says nothing about which series a title is. */
const COMMON_WORD = 64;

export function sameAuthor(a: Person, b: Person): boolean {
  if (a.address && b.address && emailEq(a.address, b.address)) return true;
  const n = comparableName(a.name);
  return n.length > 1 && n === comparableName(b.name);
}

export type SameAuthor = (a: Person, b: Person) => boolean;

/** `sameAuthor`, where a name counts only on an address that imitates nobody (`lookalikeOf`: sender-history.ts). */
export function authorRule(lookalikeOf: (p: Person) => string | null): SameAuthor {
  return (a, b) => (!!a.address && !!b.address && emailEq(a.address, b.address)) || (sameAuthor(a, b) && !lookalikeOf(a) && !lookalikeOf(b));
}

/** Dates in order, undated last. */
export function cmp(a: string | null, b: string | null): number {
  const x = a ?? '\uffff';
  const y = b ?? '\uffff';
  return x < y ? -1 : x > y ? 1 : 0;
}

export function withinYear(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  return Math.abs(Date.parse(a) - Date.parse(b)) <= YEAR;
}

/** One title is the other, or a word-prefix of it (12 characters at least), prefixes aside. */
export function titlesMatch(a: string, b: string): boolean {
  const x = strippedTitle(a);
  const y = strippedTitle(b);
  if (x === y) return x.length > 0;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 12 && long.startsWith(short) && long[short.length] === ' ';
}

export function wordSet(t: string): Set<string> {
  return new Set(strippedTitle(t).split(/[^a-z0-9_]+/).filter((w) => w.length > 2));
}

export function looseTitles(a: string, b: string): boolean {
  const x = wordSet(a);
  const y = wordSet(b);
  if (x.size < 2 || y.size < 2) return false;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return (2 * common) / (x.size + y.size) >= 0.5;
}

/** What `confirm` reads of a version, computed once (not once per pair). */
interface Prepared {
  v: VersionFacts;
  mine: Set<string>;
  ids: Set<string>;
  titles: Set<string>;
}

function prepare(v: VersionFacts): Prepared {
  return {
    v,
    mine: new Set([v.key, ...v.messages]),
    ids: new Set(v.patches.flatMap((p) => (p.patchId ? [p.patchId] : []))),
    titles: new Set(v.patches.map((p) => p.title.toLowerCase()).filter((t) => t.length >= 8)),
  };
}

function sharePatch(a: Prepared, b: Prepared): boolean {
  return b.v.patches.some((p) => (p.patchId !== null && a.ids.has(p.patchId)) || a.titles.has(p.title.toLowerCase()));
}

/**
 * How a tie binds: `same` author (or one thread's series), a `takeover` (b4's rule: the other
 * author's patches carry this author's Signed-off-by), or a claim by `other` author, shown
 * apart and never merged: anyone can reply to a cover or paste a link (issue 16).
 */
export type Bond = 'same' | 'takeover' | 'other';

export interface Edge {
  /** i < j, indices into the versions given. */
  i: number;
  j: number;
  c: Confirmation;
  bond: Bond;
}

/** Does `x` carry, in its patches' own trailer blocks, a Signed-off-by of `author`? */
function signedOffBy(x: VersionFacts, author: Person, same: SameAuthor): boolean {
  return x.patches.some((p) => p.borrowedFrom === null && p.trailers.some((t) => t.origin === 'patch' && t.name === 'Signed-off-by' && !!t.person && same(t.person, author)));
}

/**
 * Why two versions are one series, strongest first, and how it binds; null when nothing says
 * so. Links, replies, change-ids and Supersedes say what a sender claims: they tie two
 * versions only after the same-author rule, or as a takeover. So does one thread's series of
 * two authors (series.ts joins them by a change-id, Supersedes, or a look-alike's name).
 */
function confirm(pa: Prepared, pb: Prepared, sameBy: SameAuthor): [Confirmation, Bond] | null {
  const a = pa.v;
  const b = pb.v;
  const same = sameBy(a.author, b.author);
  const thread = a.thread === b.thread && a.series === b.series;
  if (thread && same) return ['thread', 'same'];
  const claim = ((): Confirmation | null => {
    if (a.changeId && a.changeId === b.changeId) return 'change-id';
    if (a.links.some((l) => pb.mine.has(l.messageId)) || b.links.some((l) => pa.mine.has(l.messageId))) return 'link';
    if (a.supersedes.some((id) => pb.mine.has(id)) || b.supersedes.some((id) => pa.mine.has(id))) return 'supersedes';
    // only a higher, stated version answering a lower one: a patch posted on its own inside
    // the thread (no version, or the same) is no reroll of the series it answers
    const answers = (x: VersionFacts, y: VersionFacts, inY: Set<string>): boolean => !!x.inReplyTo && inY.has(x.inReplyTo) && !x.versionInferred && x.version > y.version;
    if (answers(a, b, pb.mine) || answers(b, a, pa.mine)) return 'reply';
    return thread ? 'thread' : null;
  })();
  if (claim) return [claim, same ? 'same' : signedOffBy(a, b.author, sameBy) || signedOffBy(b, a.author, sameBy) ? 'takeover' : 'other'];
  if (!same || !withinYear(a.date, b.date)) return null;
  if (a.changeId && b.changeId) return null; // two different b4 series
  if (titlesMatch(a.title, b.title)) return ['title', 'same'];
  if (sharePatch(pa, pb)) return ['patches', 'same'];
  return null;
}

/** Author keys for chaining a big bucket: the address without a `+tag`, and the name. */
function authorKeys(p: Person): string[] {
  const a = p.address.trim().toLowerCase();
  const n = comparableName(p.name);
  return [...(a.includes('@') && !isMaskedAddress(a) ? [`a:${a.replace(/\+[^@]*@/, '@')}`] : []), ...(n.length > 1 ? [`n:${n}`] : [])];
}

export function confirmEdges(all: VersionFacts[], same: SameAuthor = sameAuthor): Edge[] {
  const prepared = all.map(prepare);
  const tried = new Set<number>();
  const edges: Edge[] = [];
  const n = all.length;
  const consider = (i: number, j: number): void => {
    if (i === j) return;
    const [x, y] = i < j ? [i, j] : [j, i];
    const k = x * n + y;
    if (tried.has(k)) return;
    tried.add(k);
    const c = confirm(prepared[x]!, prepared[y]!, same);
    if (c) edges.push({ i: x, j: y, c: c[0], bond: c[1] });
  };
  /** Every pair of a small bucket; a big one along chains of one author, in index (date) order. */
  const pairUp = (idx: number[]): void => {
    if (idx.length <= BUCKET) {
      for (let a = 0; a < idx.length; a++) for (let b = a + 1; b < idx.length; b++) consider(idx[a]!, idx[b]!);
      return;
    }
    const chains = new Map<string, number[]>();
    for (const i of idx) for (const k of authorKeys(all[i]!.author)) (chains.get(k) ?? chains.set(k, []).get(k)!).push(i);
    for (const chain of chains.values()) for (let a = 1; a < chain.length; a++) consider(chain[a - 1]!, chain[a]!);
    for (let a = 1; a < idx.length; a++) consider(idx[a - 1]!, idx[a]!);
  };
  const buckets = new Map<string, number[]>();
  const add = (key: string, i: number): void => {
    const b = buckets.get(key);
    if (!b) buckets.set(key, [i]);
    else if (b[b.length - 1] !== i) b.push(i);
  };
  const byMessage = new Map<string, number>();
  const byTitle = new Map<string, number[]>();
  all.forEach((v, i) => {
    add(`t\n${v.thread}\n${v.series}`, i);
    if (v.changeId) add(`c\n${v.changeId}`, i);
    for (const m of prepared[i]!.mine) if (!byMessage.has(m)) byMessage.set(m, i);
    const t = strippedTitle(v.title);
    if (t) (byTitle.get(t) ?? byTitle.set(t, []).get(t)!).push(i);
    for (const id of prepared[i]!.ids) add(`p\n${id}`, i);
    for (const title of prepared[i]!.titles) add(`s\n${title}`, i);
  });
  for (const idx of buckets.values()) pairUp(idx);
  for (const idx of byTitle.values()) pairUp(idx);
  all.forEach((v, i) => {
    for (const id of [...v.links.map((l) => l.messageId), ...v.supersedes, ...(v.inReplyTo ? [v.inReplyTo] : [])]) {
      const j = byMessage.get(id);
      if (j !== undefined) consider(i, j);
    }
    // shorter titles this one extends: each word-prefix of 12 characters or more
    const t = strippedTitle(v.title);
    for (let at = t.indexOf(' ', 12); at > 0; at = t.indexOf(' ', at + 1)) {
      const shorter = byTitle.get(t.slice(0, at));
      if (!shorter) continue;
      // the nearest few by index when many share that shorter title
      const from = Math.max(0, lowerBound(shorter, i) - BUCKET / 2);
      for (const j of shorter.slice(from, from + BUCKET)) consider(i, j);
    }
  });
  return edges;
}

function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For loose title matches (`looseTitles`): the indices whose titles share a word with j's
 * that fewer than COMMON_WORD titles use. A title of common words only has no loose match.
 */
export function looseCandidates(all: VersionFacts[]): (j: number) => number[] {
  const words = all.map((v) => [...wordSet(v.title)]);
  const index = new Map<string, number[]>();
  words.forEach((ws, i) => {
    for (const w of ws) (index.get(w) ?? index.set(w, []).get(w)!).push(i);
  });
  return (j) => {
    const out = new Set<number>();
    for (const w of words[j]!) {
      const list = index.get(w)!;
      if (list.length <= COMMON_WORD) for (const i of list) if (i !== j) out.add(i);
    }
    return [...out].sort((a, b) => a - b);
  };
}
