/**
 * The patch matcher: each tier on a small case, reordered/split/squashed/added/dropped
 * patches, and the properties the issue asks for: a series matched with itself is all ≡,
 * and the result does not depend on the order of the input arrays; the exact tiers' nearest
 * counter pairing against the brute-force greedy it replaces, and its growth (issue 16).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codePrint } from '../../../src/core/series/code-print.ts';
import { matchPatches, strippedTitle, type LedgerPatch, type PatchMatch } from '../../../src/core/series/patch-match.ts';
import { nearestPairs } from '../../../src/core/series/nearest-pairs.ts';

const p = (counter: number, title: string, patchId: string | null, files: string[], print?: string): LedgerPatch => ({ counter, title, patchId, files, ...(print !== undefined ? { code: print } : {}) });
/** The code print of a patch adding two lines per tag (each long enough to be hashed). */
const code = (...tags: string[]): string => codePrint(`diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,1 +1,${tags.length * 2} @@\n${tags.map((t) => `+static int ${t}_first_line(void);\n+static int ${t}_second_line(void);\n`).join('')}`);
/** Rows as readable tuples: [older counter, newer counter, by, kind]. */
const rows = (older: LedgerPatch[], newer: LedgerPatch[], m: PatchMatch[]): Array<[number | null, number | null, string, string]> =>
  m.map((r) => [r.older === undefined ? null : older[r.older]!.counter, r.newer === undefined ? null : newer[r.newer]!.counter, r.by, r.kind]);

