/**
 * patch-id against git itself: every body with a diff in the corpus, decoded as the analysis
 * decodes it, goes through `git patch-id --stable` (Debian's git, the oracle) and through
 * ours. Then the rules one by one on small patches, and the property that whitespace-only
 * edits keep the id.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { hasDiff } from '../../../src/core/patch/detect.ts';
import { patchId, patchIdentity } from '../../../src/core/patch/patch-id.ts';
import { corpusDir, corpusFiles } from '../../helpers/corpus.ts';
import { readFileSync } from 'node:fs';

const git = ['/usr/bin/git', '/usr/local/bin/git'].find((p) => existsSync(p));

function gitPatchId(text: string, mode = '--stable'): string | null {
  const run = spawnSync(git!, ['patch-id', mode], { input: Buffer.from(text, 'utf8'), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git patch-id failed: ${run.stderr}`);
  const first = run.stdout.split('\n')[0]!.split(' ')[0]!;
  return first || null;
}

const file = (path: string, minus: string, plus: string, at = 1): string =>
  `diff --git a/${path} b/${path}\nindex 1234567..89abcde 100644\n--- a/${path}\n+++ b/${path}\n@@ -${at},3 +${at},3 @@ void f(void)\n ctx\n-${minus}\n+${plus}\n ctx2\n`;

describe.runIf(git || process.env.CI)('patch-id against git patch-id --stable', () => {
  it('agrees on small patches covering each rule', () => {
    if (!git) throw new Error('git is not installed');
    const a = file('a.c', 'old();', 'new();');
    const b = file('b.c', 'x = 1;', 'x = 2;', 40);
    const cases = [
      `Subject line\n\nbody\n\nSigned-off-by: A <a@b.c>\n---\n a.c | 2 +-\n\n${a}-- \n2.39.0\n`,
      a + b,
      b + a,
      // pure rename merges into the next file's chunk
      `diff --git a/old.c b/new.c\nsimilarity index 100%\nrename from old.c\nrename to new.c\n${a}`,
      // mode change only, then a new file
      `diff --git a/s.sh b/s.sh\nold mode 100644\nnew mode 100755\ndiff --git a/n.c b/n.c\nnew file mode 100644\nindex 0000000..e69de29\n--- /dev/null\n+++ b/n.c\n@@ -0,0 +1,2 @@\n+one\n+two\n`,
      // a binary file: its blob ids are hashed
      `diff --git a/img.png b/img.png\nindex 1111111..2222222 100644\nGIT binary patch\nliteral 3\nKcmZ?wbNU\n\n${a}`,
      // no newline at end of file marker, CRLF lines, a counter-less hunk header
      `diff --git a/c.c b/c.c\n--- a/c.c\n+++ b/c.c\n@@ -1 +1 @@\n-a\r\n+b\r\n\\ No newline at end of file\n`,
      // tabs and vertical tab: git removes only space, tab, CR, LF
      `diff --git a/t.c b/t.c\n--- a/t.c\n+++ b/t.c\n@@ -1 +1 @@\n-\ta\v\n+  a\f\n`,
      'no diff here at all\n',
    ];
    for (const c of cases) expect([c, patchId(c)]).toEqual([c, gitPatchId(c)]);
  });

  it.runIf(corpusDir)('agrees on every diff in the corpus', async () => {
    if (!git) throw new Error('git is not installed');
    let compared = 0;
    for (const path of corpusFiles()) {
      if (/\.(json|html)$/.test(path)) continue;
      const r = await analyseMbox(new Uint8Array(readFileSync(path)), { keepBodies: true });
      for (const [id, body] of r.bodies!) {
        if (!hasDiff(body.text)) continue;
        compared++;
        expect({ path, id, ours: patchId(body.text) }).toEqual({ path, id, ours: gitPatchId(body.text) });
      }
    }
    // the corpus holds well over a hundred patch mails
    expect(compared).toBeGreaterThan(100);
  }, 120_000);
});

describe('patch-id rules', () => {
  it('ignores line numbers, function text, index lines, the message and the signature', () => {
    const a = file('a.c', 'old();', 'new();', 10);
    const moved = file('a.c', 'old();', 'new();', 900).replace('void f(void)', 'int g(int)').replace('1234567..89abcde', 'fffffff..0000000');
    expect(patchId(`Message one\n---\n${a}`)).toBe(patchId(`Another message\nSigned-off-by: X <x@y.z>\n---\n 1 file changed\n\n${moved}-- \n2.40.1\n`));
    expect(patchId(a)).not.toBe(patchId(file('a.c', 'old();', 'newer();', 10)));
  });

  it('does not depend on the order of files', () => {
    const a = file('a.c', 'x', 'y');
    const b = file('b.c', 'p', 'q');
    expect(patchId(a + b)).toBe(patchId(b + a));
  });

  it('lists the files a patch touches, renames on both sides', () => {
    const body = `msg\n---\ndiff --git a/old.c b/new.c\nsimilarity index 90%\nrename from old.c\nrename to new.c\n${file('x/y.c', 'a', 'b')}diff --git a/gone.c b/gone.c\ndeleted file mode 100644\n--- a/gone.c\n+++ /dev/null\n@@ -1 +0,0 @@\n--- not a header\n`;
    expect(patchIdentity(body).files).toEqual(['gone.c', 'new.c', 'old.c', 'x/y.c']);
    expect(patchIdentity('just text').patchId).toBeNull();
  });

  it('whitespace-only edits of the diff keep the id (property)', () => {
    const line = fc.stringMatching(/^[a-z(); =]{0,12}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(line, line), { minLength: 1, maxLength: 6 }), fc.array(fc.constantFrom(' ', '\t', '  '), { minLength: 1, maxLength: 4 }), (pairs, ws) => {
        const body = (sp: (s: string) => string): string =>
          pairs.map(([m, p], i) => `diff --git a/f${i}.c b/f${i}.c\n--- a/f${i}.c\n+++ b/f${i}.c\n@@ -1,1 +1,1 @@\n-${sp(m)}\n+${sp(p)}\n`).join('');
        const spaced = (s: string): string => s.split('').join(ws[s.length % ws.length]!) + ws[0]!;
        expect(patchId(body(spaced))).toBe(patchId(body((s) => s)));
      }),
      { numRuns: 300 },
    );
  });
});
