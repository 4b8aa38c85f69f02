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
 * Then the leftovers: a newer patch whose files lie mostly inside an older matched patch's is
 * a `split` of it (one older may have several); an older one inside a newer matched patch's
 * files was `squashed` into it; the rest are `new` and `dropped`.
 * Among several candidates of one tier the nearest counter wins, then the lower counter, then
 * the title: the answer depends only on the patches, never on the order of the arrays.
 * Exact tiers go through maps (linear); the fuzzy ones (reworded titles, overlapping files)
 * score the leftover pairs only, and only up to FUZZY_PAIRS of them.
 *
 * Output order is the newer version's order, each dropped or squashed older patch right after
 * the row of its older predecessor (as git range-diff prints). `older`/`newer` are indices
 * into the arrays given.
 *
 * Non-goals: computing patch-ids or reading mail (patch-id.ts, ledger.ts); a cost matrix
 * over diff sizes as range-diff solves (titles and files are what mail gives cheaply, and a
 * reviewer recognises a patch by them too).
 */

export interface LedgerPatch {
  /** Position in its version (1-based, as in `[PATCH v2 3/8]`). */
  counter: number;
  /** The subject without reply markers and bracketed tags. */
  title: string;
  /** git patch-id --stable of the patch, or null (no diff, or the patch is missing). */
  patchId: string | null;
  /** Paths the patch touches. */
  files: string[];
}

export type MatchBy = 'patch-id' | 'title' | 'files' | 'none';
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
  const key = (p: LedgerPatch): string => `${titleKey(p.title)}\n${p.patchId ?? ''}\n${[...p.files].sort().join('\n')}\n\n${p.title}\n${p.files.join('\n')}`;
  return list
    .map((_, i) => i)
    .sort((a, b) => list[a]!.counter - list[b]!.counter || (key(list[a]!) < key(list[b]!) ? -1 : key(list[a]!) > key(list[b]!) ? 1 : 0));
}

export function matchPatches(older: LedgerPatch[], newer: LedgerPatch[]): PatchMatch[] {
  const oldTaken = new Array<number | null>(older.length).fill(null);
  const newTaken = new Array<number | null>(newer.length).fill(null);
  const pairs: PatchMatch[] = [];
  const oldOrder = canonical(older);
  const newOrder = canonical(newer);

  /** Greedy one-to-one over candidate pairs: best score, nearest counters, canonical order. */
  const take = (by: MatchBy, cands: Array<[number, number, number, number]>): void => {
    cands.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
    for (const [, , ni, oi] of cands) {
      const n = newOrder[ni]!;
      const o = oldOrder[oi]!;
      if (newTaken[n] !== null || oldTaken[o] !== null) continue;
      newTaken[n] = o;
      oldTaken[o] = n;
      const same = older[o]!.patchId !== null && older[o]!.patchId === newer[n]!.patchId;
      pairs.push({ older: o, newer: n, by, kind: same ? 'unchanged' : 'changed' });
    }
  };
  const dist = (oi: number, ni: number): number => Math.abs(older[oldOrder[oi]!]!.counter - newer[newOrder[ni]!]!.counter);
  /** An exact tier: free pairs with the same non-null key, found through a map (linear). */
  const exact = (by: MatchBy, key: (p: LedgerPatch) => string | null): void => {
    const bucket = new Map<string, number[]>();
    oldOrder.forEach((o, oi) => {
      const k = oldTaken[o] === null ? key(older[o]!) : null;
      if (k === null) return;
      const b = bucket.get(k);
      if (b) b.push(oi);
      else bucket.set(k, [oi]);
    });
    const cands: Array<[number, number, number, number]> = [];
    newOrder.forEach((n, ni) => {
      const k = newTaken[n] === null ? key(newer[n]!) : null;
      for (const oi of (k !== null && bucket.get(k)) || []) cands.push([1, dist(oi, ni), ni, oi]);
    });
    take(by, cands);
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
  // the same bound as the fuzzy tiers: leftovers times matched patches
  const bounded = older.length * newer.length <= FUZZY_PAIRS;
  for (const n of newOrder) {
    if (newTaken[n] !== null) continue;
    const home = bounded ? best(oldOrder.filter((o) => oldTaken[o] !== null), (o) => containment(newer[n]!.files, older[o]!.files)) : null;
    extra.push(home === null ? { newer: n, by: 'none', kind: 'new' } : { older: home, newer: n, by: 'files', kind: 'split' });
  }
  for (const o of oldOrder) {
    if (oldTaken[o] !== null) continue;
    const home = bounded ? best(newOrder.filter((n) => newTaken[n] !== null), (n) => containment(older[o]!.files, newer[n]!.files)) : null;
    extra.push(home === null ? { older: o, by: 'none', kind: 'dropped' } : { older: o, newer: home, by: 'files', kind: 'squashed' });
  }
  return order([...pairs, ...extra], older, newer);
}

/** The candidate scoring highest (≥ 0.5), first in the given order on a tie. */
function best(cands: number[], score: (i: number) => number): number | null {
  let top: number | null = null;
  let topScore = 0.5 - 1e-9;
  for (const c of cands) {
    const s = score(c);
    if (s > topScore) {
      top = c;
      topScore = s;
    }
  }
  return top;
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
