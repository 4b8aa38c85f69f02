/**
 * The CLI's size limits (issue 16): a real gzip bomb made at test time (test/helpers/
 * gzip-bomb.ts; 600 MB of mail in about 2.7 MB, over the 512 MB default) stops with exit 2,
 * a sentence that says how large it is and which flag raises the limit, and bounded memory
 * (zlib's maxOutputLength; before, gunzipSync inflated it all, 3.2 GB for a 1.5 GB bomb).
 * Run as the command is, in a child process whose peak RSS it reports on exit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { repoRoot } from '../helpers/corpus.ts';
import { writeGzipBomb } from '../helpers/gzip-bomb.ts';

const MB = 1024 * 1024;
let dir: string;
let bomb: string;
let bombSize: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'listlens-bomb-'));
  bomb = join(dir, 't.mbox.gz');
  bombSize = await writeGzipBomb(bomb, 600 * MB);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI as a command, with its peak resident memory (MB) read from Node on exit. */
function command(args: string[]): { status: number | null; stderr: string; maxRssMB: number } {
  const report = join(dir, 'report-rss.mjs');
  writeFileSync(report, "process.on('exit', () => process.stderr.write(`\\nmaxrss ${process.resourceUsage().maxRSS}\\n`));\n");
  const r = spawnSync(process.execPath, ['--import', report, '--import', 'tsx', join(repoRoot, 'src/cli.ts'), ...args], { encoding: 'utf8', cwd: repoRoot });
  const m = /\nmaxrss (\d+)\n/.exec(r.stderr);
  return { status: r.status, stderr: r.stderr.replace(/\nmaxrss \d+\n/, ''), maxRssMB: m ? Number(m[1]) / 1024 : NaN };
}

describe('listlens on a gzip bomb', () => {
  it('stops at the 512 MB default with exit 2, says how large the file is and which flag raises the limit, in bounded memory', () => {
    const r = command([bomb]);
    console.log(`[cli gzip bomb] ${(bombSize / MB).toFixed(1)} MB inflating to 600 MB: exit ${r.status}, peak RSS ${r.maxRssMB.toFixed(0)} MB`);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`listlens: ${bomb} is ${(bombSize / MB).toFixed(1)} MB but decompresses to more than 512 MB; ListLens stopped there. To read it, give --max-size <MB> (up to 16384).\n`);
    // the limit's worth of output at most, never the whole 600 MB and a copy
    expect(r.maxRssMB).toBeLessThan(900);
  });

  it('a lower --max-size stops sooner, with memory to match; every command takes it', () => {
    const r = command(['--max-size', '32', bomb]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/decompresses to more than 32 MB; ListLens stopped there/);
    expect(r.maxRssMB).toBeLessThan(400);
    for (const sub of [['series'], ['diff']]) {
      const s = command([...sub, bomb, '--max-size=32']);
      expect(s.status, sub[0]).toBe(2);
      expect(s.stderr, sub[0]).toMatch(/decompresses to more than 32 MB/);
    }
  });

  it('within the limits nothing changes; a bad limit is a usage error', async () => {
    const ok = join(dir, 'ok.mbox.gz');
    writeFileSync(ok, gzipSync(Buffer.from('From a@b Thu Jan  1 00:00:00 1970\nFrom: A <a@example.org>\nSubject: hi\nMessage-ID: <hi@example.org>\n\nhello\n')));
    const r = await runCli([ok, '--max-size', '16', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).messages[0].subject).toBe('hi');
    const bad = await runCli([ok, '--max-size', 'lots']);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('listlens: --max-size needs a whole number of MB from 16 to 16384 (got lots)\n');
    const plain = await runCli([ok, '--max-download=0']);
    expect(plain.code).toBe(1);
  });
});
