/**
 * `listlens am` writes what the panel downloads (the core's amMbox, b4's file names, the cover
 * apart), `-v`, `-l`, `-o -`, a refusal naming a missing patch, usage errors; and `listlens
 * series --order`, the newest version's order by default, with the trailers an author dropped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { bob, mbox, posting, reply } from '../fixtures/model/series-mail.ts';
import { analyseMbox } from '../../src/core/analyse.ts';
import { threadSeries } from '../../src/core/series/thread-series.ts';
import { threadFacts } from '../../src/core/series/series-facts.ts';
import { amMbox } from '../../src/core/series/am.ts';
import { tempRepo, tool } from '../helpers/tools.ts';
import { baseTree } from '../helpers/am-base.ts';

const git = tool('git');
const rb = `Reviewed-by: ${bob.name} <${bob.address}>`;

describe('listlens am', () => {
  const dir = mkdtempSync(join(tmpdir(), 'listlens-am-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', [
    ['mm: add frob helper', 'mm/frob.c', 'a'],
    ['mm: use frob helper', 'mm/use.c', 'b'],
  ]);
  const v2 = posting('v2', 2, 9, 'mm: make frobnication faster', [
    ['mm: add frob helper', 'mm/frob.c', 'a'],
    ['mm: use frob helper', 'mm/use.c', 'c'],
  ]);
  const v1file = join(dir, 'v1.mbox');
  const v2file = join(dir, 'v2.mbox');
  writeFileSync(v1file, mbox([...v1, reply('r1', v1[1]!, bob, 2, rb)]));
  writeFileSync(v2file, mbox(v2));

  it('writes the newest version as the panel downloads it, the cover apart, and it applies', async () => {
    const out = join(dir, 'out');
    const r = await runCli(['am', v1file, v2file, '-o', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const name = 'v2_20240109_alice_mm_make_frobnication_faster';
    expect(readdirSync(out).sort()).toEqual([`${name}.cover`, `${name}.mbx`]);
    expect(r.out).toBe(`mm: make frobnication faster v2: 2 patches, 1 trailers added\nCover: ${join(out, `${name}.cover`)}\n       git am ${join(out, `${name}.mbx`)}\n`);
    const mbx = readFileSync(join(out, `${name}.mbx`), 'utf8');
    // the very text the core writes for the panel
    const facts = await Promise.all([v1file, v2file].map(async (f) => {
      const a = await analyseMbox(new Uint8Array(readFileSync(f)), { keepBodies: true });
      return { a, facts: threadFacts(a.analysis, a.heads, new Map([...a.bodies!].map(([k, b]) => [k, b.text]))) };
    }));
    const raws = new Map(facts.flatMap(({ a }) => a.heads.map((h) => [h.id, a.raws[h.index]!] as const)));
    const l = threadSeries(facts.map((f) => f.facts))[0]!;
    const core = await amMbox(l, 2, (k) => raws.get(k) ?? null);
    expect(core.ok && core.file.mbx).toBe(mbx);
    expect(mbx).toContain(`Signed-off-by: Alice Author <alice@example.org>\n${rb}\n---\n`);
    if (git) {
      const base = baseTree(mbx.split(/^From git@z .*\n/m).filter(Boolean));
      if (typeof base === 'string') throw new Error(base);
      const repo = tempRepo(git);
      try {
        for (const [p, f] of base.files) repo.write(p, f.content);
        repo.commit('base');
        repo.git('am', join(out, `${name}.mbx`));
        expect(repo.git('log', '-1', '--skip=1', '--format=%B')).toContain(rb);
      } finally {
        repo.done();
      }
    }
  });

  it('-v, -l and -o - (the mbox on standard output)', async () => {
    const r = await runCli(['am', v1file, v2file, '-v', '1', '-l', '-o', '-']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^From git@z Thu Jan {2}1 00:00:00 1970\nSubject: \[PATCH 1\/2\] mm: add frob helper\n/);
    expect(r.out).toContain(`${rb}\nLink: https://patch.msgid.link/v1-1@example.org\n---\n`);
    expect(r.err).toBe('mm: make frobnication faster v1: 2 patches, 3 trailers added\n');
  });

  it('refuses a version with a patch missing, naming it; usage errors', async () => {
    const partial = join(dir, 'partial.mbox');
    writeFileSync(partial, mbox(v2.filter((m) => m.id !== 'v2-1@example.org')));
    const r = await runCli(['am', partial, '-o', join(dir, 'none')]);
    expect([r.code, r.err]).toEqual([2, 'listlens am: v2 cannot be applied: patch 1/2 is not in the archive.\n']);
    const v9 = await runCli(['am', v1file, '-v', '9']);
    expect([v9.code, v9.err]).toEqual([2, 'listlens am: This series has no v9. (versions: v1)\n']);
    expect((await runCli(['am'])).code).toBe(1);
    expect((await runCli(['am', v1file, '-v'])).code).toBe(1);
    expect((await runCli(['am', v1file, '--frob'])).code).toBe(1);
    expect((await runCli(['am', '--help'])).out).toContain('usage: listlens am');
  });
});

/** The matrix's rows: the lines after its `patch  v1 …` header, up to the blank line. */
const matrix = (out: string): string[] => {
  const lines = out.split('\n');
  const at = lines.findIndex((l) => /^ +patch +v1/.test(l));
  const end = lines.indexOf('', at);
  return lines.slice(at + 1, end);
};

describe('listlens series --order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'listlens-order-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const a = posting('o1', 1, 1, 'mm: frob', [
    ['mm: one', 'mm/one.c', 'a'],
    ['mm: two', 'mm/two.c', 'b'],
  ]);
  const b = posting('o2', 2, 5, 'mm: frob', [
    ['mm: three', 'mm/three.c', 'c'],
    ['mm: one', 'mm/one.c', 'a', [rb]],
  ]);
  const c = posting('o3', 3, 9, 'mm: frob', [
    ['mm: three', 'mm/three.c', 'c'],
    ['mm: one', 'mm/one.c', 'a'],
  ]);
  const files = [a, b, c].map((m, i) => {
    const f = join(dir, `v${i + 1}.mbox`);
    writeFileSync(f, mbox(m));
    return f;
  });

  it("the newest version's order with its n/N by default, patches gone after; first appearance on demand; dropped trailers listed", async () => {
    const r = await runCli(['series', ...files]);
    expect(r.code).toBe(0);
    expect(matrix(r.out).map((l) => l.trimStart().replace(/ {2,}.*?(\(|$)/, ' $1').trim())).toEqual(['1/2 mm: three', '2/2 mm: one', '- mm: two (dropped after v1)']);
    expect(r.out).toContain(`Dropped by the author (the patch unchanged, the trailer gone from its message; still counted):\n  v3 2/2 mm: one: ${rb} — given on v2\n`);
    const first = await runCli(['series', ...files, '--order', 'first']);
    expect(matrix(first.out).map((l) => l.trim().split(/ {2,}/)[0])).toEqual(['2/2 mm: one', '- mm: two', '1/2 mm: three']);
    expect((await runCli(['series', ...files, '--order', 'oldest'])).code).toBe(1);
  });
});
