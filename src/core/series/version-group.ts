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
 * - `title`: the same author (by address, as b4's email_eq, or by name on an address that
 *   imitates no sender's: version-edges.ts `authorRule`) and the same title once case and
 *   subsystem prefix are set aside, or one title a word-prefix of the other (extended or
 *   shortened), within a year;
 * - `patches`: the same author and a patch in common (same patch-id or same patch title);
 * - `answer`: the thread only answers the series (replies to a cover it lacks: the seed's case);
 * - `manual`: the reader linked it by hand (kept by the worker in its cache).
 * Only `thread`, `title`, `patches`, `answer` and `manual` are about one author by nature;
 * `change-id`, `link`, `reply` and `supersedes` are a sender's claims, and tie a version by
 * another author only as b4's takeover (its patches carry the series author's
 * Signed-off-by; `takeover` marks it). Otherwise it is listed apart (`otherAuthors`): "posted
 * by X, not the series author", never merged silently (issue 16: a stranger's `[PATCH v10]`
 * sent as a reply to the v9 cover became v10, its pasted trailers counted).
 * A member posted from an address its author's name never wrote from before, while another
 * member came from another address, gets `newAddress` by the trailers' rule (sender-history.ts,
 * over the group's threads): linked, shown "address not seen before for this name". Her name
 * on a look-alike address is another author's, above: apart, never merged.
 * A version nothing confirmed that the same author sent within a year, whose title shares
 * most words with one of the series (`mm: rework x` → `mm/hmm: rework x and y` with nothing
 * else in common), is `uncertain`, under the first series it loosely matches only. The
 * reader's unlinks (`opts.unlinked`) win over every confirmation.
 * The same version seen in two threads (v1 travels inside v2's thread when v2 answers it) is
 * one member, its trailers and replies merged; a version whose patches were each sent
 * unthreaded is one member again (version-strays.ts). A thread that only replies (a reply
 * page that lost its References) brings no version, only `answer`.
 * Pairs are found through indexes (version-edges.ts), near-linear in the versions given.
 *
 * Non-goals: fetching or searching (the worker does; version-query.ts builds the query).
 */
import type { AppliedMark, LedgerTrailer, ThreadFacts, VersionFacts } from './series-facts.ts';
import { senderCheck, type SenderFacts } from './sender-history.ts';
import { authorRule, cmp, confirmEdges, looseCandidates, looseTitles, withinYear, type Confirmation, type SameAuthor } from './version-edges.ts';
import { emailEq } from './trailers.ts';
import { joinStrays } from './version-strays.ts';
import { placeOtherAuthors } from './version-claims.ts';
import type { Person } from '../types.ts';

export type { Confirmation };

export interface VersionMember {
  /** The version number used in the ledger (a later unversioned repost is renumbered). */
  version: number;
  facts: VersionFacts;
  /** What tied it to the series; empty for an uncertain candidate. */
  confirmedBy: Confirmation[];
  /** Posted by another author who took the series over (b4's rule: their patches carry the series author's Signed-off-by). */
  takeover?: true;
  /** Posted from an address its author's name never wrote from before: the addresses it did (sender-history.ts `newAddress`). */
  newAddress?: string[];
}

export interface SeriesVersions {
  title: string;
  author: Person;
  changeId: string | null;
  /** Confirmed versions, by version then date. */
  members: VersionMember[];
  /** Candidates only a loose title match ties to the series. */
  uncertain: VersionMember[];
  /**
   * Versions by another author that only a link, a reply, a change-id or Supersedes ties to
   * the series (`confirmedBy` says which): "posted by X, not the series author", shown apart,
   * never merged.
   */
  otherAuthors: VersionMember[];
  /** The reverse, on the claimant's own series: the other author's versions it claims to continue. */
  claims: VersionMember[];
  /** Who wrote in the threads of its members, per thread (sender-history.ts): a trailer's sender is checked against them. */
  senders: SenderFacts[][];
}

export interface GroupOptions {
  /** A version key, message key or thread key the reader is on: its series comes first. */
  anchor?: string;
  /** Version keys the reader tied to the anchor's series by hand. */
  linked?: string[];
  /** Version keys the reader took out of the anchor's series by hand. */
  unlinked?: string[];
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
  const threadsOf = new Map<string, ThreadFacts[]>();
  // by message: strays joined into one version keep the threads each came from
  for (const t of sorted) for (const v of t.versions) for (const id of [v.key, ...v.messages]) (threadsOf.get(id) ?? threadsOf.set(id, []).get(id)!).push(t);
  // a version sent unthreaded arrives as one stray per thread: one version again
  const all = joinStrays([...byKey.values()]).sort((a, b) => cmp(a.date, b.date) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const index = new Map(all.map((v, i) => [v.key, i]));
  const unlinked = new Set(opts.unlinked ?? []);
  const parent = all.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // a name counts for its author only on an address that imitates no sender of these threads
  const everyone = senderCheck(sorted.map((t) => t.senders ?? []));
  const same = authorRule((p) => everyone.lookalikeOf(p));
  const found = confirmEdges(all, same).filter((e) => unlinked.has(all[e.i]!.key) === unlinked.has(all[e.j]!.key));
  // another author's claim binds nothing: it is listed apart below
  const edges = found.filter((e) => e.bond !== 'other');
  for (const e of edges) parent[find(e.i)] = find(e.j);
  // the thread only answering a series: its anchor is the version it answers
  let anchor = opts.anchor ? resolveAnchor(opts.anchor, all, threads) : null;
  for (const key of opts.linked ?? []) {
    const j = index.get(key) ?? all.findIndex((v) => v.messages.includes(key));
    if (anchor !== null && j >= 0 && !unlinked.has(key)) {
      edges.push({ i: anchor, j, c: 'manual', bond: 'same' });
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
  const confirmedBy = all.map(() => new Set<Confirmation>());
  const takenOver = new Set<number>();
  for (const e of edges) {
    confirmedBy[e.i]!.add(e.c);
    confirmedBy[e.j]!.add(e.c);
    if (e.bond === 'takeover') takenOver.add(find(e.i));
  }
  const result: Array<{ root: number; s: SeriesVersions }> = [];
  for (const [root, idx] of groups) {
    if (idx.length === 1) confirmedBy[idx[0]!]!.add('thread');
    const answeredHere = anchorAnswer(opts.anchor, threads, all, idx);
    if (answeredHere !== null) confirmedBy[answeredHere]!.add('answer');
    const members = number(idx.map((i) => ({ version: all[i]!.version, facts: all[i]!, confirmedBy: [...confirmedBy[i]!].sort() })));
    const newest = members[members.length - 1]!.facts;
    const first = members[0]!.facts;
    if (takenOver.has(root)) for (const m of members) if (!same(m.facts.author, first.author)) m.takeover = true;
    // the threads' own lists, shared, not copied: one thread may hold a thousand series
    const senders = [...new Set(members.flatMap((m) => [m.facts.key, ...m.facts.messages].flatMap((id) => threadsOf.get(id) ?? [])))].map((t) => t.senders ?? []);
    // members from more than one address: each checked as a trailer's sender is
    if (members.some((m) => !emailEq(m.facts.author.address, first.author.address))) {
      const check = senderCheck(senders);
      for (const m of members) {
        const known = m.takeover ? null : check.newAddress(m.facts.author);
        if (known) m.newAddress = known;
      }
    }
    result.push({ root, s: { title: newest.title, author: { ...first.author }, changeId: members.find((m) => m.facts.changeId)?.facts.changeId ?? null, members, uncertain: [], otherAuthors: [], claims: [], senders } });
  }
  result.sort((a, b) => (a.root === anchor ? -1 : b.root === anchor ? 1 : b.s.members.length - a.s.members.length || cmp(a.s.members[0]!.facts.date, b.s.members[0]!.facts.date) || (a.s.members[0]!.facts.key < b.s.members[0]!.facts.key ? -1 : 1)));
  placeUncertain(all, find, groups, result, unlinked, same);
  placeOtherAuthors(all, find, groups, result, found.filter((e) => e.bond === 'other'));
  return result.map((r) => r.s);
}


/**
 * Loose candidates: a version nothing confirmed (a group of its own) whose author is the
 * series' within a year and whose title shares most words with a member's is listed as
 * uncertain, shown apart and never merged; once, under the first series (in result order)
 * it loosely matches, not under every one.
 */
function placeUncertain(all: VersionFacts[], find: (i: number) => number, groups: Map<number, number[]>, result: Array<{ root: number; s: SeriesVersions }>, unlinked: Set<string>, same: SameAuthor): void {
  const rank = new Map(result.map((r, k) => [r.root, k]));
  const near = looseCandidates(all);
  for (let j = 0; j < all.length; j++) {
    const w = all[j]!;
    if (groups.get(find(j))!.length !== 1 || unlinked.has(w.key)) continue;
    let best: number | null = null;
    for (const i of near(j)) {
      const r = find(i);
      if (r === find(j) || (best !== null && rank.get(r)! >= best)) continue;
      const v = all[i]!;
      if (same(v.author, w.author) && withinYear(v.date, w.date) && looseTitles(v.title, w.title)) best = rank.get(r)!;
    }
    if (best !== null) result[best]!.s.uncertain.push({ version: w.version, facts: w, confirmedBy: [] });
  }
}


/**
 * Members by version then date; a later unversioned repost of a taken number becomes the next
 * number past all of them (b4's v(n+1)): never one already in use, whose column would pool two
 * postings' trailers (issue 15).
 */
function number(members: VersionMember[]): VersionMember[] {
  members.sort((a, b) => a.version - b.version || cmp(a.facts.date, b.facts.date));
  const taken = new Map<number, VersionMember>();
  // past every number in use: a renumbered repost never lands in another version's column
  let top = members.reduce((a, m) => Math.max(a, m.version), 0);
  for (const m of members) {
    const have = taken.get(m.version);
    if (have && m.facts.versionInferred && have.facts.thread !== m.facts.thread && cmp(have.facts.date, m.facts.date) < 0) m.version = ++top;
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
