/**
 * Patch series: which messages are cover letters and patches, which of them were sent
 * together (a posting), which postings are versions of one series, and what trailers each
 * patch collected.
 *
 * As b4 assembles a series:
 * - a reply is never a patch; `0/N` is a cover; a message with a diff is a patch; a message
 *   with a patch subject but no diff is a follow-up (b4's "nore" sample);
 * - an inferred (unversioned) revision is fixed from the parent cover or patch 1/N;
 * - a second unversioned posting from the same author, sent later, becomes v(n+1);
 * - a patch without a counter sent inside a counted posting is a patch of its own, never
 *   one of that posting's (it would take the place of 1/N);
 * - a partial reroll (only 2/5 re-sent as v3) borrows the others from the latest earlier
 *   version with the same total (`borrowedFrom`); counters found nowhere are `missing`.
 * Versions join one series by a standalone `change-id:` line or Patchew's `Supersedes: <id>`
 * (in the posting or in a reply to it), else by the same author with
 * matching titles (case-insensitive, one title a word-prefix of the other, for titles
 * extended between versions) or a patch title shared between the postings.
 *
 * A version's slots and trailers are series-version.ts's; which patch a reply's trailers
 * belong to is trailer-scope.ts's, what a reply gives givers.ts's.
 *
 * Non-goals: fetching other versions from an archive (the worker may, then re-run this);
 * diffing versions.
 */
import { comparableName } from '../mail/address.ts';
import { changeIdOf, hasDiff } from '../patch/detect.ts';
import { isMaskedAddress, senderAddress } from '../mail/masked.ts';
import { parseSubject } from '../mail/subject.ts';
import { parseTrailers } from './trailers.ts';
import { scopeReplies } from './trailer-scope.ts';
import { borrow, makeVersion } from './series-version.ts';
import type { MessageHead, Person, Series, SubjectInfo, Thread, Trailer } from '../types.ts';

export interface Item {
  head: MessageHead;
  s: SubjectInfo;
  kind: 'cover' | 'patch';
  version: number;
  versionInferred: boolean;
  /** Lower-cased From address; '' when a list rewrote it to its own (it names nobody). */
  author: string;
  /** Lower-cased name: gmane and archives rewrite addresses, names survive. */
  name: string;
  posting: Posting | null;
}

interface Posting {
  cover: Item | null;
  patches: Item[];
  version: number;
  versionInferred: boolean;
  total: number;
  lead: Item;
  date: string;
  title: string;
  keys: Set<string>;
  changeId: string | null;
  /** Ids this posting replaces (Patchew's `Supersedes: <id>`, in it or in a reply to it). */
  supersedes: Set<string>;
}

interface Group {
  lead: Item;
  changeId: string | null;
  postings: Posting[];
}

const UNDATED = '\uffff';

/** Cover, patch, or null for everything else (follow-ups, unrelated mail). */
export function classify(head: MessageHead, s: SubjectInfo, body: string | undefined): 'cover' | 'patch' | null {
  if (s.isReply) return null;
  if (s.counter === 0 && !s.counterInferred) return 'cover';
  if (body === undefined) return s.isPatch ? 'patch' : null;
  return hasDiff(body) ? 'patch' : null;
}

/** One author: the same real address, or the same name (an archive may have rewritten the address). */
function sameAuthor(a: Item, b: Item): boolean {
  return (a.author !== '' && a.author === b.author && !isMaskedAddress(a.author)) || (a.name.length > 1 && a.name === b.name);
}

function titlesMatch(a: string, b: string): boolean {
  if (a === b) return a.length > 0;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 12 && long.startsWith(short) && long[short.length] === ' ';
}

