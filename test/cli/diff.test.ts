/**
 * `listlens diff`: the text and JSON outputs on real corpus series, --from/--to, several
 * inputs as one series (an mbox per version, and a bare .eml), and the error paths.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { corpusDir, corpusPath } from '../helpers/corpus.ts';
import { requireTool, tempRepo, tool } from '../helpers/tools.ts';

describe.runIf(corpusDir)('listlens diff on the corpus', () => {
  it('prints the changelog, the range-diff summary and each changed interdiff', async () => {
    const r = await runCli(['diff', corpusPath('patchwork/series/revision-basic.mbox')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('A sample series — Stephen Finucane');
    expect(lines[1]).toBe('v1 → v2: 2 changed');
    expect(r.out).toContain('v2:  (below --- in 1/2)\n  - Add some additional content\n');
    expect(r.out).toContain('  1/2 ∆   1/2  test: Add some lorem ipsum  [same title; 1 file changed, message changed]');
    expect(r.out).toContain('    ## Commit message ##\n    @@ Commit message\n');
    expect(r.out).toContain('    +This is a better commit message.');
    expect(r.out).toMatch(/ {4}## test\.txt ##\n {4}@@ -1,1 \+1,17 @@\n/);
    expect(r.out).toContain('    ++Curabitur scelerisque tempus efficitur.');
  });

  it('--json is one object; --from/--to pick any two versions', async () => {
    const r = await runCli(['diff', corpusPath('patchew/0009-obsolete-by.mbox'), '--json', '--from', '1', '--to=v3']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).sort()).toEqual(['changelog', 'diff', 'from', 'series', 'to', 'versions']);
    expect(j).toMatchObject({ versions: [1, 2, 3], from: 1, to: 3, series: { subject: 'quorum: Only compile when supported' } });
    expect(j.diff.counts).toEqual({ unchanged: 1, changed: 0, new: 0, dropped: 0, reordered: 0, split: 0, squashed: 0 });
    expect(j.diff.rows[0]).toMatchObject({ status: 'unchanged', by: 'patch-id', older: { counter: 1 }, newer: { counter: 1 } });
    // the default: the newest against the one before it
    expect(JSON.parse((await runCli(['diff', corpusPath('patchew/0009-obsolete-by.mbox'), '--json'])).out)).toMatchObject({ from: 2, to: 3 });
    expect(JSON.parse((await runCli(['diff', corpusPath('patchew/0009-obsolete-by.mbox'), '--json', '--from', '1'])).out)).toMatchObject({ from: 1, to: 2 });
  });

  it('says clearly when there is nothing to compare or the arguments are wrong', async () => {
    const one = await runCli(['diff', corpusPath('b4/trailers-followup-single.mbox')]);
    expect(one.code).toBe(2);
    expect(one.err).toMatch(/cannot compare two versions: the series ".*" has v\d+ in /);
    const missing = await runCli(['diff', corpusPath('patchew/0009-obsolete-by.mbox'), '--from', '7']);
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/cannot compare v7 and v\?/) });
    expect((await runCli(['diff'])).code).toBe(1);
    expect((await runCli(['diff', 'x', '--from'])).err).toMatch(/--from needs a version number/);
    expect((await runCli(['diff', 'x', '--frob'])).err).toMatch(/unknown option --frob/);
    expect((await runCli(['diff', '/nonexistent.mbox'])).err).toMatch(/no such file/);
    expect((await runCli(['diff', corpusPath('mikel-mail/rfc2822/example01.eml')])).code).toBe(2);
    const help = await runCli(['diff', '--help']);
    expect(help).toMatchObject({ code: 0, out: expect.stringMatching(/^usage: listlens diff/) });
    // the signs mean what they mean in listlens series and the panel (`>` was "new" here, "squashed" there)
    expect(help.out).toContain('≡ unchanged  ∆ changed  + new  − dropped  ⊂ split  ⊃ squashed');
  });
});

const gitPath = tool('git');

describe.runIf(gitPath || process.env.CI)('listlens diff on several inputs', () => {
  it('reads an mbox per version (and a bare .eml) as one series', async () => {
    const repo = tempRepo(requireTool(gitPath, 'git'));
    const dir = mkdtempSync(join(tmpdir(), 'listlens-diff-'));
    try {
      const body = Array.from({ length: 20 }, (_, i) => `x${i};`).join('\n') + '\n';
      repo.write('k.c', body);
      repo.commit('base');
      repo.git('tag', 'base');
      repo.git('checkout', '-q', '-b', 'v1');
      repo.write('k.c', body.replace('x5;\n', 'x5;\ny();\n'));
      repo.commit('k: call y\n\nIt needs y.');
      repo.git('checkout', '-q', '-b', 'v2', 'base');
      repo.write('k.c', body.replace('x5;\n', 'x5;\ny(1);\n'));
      repo.commit('k: call y\n\nIt needs y, with 1.');
      writeFileSync(join(dir, 'v1.mbox'), repo.git('format-patch', '--stdout', 'base..v1'));
      const v2 = repo.git('format-patch', '--stdout', '-v2', '--notes', 'base..v2');
      // a single message saved without its mbox From_ line, with a changelog below ---
      writeFileSync(join(dir, 'v2.eml'), v2.slice(v2.indexOf('\n') + 1).replace('\n---\n', '\n---\nv2: pass 1 to y\n\n'));
      const r = await runCli(['diff', join(dir, 'v1.mbox'), join(dir, 'v2.eml')]);
      expect(r.err).toBe('');
      expect(r.out).toContain('v1 → v2: 1 changed');
      expect(r.out).toContain('v2:  (below --- in 1/1)\n  pass 1 to y\n');
      expect(r.out).toContain('  1/1 ∆   1/1  k: call y  [same title; 1 file changed, message changed]');
      expect(r.out).toContain('    -+y();\n    ++y(1);');
      expect(r.out).toContain('    -It needs y.\n    +It needs y, with 1.');
    } finally {
      repo.done();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
