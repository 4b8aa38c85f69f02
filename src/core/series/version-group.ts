/**
 * Finding versions, the pure part: the versions found in several threads (the loaded one, the
 * ones a search or a link turned up) grouped into series, each member saying what confirmed
 * it, and candidates nothing confirmed kept apart as `uncertain`, never silently merged.
 *
 *   groupVersions(threads: ThreadFacts[], opts?: GroupOptions): SeriesVersions[]
 *
 * Confirmations (any one ties two versions):
 * - `thread`: the core grouped them in one thread (series.ts's rules);
 * - `change-id`: the same b4 `change-id:`;
 * - `link`: one's cover or changelog links to the other (`v2: https://lore…`,
 *   `- Link to v1: https://patch.msgid.link/…`, version-links.ts);
 * - `reply`: a higher version sent as a reply to a lower one (b4's send-same-thread);
 * - `supersedes`: Patchew's `Supersedes: <id>`;
 * - `title`: the same author (by address, as b4's email_eq, or by name) and the same title
 *   once case and subsystem prefix are set aside, or one title a word-prefix of the other
 *   (extended or shortened), within a year;
 * - `patches`: the same author and a patch in common (same patch-id or same patch title);
 * - `answer`: the thread only answers the series (replies to a cover it lacks: the seed's case);
 * - `manual`: the reader linked it by hand (kept by the worker in its cache).
 * A version the same author sent within a year whose title shares most words with one of the
 * series (`mm: rework x` → `mm/hmm: rework x and y` with nothing else in common) is
 * `uncertain`. The reader's unlinks (`opts.unlinked`) win over every confirmation.
 * The same version seen in two threads (v1 travels inside v2's thread when v2 answers it) is
 * one member, its trailers and replies merged.
 *
 * Non-goals: fetching or searching (the worker does; version-query.ts builds the query).
 */
import { comparableName } from '../mail/address.ts';
import { strippedTitle } from './patch-match.ts';
import type { AppliedMark, LedgerTrailer, ThreadFacts, VersionFacts } from './series-facts.ts';
import { emailEq } from './trailers.ts';
import type { Person } from '../types.ts';

export type Confirmation = 'thread' | 'change-id' | 'link' | 'reply' | 'supersedes' | 'title' | 'patches' | 'answer' | 'manual';

export interface VersionMember {
  /** The version number used in the ledger (a later unversioned repost is renumbered). */
  version: number;
  facts: VersionFacts;
  /** What tied it to the series; empty for an uncertain candidate. */
  confirmedBy: Confirmation[];
}

export interface SeriesVersions {
  title: string;
  author: Person;
  changeId: string | null;
  /** Confirmed versions, by version then date. */
  members: VersionMember[];
  /** Candidates only a loose title match ties to the series. */
  uncertain: VersionMember[];
}

export interface GroupOptions {
  /** A version key, message key or thread key the reader is on: its series comes first. */
  anchor?: string;
  /** Version keys the reader tied to the anchor's series by hand. */
  linked?: string[];
  /** Version keys the reader took out of the anchor's series by hand. */
  unlinked?: string[];
}

const YEAR = 366 * 864e5;

function sameAuthor(a: Person, b: Person): boolean {
  if (a.address && b.address && emailEq(a.address, b.address)) return true;
  const n = comparableName(a.name);
  return n.length > 1 && n === comparableName(b.name);
}

function withinYear(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  return Math.abs(Date.parse(a) - Date.parse(b)) <= YEAR;
}

/** One title is the other, or a word-prefix of it (12 characters at least), prefixes aside. */
function titlesMatch(a: string, b: string): boolean {
  const x = strippedTitle(a);
  const y = strippedTitle(b);
  if (x === y) return x.length > 0;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 12 && long.startsWith(short) && long[short.length] === ' ';
}

function wordSet(t: string): Set<string> {
  return new Set(strippedTitle(t).split(/[^a-z0-9_]+/).filter((w) => w.length > 2));
}

function looseTitles(a: string, b: string): boolean {
  const x = wordSet(a);
  const y = wordSet(b);
  if (x.size < 2 || y.size < 2) return false;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return (2 * common) / (x.size + y.size) >= 0.5;
}

