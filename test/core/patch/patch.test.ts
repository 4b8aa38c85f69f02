/**
 * The patch parser against git itself: a repository built here with every kind of file
 * change (hunks, mode change, rename with edits, copy, new, deleted, binary, a quoted
 * non-ASCII path and one with spaces), its `git format-patch` mail parsed, and each file's
 * status, paths and line counts compared with `git diff --name-status` / `--numstat`. Then
 * the mail parts (message, `---` notes, diffstat), real corpus patches, and hostile input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { parsePatch, type PatchFile } from '../../../src/core/patch/patch.ts';
import { corpusDir, corpusPath } from '../../helpers/corpus.ts';
import { requireTool, tempRepo, tool } from '../../helpers/tools.ts';

const gitPath = tool('git');
const lines = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag} line ${i + 1}`).join('\n') + '\n';

function counts(f: PatchFile): [number, number] {
  let add = 0;
  let del = 0;
  for (const h of f.hunks) for (const l of h.lines) if (l[0] === '+') add++;
  else if (l[0] === '-') del++;
  return [add, del];
}

describe.runIf(gitPath || process.env.CI)('parsePatch against git', () => {
  it('reads every kind of file change as git names and counts it', () => {
    const repo = tempRepo(requireTool(gitPath, 'git'));
    try {
      repo.write('src/a.c', lines(40, 'a'));
      repo.write('run.sh', '#!/bin/sh\necho hi\n');
      repo.write('old name.txt', lines(30, 'moved'));
      repo.write('gone.txt', lines(5, 'gone'));
      repo.write('blob.bin', new Uint8Array([0, 1, 2, 3, 0, 255, 10, 0]));
      repo.write('tést/ünï.c', lines(8, 'u'));
      repo.write('lib/orig.c', lines(60, 'orig'));
      repo.commit('base');
      repo.write('src/a.c', lines(40, 'a').replace('a line 3\n', 'a line 3 changed\n').replace('a line 30\n', 'a line 30\nadded after 30\n'));
      repo.write('run.sh', '#!/bin/sh\necho hi\n', 0o755);
      repo.git('mv', 'old name.txt', 'new name.txt');
      repo.write('new name.txt', lines(30, 'moved').replace('moved line 15\n', 'moved line 15 edited\n'));
      repo.remove('gone.txt');
      repo.write('fresh.c', 'int fresh;\n');
      repo.write('blob.bin', new Uint8Array([0, 1, 2, 3, 0, 254, 10, 0, 7]));
      repo.write('tést/ünï.c', lines(8, 'u').replace('u line 8\n', 'u line 8\nu line 9\n'));
      repo.write('lib/copy.c', lines(60, 'orig').replace('orig line 1\n', 'copied line 1\n'));
      repo.write('lib/orig.c', lines(60, 'orig').replace('orig line 59\n', 'orig line 59!\n'));
      repo.commit('mm: change everything\n\nA body line.\n\nSigned-off-by: Ada Author <ada@example.org>');
      const mail = repo.git('format-patch', '-1', '--stdout', '-M', '-C', '--binary', 'HEAD');
      const body = mail.slice(mail.indexOf('\n\n') + 2);
      const p = parsePatch(body);
      const status = repo.git('diff', '--name-status', '-z', '-M', '-C', 'HEAD~1', 'HEAD').split('\0').filter(Boolean);
      const expected: Array<{ s: string; paths: string[] }> = [];
      for (let i = 0; i < status.length; ) {
        const s = status[i]!;
        const n = s[0] === 'R' || s[0] === 'C' ? 2 : 1;
        expected.push({ s: s[0]!, paths: status.slice(i + 1, i + 1 + n) });
        i += 1 + n;
      }
      const letter = { modified: 'M', added: 'A', deleted: 'D', renamed: 'R', copied: 'C' } as const;
      const got = p.files.map((f) => ({ s: letter[f.status], paths: f.status === 'renamed' || f.status === 'copied' ? [f.oldPath!, f.newPath!] : [(f.newPath ?? f.oldPath)!] }));
      const sort = (x: Array<{ s: string; paths: string[] }>) => [...x].sort((a, b) => a.paths.join().localeCompare(b.paths.join()));
      expect(sort(got)).toEqual(sort(expected));
      // line counts per file, binary as '-'
      const numstat = repo.git('diff', '--numstat', '-z', '-M', '-C', 'HEAD~1', 'HEAD');
      const byPath = new Map<string, string>();
      for (const rec of numstat.split('\0').filter(Boolean)) {
        const [add, del, path] = rec.split('\t');
        if (path) byPath.set(path, `${add}/${del}`);
      }
      for (const f of p.files) {
        const c = f.binary ? '-/-' : counts(f).join('/');
        const key = byPath.has(f.newPath ?? '') ? f.newPath! : (f.oldPath ?? '');
        if (byPath.has(key)) expect(c, key).toBe(byPath.get(key));
      }
      const run = p.files.find((f) => f.newPath === 'run.sh')!;
      expect([run.oldMode, run.newMode]).toEqual(['100644', '100755']);
      expect(p.files.find((f) => f.newPath === 'blob.bin')).toMatchObject({ binary: true, hunks: [] });
      expect(p.files.find((f) => f.newPath === 'fresh.c')).toMatchObject({ oldPath: null, newMode: '100644' });
      expect(p.files.find((f) => f.newPath === 'new name.txt')).toMatchObject({ oldPath: 'old name.txt', status: 'renamed' });
      expect(p.message).toBe('A body line.\n\nSigned-off-by: Ada Author <ada@example.org>');
      expect(p.notes).toBe('');
      expect(p.diffstat).toMatchObject({ files: p.files.length });
      expect(p.diffstat!.lines.length).toBe(p.files.length);

      // without --binary git says `Binary files … differ`; notes and a b4-style second `---`
      const plain = repo.git('format-patch', '-1', '--stdout', '-M', 'HEAD');
      const withNotes = plain.slice(plain.indexOf('\n\n') + 2).replace('\n---\n', '\n---\nChanges in v2:\n- made it better\n- Link to v1: https://patch.msgid.link/v1@x\n\n---\n');
      const q = parsePatch(withNotes);
      expect(q.notes).toBe('Changes in v2:\n- made it better\n- Link to v1: https://patch.msgid.link/v1@x');
      expect(q.message).toBe(p.message);
      expect(q.files.find((f) => f.newPath === 'blob.bin')).toMatchObject({ binary: true });
      expect(q.diffstat!.files).toBe(q.files.length);
    } finally {
      repo.done();
    }
  });
});

describe.runIf(corpusDir)('parsePatch on real mail', () => {
  it('a qemu patch from patchew: message, diffstat and two files with their hunks', async () => {
    const r = await analyseMbox(new Uint8Array(readFileSync(corpusPath('patchew/0009-obsolete-by.mbox'))), { keepBodies: true });
    const v1 = r.analysis.series[0]!.versions[0]!.patches[0]!;
    const p = parsePatch(r.bodies!.get(v1.id)!.text);
    expect(p.files.map((f) => f.newPath)).toEqual(['block/Makefile.objs', 'block/quorum.c']);
    expect(p.diffstat!.files).toBe(2);
    expect(p.diffstat!.lines.map((l) => l.path)).toEqual(['block/Makefile.objs', 'block/quorum.c']);
    expect(p.message).toMatch(/Signed-off-by: Fam Zheng/);
    for (const f of p.files) {
      expect(f.hunks.length).toBeGreaterThan(0);
      for (const h of f.hunks) {
        const [add, del] = [h.lines.filter((l) => l[0] === '+').length, h.lines.filter((l) => l[0] === '-').length];
        const ctx = h.lines.filter((l) => l[0] === ' ').length;
        expect(ctx + del).toBe(h.oldLines);
        expect(ctx + add).toBe(h.newLines);
      }
    }
  });

  it('a non-git diff (b4 sample): paths stripped as patch -p1 does', () => {
    const text = readFileSync(corpusPath('b4/trailers-followup-non-git-patch.mbox'), 'utf8');
    const p = parsePatch(text.slice(text.indexOf('\n\n') + 2));
    expect(p.files.length).toBeGreaterThan(0);
    for (const f of p.files) expect(f.newPath).not.toMatch(/^(a|b)\//);
  });
});

describe('parsePatch on hostile input', () => {
  it('a hunk promising a billion lines ends where the mail ends; a truncated header is no file', () => {
    const p = parsePatch('msg\n---\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,1000000000 +1,1000000000 @@\n ctx\n-a\n+b\n');
    expect(p.files).toHaveLength(1);
    expect(p.files[0]!.hunks[0]!.lines).toEqual([' ctx', '-a', '+b']);
    expect(parsePatch('diff --git\n@@ -x +y @@\n').files.length).toBeLessThanOrEqual(1);
  });

  it('an empty context line a mailer stripped still counts as context', () => {
    const p = parsePatch('diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n');
    expect(p.files[0]!.hunks[0]!.lines).toEqual([' a', ' ', '-b', '+c']);
  });

  it('never throws, whatever the text', () => {
    const parts = ['diff --git a/x b/x\n', '--- a/x\n', '+++ b/x\n', '@@ -1,2 +1,2 @@\n', '@@ -1 +1 @@ f\n', ' ctx\n', '-old\n', '+new\n', '\\ No newline at end of file\n', 'GIT binary patch\n', 'literal 5\n', 'rename from a\n', 'new file mode 100644\n', '---\n', ' 1 file changed, 1 insertion(+)\n', '\n', 'text\n', '"quoted\\303"\n'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...parts), fc.string()), { maxLength: 40 }), (xs) => {
        const p = parsePatch(xs.join(''));
        expect(Array.isArray(p.files)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is linear: 200,000 hunk lines parse in one pass', () => {
    const body = `diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,100000 +1,100000 @@\n${'-a\n+b\n'.repeat(100000)}`;
    expect(parsePatch(body).files[0]!.hunks[0]!.lines.length).toBe(200000);
  });
});
