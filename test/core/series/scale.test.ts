/**
 * Issue 16's series shapes (bench/series-shapes.ts), under a generous cap that catches a
 * hang, not a timing: before the fix 2,000 postings took 39 s to group and 2,000 patches 4 s
 * to pair here (quadratic: 8,000 would be about a minute); 2,000 versions in the author's name
 * from as many addresses took 3 s to check. `npm run bench:scale -- series` measures the
 * growth (≤ 5× for 4×).
 */
import { describe, expect, it } from 'vitest';
import { buildLedger } from '../../../src/core/series/ledger.ts';
import { matchPatches } from '../../../src/core/series/patch-match.ts';
import { groupVersions } from '../../../src/core/series/version-group.ts';
import { rewordedPatches, sameNameReplies, similarPostings, strangerReplies } from '../../../bench/series-shapes.ts';

describe('the series core on hostile shapes', () => {
  it('2,000 postings with similar titles: one series each, and no candidate listed as uncertain under every other', () => {
    const g = groupVersions(similarPostings(2000));
    expect(g).toHaveLength(2000);
    // each loose candidate at most once (it was 3,998,000 listings)
    expect(g.reduce((n, s) => n + s.uncertain.length, 0)).toBeLessThanOrEqual(2000);
  }, 20_000);

  it("8,000 strangers' v10 replying to one v9 cover: each listed apart once, none merged", () => {
    const g = groupVersions(strangerReplies(8000));
    expect(g[0]!.members.map((m) => m.version)).toEqual([9]);
    expect(g[0]!.otherAuthors).toHaveLength(8000);
    expect(buildLedger(g[0]!).otherAuthors.every((o) => o.tiedBy.join() === 'reply')).toBe(true);
  }, 20_000);

  it("8,000 v10 in the author's name, each from an address of its own: each merged, each marked, the check a constant each", () => {
    // each check read every address of the name: 3 s at 2,000, about 50 s here
    const g = groupVersions(sameNameReplies(8000));
    expect(g[0]!.members).toHaveLength(8001);
    // each names the earliest few addresses of the name, Alice's own first among them
    expect(g[0]!.members.filter((m) => m.newAddress && m.newAddress.length <= 3 && m.newAddress.includes('alice@example.org'))).toHaveLength(8000);
  }, 20_000);

  it('8,000 reworded patches touching one file: each pairs with the patch at its counter, by files', () => {
    // 16× the pairs of 2,000: quadratic pairing would pass the cap by far (about a minute)
    const [older, newer] = rewordedPatches(8000);
    const m = matchPatches(older, newer);
    expect(m).toHaveLength(8000);
    expect(m.every((r) => r.kind === 'changed' && r.by === 'files' && older[r.older!]!.counter === newer[r.newer!]!.counter)).toBe(true);
  }, 20_000);
});
