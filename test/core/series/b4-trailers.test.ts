/**
 * b4's own trailer samples (src/tests/samples): follow-up trailers collected per patch, the
 * cover letter's for every patch, mismatched senders ignored, quoted and signature lines
 * ignored, a partial reroll. Our assertions first; then, where b4 is installed, a
 * differential check against `b4 am -t` on the samples where we mean to agree with it: the
 * trailers it adds, and the ones it ignores for a from/email mismatch (our evidence).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseMbox } from '../../../src/core/analyse.ts';
import type { Analysis, SeriesPatch } from '../../../src/core/types.ts';
import { corpusDir, corpusPath, readCorpus } from '../../helpers/corpus.ts';

const analyse = async (f: string): Promise<Analysis> => (await analyseMbox(readCorpus(`b4/${f}`))).analysis;
/** Trailers a patch got from replies (to it or to its cover), as `Name: value`. */
const followups = (p: SeriesPatch): string[] => p.trailers.filter((t) => t.from !== p.id).map((t) => `${t.name}: ${t.value}`);
const lastVersion = (a: Analysis) => a.series[0]!.versions[a.series[0]!.versions.length - 1]!;

describe.runIf(corpusDir)('b4 trailer samples', () => {
  it('single: follow-ups down the thread count, a reviewer quoted by another does not, a mismatched sender is ignored', async () => {
    const a = await analyse('trailers-followup-single.mbox');
    const p = lastVersion(a).patches[0]!;
    expect(p.trailers.filter((t) => t.from === p.id).map((t) => t.name)).toEqual(['Fixes', 'Reviewed-by', 'Link', 'Signed-off-by']);
    expect(followups(p)).toEqual(['Reviewed-by: Followup Reviewer1 <followup-reviewer1@example.com>', 'Tested-by: Followup Reviewer2 <followup-reviewer2@example.com>']);
    expect(p.counts).toEqual({ reviewed: 2, acked: 0, tested: 1 });
  });

  it('bare-address: a bare Cc in the patch is kept; a name with a (comment) is read', async () => {
    const p = lastVersion(await analyse('trailers-followup-bare-address.mbox')).patches[0]!;
    expect(p.trailers.find((t) => t.name === 'Cc')).toMatchObject({ value: 'bare-address@example.org', person: { address: 'bare-address@example.org' } });
    expect(followups(p)[0]).toBe('Reviewed-by: Followup Reviewer1 (corporate) <followup-reviewer1@example.com>');
  });

  it('htmljunk and name-parens: better than b4, the address is read through the junk', async () => {
    const junk = lastVersion(await analyse('trailers-followup-htmljunk.mbox')).patches[0]!;
    expect(followups(junk)).toEqual(['Reviewed-by: HTML Junker <html-junker@example.com>']);
    const parens = lastVersion(await analyse('trailers-followup-name-parens.mbox')).patches[0]!;
    expect(followups(parens)).toEqual([
      'Reviewed-by: Followup Reviewer1 (corporate) <followup-reviewer1@example.com>',
      'Tested-by: Followup Reviewer2 <followup-reviewer2@example.com>',
      'Tested-by: Followup Tester1 [corporate] <followup-tester1@example.com>',
      'Tested-by: Tester2, Followup <followup-tester2@example.com>',
    ]);
    expect(parens.counts).toEqual({ reviewed: 2, acked: 0, tested: 3 });
  });

  it('nore, stripped-lines, non-git patches, diffstat: one patch, one follow-up review', async () => {
    for (const f of ['nore', 'stripped-lines', 'non-git-patch', 'non-git-patch-with-comments', 'with-diffstat']) {
      const a = await analyse(`trailers-followup-${f}.mbox`);
      expect(a.series).toHaveLength(1);
      const v = lastVersion(a);
      expect(v.patches).toHaveLength(1);
      expect(followups(v.patches[0]!)).toEqual(['Reviewed-by: Followup Reviewer1 <followup-reviewer1@example.com>']);
    }
  });

  it('with-cover: the cover review applies to both patches; one person reviewing twice counts once', async () => {
    const v = lastVersion(await analyse('trailers-followup-with-cover.mbox'));
    expect(v).toMatchObject({ version: 2, total: 2, cover: 'cover-message@example.com' });
    // each patch also carries the Original Reviewer's Reviewed-by in its own trailers
    expect(v.patches.map((p) => [p.counter, followups(p), p.counts.reviewed])).toEqual([
      [1, ['Reviewed-by: Coverletter Reviewer1 <followup-reviewer1@example.com>'], 2],
      [2, ['Reviewed-by: Followup Reviewer1 <followup-reviewer1@example.com>'], 2],
    ]);
  });

  it('partial-reroll: v3 re-sends 2/2 only and borrows 1/2 (with its v2 reviews) from v2', async () => {
    const a = await analyse('trailers-followup-partial-reroll.mbox');
    expect(a.series).toHaveLength(1);
    const [v2, v3] = a.series[0]!.versions;
    expect(v2!.patches.map((p) => [p.counter, p.id, p.counts.reviewed])).toEqual([
      [1, 'patch-1-message@example.com', 2],
      [2, 'patch-2-message@example.com', 2],
    ]);
    expect(v3).toMatchObject({ version: 3, cover: null, total: 2, missing: [] });
    expect(v3!.patches.map((p) => [p.counter, p.id, p.borrowedFrom])).toEqual([
      [1, 'patch-1-message@example.com', 2],
      [2, 'patch-v3-2-message@example.com', null],
    ]);
    // reviews of v2 do not carry over to the rerolled patch
    expect(followups(v3!.patches[1]!)).toEqual([]);
  });

  it('thread-with-cover-followup: a cover review for all four patches, a Tested-by for 4/4, no Link/Closes from a reply', async () => {
    const v = lastVersion(await analyse('trailers-thread-with-cover-followup.mbox'));
    expect(v.patches.map((p) => followups(p))).toEqual([
      ['Reviewed-by: Cover Upper <cover.upper@example.org>'],
      ['Reviewed-by: Cover Upper <cover.upper@example.org>'],
      ['Reviewed-by: Cover Upper <cover.upper@example.org>'],
      ['Tested-by: Follow Upper <follow.upper@example.org>', 'Reviewed-by: Cover Upper <cover.upper@example.org>'],
    ]);
  });
});

