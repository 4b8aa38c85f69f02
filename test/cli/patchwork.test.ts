/**
 * `listlens series --patchwork [URL]` (issue 18): each patch's checks from a patchwork REST
 * API on 127.0.0.1 answering with a real patchwork's recorded answers
 * (test/helpers/patchwork-server.ts): per version its line, per patch the checks that did
 * not pass, the failures among the findings (never trailers, counts unchanged); the JSON's
 * `checks` beside each ledger; a 429 waited out; an instance that cannot be reached (exit
 * 3); the argument's forms.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { startPatchworkServer, type PatchworkServer } from '../helpers/patchwork-server.ts';
import { mbox } from '../fixtures/model/series-mail.ts';
import { THREAD, V1 } from '../fixtures/patchwork/series.ts';
import type { Ledger } from '../../src/core/series/ledger.ts';
import type { LedgerChecks } from '../../src/core/series/patchwork-checks.ts';

const dir = mkdtempSync(join(tmpdir(), 'listlens-patchwork-'));
const file = join(dir, 'thread.mbox');
writeFileSync(file, mbox(THREAD));
let pw: PatchworkServer;

beforeAll(async () => {
  pw = await startPatchworkServer();
});
afterAll(async () => {
  await pw.close();
});
beforeEach(() => {
  pw.hits.length = 0;
  pw.once = [];
  pw.always = null;
});

describe('listlens series --patchwork', () => {
  it("per version its line, per patch what did not pass; one lookup and one checks list per patch", async () => {
    const r = await runCli(['series', file, `--patchwork=${pw.origin}/`]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const host = new URL(pw.origin).host;
    const section = r.out.slice(r.out.indexOf('Patchwork checks'));
    expect(section).toBe(
      [
        `Patchwork checks (${host}; never trailers):`,
        '  v1: patchwork: 1 fail (netdev/build_clang), 1 warning, 4 success',
        '    1/3 warning netdev/checkpatch: WARNING: line length of 101 exceeds 100 columns https://ci.example.org/netdev/checkpatch/pw1-1',
        '    2/3 fail netdev/build_clang: Errors and warnings before: 0 this patch: 2 https://ci.example.org/netdev/build_clang/pw1-2',
        '  v2: patchwork: 1 fail (netdev/build_clang), 1 pending, 7 success',
        '    2/3 fail netdev/build_clang: Errors and warnings before: 0 this patch: 1 https://ci.example.org/netdev/build_clang/pw2-2',
        '    2/3 pending bpf-ci/vmtest-bpf-next https://ci.example.org/bpf-ci/vmtest-bpf-next/pw2-2',
        '',
      ].join('\n'),
    );
    expect(pw.hits.filter((h) => h.includes('msgid='))).toHaveLength(6);
    expect(pw.hits.filter((h) => h.includes('/checks/'))).toHaveLength(6);
    // the failures are not also listed as bots' findings
    expect(r.out).not.toContain('Bot findings');
  });

  it("--json: each series' checks beside its ledger, the failures among its findings, no count changed", async () => {
    const plain = JSON.parse((await runCli(['series', file, '--json'])).out) as { series: Ledger[] };
    const r = await runCli(['series', file, '--json', '--patchwork', `${pw.origin}/`]);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out) as { series: Array<Ledger & { checks: LedgerChecks & { instance: string } }> };
    const s = got.series[0]!;
    expect(s.checks.instance).toBe(`${pw.origin}/`);
    expect(s.checks.versions.map((v) => [v.tally, v.failing])).toEqual([
      [{ fail: 1, warning: 1, pending: 0, success: 4, worst: 'fail' }, ['netdev/build_clang']],
      [{ fail: 1, warning: 0, pending: 1, success: 7, worst: 'fail' }, ['netdev/build_clang']],
    ]);
    expect(s.checks.cells[1]![0]).toMatchObject({ msgid: V1[2]!.id, patch: { projects: ['linux-mm'] }, tally: { fail: 1 } });
    expect(s.versions.map((v) => (v.findings ?? []).map((f) => [f.source, f.title, f.counter]))).toEqual([[['patchwork', 'netdev/build_clang', 2]], [['patchwork', 'netdev/build_clang', 2]]]);
    expect(s.rows).toEqual(plain.series[0]!.rows);
    expect(s.versions.map((v) => v.counts)).toEqual(plain.series[0]!.versions.map((v) => v.counts));
  });

  it('a 429 with a short Retry-After is waited out and said on stderr', async () => {
    pw.once = [{ status: 429, headers: { 'retry-after': '1' }, body: '{"detail":"Request was throttled."}' }];
    const r = await runCli(['series', file, `--patchwork=${pw.origin}/`]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/asked to wait 1 s \(HTTP 429\)/);
    expect(r.out).toContain('v2: patchwork: 1 fail (netdev/build_clang), 1 pending, 7 success');
  });

  it('a wait too long stops asking; an instance not reached is exit 3; a bad URL is a usage error', async () => {
    pw.always = { status: 429, headers: { 'retry-after': '3600' }, body: '{}' };
    const r = await runCli(['series', file, `--patchwork=${pw.origin}/`]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/asked to wait 3600 s \(HTTP 429\): not asked/);
    expect(pw.hits.length).toBeLessThanOrEqual(2);
    expect(r.out).toContain('v1: patchwork: no checks; 3 of 3 not read yet');
    const down = await runCli(['series', file, '--patchwork=http://127.0.0.1:9/']);
    expect(down.code).toBe(3);
    expect(down.err).toMatch(/127\.0\.0\.1:9 could not be reached/);
    expect((await runCli(['series', file, '--patchwork=javascript:x'])).code).toBe(1);
  });

  it('a bare --patchwork before an input means patchwork.kernel.org, not the input', async () => {
    // no network is touched: the input is unreadable first
    const r = await runCli(['series', '--patchwork', join(dir, 'missing.mbox')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/missing\.mbox/);
  });
});
