/**
 * Patchwork's checks (issue 18, optional), read from a real patchwork's answers
 * (test/fixtures/patchwork/recorded.json: patchwork v3.1.3 fed series.ts' mail and checks)
 * and put on the ledger built from the same mail: which patch a lookup found, which checks
 * count (the newest per account and context: a passed recheck replaces a failure), the
 * tally per patch and version, the failed checks as findings on the right cell (reported
 * again on v2), a bot's mail finding kept beside them, no trailer or count changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { threadSeries } from '../../../src/core/series/thread-series.ts';
import { cellChecksWords, latestChecks, tally, tallyWords, withChecks, type PatchChecks, type PatchworkCheck } from '../../../src/core/series/patchwork-checks.ts';
import { checksPageUrl, lookupPatches, lookupUrl, nextPage, patchworkDate, readChecks } from '../../../src/core/series/patchwork-json.ts';
import { facts, type Mail } from '../../fixtures/model/series-mail.ts';
import { CHECKS, THREAD, UNKNOWN_ID, V1, V2 } from '../../fixtures/patchwork/series.ts';
import { repoRoot } from '../../helpers/corpus.ts';

interface Answer {
  status: number;
  link: string | null;
  body: unknown;
}
const recorded = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/patchwork/recorded.json'), 'utf8')) as { host: string; answers: Record<string, Answer> };
const INSTANCE = `${recorded.host}/`;
const answer = (url: string): Answer => {
  const a = recorded.answers[url.slice(recorded.host.length)];
  if (!a) throw new Error(`not recorded: ${url}`);
  return a;
};

/** What the worker makes of one patch: the lookup, then its checks list. */
function patchChecks(msgid: string): PatchChecks {
  const found = lookupPatches(answer(lookupUrl(INSTANCE, msgid)).body, msgid);
  if (!found.length) return { msgid, patch: null, checks: [], fetchedAt: 1, error: null };
  const checks = found.flatMap((p) => readChecks(answer(checksPageUrl(p.checksUrl)).body));
  return { msgid, patch: { projects: found.map((p) => p.project ?? ''), webUrl: found[0]!.webUrl, date: found[0]!.date }, checks: latestChecks(checks), fetchedAt: 1, error: null };
}

const all = new Map(THREAD.map((m) => [m.id, patchChecks(m.id)]));