function sharePatch(a: VersionFacts, b: VersionFacts): boolean {
  const ids = new Set(a.patches.flatMap((p) => (p.patchId ? [p.patchId] : [])));
  const titles = new Set(a.patches.map((p) => p.title.toLowerCase()).filter((t) => t.length >= 8));
  return b.patches.some((p) => (p.patchId !== null && ids.has(p.patchId)) || titles.has(p.title.toLowerCase()));
}

/** Why two versions are one series, strongest first; null when nothing says so. */
function confirm(a: VersionFacts, b: VersionFacts): Confirmation | null {
  if (a.thread === b.thread && a.series === b.series) return 'thread';
  if (a.changeId && a.changeId === b.changeId) return 'change-id';
  const inB = new Set([b.key, ...b.messages]);
  const inA = new Set([a.key, ...a.messages]);
  if (a.links.some((l) => inB.has(l.messageId)) || b.links.some((l) => inA.has(l.messageId))) return 'link';
  if (a.supersedes.some((id) => inB.has(id)) || b.supersedes.some((id) => inA.has(id))) return 'supersedes';
  // only a higher, stated version answering a lower one: a patch posted on its own inside the
  // thread (no version, or the same) is no reroll of the series it answers
  const answers = (x: VersionFacts, y: VersionFacts, inY: Set<string>): boolean => !!x.inReplyTo && inY.has(x.inReplyTo) && !x.versionInferred && x.version > y.version;
  if (answers(a, b, inB) || answers(b, a, inA)) return 'reply';
  if (!sameAuthor(a.author, b.author) || !withinYear(a.date, b.date)) return null;
  if (a.changeId && b.changeId) return null; // two different b4 series
  if (titlesMatch(a.title, b.title)) return 'title';
  if (sharePatch(a, b)) return 'patches';
  return null;
}

function mergeTrailers(a: LedgerTrailer[], b: LedgerTrailer[]): LedgerTrailer[] {
  const seen = new Set(a.map((t) => `${t.name}\n${t.value.toLowerCase()}\n${t.from}`));
  return [...a, ...b.filter((t) => !seen.has(`${t.name}\n${t.value.toLowerCase()}\n${t.from}`))];
}

/** The same version from two threads: one, with every reply either saw. */
function mergeFacts(a: VersionFacts, b: VersionFacts): VersionFacts {
  const byCounter = new Map(b.patches.map((p) => [p.counter, p]));
  const patches = a.patches.map((p) => {
    const q = byCounter.get(p.counter);
    byCounter.delete(p.counter);
    return q && q.id === p.id ? { ...p, trailers: mergeTrailers(p.trailers, q.trailers) } : p;
  });
  patches.push(...[...byCounter.values()].filter((q) => !a.patches.some((p) => p.counter === q.counter)));
  patches.sort((x, y) => x.counter - y.counter);
  const applied: AppliedMark[] = [...a.applied, ...b.applied.filter((m) => !a.applied.some((n) => n.message === m.message))];
  const present = new Set(patches.map((p) => p.counter));
  return {
    ...a,
    patches,
    missing: a.missing.filter((c) => !present.has(c)),
    coverTrailers: mergeTrailers(a.coverTrailers, b.coverTrailers),
    applied,
    links: [...a.links, ...b.links.filter((l) => !a.links.some((m) => m.messageId === l.messageId))],
  };
}

