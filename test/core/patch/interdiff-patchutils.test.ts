/**
 * Differential test against patchutils' `interdiff` (Debian patchutils), the classic "diff
 * of two diffs": every multi-version series in the corpus, every pair of patches the ledger's
 * matcher pairs across neighbouring versions. Where interdiff can run (it needs both versions
 * against one base and says "patches clashed" otherwise), ListLens's code verdict must agree:
 * unchanged exactly when interdiff prints nothing (or only hunk headers, i.e. moved line
 * numbers), and otherwise the same files changed. A pair with a file interdiff cannot see
 * (no hunks: a mode change, a pure rename, a binary, an unreadable hunk header) is left out. interdiff names a file deleted by both
 * versions `/dev/null`; such a file is compared as "(deleted)".
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { parsePatch } from '../../../src/core/patch/patch.ts';
import { diffVersions, type VersionInput } from '../../../src/core/series/version-diff.ts';
import type { SeriesVersion } from '../../../src/core/types.ts';
import { corpusDir, corpusFiles } from '../../helpers/corpus.ts';
import { requireTool, tempRepo, tool } from '../../helpers/tools.ts';
import { mulberry32 } from '../../helpers/random.ts';
import { interdiff } from '../../../src/core/patch/interdiff.ts';
import { readFileSync } from 'node:fs';

const interdiffPath = tool('interdiff');

/** The files interdiff's output (with -q) shows a change in. */
function interdiffFiles(out: string): string[] {
  const lines = out.split('\n');
  const files = new Set<string>();
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.startsWith('--- ') || !lines[i + 1]!.startsWith('+++ ')) continue;
    const name = (l: string): string | null => {
      const p = l.slice(4).replace(/\t.*$/, '').trim();
      return p === '/dev/null' ? null : p.replace(/^[^/]+\//, '');
    };
    // only a section with a real +/- line is a change
    let j = i + 2;
    let changed = false;
    for (; j < lines.length && !(lines[j]!.startsWith('--- ') && lines[j + 1]?.startsWith('+++ ')); j++) {
      if (/^[+-]/.test(lines[j]!)) changed = true;
    }
    if (changed) files.add(name(lines[i + 1]!) ?? name(lines[i]!) ?? '(deleted)');
    i = j - 1;
  }
  return [...files].sort();
}