describe('matchPatches', () => {
  it('pairs by patch-id first, even when the title and the position changed', () => {
    const v1 = [p(1, 'mm: add foo', 'aaa', ['mm/foo.c']), p(2, 'mm: use foo', 'bbb', ['mm/bar.c'])];
    const v2 = [p(1, 'mm: use foo in bar', 'bbb', ['mm/bar.c']), p(2, 'mm: add foo helper', 'ccc', ['mm/foo.c'])];
    expect(rows(v1, v2, matchPatches(v1, v2))).toEqual([
      [2, 1, 'patch-id', 'unchanged'],
      [1, 2, 'title', 'changed'],
    ]);
  });

  it('then by title, re-cased and re-prefixed titles too', () => {
    const v1 = [p(1, 'mm: Rework hmm to use devm_memremap_pages', 'a', ['mm/hmm.c']), p(2, 'Fix the thing', 'b', ['x.c'])];
    const v2 = [p(1, 'fix the THING', 'c', ['y.c']), p(2, 'mm/hmm: rework hmm to use devm_memremap_pages', 'd', ['mm/hmm.c', 'include/linux/hmm.h'])];
    expect(rows(v1, v2, matchPatches(v1, v2))).toEqual([
      [2, 1, 'title', 'changed'],
      [1, 2, 'title', 'changed'],
    ]);
    expect(strippedTitle('net: phy: Fix  x')).toBe('fix x');
  });

  it('a reworded title with most words kept still pairs; an unrelated one does not', () => {
    const v1 = [p(1, 'x86/mm: make the page table walker lockless', 'a', ['arch/x86/mm/pgtable.c'])];
    const v2 = [p(1, 'x86/mm: make the page table walker fully lockless', 'b', ['arch/x86/mm/pgtable.c', 'mm/gup.c'])];
    expect(rows(v1, v2, matchPatches(v1, v2))).toEqual([[1, 1, 'title', 'changed']]);
    // templated titles on other files are other patches
    const t1 = [p(1, 'dt-bindings: clock: add the foo controller', 'a', ['foo.yaml'])];
    const t2 = [p(1, 'dt-bindings: clock: add the bar controller', 'b', ['bar.yaml'])];
    expect(rows(t1, t2, matchPatches(t1, t2)).map((r) => r[3])).toEqual(['dropped', 'new']);
    const v3 = [p(1, 'docs: something else entirely', 'c', ['c.c'])];
    // a dropped patch with no predecessor comes first, as in git range-diff
    expect(rows(v1, v3, matchPatches(v1, v3))).toEqual([
      [1, null, 'none', 'dropped'],
      [null, 1, 'none', 'new'],
    ]);
  });

  it('a split needs its source gone and shared code: the second half of a kept patch is new, as range-diff says', () => {
    // v2 1/3 keeps most of v1 1/2 (its files): a changed pair; v2 2/3 carries b.c's lines
    // but its source is matched, so it is new (before issue 15: "split out of 1")
    const v1 = [p(1, 'drm: rework everything', 'a', ['drm/a.c', 'drm/b.c'], code('a1', 'a2', 'b1', 'b2')), p(2, 'drm: docs', 'b', ['Documentation/drm.rst'], code('d1'))];
    const v2 = [p(1, 'drm: rework everything, part 1', 'c', ['drm/a.c'], code('a1', 'a2')), p(2, 'drm: rework b', 'd', ['drm/b.c'], code('b1', 'b2')), p(3, 'drm: docs', 'b', ['Documentation/drm.rst'], code('d1'))];
    expect(rows(v1, v2, matchPatches(v1, v2))).toEqual([
      [1, 1, 'title', 'changed'],
      [null, 2, 'none', 'new'],
      [2, 3, 'patch-id', 'unchanged'],
    ]);
    // the code moved to new files, and nothing pairs the old patch: both parts are its split
    const w1 = [p(1, 'mm: add frob', 'a', ['mm/frob.c'], code('a1', 'a2', 'b1', 'b2'))];
    const w2 = [p(1, 'mm: add frob core', 'c', ['mm/frob-core.c'], code('a1', 'a2', 'c1')), p(2, 'mm: add frob ops', 'd', ['mm/frob-ops.c'], code('b1', 'b2'))];
    expect(rows(w1, w2, matchPatches(w1, w2))).toEqual([
      [1, null, 'none', 'dropped'],
      [1, 1, 'code', 'split'],
      [1, 2, 'code', 'split'],
    ]);
  });

  it('shared file names without shared code are a new patch and a dropped one, never a split (issue 15)', () => {
    // the real shape: a new fix touching the file of a patch that is itself unchanged
    const v1 = [p(1, 'mm: add helper', 'a', ['mm/x.c'], code('h1', 'h2')), p(2, 'mm: use helper', 'b', ['mm/y.c'], code('y1', 'y2'))];
    const v2 = [p(1, 'mm: add helper', 'a', ['mm/x.c'], code('h1', 'h2')), p(2, 'mm: fix a leak in the frob path', 'e', ['mm/x.c'], code('f1', 'f2')), p(3, 'mm: use helper', 'b', ['mm/y.c'], code('y1', 'y2'))];
    expect(rows(v1, v2, matchPatches(v1, v2))).toEqual([
      [1, 1, 'patch-id', 'unchanged'],
      [null, 2, 'none', 'new'],
      [2, 3, 'patch-id', 'unchanged'],
    ]);
    // and a dropped patch whose file a newer patch touches, with other code, is no squash
    expect(rows(v2, v1, matchPatches(v2, v1))).toEqual([
      [1, 1, 'patch-id', 'unchanged'],
      [2, null, 'none', 'dropped'],
      [3, 2, 'patch-id', 'unchanged'],
    ]);
  });

  it('squashed (its code is in a newer patch), added and dropped patches; dropped ones sit after their predecessor', () => {
    const v1 = [p(1, 'a: one', '1', ['a.c'], code('o1', 'o2')), p(2, 'a: fixup one', '2', ['a.c'], code('f1', 'f2')), p(3, 'b: three', '3', ['b.c'], code('t1')), p(4, 'c: four', '4', ['c.c'], code('c1'))];
    const v2 = [p(1, 'a: one', '9', ['a.c'], code('o1', 'o2', 'f1', 'f2')), p(2, 'c: four', '4', ['c.c'], code('c1')), p(3, 'd: new', '5', ['d.c'], code('n1'))];
    expect(rows(v1, v2, matchPatches(v1, v2))).toEqual([
      [1, 1, 'title', 'changed'],
      [2, 1, 'code', 'squashed'],
      [3, null, 'none', 'dropped'],
      [4, 2, 'patch-id', 'unchanged'],
      [null, 3, 'none', 'new'],
    ]);
  });

  it('missing patches (no id, no files) match by title only, or stay apart', () => {
    const v1 = [p(1, 'a: one', null, []), p(2, 'b: two', 'x', ['b.c'])];
    const v2 = [p(1, 'a: one', 'y', ['a.c']), p(2, 'b: two', null, [])];
    expect(rows(v1, v2, matchPatches(v1, v2))).toEqual([
      [1, 1, 'title', 'changed'],
      [2, 2, 'title', 'changed'],
    ]);
    expect(matchPatches([], [])).toEqual([]);
  });
});