// CI installs Debian's b4 (.ci/run), so there a missing b4 fails these tests instead of
// skipping them; elsewhere they run where b4 is installed.
const b4 = ['/usr/bin/b4', '/usr/local/bin/b4'].find((p) => existsSync(p));

describe.runIf(corpusDir && (b4 || process.env.CI))('b4 trailer samples against b4 itself', () => {
  // htmljunk, name-parens: we read addresses b4 rejects; with-cover: we count one person
  // once; partial-reroll: b4 gives the v2 cover's review to the new v3 patch.
  const agree = ['already-present', 'bare-address', 'custody', 'non-git-patch', 'non-git-patch-with-comments', 'nore', 'single', 'stripped-lines', 'with-diffstat'];
  const files = [...agree.map((f) => `trailers-followup-${f}.mbox`), 'trailers-thread-with-cover-followup.mbox', 'trailers-thread-with-followups.mbox'];

  it.each(files)('%s: the trailers b4 adds are the ones we collect from replies', async (f) => {
    if (!b4) throw new Error('b4 is not installed: .ci/run installs the Debian package b4');
    const out = mkdtempSync(join(tmpdir(), 'listlens-b4-'));
    let log: string;
    try {
      // b4 reports what it added on stderr (-n: no network)
      const run = spawnSync(b4, ['-n', 'am', '-t', '-m', corpusPath(`b4/${f}`), '-o', out], { encoding: 'utf8' });
      log = `${run.stdout}\n${run.stderr}`;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    const theirs: string[][] = [];
    const mismatches: string[] = [];
    for (const line of log.split('\n')) {
      if (/^ {2}\S/.test(line) && line.includes('[PATCH')) theirs.push([]);
      else if (line.startsWith('    + ')) theirs[theirs.length - 1]!.push(line.slice(6));
      else if (line.startsWith('    ! Trailer: ')) mismatches.push(line.slice(15));
    }
    const v = lastVersion(await analyse(f));
    const ours = v.patches.map(followups);
    expect(theirs.length).toBeGreaterThan(0);
    expect(ours).toEqual(theirs);
    // what b4 ignores for a from/email mismatch is what we keep as evidence, given on someone's behalf
    const evidence = [...new Set(v.patches.flatMap((p) => (p.evidence ?? []).filter((t) => t.why === 'not-sender').map((t) => `${t.name}: ${t.value}`)))];
    expect(evidence.sort()).toEqual([...new Set(mismatches)].sort());
  });
});
