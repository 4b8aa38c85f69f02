/**
 * Properties of the diff of diffs, on generated patches (fast-check): a patch against itself
 * is unchanged; moving every hunk (line numbers only) keeps it unchanged; whitespace-only
 * edits are reported as such; swapping the two versions mirrors the result. And of the line
 * diff under it: its script rebuilds the newer side and is minimal (checked against an LCS
 * table).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { interdiff, type PatchInterdiff } from '../../../src/core/patch/interdiff.ts';
import { diffLines } from '../../../src/core/patch/line-diff.ts';
import { parsePatch } from '../../../src/core/patch/patch.ts';
import { parseChangelog } from '../../../src/core/series/changelog.ts';
import { diffVersions } from '../../../src/core/series/version-diff.ts';

interface GenHunk {
  start: number;
  fn: string;
  lines: Array<[' ' | '+' | '-', string]>;
}
interface GenFile {
  path: string;
  hunks: GenHunk[];
}
interface GenPatch {
  subject: string;
  body: string;
  files: GenFile[];
}

const word = fc.constantFrom('x', 'y = 1;', 'foo(bar);', 'return 0;', '}', '{', 'int a;', '/* c */', 'if (x)', 'a  b');
const line = fc.tuple(fc.constantFrom<' ' | '+' | '-'>(' ', '+', '-'), word);
const hunk = fc.record({ start: fc.integer({ min: 1, max: 500 }), fn: fc.constantFrom('', 'int f(void)', 'static void g()'), lines: fc.array(line, { minLength: 1, maxLength: 8 }) });
const file = fc.record({ path: fc.constantFrom('a.c', 'b/c.h', 'd.txt', 'mm/e.c'), hunks: fc.array(hunk, { minLength: 1, maxLength: 3 }) });
const patch = fc.record({
  subject: fc.constantFrom('mm: fix it', 'net: add x'),
  body: fc.constantFrom('Body.', 'Body.\n\nMore.'),
  files: fc.uniqueArray(file, { minLength: 1, maxLength: 3, selector: (f) => f.path }),
});

function render(p: GenPatch, shift = 0): string {
  const out = [p.body, '', 'Signed-off-by: A <a@b.c>', '---'];
  for (const f of p.files) {
    out.push(`diff --git a/${f.path} b/${f.path}`, `--- a/${f.path}`, `+++ b/${f.path}`);
    for (const h of f.hunks) {
      const old = h.lines.filter((l) => l[0] !== '+').length;
      const neu = h.lines.filter((l) => l[0] !== '-').length;
      out.push(`@@ -${h.start + shift},${old} +${h.start + shift},${neu} @@${h.fn ? ` ${h.fn}` : ''}`);
      for (const [k, t] of h.lines) out.push(k + t);
    }
  }
  return out.join('\n') + '\n';
}

const side = (p: GenPatch, text = render(p)) => ({ patch: parsePatch(text), subject: p.subject });

function mirrored(x: PatchInterdiff, y: PatchInterdiff): void {
  expect(y.verdict).toBe(x.verdict);
  expect(y.diffChanged).toBe(x.diffChanged);
  expect(y.whitespaceOnly).toBe(x.whitespaceOnly);
  expect(y.message.changed).toBe(x.message.changed);
  const flip = { added: 'removed', removed: 'added', changed: 'changed', unchanged: 'unchanged' } as const;
  const byPath = (d: PatchInterdiff) => new Map(d.files.map((f) => [f.path, f]));
  const ys = byPath(y);
  expect(ys.size).toBe(x.files.length);
  for (const f of x.files) {
    const g = ys.get(f.path)!;
    expect(g.verdict).toBe(flip[f.verdict]);
    expect([g.added, g.removed]).toEqual([f.removed, f.added]);
    expect(g.whitespaceOnly).toBe(f.whitespaceOnly);
  }
}