const title = fc.constantFrom('mm: add foo', 'mm/hmm: add foo', 'net: fix bar', 'Fix bar', 'docs: update', 'x86: tidy the walker code', 'x86: tidy walker code', '');
const arbPatch = (ids: boolean): fc.Arbitrary<LedgerPatch> =>
  fc.record({
    counter: fc.integer({ min: 1, max: 8 }),
    title,
    patchId: ids ? fc.constantFrom('a', 'b', 'c', 'd', 'e') : fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { nil: null }),
    files: fc.uniqueArray(fc.constantFrom('a.c', 'b.c', 'c.c', 'd.h', 'e.rst'), { maxLength: 3 }),
    code: fc.constantFrom('', code('a'), code('b'), code('a', 'b'), code('a', 'c')),
  });

/** A row by content, so two runs over differently ordered arrays compare. */
const sig = (older: LedgerPatch[], newer: LedgerPatch[], r: PatchMatch): string =>
  JSON.stringify([r.older === undefined ? null : older[r.older], r.newer === undefined ? null : newer[r.newer], r.by, r.kind]);

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = xs.slice();
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('matchPatches properties', () => {
  it('a series matched with itself is all ≡, one row per patch', () => {
    fc.assert(
      fc.property(fc.array(arbPatch(true), { maxLength: 12 }), (v) => {
        const m = matchPatches(v, v);
        expect(m).toHaveLength(v.length);
        expect(m.every((r) => r.kind === 'unchanged' && r.by === 'patch-id')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('the result does not depend on input order', () => {
    fc.assert(
      fc.property(fc.array(arbPatch(false), { maxLength: 10 }), fc.array(arbPatch(false), { maxLength: 10 }), fc.integer({ min: 1, max: 1e6 }), (older, newer, seed) => {
        const a = matchPatches(older, newer).map((r) => sig(older, newer, r)).sort();
        const o2 = shuffled(older, seed);
        const n2 = shuffled(newer, seed + 7);
        const b = matchPatches(o2, n2).map((r) => sig(o2, n2, r)).sort();
        expect(b).toEqual(a);
      }),
      { numRuns: 2000 },
    );
  });

  it('every patch of either side appears in some row', () => {
    fc.assert(
      fc.property(fc.array(arbPatch(false), { maxLength: 10 }), fc.array(arbPatch(false), { maxLength: 10 }), (older, newer) => {
        const m = matchPatches(older, newer);
        expect(new Set(m.flatMap((r) => (r.older === undefined ? [] : [r.older]))).size).toBe(older.length);
        expect(new Set(m.flatMap((r) => (r.newer === undefined ? [] : [r.newer]))).size).toBe(newer.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('nearestPairs', () => {
  /** The rule it implements, the slow way: every pair sorted by (distance, newer, older), taken greedily. */
  function greedy(olds: number[], news: number[], oc: (i: number) => number, nc: (i: number) => number): Array<[number, number]> {
    const pairs = news.flatMap((n) => olds.map((o): [number, number, number] => [Math.abs(oc(o) - nc(n)), n, o]));
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    const usedO = new Set<number>();
    const usedN = new Set<number>();
    const out: Array<[number, number]> = [];
    for (const [, n, o] of pairs) {
      if (usedO.has(o) || usedN.has(n)) continue;
      usedO.add(o);
      usedN.add(n);
      out.push([n, o]);
    }
    return out;
  }

  it('gives the pairs the greedy over every pair gives, on any counters (many equal ones too)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 25 }), fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 25 }), (oc, nc) => {
        const olds = oc.map((_, i) => i);
        const news = nc.map((_, i) => i);
        const key = (p: Array<[number, number]>): string[] => p.map(([n, o]) => `${n}:${o}`).sort();
        expect(key(nearestPairs(olds, news, (i) => oc[i]!, (i) => nc[i]!))).toEqual(key(greedy(olds, news, (i) => oc[i]!, (i) => nc[i]!)));
      }),
      { numRuns: 3000 },
    );
  });
});