export function buildSeries(heads: MessageHead[], bodies: Map<string, string>, thread: Thread): Series[] {
  const up = new Map<string, string | null>();
  for (const m of thread.messages) up.set(m.id, m.parent ?? m.related);
  const items = new Map<string, Item>();
  const delivered = new Set<string>();
  // The same mail delivered twice (cross-posted, `<id>#2`) is one patch, not a reroll. The
  // copy kept is the one assignKeys let keep the bare id, so the patch's key does not depend
  // on which copy came first.
  const copyRank = (h: MessageHead): number => (h.id === h.messageId ? 0 : Number(/#(\d+)$/.exec(h.id)?.[1] ?? 1));
  for (const head of heads.slice().sort((a, b) => copyRank(a) - copyRank(b))) {
    const copy = `${head.messageId}\n${head.subject}`;
    if (head.messageId && delivered.has(copy)) continue;
    delivered.add(copy);
    const s = parseSubject(head.subject);
    const kind = classify(head, s, bodies.get(head.id));
    if (!kind) continue;
    items.set(head.id, { head, s, kind, version: s.version, versionInferred: s.versionInferred, author: head.via ? '' : head.from.address.toLowerCase(), name: comparableName(head.from.name), posting: null });
  }
  /** The nearest cover or patch above `id` in the tree (through ghosts and follow-ups). */
  const itemAbove = (id: string): Item | null => {
    let cur = up.get(id) ?? null;
    for (let steps = 0; cur && steps < 200; steps++) {
      const it = items.get(cur);
      if (it) return it;
      cur = up.get(cur) ?? null;
    }
    return null;
  };

  const postings: Posting[] = [];
  const byKey = new Map<string, Posting>();
  const open = (first: Item): Posting => {
    const p: Posting = { cover: null, patches: [], version: first.version, versionInferred: first.versionInferred, total: first.s.total, lead: first, date: UNDATED, title: first.s.key, keys: new Set(), changeId: null, supersedes: new Set() };
    postings.push(p);
    return p;
  };
  // Tree order: a parent's posting exists before its replies look for it.
  const ordered = thread.messages.map((m) => items.get(m.id)).filter((x): x is Item => !!x);
  for (const it of ordered) {
    if (it.kind === 'cover') {
      it.posting = open(it);
      it.posting.cover = it;
      continue;
    }
    const above = itemAbove(it.head.id);
    if (above && it.versionInferred && sameAuthor(above, it) && (above.kind === 'cover' || above.s.counter === 1)) {
      it.version = above.version;
      it.versionInferred = above.versionInferred;
    }
    const p = above?.posting;
    // A patch without a counter sent inside a counted posting (a standalone fix, a side
    // series) is not one of its patches: it never takes the place of a counted one. Nor is
    // another one-off patch sent in reply to a one-off (`[PATCH TTY] memcg: drop …` below
    // `[PATCH] memcg: replace …`): only the same title again is a resend of it.
    if (p && sameAuthor(above, it) && p.version === it.version && (it.s.counterInferred ? p.total <= 1 && [p.cover, ...p.patches].some((x) => x?.s.key === it.s.key) : p.total === it.s.total)) {
      it.posting = p;
    } else {
      let root = it.head.id;
      for (let cur = up.get(root), n = 0; cur && n < 10_000; cur = up.get(cur), n++) root = cur;
      // counted patches of one size under one root are one posting; a one-off is one with itself only
      const key = `${it.author || `name:${it.name}`}\n${it.version}\n${it.s.total}\n${root}${it.s.counterInferred ? `\n${it.s.key}` : ''}`;
      it.posting = byKey.get(key) ?? open(it);
      byKey.set(key, it.posting);
    }
    it.posting.patches.push(it);
  }
  for (const p of postings) finishPosting(p, bodies);
  const merged = mergeStrays(postings);
  for (const head of heads) {
    const body = bodies.get(head.id);
    if (!body || !/^supersedes:/im.test(body)) continue;
    const target = items.get(head.id) ?? itemAbove(head.id);
    for (const id of supersededIds(body)) target?.posting?.supersedes.add(id);
  }

  const groups = groupPostings(merged, items);
  const replies = scopeReplies(heads, bodies, (id) => items.has(id), (id) => itemAbove(id)?.head.id ?? null);
  const own = new Map<string, Trailer[]>();
  const trailersOf = (it: { head: MessageHead }): Trailer[] => {
    let t = own.get(it.head.id);
    if (!t) {
      const body = bodies.get(it.head.id);
      t = body === undefined ? [] : parseTrailers(body, it.head.id);
      own.set(it.head.id, t);
    }
    return t;
  };

  const series: Series[] = groups.map((g) => {
    const versions = assignVersions(g.postings).map(([version, ps]) => makeVersion(version, ps, trailersOf, replies, bodies));
    borrow(versions);
    const first = g.postings[0]!;
    const firstHead = (first.cover ?? first.patches[0]!).head;
    const last = g.postings.reduce((a, b) => (a.version >= b.version ? a : b));
    return { subject: (last.cover ?? last.patches[0]!).s.base, author: authorOf(firstHead, g, heads), changeId: g.changeId, versions };
  });
  return series;
}

/**
 * Who the series is by. When the lead mail's address is not the author's own (gmane mangled
 * it, or a list rewrote it), the same name's own address is taken from the series' other
 * mail, else from the rest of the thread, so the author is a person one can find and write to.
 */
function authorOf(lead: MessageHead, g: Group, heads: MessageHead[]): Person {
  if (senderAddress(lead) !== null) return { ...lead.from };
  const name = comparableName(lead.from.name);
  if (name.length < 2) return { ...lead.from };
  const own = (h: MessageHead): boolean => senderAddress(h) !== null && comparableName(h.from.name) === name;
  const series = g.postings.flatMap((p) => [p.cover, ...p.patches]).flatMap((it) => (it ? [it.head] : []));
  const found = series.find(own) ?? heads.find(own);
  return found ? { name: lead.from.name, address: found.from.address } : { ...lead.from };
}

function finishPosting(p: Posting, bodies: Map<string, string>): void {
  p.patches.sort((a, b) => a.s.counter - b.s.counter || cmpDate(a.head.date, b.head.date));
  const lead = p.cover ?? p.patches[0]!;
  p.lead = lead;
  p.title = lead.s.key;
  p.version = lead.version;
  p.versionInferred = lead.versionInferred;
  if (p.cover) p.total = p.cover.s.total;
  for (const it of p.patches) p.total = Math.max(p.total, it.s.total, it.s.counter);
  for (const it of [p.cover, ...p.patches]) {
    if (!it) continue;
    p.keys.add(it.s.key);
    const d = it.head.date ?? UNDATED;
    if (d < p.date) p.date = d;
  }
  const first = p.cover ?? p.patches.find((x) => x.s.counter <= 1);
  const body = first ? bodies.get(first.head.id) : undefined;
  p.changeId = body ? changeIdOf(body) : null;
}

/** Ids named by own (unquoted) `Supersedes:` lines. */
function supersededIds(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/^supersedes:[ \t]*(.*)$/gim)) for (const id of m[1]!.matchAll(/<([^<>\s]+)>/g)) out.push(id[1]!);
  return out;
}