export function groupVersions(threads: ThreadFacts[], opts: GroupOptions = {}): SeriesVersions[] {
  // one entry per version key, threads in a stable order (by key) so input order never matters
  const byKey = new Map<string, VersionFacts>();
  const sorted = threads.slice().sort((a, b) => (a.thread < b.thread ? -1 : a.thread > b.thread ? 1 : 0));
  for (const t of sorted) for (const v of t.versions) byKey.set(v.key, byKey.has(v.key) ? mergeFacts(byKey.get(v.key)!, v) : v);
  const all = [...byKey.values()].sort((a, b) => cmp(a.date, b.date) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const index = new Map(all.map((v, i) => [v.key, i]));
  const unlinked = new Set(opts.unlinked ?? []);
  const parent = all.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const edges: Array<[number, number, Confirmation]> = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (unlinked.has(all[i]!.key) !== unlinked.has(all[j]!.key)) continue;
      const c = confirm(all[i]!, all[j]!);
      if (c) {
        edges.push([i, j, c]);
        parent[find(i)] = find(j);
      }
    }
  }
  // the thread only answering a series: its anchor is the version it answers
  let anchor = opts.anchor ? resolveAnchor(opts.anchor, all, threads) : null;
  for (const key of opts.linked ?? []) {
    const j = index.get(key);
    if (anchor !== null && j !== undefined && !unlinked.has(key)) {
      edges.push([anchor, j, 'manual']);
      parent[find(j)] = find(anchor);
    }
  }
  if (anchor !== null) anchor = find(anchor);

  const groups = new Map<number, number[]>();
  for (let i = 0; i < all.length; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const result: Array<{ root: number; s: SeriesVersions }> = [];
  for (const [root, idx] of groups) {
    const confirmedBy = new Map<number, Set<Confirmation>>(idx.map((i) => [i, new Set<Confirmation>()]));
    for (const [i, j, c] of edges) {
      if (find(i) !== root) continue;
      confirmedBy.get(i)?.add(c);
      confirmedBy.get(j)?.add(c);
    }
    if (idx.length === 1) confirmedBy.get(idx[0]!)!.add('thread');
    const answeredHere = anchorAnswer(opts.anchor, threads, all, idx);
    if (answeredHere !== null) confirmedBy.get(answeredHere)?.add('answer');
    const members = number(idx.map((i) => ({ version: all[i]!.version, facts: all[i]!, confirmedBy: [...confirmedBy.get(i)!].sort() })));
    // loose candidates: same author, within a year, most title words shared, not confirmed here
    const uncertain: VersionMember[] = [];
    for (let j = 0; j < all.length; j++) {
      if (find(j) === root || unlinked.has(all[j]!.key)) continue;
      const w = all[j]!;
      if (idx.some((i) => sameAuthor(all[i]!.author, w.author) && withinYear(all[i]!.date, w.date) && looseTitles(all[i]!.title, w.title))) uncertain.push({ version: w.version, facts: w, confirmedBy: [] });
    }
    const newest = members[members.length - 1]!.facts;
    const first = members[0]!.facts;
    result.push({ root, s: { title: newest.title, author: { ...first.author }, changeId: members.find((m) => m.facts.changeId)?.facts.changeId ?? null, members, uncertain } });
  }
  result.sort((a, b) => (a.root === anchor ? -1 : b.root === anchor ? 1 : b.s.members.length - a.s.members.length || cmp(a.s.members[0]!.facts.date, b.s.members[0]!.facts.date) || (a.s.members[0]!.facts.key < b.s.members[0]!.facts.key ? -1 : 1)));
  return result.map((r) => r.s);
}

function cmp(a: string | null, b: string | null): number {
  const x = a ?? '\uffff';
  const y = b ?? '\uffff';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Members by version then date; a later unversioned repost of a taken number becomes max+1 (b4). */
function number(members: VersionMember[]): VersionMember[] {
  members.sort((a, b) => a.version - b.version || cmp(a.facts.date, b.facts.date));
  const taken = new Map<number, VersionMember>();
  for (const m of members) {
    const have = taken.get(m.version);
    if (have && m.facts.versionInferred && have.facts.thread !== m.facts.thread && cmp(have.facts.date, m.facts.date) < 0) {
      m.version = Math.max(...taken.keys()) + 1;
    }
    if (!taken.has(m.version)) taken.set(m.version, m);
  }
  return members.sort((a, b) => a.version - b.version || cmp(a.facts.date, b.facts.date));
}

/** The index of the version the anchor names: a version key, one of its messages, its thread. */
function resolveAnchor(anchor: string, all: VersionFacts[], threads: ThreadFacts[]): number | null {
  let i = all.findIndex((v) => v.key === anchor || v.messages.includes(anchor));
  if (i >= 0) return i;
  i = all.findIndex((v) => v.thread === anchor);
  if (i >= 0) return i;
  const answered = anchorAnswer(anchor, threads, all, all.map((_, k) => k));
  return answered;
}

/** For an anchor thread that only answers a series: the version it answers, among `idx`. */
function anchorAnswer(anchor: string | undefined, threads: ThreadFacts[], all: VersionFacts[], idx: number[]): number | null {
  if (!anchor) return null;
  const t = threads.find((x) => x.thread === anchor || x.answers.some((a) => a.message === anchor));
  if (!t || t.versions.length) return null;
  for (const a of t.answers) {
    const key = a.title.toLowerCase();
    const hit = idx.find((i) => all[i]!.version === a.version && all[i]!.title.toLowerCase() === key);
    if (hit !== undefined) return hit;
  }
  return null;
}
