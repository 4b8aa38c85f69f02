/**
 * The version summary against `git range-diff` (Debian's git) on a series built here as
 * commits: v1 and v2 on different bases (upstream grew above every hunk, so line numbers
 * moved), with a patch moved but untouched, patches reordered, one edited, one retitled and
 * edited, one changed in whitespace only, one dropped and one new. Both are asked the same
 * question, from different material: git from the commits, ListLens from the
 * `git format-patch` mails. The pairing and the equal/changed verdicts must agree, but for
 * one difference on purpose: a patch that only gained a trailer (a Reviewed-by collected
 * between versions) is `!` to range-diff and unchanged to ListLens, as to b4 (patch-id), with
 * `trailersChanged` set: the reviewer's question is whether the patch changed, not whether
 * their own tag was added.
 */
import { describe, expect, it } from 'vitest';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { diffVersions, type VersionInput } from '../../../src/core/series/version-diff.ts';
import type { SeriesVersion } from '../../../src/core/types.ts';
import { requireTool, tempRepo, tool } from '../../helpers/tools.ts';

const gitPath = tool('git');
const text = (tag: string, n = 60): string => Array.from({ length: n }, (_, i) => `${tag}_${i + 1}();`).join('\n') + '\n';
const edit = (s: string, from: string, to: string): string => {
  if (!s.includes(from)) throw new Error(`no ${from}`);
  return s.replace(from, to);
};

interface Pair {
  older: number | null;
  newer: number | null;
  mark: string;
}

