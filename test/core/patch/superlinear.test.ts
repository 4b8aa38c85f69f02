/**
 * Issue 16's superlinear rows in the patch and diff code, checked in CI: each shape of
 * test/helpers/patch-shapes.ts (a `+++` line of tabs then CR, a line of spaces then `x`, two
 * versions of a 160,000-line new file through interdiff and the CLI's rendering, 20,000 files
 * sharing one path) at N and 4N, in a child process of its own (with --expose-gc, so no
 * other test's garbage is timed, CPU time rather than the clock, and a 32 MB young generation: with Node's default, 20,000
 * files' short-lived objects were promoted and collected old, which alone took the linear
 * pairing to 5.9× for 4× the files; 3.7× with it): 4N at most 8× N's time (linear work is 4×, and
 * the CLI's render was seen at 4.9× on a loaded machine; a quadratic path is 16×), and the full 4N size once, under
 * its stated ceiling and without an exception. Before the fixes the ratios were 14× to 31×,
 * the full sizes took 2 to 9 s, and the render overflowed the stack.
 *
 * The ratio is measured at half the sizes (its N and 4N interleaved, the best
 * of 7 each, up to 5 attempts: see `timeShape`); a hang is caught by the child's generous cap.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/corpus.ts';
import { renderInterdiff } from '../../../src/cli/diff.ts';
import { interdiff } from '../../../src/core/patch/interdiff.ts';
import { patchIdentity } from '../../../src/core/patch/patch-id.ts';
import { parsePatch } from '../../../src/core/patch/patch.ts';
import { parseChangelog } from '../../../src/core/series/changelog.ts';
import { newFileDiff, patchMail, samePathDiff, SHAPES, spaceRun, tabPathDiff, type ShapeTiming } from '../../helpers/patch-shapes.ts';

describe('the patch and diff code is near-linear on issue 16\'s shapes', () => {
  it('each shape: 4N within 8× of N, the full size under its ceiling, no exception', () => {
    const child = spawnSync(process.execPath, ['--expose-gc', '--max-semi-space-size=32', '--import', 'tsx', join(repoRoot, 'test/helpers/patch-shapes.ts'), '0.5'], { encoding: 'utf8', cwd: repoRoot, timeout: 240_000 });
    expect(child.status, child.stderr).toBe(0);
    const rows = child.stdout.trim().split('\n').map((l) => JSON.parse(l) as ShapeTiming & { fullMs: number });
    expect(rows.map((r) => r.name)).toEqual(SHAPES.map((s) => s.name));
    for (const r of rows) {
      console.log(`${r.name}: N=${r.n} ${r.ms.toFixed(2)} ms, 4N=${r.n4} ${r.ms4.toFixed(2)} ms (×${r.ratio.toFixed(1)}); full size ${r.fullMs.toFixed(0)} ms (ceiling ${r.ceilingMs})`);
      expect(r.error, r.name).toBeNull();
      expect(r.ratio, r.name).toBeLessThanOrEqual(8);
      expect(r.fullMs, r.name).toBeLessThanOrEqual(r.ceilingMs);
    }
  }, 300_000);

  it('and reads them right: the path before the tabs, the line of spaces kept but for its end, every line rendered, every file paired', () => {
    const tabs = patchMail('fix: a path of tabs', tabPathDiff(80_000));
    expect(parsePatch(tabs).files.map((f) => f.newPath)).toEqual(['f.c']);
    expect(patchIdentity(tabs).files).toEqual(['f.c']);
    // the name ends at the first tab, CRLF mail or not (a date after a tab: git's own header)
    expect(parsePatch(patchMail('x', 'diff --git a/g.c b/g.c\n--- a/g.c\t2024-01-01 10:00\r\n+++ b/g.c\t2024-01-02 10:00\r\n@@ -1 +1 @@\n-a\n+b\n')).files.map((f) => [f.oldPath, f.newPath])).toEqual([['g.c', 'g.c']]);
    const spaces = patchMail(`fix: spaces\n\n${spaceRun(40_000)}   `, 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n');
    expect(parsePatch(spaces).message.split('\n')[2]).toBe(spaceRun(40_000));
    expect(parseChangelog(`v2:\n${spaceRun(40_000)}\n- a note\n`, 2)[0]!.lines).toContain('- a note');
    const big = interdiff({ patch: parsePatch(patchMail('m', newFileDiff(160_000, 1))) }, { patch: parsePatch(patchMail('m', newFileDiff(160_000, 2))) });
    expect(big.files[0]!.hunks).toHaveLength(20_000);
    expect(big.files[0]!.hunks.every((h) => h.header === '@@ -0,0 +1,160000 @@')).toBe(true);
    expect(renderInterdiff(big).length).toBeGreaterThan(160_000);
    const same = interdiff({ patch: parsePatch(patchMail('m', samePathDiff(20_000, 1))) }, { patch: parsePatch(patchMail('m', samePathDiff(20_000, 2))) });
    expect(same.files).toHaveLength(20_000);
    expect(same.files.every((f, i) => f.verdict === 'changed' && f.hunks[0]!.lines.some((l) => l.text === `+new ${i} v2`))).toBe(true);
  }, 120_000);
});
