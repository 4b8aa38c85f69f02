/**
 * One version of a series from its postings: a slot per counter, each patch's trailers with
 * their origin, the cover's follow-ups for every patch, the bots' reports, what is missing,
 * and a partial reroll's borrowed patches.
 *
 * Trailer scope, as b4 applies it:
 * - a patch's own trailers (its commit message) are that patch's only (`patch`);
 * - a reply below a patch gives to that patch (`followup`); trailer-scope.ts finds the patch;
 * - only a reply below the cover letter gives to every patch of the version (`cover`);
 * - a resend, "update", "fix" or RESEND of patch N *is* patch N of its version: the later
 *   one takes the slot, and the trailers of every copy (its own and its replies') are N's.
 * Each trailer keeps `on`, the message it was given on, so a carry-forward can go by the
 * patch-id of that very message (ledger.ts).
 *
 * Non-goals: which postings make a version (series.ts), counting (trailers.ts).
 */
import { countTrailers, coverTrailers, trailerWho } from './trailers.ts';
import type { Scoped } from './trailer-scope.ts';
import type { BotReport, MessageHead, SeriesPatch, SeriesVersion, SubjectInfo, Trailer, TrailerEvidence } from '../types.ts';

/** A cover or patch of a posting, as series-version.ts needs it. */
export interface SlotItem {
  head: MessageHead;
  s: SubjectInfo;
}

/** Postings of one version, as series-version.ts needs them. */
export interface VersionPosting {
  cover: SlotItem | null;
  patches: SlotItem[];
  total: number;
  date: string;
  versionInferred: boolean;
  changeId: string | null;
}

const UNDATED = '\uffff';
/** A counter past this is a typo, not a 10,000-patch series: no `missing` list for it. */
const MAX_TOTAL = 1000;

function dedupe<T extends Trailer>(trailers: T[], key: (t: T) => string = (t) => `${t.name}\n${trailerWho(t)}`): T[] {
  const kept = new Map<string, number>();
  const out: T[] = [];
  for (const t of trailers) {
    const k = key(t);
    const at = kept.get(k);
    if (at === undefined) {
      kept.set(k, out.push(t) - 1);
      continue;
    }
    // the same giving from another message: counted once, and that message still gave it
    const have = out[at]!;
    if (t.from !== have.from && !have.alsoFrom?.includes(t.from)) out[at] = { ...have, alsoFrom: [...(have.alsoFrom ?? []), t.from] };
  }
  return out;
}

export function makeVersion(version: number, ps: VersionPosting[], ownTrailers: (it: SlotItem) => Trailer[], replies: Map<string, Scoped>, bodies: Map<string, string>): SeriesVersion {
  const slots = new Map<number, SlotItem[]>();
  let cover: SlotItem | null = null;
  let total = 0;
  let date = UNDATED;
  for (const p of ps) {
    if (p.cover) cover = p.cover;
    total = Math.max(total, p.total);
    if (p.date < date) date = p.date;
    for (const it of p.patches) {
      const list = slots.get(it.s.counter);
      if (list) list.push(it);
      else slots.set(it.s.counter, [it]);
    }
  }
  const covers = ps.flatMap((p) => (p.cover ? [p.cover] : []));
  const coverGiven = covers.flatMap((c) => (replies.get(c.head.id)?.given ?? []).map((t): Trailer => ({ ...t, origin: 'cover' })));
  const coverEvidence = covers.flatMap((c) => (replies.get(c.head.id)?.evidence ?? []).map((t): TrailerEvidence => ({ ...t, origin: 'cover' })));
  const bots: BotReport[] = covers.flatMap((c) => (replies.get(c.head.id)?.bots ?? []).map((b) => ({ ...b, counter: null })));
  const patches: SeriesPatch[] = [...slots.entries()].sort((a, b) => a[0] - b[0]).map(([counter, list]) => {
    // a counted patch keeps its slot against a counter-less one of another posting
    const latest = list.findLast((it) => !it.s.counterInferred) ?? list[list.length - 1]!;
    // the copy in the slot first: where one person gave twice, the giving kept is on the
    // patch shown, whose patch-id a carry-forward compares
    const copies = [latest, ...list.filter((it) => it !== latest).reverse()];
    const own = copies.flatMap((it) => ownTrailers(it).map((t): Trailer => ({ ...t, origin: 'patch', on: it.head.id })));
    const follow = copies.flatMap((it) => (replies.get(it.head.id)?.given ?? []).map((t): Trailer => ({ ...t, origin: 'followup' })));
    const trailers = dedupe([...own, ...follow, ...coverGiven]);
    const evidence = dedupe(
      [...copies.flatMap((it) => (replies.get(it.head.id)?.evidence ?? []).map((t): TrailerEvidence => ({ ...t, origin: 'followup' }))), ...coverEvidence],
      (t) => `${t.name}\n${t.value.toLowerCase()}\n${t.from}`,
    );
    for (const it of list) for (const b of replies.get(it.head.id)?.bots ?? []) bots.push({ ...b, counter });
    const patch: SeriesPatch = { counter, id: latest.head.id, subject: latest.head.subject, trailers, counts: countTrailers(trailers), borrowedFrom: null };
    if (evidence.length) patch.evidence = evidence;
    if (copies.length > 1) patch.resends = copies.slice(1).map((it) => it.head.id);
    return patch;
  });
  const missing: number[] = [];
  if (total <= MAX_TOTAL) for (let c = 1; c <= total; c++) if (!slots.has(c)) missing.push(c);
  const lead = cover ?? ps[0]!.patches[0]!;
  const coverBody = cover ? bodies.get(cover.head.id) : undefined;
  const v: SeriesVersion = {
    version,
    versionInferred: ps.every((p) => p.versionInferred),
    total,
    cover: cover ? cover.head.id : null,
    date: date === UNDATED ? null : date,
    subject: lead.head.subject,
    patches,
    missing,
    coverTrailers: cover && coverBody !== undefined ? coverTrailers(coverBody, cover.head.id) : [],
    changeId: ps.find((p) => p.changeId)?.changeId ?? null,
  };
  if (bots.length) v.bots = bots.sort((a, b) => ((a.date ?? UNDATED) < (b.date ?? UNDATED) ? -1 : (a.date ?? UNDATED) > (b.date ?? UNDATED) ? 1 : 0));
  return v;
}

/** Partial rerolls: a missing counter comes from the latest earlier version of the same size. */
export function borrow(versions: SeriesVersion[]): void {
  for (let i = 1; i < versions.length; i++) {
    const v = versions[i]!;
    if (!v.missing.length || !v.patches.length) continue;
    const still: number[] = [];
    for (const c of v.missing) {
      let found: SeriesPatch | null = null;
      let from = 0;
      for (let j = i - 1; j >= 0 && !found; j--) {
        const older = versions[j]!;
        if (older.total !== v.total) continue;
        found = older.patches.find((p) => p.counter === c) ?? null;
        from = older.version;
      }
      if (found) v.patches.push({ ...found, borrowedFrom: found.borrowedFrom ?? from });
      else still.push(c);
    }
    v.patches.sort((a, b) => a.counter - b.counter);
    v.missing = still;
  }
}
