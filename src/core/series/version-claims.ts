/**
 * Another author's claims on a series (version-edges.ts `Bond` "other"): a reply to its
 * cover, a link to it, its change-id or Supersedes, from someone who is not its author and
 * carries no Signed-off-by of theirs. The later of the two groups is listed under the earlier
 * one, apart (`otherAuthors`), with what it claimed by; its own group stays a series of its
 * own, `claims` naming the versions it claims to continue. Never merged (issue 16).
 *
 *   placeOtherAuthors(all, find, groups, result, claims): void     (fills both lists in place)
 *
 * Once per group and per pair of groups: 8,000 strangers replying to one cover stay
 * near-linear (bench/series-shapes.ts `strangerReplies`).
 *
 * Non-goals: finding the claims (version-edges.ts), grouping (version-group.ts).
 */
import type { VersionFacts } from './series-facts.ts';
import { cmp, type Confirmation, type Edge } from './version-edges.ts';
import type { SeriesVersions, VersionMember } from './version-group.ts';

export function placeOtherAuthors(all: VersionFacts[], find: (i: number) => number, groups: Map<number, number[]>, result: Array<{ root: number; s: SeriesVersions }>, claims: Edge[]): void {
  const byRoot = new Map(result.map((r) => [r.root, r.s]));
  // once per group and per pair of groups: a crowd of claims stays near-linear
  const first = new Map<number, string>();
  const since = (r: number): string => {
    let d = first.get(r);
    if (d === undefined) first.set(r, (d = groups.get(r)!.reduce((x, i) => (cmp(all[i]!.date, x) < 0 ? (all[i]!.date ?? x) : x), '\uffff')));
    return d;
  };
  const paired = new Set<string>();
  const placed = new Map<string, VersionMember>();
  const list = (into: VersionMember[], at: string, k: number, c: Confirmation | null): void => {
    let m = placed.get(at);
    if (!m) {
      placed.set(at, (m = { version: all[k]!.version, facts: all[k]!, confirmedBy: [] }));
      into.push(m);
    }
    if (c && !m.confirmedBy.includes(c)) m.confirmedBy = [...m.confirmedBy, c].sort();
  };
  for (const e of claims) {
    const [ri, rj] = [find(e.i), find(e.j)];
    if (ri === rj) continue;
    const [home, from] = cmp(since(ri), since(rj)) <= 0 ? [ri, rj] : [rj, ri];
    if (!paired.has(`${home}\n${from}`)) {
      paired.add(`${home}\n${from}`);
      for (const k of groups.get(from)!) list(byRoot.get(home)!.otherAuthors, `o\n${home}\n${k}`, k, null);
    }
    const claimant = find(e.i) === from ? e.i : e.j;
    list(byRoot.get(home)!.otherAuthors, `o\n${home}\n${claimant}`, claimant, e.c);
    const claimed = find(e.i) === home ? e.i : e.j;
    list(byRoot.get(from)!.claims, `c\n${from}\n${claimed}`, claimed, e.c);
  }
  for (const r of result) for (const l of [r.s.otherAuthors, r.s.claims]) l.sort((a, b) => a.version - b.version || cmp(a.facts.date, b.facts.date));
}
