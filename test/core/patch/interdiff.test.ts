/**
 * The diff of two versions of one patch, case by case: moved hunks, a changed line with its
 * context, files only on one side, a rename target changed, mode and binary changes, a
 * commit message reworded versus trailers gained, and the version summary's reasons and
 * reorders on real corpus series.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { interdiff } from '../../../src/core/patch/interdiff.ts';
import { parsePatch } from '../../../src/core/patch/patch.ts';
import { diffSeries, diffVersions, summaryLine, versionInput } from '../../../src/core/series/version-diff.ts';
import { corpusDir, corpusPath } from '../../helpers/corpus.ts';

const file = (path: string, at: number, body: string[], head = ''): string =>
  `diff --git a/${path} b/${path}\n${head}--- a/${path}\n+++ b/${path}\n@@ -${at},${body.filter((l) => l[0] !== '+').length} +${at},${body.filter((l) => l[0] !== '-').length} @@ void f(void)\n${body.join('\n')}\n`;
const mail = (msg: string, ...files: string[]): string => `${msg}\n---\n${files.join('')}`;
const side = (text: string, subject = 'mm: fix') => ({ patch: parsePatch(text), subject });
const ctx = (n: number, from = 1): string[] => Array.from({ length: n }, (_, i) => ` line ${from + i}`);

describe('interdiff', () => {
  it('a hunk that only moved is unchanged; a changed line shows with its context and both hunk headers', () => {
    const v1 = mail('Fix.\n\nSigned-off-by: A <a@x>', file('mm/a.c', 10, [...ctx(3), '-old();', '+new();', ...ctx(3, 4)]));
    const moved = mail('Fix.\n\nSigned-off-by: A <a@x>', file('mm/a.c', 250, [...ctx(3), '-old();', '+new();', ...ctx(3, 4)]));
    expect(interdiff(side(v1), side(moved))).toMatchObject({ verdict: 'unchanged', diffChanged: false });
    const v2 = mail('Fix.\n\nSigned-off-by: A <a@x>', file('mm/a.c', 250, [...ctx(3), '-old();', '+new(1);', ...ctx(3, 4)]));
    const d = interdiff(side(v1), side(v2));
    expect(d).toMatchObject({ verdict: 'changed', diffChanged: true, whitespaceOnly: false });
    expect(d.files).toHaveLength(1);
    expect(d.files[0]).toMatchObject({ path: 'mm/a.c', verdict: 'changed', added: 1, removed: 1 });
    expect(d.files[0]!.hunks).toEqual([
      {
        header: '@@ -250,7 +250,7 @@ void f(void)',
        lines: [
          { kind: ' ', text: ' line 2' },
          { kind: ' ', text: ' line 3' },
          { kind: ' ', text: '-old();' },
          { kind: '-', text: '+new();' },
          { kind: '+', text: '+new(1);' },
          { kind: ' ', text: ' line 4' },
          { kind: ' ', text: ' line 5' },
          { kind: ' ', text: ' line 6' },
        ],
      },
    ]);
  });

  it('files only in one version are added or removed; a rename whose target changed pairs by its source', () => {
    const v1 = mail('m', file('a.c', 1, ['-x', '+y']), file('gone.c', 1, ['-g']), 'diff --git a/old.c b/new.c\nsimilarity index 100%\nrename from old.c\nrename to new.c\n');
    const v2 = mail('m', file('a.c', 1, ['-x', '+y']), file('fresh.c', 1, ['+f']), 'diff --git a/old.c b/newer.c\nsimilarity index 100%\nrename from old.c\nrename to newer.c\n');
    const d = interdiff(side(v1), side(v2));
    expect(d.files.map((f) => [f.path, f.oldPath, f.verdict])).toEqual([
      ['a.c', null, 'unchanged'],
      ['fresh.c', null, 'added'],
      ['newer.c', 'old.c', 'changed'],
      ['gone.c', null, 'removed'],
    ]);
    expect(d.files[2]!.hunks[0]!.lines).toEqual([
      { kind: '-', text: '## old.c => new.c ##' },
      { kind: '+', text: '## old.c => newer.c ##' },
    ]);
  });

  it('a mode change and a binary change are changes of the file', () => {
    const v1 = mail('m', 'diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n', 'diff --git a/b.bin b/b.bin\nindex 1111111..2222222 100644\nGIT binary patch\nliteral 3\nKcmZ?wbN~PU\n\nliteral 0\nHcmV?d00001\n\n');
    const v2 = mail('m', 'diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100775\n', 'diff --git a/b.bin b/b.bin\nindex 1111111..3333333 100644\nGIT binary patch\nliteral 4\nLcmZ?wbN~PUa\n\nliteral 0\nHcmV?d00001\n\n');
    const d = interdiff(side(v1), side(v2));
    expect(d.files.map((f) => [f.path, f.verdict])).toEqual([
      ['run.sh', 'changed'],
      ['b.bin', 'changed'],
    ]);
    expect(interdiff(side(v1), side(v1)).verdict).toBe('unchanged');
  });

  it('the commit message: reworded is a change, trailers gained are not', () => {
    const diff = file('a.c', 1, ['-x', '+y']);
    const v1 = mail('Fix the leak.\n\nSigned-off-by: A <a@x>', diff);
    const trailers = mail('Fix the leak.\n\nReviewed-by: R <r@x>\nSigned-off-by: A <a@x>', diff);
    const t = interdiff(side(v1), side(trailers));
    expect(t).toMatchObject({ verdict: 'unchanged', message: { changed: false, trailersChanged: true } });
    expect(t.message.hunks[0]!.lines.filter((l) => l.kind !== ' ')).toEqual([{ kind: '+', text: 'Reviewed-by: R <r@x>' }]);
    const reworded = interdiff(side(v1), side(mail('Fix the leak on the error path.\n\nSigned-off-by: A <a@x>', diff)));
    expect(reworded).toMatchObject({ verdict: 'changed', diffChanged: false, message: { changed: true, trailersChanged: false } });
    expect(interdiff(side(v1), side(v1, 'mm: fix the leak')).message.changed).toBe(true);
    const spaced = interdiff(side(v1), side(mail('Fix  the leak.\n\nSigned-off-by: A <a@x>', diff)));
    expect(spaced).toMatchObject({ verdict: 'changed', whitespaceOnly: true, message: { whitespaceOnly: true } });
  });

  it('never stalls: two unrelated 20,000-line diffs compare in bounded time', () => {
    const big = (tag: string) => mail('m', file('big.c', 1, Array.from({ length: 20000 }, (_, i) => `+${tag} ${i % 7 === 0 ? 'same' : i}`)));
    const d = interdiff(side(big('a')), side(big('b')));
    expect(d.files[0]!.verdict).toBe('changed');
    expect(d.files[0]!.added).toBe(d.files[0]!.removed);
  });
});

describe.runIf(corpusDir)('version summary on real series', () => {
  const load = async (rel: string) => {
    const r = await analyseMbox(new Uint8Array(readFileSync(corpusPath(rel))), { keepBodies: true });
    const bodies = new Map([...r.bodies!].map(([id, b]) => [id, b.text]));
    return r.analysis.series.map((s) => s.versions.map((v) => versionInput(v, bodies)));
  };

  it("Patchew's supersedes chain: v1 → v2 → v3 of one patch, unchanged by patch-id", async () => {
    const [versions] = await load('patchew/0009-obsolete-by.mbox');
    const steps = diffSeries(versions!);
    expect(steps.map((d) => `v${d.from}→v${d.to}: ${summaryLine(d)}`)).toEqual(['v1→v2: 1 unchanged', 'v2→v3: 1 unchanged']);
    expect(steps[0]!.rows[0]).toMatchObject({ by: 'patch-id', reason: 'same patch-id' });
  });

  it("patchwork's revision sample: both patches changed, with what changed in each", async () => {
    const [versions] = await load('patchwork/series/revision-basic.mbox');
    const d = diffVersions(versions![0]!, versions![1]!);
    expect(summaryLine(d)).toBe('2 changed');
    expect(d.rows.map((r) => r.reason)).toEqual(['same title; 1 file changed, message changed', 'same title; 2 files changed']);
    // any two versions compare, the newer first too: the rows mirror
    const back = diffVersions(versions![1]!, versions![0]!);
    expect(back.rows.map((r) => r.status)).toEqual(d.rows.map((r) => r.status));
  });

  it("b4's partial reroll: v3 re-sends 2/2 only, so v3's 1/2 is v2's and unchanged", async () => {
    const [versions] = await load('b4/trailers-followup-partial-reroll.mbox');
    const d = diffVersions(versions![0]!, versions![1]!);
    expect(d.counts).toMatchObject({ unchanged: 1, changed: 1 });
    expect(d.rows[0]).toMatchObject({ status: 'unchanged', reason: "not re-sent in v3: the partial reroll keeps v2's" });
  });
});
