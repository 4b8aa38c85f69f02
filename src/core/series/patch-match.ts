/**
 * Which patch of one version is which patch of the next: the rows of the series ledger, and
 * the pairs the version diff (interdiff, range-diff) compares.
 *
 *   matchPatches(older: LedgerPatch[], newer: LedgerPatch[]): PatchMatch[]
 *
 * Tiers, each only over what the tiers before left unmatched, one to one:
 * 1. patch-id: the same `git patch-id --stable` is the same change (b4's carry-forward rule);
 *    kind `unchanged` (b4's ≡), whatever the title or the position became.
 * 2. title: the same subject, then the same subject once subsystem prefixes are dropped
 *    (`mm: foo` → `mm/hmm: foo`), then titles sharing most of their words (reworded) on
 *    patches sharing a file.
 * 3. files: the same set of files, then most of the files of one inside the other.
 * Then the leftovers, as git range-diff would see them: a split or a squash needs its source
 * to be gone (no pair of its own in the other version) and the code to overlap (shared
 * hunk lines, code-print.ts; shared file names are not enough). A newer leftover sharing
 * code with an older leftover is a `split` of it (one older may have several); an older
 * leftover sharing code with a newer patch was `squashed` into it; the rest are `new` and
 * `dropped`. (Before issue 15 a new patch touching a file of an unchanged one was called
 * "split out of" it, and its interdiff compared two unrelated patches.)
 * Among several candidates of one tier the nearest counter wins, then the lower counter, then
 * the title: the answer depends only on the patches, never on the order of the arrays.
 * Exact tiers go through maps, each bucket paired nearest-counter-first in O(n log n) however
 * many patches share a key (2,000 patches touching one file); the fuzzy ones (reworded
 * titles, overlapping files) score the leftover pairs only, and only up to FUZZY_PAIRS of
 * them; split and squash candidates come from an index of code lines.
 *
 * Output order is the newer version's order, each dropped or squashed older patch right after
 * the row of its older predecessor (as git range-diff prints). `older`/`newer` are indices
 * into the arrays given.
 *
 * Non-goals: computing patch-ids or reading mail (patch-id.ts, ledger.ts); a cost matrix
 * over diff sizes as range-diff solves (titles and files are what mail gives cheaply, and a
 * reviewer recognises a patch by them too).
 */
import { sharedCode } from './code-print.ts';
import { nearestPairs } from './nearest-pairs.ts';

export interface LedgerPatch {
  /** Position in its version (1-based, as in `[PATCH v2 3/8]`). */
  counter: number;
  /** The subject without reply markers and bracketed tags. */
  title: string;
  /** git patch-id --stable of the patch, or null (no diff, or the patch is missing). */
  patchId: string | null;
  /** Paths the patch touches. */
  files: string[];
  /** Its code print (code-print.ts); '' or absent when unknown: then it is never a split or squash. */
  code?: string;
}

/** What decided a pair; `code` (shared hunk lines) only ever makes a split or a squash. */
export type MatchBy = 'patch-id' | 'title' | 'files' | 'code' | 'none';
export type MatchKind = 'unchanged' | 'changed' | 'split' | 'squashed' | 'new' | 'dropped';

export interface PatchMatch {
  /** Index into `older`; absent for a new patch. */
  older?: number;
  /** Index into `newer`; absent for a dropped patch. */
  newer?: number;
  /** The tier that decided the pair. */
  by: MatchBy;
  /** `unchanged` = same patch-id (≡); `changed` = the same patch, edited. */
  kind: MatchKind;
}

/** Past this many leftover pairs the fuzzy tiers are skipped (see `fuzzy`). */
const FUZZY_PAIRS = 250_000;

/** Lower case, whitespace collapsed. */
function titleKey(t: string): string {
  return t.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The title without its subsystem prefixes: `net: phy: fix x` → `fix x`. */
export function strippedTitle(t: string): string {
  let s = titleKey(t);
  for (let i = 0; i < 4; i++) {
    const m = /^[^\s:]{1,40}:\s+/.exec(s);
    if (!m || m[0].length >= s.length) break;
    s = s.slice(m[0].length);
  }
  return s;
}

function words(t: string): Set<string> {
  return new Set(strippedTitle(t).split(/[^a-z0-9_]+/).filter((w) => w.length > 1));
}

/** Dice coefficient of two word sets. */
function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return (2 * common) / (a.size + b.size);
}

/** |a ∩ b| / min(|a|, |b|): how much of the smaller file set lies in the other. */
function containment(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const set = new Set(b);
  let common = 0;
  for (const f of a) if (set.has(f)) common++;
  return common / Math.min(a.length, new Set(b).size);
}