describe('interdiff properties', () => {
  it('a patch against itself is unchanged, and so is the same patch with every hunk moved', () => {
    fc.assert(
      fc.property(patch, fc.integer({ min: 1, max: 1000 }), (p, shift) => {
        expect(interdiff(side(p), side(p))).toMatchObject({ verdict: 'unchanged', diffChanged: false, whitespaceOnly: false });
        const moved = interdiff(side(p), side(p, render(p, shift)));
        expect(moved.verdict).toBe('unchanged');
        expect(moved.files.every((f) => f.verdict === 'unchanged' && f.hunks.length === 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('whitespace-only edits are changes, reported as whitespace only', () => {
    const respace = (t: string, how: number): string => (how === 0 ? `${t} ` : how === 1 ? `\t${t}` : t.replace(' ', '  ') === t ? `${t}\t` : t.replace(' ', '  '));
    fc.assert(
      fc.property(patch, fc.nat(), fc.integer({ min: 0, max: 2 }), (p, pick, how) => {
        const all = p.files.flatMap((f) => f.hunks.flatMap((h) => h.lines));
        const target = all[pick % all.length]!;
        const q: GenPatch = structuredClone(p);
        const qAll = q.files.flatMap((f) => f.hunks.flatMap((h) => h.lines));
        qAll[pick % all.length]![1] = respace(target[1], how);
        const d = interdiff(side(p), side(q));
        expect(d.verdict).toBe('changed');
        expect(d.diffChanged).toBe(true);
        expect(d.whitespaceOnly).toBe(true);
        for (const f of d.files) if (f.verdict !== 'unchanged') expect(f).toMatchObject({ verdict: 'changed', whitespaceOnly: true });
        // a real edit next to it is no longer whitespace only
        qAll[(pick + 1) % all.length]![1] += ' + 1';
        expect(interdiff(side(p), side(q)).whitespaceOnly).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('swapping the two versions mirrors the result', () => {
    fc.assert(
      fc.property(patch, patch, (a, b) => {
        mirrored(interdiff(side(a), side(b)), interdiff(side(b), side(a)));
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * Applies the edit script of `a` → `b` to `a`; checks each run sits where the script says and
 * that equal runs are equal. `kept`: the lines the script keeps.
 */
function rebuild(a: string[], b: string[]): { out: string[]; kept: number } {
  const out: string[] = [];
  let kept = 0;
  let ia = 0;
  let ib = 0;
  for (const e of diffLines(a, b)) {
    if (e.kind === 'equal') {
      expect([e.a, e.b]).toEqual([ia, ib]);
      for (let i = 0; i < e.length; i++) if (a[e.a + i] !== b[e.b + i]) throw new Error(`equal run differs at ${e.a + i}`);
      out.push(...a.slice(e.a, e.a + e.length));
      kept += e.length;
      ia += e.length;
      ib += e.length;
    } else if (e.kind === 'delete') {
      expect(e.a).toBe(ia);
      ia += e.length;
    } else {
      expect(e.b).toBe(ib);
      out.push(...b.slice(e.b, e.b + e.length));
      ib += e.length;
    }
  }
  expect(ia).toBe(a.length);
  return { out, kept };
}

describe('line diff properties', () => {
  it('long inputs (cut at unique lines, Myers capped) still get a script that rebuilds the newer side', () => {
    const long = fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 1e6 }).map((n) => `u${n}`)), { minLength: 2500, maxLength: 6000 });
    fc.assert(
      fc.property(long, fc.array(fc.tuple(fc.nat(), fc.constantFrom('del', 'ins', 'sub')), { maxLength: 400 }), (a, edits) => {
        const b = [...a];
        for (const [at, op] of edits) {
          const i = at % (b.length + 1);
          if (op === 'ins') b.splice(i, 0, `new${at}`);
          else if (op === 'del') b.splice(i, 1);
          else b[i % b.length] = 'sub';
        }
        expect(rebuild(a, b).out).toEqual(b);
      }),
      { numRuns: 40 },
    );
  });

  const lcs = (a: string[], b: string[]): number => {
    const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    return dp[0]![0]!;
  };
  it('its script rebuilds the newer side and keeps a longest common subsequence', () => {
    const seq = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 });
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const { out, kept } = rebuild(a, b);
        expect(out).toEqual(b);
        expect(kept).toBe(lcs(a, b));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('hostile input', () => {
  it('the version summary and the changelog reader never throw, whatever the bodies', () => {
    const bits = ['diff --git a/x b/x\n', '--- a/x\n', '+++ b/x\n', '@@ -1 +1 @@\n', '-a\n', '+b\n', ' c\n', '---\n', 'Changes in v2:\n', '- x\n', 'v3: - y\n', 'v1 -> v2:\n', 'rename from x\n', 'Binary files a and b differ\n'];
    const body = fc.array(fc.oneof(fc.constantFrom(...bits), fc.string({ maxLength: 30 })), { maxLength: 25 }).map((xs) => xs.join(''));
    const version = (v: number) => fc.array(body, { maxLength: 5 }).map((bodies) => ({ version: v, patches: bodies.map((b, i) => ({ counter: i + 1, id: `v${v}-${i}`, subject: `[PATCH v${v} ${i + 1}/${bodies.length}] t${i % 2}`, body: b })) }));
    fc.assert(
      fc.property(version(1), version(2), (a, b) => {
        const d = diffVersions(a, b);
        // every newer patch has its row (a squashed row names one again)
        expect(new Set(d.rows.flatMap((r) => (r.newer ? [r.newer.counter] : []))).size).toBe(b.patches.length);
        for (const p of [...a.patches, ...b.patches]) parseChangelog(p.body, 2);
      }),
      { numRuns: 300 },
    );
  });
});