function cmpDate(a: string | null, b: string | null): number {
  const x = a ?? UNDATED;
  const y = b ?? UNDATED;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Patches whose thread link to their cover was lost (a ghost parent, a gmane-rewritten
 * reference) join the posting of the same author, version and size sent within a day whose
 * counters they complete, as patchwork groups by submitter, version and total.
 */
function mergeStrays(postings: Posting[]): Posting[] {
  const kept: Posting[] = [];
  const strays: Posting[] = [];
  for (const p of postings) (p.cover || p.total <= 1 ? kept : strays).push(p);
  const dayApart = (a: string, b: string): boolean => a === UNDATED || b === UNDATED || Math.abs(Date.parse(a) - Date.parse(b)) <= 864e5;
  strays.sort((a, b) => b.patches.length - a.patches.length);
  for (const p of strays) {
    const home = kept.find((q) => q.version === p.version && q.total === p.total && sameAuthor(q.lead, p.lead) && dayApart(q.date, p.date) && !q.patches.some((x) => p.patches.some((y) => y.s.counter === x.s.counter)));
    if (!home) {
      kept.push(p);
      continue;
    }
    for (const it of p.patches) it.posting = home;
    home.patches.push(...p.patches);
    home.patches.sort((a, b) => a.s.counter - b.s.counter);
    for (const k of p.keys) home.keys.add(k);
    if (p.date < home.date) home.date = p.date;
  }
  return kept;
}

/** Postings into series: change-id first, then same author and matching titles. */
function groupPostings(postings: Posting[], items: Map<string, Item>): Group[] {
  const sorted = postings.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const groups: Group[] = [];
  const byChange = new Map<string, Group>();
  const groupOf = new Map<Posting, Group>();
  for (const p of sorted) {
    let g = p.changeId ? byChange.get(p.changeId) : undefined;
    for (const id of p.supersedes) {
      const older = items.get(id)?.posting;
      g ??= older ? groupOf.get(older) : undefined;
    }
    if (!g) {
      g = groups.find((x) => sameAuthor(x.lead, p.lead) && (!p.changeId || !x.changeId) && x.postings.some((q) => titlesMatch(q.title, p.title) || [...p.keys].some((k) => k.length >= 8 && q.keys.has(k))));
    }
    if (!g) {
      g = { lead: p.lead, changeId: null, postings: [] };
      groups.push(g);
    }
    g.postings.push(p);
    groupOf.set(p, g);
    if (p.changeId && !g.changeId) {
      g.changeId = p.changeId;
      byChange.set(p.changeId, g);
    }
  }
  return groups;
}

/** Version numbers for a series' postings: a later unversioned 1/N or cover is v(n+1). */
function assignVersions(postings: Posting[]): Array<[number, Posting[]]> {
  const byVersion = new Map<number, Posting[]>();
  for (const p of postings) {
    let v = p.version;
    const fresh = p.cover !== null || p.patches.some((x) => x.s.counter === 1);
    const earlier = byVersion.get(v);
    if (earlier && p.versionInferred && fresh && earlier.every((q) => q.date < p.date)) {
      v = Math.max(...byVersion.keys()) + 1;
      p.version = v;
    }
    const list = byVersion.get(v);
    if (list) list.push(p);
    else byVersion.set(v, [p]);
  }
  return [...byVersion.entries()].sort((a, b) => a[0] - b[0]);
}