describe.runIf(corpusDir && (interdiffPath || process.env.CI))('interdiff against patchutils interdiff on the corpus', () => {
  it('agrees on every matched pair interdiff can compare', async () => {
    const bin = requireTool(interdiffPath, 'interdiff');
    const dir = mkdtempSync(join(tmpdir(), 'listlens-interdiff-'));
    let compared = 0;
    let clashed = 0;
    let unchanged = 0;
    const disagreements: string[] = [];
    try {
      for (const file of corpusFiles()) {
        const r = await analyseMbox(new Uint8Array(readFileSync(file)), { keepBodies: true });
        const text = (id: string): string => r.bodies!.get(id)?.text ?? '';
        const input = (v: SeriesVersion): VersionInput => ({ version: v.version, patches: v.patches.map((p) => ({ counter: p.counter, id: p.id, subject: p.subject, body: text(p.id) })) });
        for (const s of r.analysis.series) {
          for (let i = 1; i < s.versions.length; i++) {
            const d = diffVersions(input(s.versions[i - 1]!), input(s.versions[i]!));
            for (const row of d.rows) {
              if (!row.older || !row.newer || !row.interdiff) continue;
              const a = text(row.older.id);
              const b = text(row.newer.id);
              const pa = parsePatch(a);
              const pb = parsePatch(b);
              // interdiff compares hunks only: a file with none (mode change, pure rename,
              // binary, or hunk headers it cannot read) is out of its reach
              if (!pa.files.length || !pb.files.length || [...pa.files, ...pb.files].some((f) => !f.hunks.length)) {
                clashed++;
                continue;
              }
              writeFileSync(join(dir, 'a.patch'), a);
              writeFileSync(join(dir, 'b.patch'), b);
              const run = spawnSync(bin, ['-q', join(dir, 'a.patch'), join(dir, 'b.patch')], { encoding: 'utf8' });
              if (run.status !== 0) {
                clashed++;
                continue;
              }
              compared++;
              const theirs = interdiffFiles(run.stdout);
              const deletedInBoth = new Set(
                pa.files
                  .filter((f) => f.status === 'deleted')
                  .map((f) => f.oldPath)
                  .filter((p) => pb.files.some((g) => g.status === 'deleted' && g.oldPath === p)),
              );
              const ours = row.interdiff.files
                .filter((f) => f.verdict !== 'unchanged')
                .map((f) => (deletedInBoth.has(f.path) ? '(deleted)' : f.path))
                .sort();
              if (!theirs.length) unchanged++;
              const where = `${file.split('/corpus/')[1]} v${d.from}→v${d.to} ${row.older.counter}→${row.newer.counter}`;
              if (row.interdiff.diffChanged !== theirs.length > 0) disagreements.push(`${where}: ours ${row.interdiff.diffChanged ? 'changed' : 'unchanged'}, interdiff ${theirs.join(',') || 'empty'}`);
              else if (JSON.stringify(ours) !== JSON.stringify(theirs)) disagreements.push(`${where}: files ours ${ours.join(',')} vs interdiff ${theirs.join(',')}`);
            }
          }
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`interdiff differential: ${compared} pairs compared (${unchanged} unchanged), ${clashed} where interdiff could not run or see every file`);
    expect(disagreements).toEqual([]);
    // the corpus has real multi-version series: a run that compares none proves nothing
    expect(compared).toBeGreaterThanOrEqual(10);
    expect(unchanged).toBeGreaterThan(0);
    expect(compared - unchanged).toBeGreaterThan(0);
  });
});

const gitPath = tool('git');


describe.runIf((interdiffPath && gitPath) || process.env.CI)('interdiff against patchutils interdiff on generated versions', () => {
  it('agrees on 80 random pairs of versions against one base', () => {
    const bin = requireTool(interdiffPath, 'interdiff');
    const repo = tempRepo(requireTool(gitPath, 'git'));
    const rand = mulberry32(7);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const names = ['a.c', 'b.c', 'lib/c.h', 'docs/d.txt'];
    const base = new Map(names.map((n, i) => [n, Array.from({ length: 40 }, (_, k) => (k % 5 === 0 ? `\tif (v${i}_${k})` : `\tcall_${i}_${k}();`))]));
    for (const [n, ls] of base) repo.write(n, ls.join('\n') + '\n');
    repo.commit('base');
    /** One version of the patch: a random edit of the base, as `git diff` writes it. */
    const version = (edits: string[]): string => {
      repo.git('reset', '-q', '--hard', 'HEAD');
      repo.git('clean', '-qfd');
      for (const n of names) {
        const lines = [...base.get(n)!];
        const what = edits[names.indexOf(n)]!;
        if (what === 'delete') {
          repo.remove(n);
          continue;
        }
        if (what.startsWith('edit')) {
          const at = Number(what.split(':')[1]);
          const kind = what.split(':')[2];
          if (kind === 'change') lines[at] = `${lines[at]} /* changed */`;
          else if (kind === 'insert') lines.splice(at, 0, '\tinserted();');
          else if (kind === 'remove') lines.splice(at, 1);
          else if (kind === 'indent') lines[at] = `  ${lines[at]}`;
        }
        repo.write(n, lines.join('\n') + '\n');
      }
      if (edits[names.length] === 'add') repo.write('new.c', 'int added;\n');
      repo.git('add', '-A');
      return `Subject\n---\n${repo.git('diff', '--cached', 'HEAD')}`;
    };
    const randomEdits = (): string[] => [
      ...names.map(() => {
        const r = rand();
        if (r < 0.35) return 'none';
        if (r < 0.42) return 'delete';
        return `edit:${Math.floor(rand() * 38) + 1}:${pick(['change', 'insert', 'remove', 'indent'])}`;
      }),
      rand() < 0.3 ? 'add' : 'none',
    ];
    const dir = mkdtempSync(join(tmpdir(), 'listlens-interdiff-gen-'));
    let same = 0;
    let runs = 0;
    const disagreements: string[] = [];
    try {
      for (let i = 0; i < 80; i++) {
        const e1 = randomEdits();
        // a third of the pairs: the same patch again, or one file's edit changed
        const e2 = rand() < 0.33 ? [...e1] : rand() < 0.5 ? e1.map((x, k) => (k === Math.floor(rand() * names.length) ? pick(randomEdits()) : x)) : randomEdits();
        const a = version(e1);
        const b = version(e2);
        const pa = parsePatch(a);
        const pb = parsePatch(b);
        if (!pa.files.length || !pb.files.length) continue;
        writeFileSync(join(dir, 'a.patch'), a);
        writeFileSync(join(dir, 'b.patch'), b);
        const run = spawnSync(bin, ['-q', join(dir, 'a.patch'), join(dir, 'b.patch')], { encoding: 'utf8' });
        if (run.status !== 0) continue;
        runs++;
        const theirs = interdiffFiles(run.stdout);
        const d = interdiff({ patch: pa }, { patch: pb });
        const deleted = new Set(pa.files.filter((f) => f.status === 'deleted' && pb.files.some((g) => g.status === 'deleted' && g.oldPath === f.oldPath)).map((f) => f.oldPath));
        const ours = d.files.filter((f) => f.verdict !== 'unchanged').map((f) => (deleted.has(f.path) ? '(deleted)' : f.path)).sort();
        if (!theirs.length) same++;
        if (d.diffChanged !== theirs.length > 0 || JSON.stringify(ours) !== JSON.stringify(theirs)) disagreements.push(`${e1.join(' ')} | ${e2.join(' ')}: ours ${ours.join(',') || 'unchanged'}, interdiff ${theirs.join(',') || 'empty'}`);
      }
    } finally {
      repo.done();
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`generated: ${runs} pairs compared with interdiff (${same} unchanged)`);
    expect(disagreements).toEqual([]);
    expect(runs).toBeGreaterThanOrEqual(60);
    expect(same).toBeGreaterThanOrEqual(10);
    expect(runs - same).toBeGreaterThanOrEqual(30);
  });
});