describe.runIf(gitPath || process.env.CI)('version summary against git range-diff', () => {
  it('pairs and judges patches as range-diff does', async () => {
    const repo = tempRepo(requireTool(gitPath, 'git'));
    try {
      const files: Record<string, string> = { 'a.c': text('a'), 'b.c': text('b'), 'c.c': text('c'), 'd.c': text('d'), 'e.c': text('e'), 'f.c': text('f') };
      for (const [p, t] of Object.entries(files)) repo.write(p, t);
      repo.commit('base');
      repo.git('tag', 'base1');
      // upstream moves on: five lines above every later hunk
      for (const p of Object.keys(files)) {
        files[p] = `/* upstream */\n`.repeat(5) + files[p]!;
        repo.write(p, files[p]!);
      }
      repo.commit('upstream: headers');
      repo.git('tag', 'base2');

      const series = (base: string, branch: string, steps: Array<[string, () => void]>): void => {
        repo.git('checkout', '-q', '-b', branch, base);
        for (const [msg, act] of steps) {
          act();
          repo.commit(msg);
        }
      };
      const at = (p: string, base: string): string => repo.git('show', `${base}:${p}`);
      const change = (base: string, p: string, from: string, to: string) => () => repo.write(p, edit(at(p, base), from, to));
      const changeNow = (p: string, from: string, to: string) => () => repo.write(p, edit(repo.git('show', `HEAD:${p}`), from, to));

      series('base1', 'v1', [
        ['a: fix the leak\n\nFree the buffer on the error path.', change('base1', 'a.c', 'a_10();\n', 'a_10();\nfree(buf);\n')],
        ['b: add a counter\n\nCount calls.', change('base1', 'b.c', 'b_20();\n', 'b_20();\ncount++;\n')],
        ['c: rework\n\nRework c.', change('base1', 'c.c', 'c_5();\nc_6();\n', 'c_5(x);\nc_6(x);\n')],
        ['d: an old idea\n\nDropped later.', change('base1', 'd.c', 'd_30();\n', '')],
        ['f: tidy\n\nTidy f.', change('base1', 'f.c', 'f_40();\n', 'f_40();\nif (x)\n\ty();\n')],
        ['g: reviewed\n\nGains a tag.\n\nSigned-off-by: Ada Author <ada@example.org>', changeNow('a.c', 'a_50();\n', 'a_50(1);\n')],
      ]);
      series('base2', 'v2', [
        ['b: add a counter\n\nCount calls.', change('base2', 'b.c', 'b_20();\n', 'b_20();\ncount++;\n')],
        ['a: fix the leak\n\nFree the buffer on the error path.', change('base2', 'a.c', 'a_10();\n', 'a_10();\nfree(buf);\n')],
        ['c: rework the frobnicator entirely\n\nRework c, now with y.', change('base2', 'c.c', 'c_5();\nc_6();\n', 'c_5(x, y);\nc_6(x);\n')],
        ['e: something new\n\nNew in v2.', change('base2', 'e.c', 'e_50();\n', 'e_50();\ne_new();\n')],
        ['f: tidy\n\nTidy f.', changeNow('f.c', 'f_40();\n', 'f_40();\nif (x)\n        y();\n')],
        ['g: reviewed\n\nGains a tag.\n\nReviewed-by: Rev Iewer <rev@example.org>\nSigned-off-by: Ada Author <ada@example.org>', changeNow('a.c', 'a_50();\n', 'a_50(1);\n')],
      ]);

      const rd = repo.git('-c', 'color.ui=never', 'range-diff', '--no-color', 'base1..v1', 'base2..v2');
      const theirs: Pair[] = [];
      for (const line of rd.split('\n')) {
        const m = /^\s*(\d+|-):\s+(?:[0-9a-f]+|-+)\s+([=!<>])\s+(\d+|-):\s+(?:[0-9a-f]+|-+)\s/.exec(line);
        if (m) theirs.push({ older: m[1] === '-' ? null : Number(m[1]), newer: m[3] === '-' ? null : Number(m[3]), mark: m[2]! });
      }
      expect(theirs.length, rd).toBe(7);
      if (process.env.LISTLENS_SHOW) console.log(rd);

      const v1 = repo.git('format-patch', '--stdout', '--thread', 'base1..v1');
      const v2 = repo.git('format-patch', '--stdout', '--thread', '-v2', 'base2..v2');
      const r = await analyseMbox(new TextEncoder().encode(v1 + v2), { keepBodies: true });
      expect(r.analysis.series).toHaveLength(1);
      const input = (v: SeriesVersion): VersionInput => ({ version: v.version, patches: v.patches.map((p) => ({ counter: p.counter, id: p.id, subject: p.subject, body: r.bodies!.get(p.id)!.text })) });
      const [sv1, sv2] = r.analysis.series[0]!.versions;
      const d = diffVersions(input(sv1!), input(sv2!));
      const ours: Pair[] = d.rows.map((row) => ({
        older: row.older?.counter ?? null,
        newer: row.newer?.counter ?? null,
        mark: row.status === 'new' ? '>' : row.status === 'dropped' ? '<' : row.status === 'unchanged' ? '=' : '!',
      }));
      // the one difference on purpose: g only gained a trailer
      const g = theirs.find((p) => p.older === 6)!;
      expect(g).toEqual({ older: 6, newer: 6, mark: '!' });
      g.mark = '=';
      expect(d.rows.find((row) => row.newer?.counter === 6)).toMatchObject({ status: 'unchanged', reason: 'same patch-id; only trailers changed', interdiff: { message: { changed: false, trailersChanged: true } } });
      const key = (p: Pair) => `${p.older}:${p.newer}`;
      const sorted = (ps: Pair[]) => [...ps].sort((x, y) => key(x).localeCompare(key(y)));
      expect(sorted(ours)).toEqual(sorted(theirs));
      // and what range-diff cannot say: why, what moved, and that f's change is whitespace only
      expect(d.counts).toEqual({ unchanged: 3, changed: 2, new: 1, dropped: 1, reordered: 1, split: 0, squashed: 0 });
      const f = d.rows.find((row) => row.newer?.title === 'f: tidy')!;
      expect(f.interdiff!.whitespaceOnly).toBe(true);
      expect(d.rows.find((row) => row.newer?.counter === 3)).toMatchObject({ by: 'files', status: 'changed' });
      expect(d.rows.filter((row) => row.moved)).toHaveLength(1);
    } finally {
      repo.done();
    }
  });
});