describe("patchwork's answers", () => {
  it('the lookup by Message-ID finds the patch, its project, page and checks URL; a cover or an unknown id finds none', () => {
    expect(lookupPatches(answer(lookupUrl(INSTANCE, V1[2]!.id)).body, V1[2]!.id)).toEqual([
      { id: 2, project: 'linux-mm', webUrl: `${recorded.host}/project/linux-mm/patch/${V1[2]!.id}/`, checksUrl: `${recorded.host}/api/patches/2/checks/`, date: '2024-01-01T10:02:00.000Z' },
    ]);
    expect(lookupPatches(answer(lookupUrl(INSTANCE, V1[0]!.id)).body, V1[0]!.id)).toEqual([]);
    expect(lookupPatches(answer(lookupUrl(INSTANCE, UNKNOWN_ID)).body, UNKNOWN_ID)).toEqual([]);
  });

  it('an API without the msgid filter lists other patches: none of them is taken', () => {
    const other = answer(lookupUrl(INSTANCE, V1[1]!.id)).body;
    expect(lookupPatches(other, V1[2]!.id)).toEqual([]);
  });

  it('every check patchwork lists is read; only the newest per account and context counts', () => {
    const listed = readChecks(answer(`${recorded.host}/api/patches/2/checks/?per_page=250`).body);
    expect(listed.map((c) => `${c.user}/${c.context} ${c.state}`)).toEqual(['netdev/build_clang fail', 'netdev/checkpatch success', 'bpf-ci/vmtest-bpf-next fail', 'bpf-ci/vmtest-bpf-next success']);
    expect(latestChecks(listed).map((c) => `${c.user}/${c.context} ${c.state} ${c.description}`)).toEqual(['netdev/build_clang fail Errors and warnings before: 0 this patch: 2', 'netdev/checkpatch success total: 0 errors, 0 warnings, 0 checks, 8 lines checked', 'bpf-ci/vmtest-bpf-next success Logs for vmtest-bpf-next (recheck)']);
    // as many as the plan posted, one per (user, context) and patch
    const planned = new Set(CHECKS.map((c) => `${c.patch} ${c.user} ${c.context}`));
    expect([...all.values()].reduce((n, p) => n + p.checks.length, 0)).toBe(planned.size);
  });

  it('malformed items are skipped, links only when http(s), naive dates are UTC', () => {
    const got = readChecks([{ state: 'fail', context: 'x', target_url: 'javascript:alert(1)', user: { username: 'u' }, date: '2024-01-01T12:00:00' }, { state: 'broken', context: 'y' }, { context: 'z' }, null, 'a', { state: 'success', context: '' }]);
    expect(got).toEqual([{ state: 'fail', context: 'x', user: 'u', description: null, targetUrl: null, date: '2024-01-01T12:00:00.000Z' }]);
    expect(readChecks({ detail: 'Not found.' })).toEqual([]);
    expect(patchworkDate('2024-01-01T12:00:00+02:00')).toBe('2024-01-01T10:00:00.000Z');
    expect(patchworkDate('yesterday')).toBeNull();
  });

  it("the next page is read from patchwork's Link header", () => {
    expect(nextPage(answer(lookupUrl(INSTANCE, V1[1]!.id)).link)).toBeNull();
    expect(nextPage('<https://pw.example/api/patches/2/checks/?page=2&per_page=250>; rel="next", <https://pw.example/api/patches/2/checks/?page=1&per_page=250>; rel="first"')).toBe('https://pw.example/api/patches/2/checks/?page=2&per_page=250');
    expect(nextPage(null)).toBeNull();
  });
});