/** A canonical order of indices by content, so ties never fall to array positions. */
function canonical(list: LedgerPatch[]): number[] {
  // the raw title and file order last: patches differing only there are still told apart
  const keys = list.map((p) => `${titleKey(p.title)}\n${p.patchId ?? ''}\n${[...p.files].sort().join('\n')}\n\n${p.title}\n${p.files.join('\n')}\n\n${p.code ?? ''}`);
  return list
    .map((_, i) => i)
    .sort((a, b) => list[a]!.counter - list[b]!.counter || (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
}

export function matchPatches(older: LedgerPatch[], newer: LedgerPatch[]): PatchMatch[] {
  const oldTaken = new Array<number | null>(older.length).fill(null);
  const newTaken = new Array<number | null>(newer.length).fill(null);
  const pairs: PatchMatch[] = [];
  const oldOrder = canonical(older);
  const newOrder = canonical(newer);

  /** Pairs the newer patch at canonical index `ni` with the older one at `oi`, if both are free. */
  const pair = (by: MatchBy, ni: number, oi: number): void => {
    const n = newOrder[ni]!;
    const o = oldOrder[oi]!;
    if (newTaken[n] !== null || oldTaken[o] !== null) return;
    newTaken[n] = o;
    oldTaken[o] = n;
    const same = older[o]!.patchId !== null && older[o]!.patchId === newer[n]!.patchId;
    pairs.push({ older: o, newer: n, by, kind: same ? 'unchanged' : 'changed' });
  };
  /** Greedy one-to-one over candidate pairs: best score, nearest counters, canonical order. */
  const take = (by: MatchBy, cands: Array<[number, number, number, number]>): void => {
    cands.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
    for (const [, , ni, oi] of cands) pair(by, ni, oi);
  };
  const dist = (oi: number, ni: number): number => Math.abs(older[oldOrder[oi]!]!.counter - newer[newOrder[ni]!]!.counter);
  /**
   * An exact tier: free pairs with the same non-null key, found through a map; in a bucket
   * the nearest counters pair first (nearest-pairs.ts), as `take` would order them.
   */
  const exact = (by: MatchBy, key: (p: LedgerPatch) => string | null): void => {
    const bucket = new Map<string, { olds: number[]; news: number[] }>();
    oldOrder.forEach((o, oi) => {
      const k = oldTaken[o] === null ? key(older[o]!) : null;
      if (k === null) return;
      const b = bucket.get(k);
      if (b) b.olds.push(oi);
      else bucket.set(k, { olds: [oi], news: [] });
    });
    newOrder.forEach((n, ni) => {
      const k = newTaken[n] === null ? key(newer[n]!) : null;
      if (k !== null) bucket.get(k)?.news.push(ni);
    });
    const oldCounter = (oi: number): number => older[oldOrder[oi]!]!.counter;
    const newCounter = (ni: number): number => newer[newOrder[ni]!]!.counter;
    for (const { olds, news } of bucket.values()) {
      if (!news.length) continue;
      for (const [ni, oi] of nearestPairs(olds, news, oldCounter, newCounter)) pair(by, ni, oi);
    }
  };
  /**
   * A fuzzy tier, over what the exact tiers left: every free pair scored. Quadratic in the
   * leftovers, so skipped past FUZZY_PAIRS of them (a 1,000-patch reroll with nothing in
   * common is new and dropped patches, not a puzzle worth a second).
   */
  const fuzzy = (by: MatchBy, score: (oi: number, ni: number) => number): void => {
    const freeOld = oldOrder.map((o, oi) => (oldTaken[o] === null ? oi : -1)).filter((x) => x >= 0);
    const freeNew = newOrder.map((n, ni) => (newTaken[n] === null ? ni : -1)).filter((x) => x >= 0);
    if (freeOld.length * freeNew.length > FUZZY_PAIRS) return;
    const cands: Array<[number, number, number, number]> = [];
    for (const ni of freeNew) {
      for (const oi of freeOld) {
        const v = score(oi, ni);
        if (v > 0) cands.push([v, dist(oi, ni), ni, oi]);
      }
    }
    take(by, cands);
  };
  const oldWords = oldOrder.map((o) => words(older[o]!.title));
  const newWords = newOrder.map((n) => words(newer[n]!.title));

  exact('patch-id', (p) => p.patchId);
  exact('title', (p) => (p.title.trim() ? titleKey(p.title) : null));
  exact('title', (p) => {
    const t = strippedTitle(p.title);
    return t.length >= 8 ? t : null;
  });
  fuzzy('title', (oi, ni) => {
    const d = dice(oldWords[oi]!, newWords[ni]!);
    if (d < 0.75) return 0;
    // a reworded title on a patch touching other files is another patch of a templated
    // series (`dt-bindings: add foo` / `dt-bindings: add bar`), not this one reworded
    const a = older[oldOrder[oi]!]!.files;
    const b = newer[newOrder[ni]!]!.files;
    return a.length && b.length && containment(a, b) === 0 ? 0 : d;
  });
  exact('files', (p) => (p.files.length ? [...new Set(p.files)].sort().join('\n') : null));
  fuzzy('files', (oi, ni) => {
    const c = containment(older[oldOrder[oi]!]!.files, newer[newOrder[ni]!]!.files);
    return c >= 0.5 ? c : 0;
  });

  // Leftovers: parts of a split, patches squashed into another, new and dropped ones.
  const extra: PatchMatch[] = [];
  const freeOld = oldOrder.filter((o) => oldTaken[o] === null);
  const splitOf = freeOld.length ? codeHomes(freeOld.map((o) => older[o]!.code ?? '')) : () => null;
  for (const n of newOrder) {
    if (newTaken[n] !== null) continue;
    const home = splitOf(newer[n]!.code ?? '');
    extra.push(home === null ? { newer: n, by: 'none', kind: 'new' } : { older: freeOld[home]!, newer: n, by: 'code', kind: 'split' });
  }
  const squashInto = freeOld.length ? codeHomes(newOrder.map((n) => newer[n]!.code ?? '')) : () => null;
  const splitSources = new Set(extra.flatMap((x) => (x.kind === 'split' ? [x.older!] : [])));
  for (const o of freeOld) {
    // an older patch split into newer ones is not also squashed into one of them
    if (splitSources.has(o)) {
      extra.push({ older: o, by: 'none', kind: 'dropped' });
      continue;
    }
    const home = squashInto(older[o]!.code ?? '');
    extra.push(home === null ? { older: o, by: 'none', kind: 'dropped' } : { older: o, newer: newOrder[home]!, by: 'code', kind: 'squashed' });
  }
  return order([...pairs, ...extra], older, newer);
}

/** A code line shared by more patches than this tells none of them apart. */
const COMMON_LINE = 32;

/**
 * Which of `prints` (in canonical order) shares code with a given print: the first one in
 * that order that `sharedCode` accepts, among those sharing at least one line hash with it
 * through an index (so a leftover is compared with a few candidates, not with every patch).
 */
function codeHomes(prints: string[]): (print: string) => number | null {
  const index = new Map<string, number[]>();
  prints.forEach((p, i) => {
    for (let k = 0; k + 4 <= p.length; k += 4) {
      const h = p.slice(k, k + 4);
      const list = index.get(h);
      if (!list) index.set(h, [i]);
      else if (list.length <= COMMON_LINE) list.push(i);
    }
  });
  return (print) => {
    const seen = new Set<number>();
    for (let k = 0; k + 4 <= print.length; k += 4) {
      const list = index.get(print.slice(k, k + 4));
      if (list && list.length <= COMMON_LINE) for (const i of list) seen.add(i);
    }
    for (const i of [...seen].sort((a, b) => a - b)) if (sharedCode(print, prints[i]!)) return i;
    return null;
  };
}

/**
 * Newer order; a row without a newer patch (dropped) goes after the row of its older
 * predecessor, a squashed one right after the patch it went into.
 */
function order(rows: PatchMatch[], older: LedgerPatch[], newer: LedgerPatch[]): PatchMatch[] {
  const anchorOf = new Map<number, number>();
  for (const r of rows) if (r.older !== undefined && r.newer !== undefined && r.kind !== 'squashed' && r.kind !== 'split') anchorOf.set(older[r.older]!.counter, newer[r.newer]!.counter);
  const keyed = rows.map((r) => {
    const oc = r.older === undefined ? 0 : older[r.older]!.counter;
    if (r.newer !== undefined) return { r, k: [newer[r.newer]!.counter, r.kind === 'squashed' ? 1 : 0, oc, r.kind === 'split' ? 1 : 0] };
    let anchor = 0;
    let at = -1;
    for (const [c, nc] of anchorOf) if (c < oc && c > at) [at, anchor] = [c, nc];
    return { r, k: [anchor, 2, oc, 0] };
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < 4; i++) if (a.k[i] !== b.k[i]) return a.k[i]! - b.k[i]!;
    return 0;
  });
  return keyed.map((x) => x.r);
}