describe('checks on the ledger', () => {
  const ledgerOf = async (mails: Mail[] = THREAD) => threadSeries([await facts(mails)])[0]!;

  it('per patch: the tally and its words; a patch without checks says so', async () => {
    const l = await ledgerOf();
    const { checks } = withChecks(l, (id) => all.get(id));
    const words = l.rows.map((_, r) => l.versions.map((_, c) => cellChecksWords(checks.cells[r]![c])));
    expect(words).toEqual([
      ['patchwork: 1 warning, 2 success', 'patchwork: 3 success'],
      ['patchwork: 1 fail (netdev/build_clang), 2 success', 'patchwork: 1 fail (netdev/build_clang), 1 pending, 1 success'],
      ['patchwork: no checks', 'patchwork: 3 success'],
    ]);
    expect(checks.cells[1]![0]!.tally).toEqual({ fail: 1, warning: 0, pending: 0, success: 2, worst: 'fail' });
  });

  it('per version: counts by state, the worst, the failing contexts', async () => {
    const l = await ledgerOf();
    const { checks } = withChecks(l, (id) => all.get(id));
    expect(checks.versions.map((v) => v.summary)).toEqual(['patchwork: 1 fail (netdev/build_clang), 1 warning, 4 success', 'patchwork: 1 fail (netdev/build_clang), 1 pending, 7 success']);
    expect(checks.versions.map((v) => v.tally.worst)).toEqual(['fail', 'fail']);
    expect(checks.versions.map((v) => [v.patches, v.read, v.notInPatchwork])).toEqual([
      [3, 3, 0],
      [3, 3, 0],
    ]);
  });

  it('a failed check is a finding on its cell, reported again on v2; trailers and counts untouched', async () => {
    const l = await ledgerOf();
    const { ledger } = withChecks(l, (id) => all.get(id));
    const f = ledger.versions.map((v) => (v.findings ?? []).map((x) => [x.source, x.kind, x.title, x.counter, x.message, x.againOn, x.firstOn, x.detail]));
    expect(f).toEqual([
      [['patchwork', 'test failed', 'netdev/build_clang', 2, V1[2]!.id, [2], null, 'Errors and warnings before: 0 this patch: 2']],
      [['patchwork', 'test failed', 'netdev/build_clang', 2, V2[2]!.id, [], 1, 'Errors and warnings before: 0 this patch: 1']],
    ]);
    expect(ledger.rows).toEqual(l.rows);
    expect(ledger.versions.map((v) => [v.counts, v.summary])).toEqual(l.versions.map((v) => [v.counts, v.summary]));
  });

  it("a bot's mail finding stays beside the checks; merging twice adds nothing", async () => {
    const lkp: Mail = {
      id: 'pw-lkp@intel.com',
      from: { name: 'kernel test robot', address: 'lkp@intel.com' },
      subject: `Re: ${V2[3]!.subject}`,
      date: V2[3]!.date,
      replyTo: V2[3]!.id,
      body: `Hi Alice,\n\nkernel test robot noticed the following build warnings:\n\npatch link:    https://lore.kernel.org/r/${V2[3]!.id.replace('@', '%40')}\n\nAll warnings (new ones prefixed by >>):\n\n>> Documentation/frob.rst:3: warning: Title underline too short.\n`,
    };
    const l = await ledgerOf([...THREAD, lkp]);
    const once = withChecks(l, (id) => all.get(id)).ledger;
    const twice = withChecks(once, (id) => all.get(id)).ledger;
    expect(twice).toEqual(once);
    expect((once.versions[1]!.findings ?? []).map((f) => [f.source ?? 'mail', f.counter, f.title])).toEqual([
      ['patchwork', 2, 'netdev/build_clang'],
      ['mail', 3, 'build warning: Title underline too short.'],
    ]);
  });

  it('before any answer nothing is said; an unknown patch is "not in patchwork"; a failed refresh keeps the copy and says why', async () => {
    const l = await ledgerOf();
    const none = withChecks(l, () => undefined);
    expect(none.ledger).toEqual(l);
    expect(none.checks.versions.map((v) => v.summary)).toEqual(['patchwork: no checks; 3 of 3 not read yet', 'patchwork: no checks; 3 of 3 not read yet']);
    const some = withChecks(l, (id) => (id === V1[1]!.id ? { msgid: id, patch: null, checks: [], fetchedAt: 1, error: null } : id === V1[2]!.id ? { ...all.get(id)!, error: 'patchwork.example could not be reached' } : undefined));
    expect(some.checks.versions[0]!.summary).toBe('patchwork: 1 fail (netdev/build_clang), 2 success; 1 of 3 not in patchwork; 1 of 3 not read yet');
    expect(some.checks.versions[0]!.error).toBe('patchwork.example could not be reached');
    expect(cellChecksWords(some.checks.cells[0]![0])).toBe('patchwork: not in patchwork');
  });
});

describe('tally', () => {
  const c = (state: PatchworkCheck['state'], context: string, date: string, user = 'ci'): PatchworkCheck => ({ state, context, user, description: null, targetUrl: null, date });
  it("the worst state is patchwork's order; words list at most three failing names", () => {
    expect(tally([]).worst).toBeNull();
    expect(tally([c('success', 'a', '1'), c('pending', 'b', '1')]).worst).toBe('pending');
    expect(tally([c('pending', 'b', '1'), c('warning', 'a', '1')]).worst).toBe('warning');
    expect(tallyWords(tally([c('fail', 'a', '1'), c('fail', 'b', '1'), c('fail', 'c', '1'), c('fail', 'd', '1')]), ['ci/a', 'ci/b', 'ci/c', 'ci/d'])).toBe('4 fail (ci/a, ci/b, ci/c, …)');
  });
  it('the newest check of a context wins whatever the order listed; other accounts keep theirs', () => {
    const got = latestChecks([c('success', 'build', '2024-01-02T00:00:00Z'), c('fail', 'build', '2024-01-01T00:00:00Z'), c('fail', 'build', '2024-01-01T00:00:00Z', 'other')]);
    expect(got.map((x) => `${x.user} ${x.state}`)).toEqual(['ci success', 'other fail']);
  });
});
