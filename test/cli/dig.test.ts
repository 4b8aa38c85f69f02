/**
 * `listlens dig` against a real public-inbox-httpd holding the issue-19 series (git-built mail)
 * and a real cgit serving the repository: a bare sha read with git in `--repo`, a sha on the git
 * web (`--git-web`, the cgit over loopback), a patch file, `--json`, and a commit never posted.
 * The archive holds more words starting with the exact commit's first 8 digits than
 * public-inbox expands a wildcard to, as lore does: the search for later fixes must not fail.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { cgitPath, cgitSite, type CgitSite } from '../helpers/cgit.ts';
import { fixesQuery } from '../../src/core/commit/discussion-search.ts';
import { buildDigRepo, CITES, CROWD, FIX, mid, REPO_PATH, TITLES, type DigRepo } from '../helpers/dig-repo.ts';
import { requireTool, tool } from '../helpers/tools.ts';
import { startArchive, type Archive } from '../e2e/rig/archive.ts';
import { startCgitServer, type CgitServer } from '../e2e/rig/cgit.ts';

const git = tool('git');
const hasPublicInbox = spawnSync('sh', ['-c', 'command -v public-inbox-httpd'], { encoding: 'utf8' }).status === 0;

describe.runIf((git && cgitPath && hasPublicInbox) || process.env.CI)('listlens dig', () => {
  let repo: DigRepo;
  let archive: Archive;
  let site: CgitSite;
  let cgit: CgitServer;
  let all: string;

  beforeAll(async () => {
    requireTool(git, 'git');
    requireTool(cgitPath, 'cgit');
    if (!hasPublicInbox) throw new Error('public-inbox is not installed; CI must have it');
    repo = buildDigRepo(git!);
    archive = await startArchive({ inboxes: [{ name: 'linux-mm', address: 'linux-mm@kvack.org', files: repo.mails }] });
    site = cgitSite(repo.gitDir, REPO_PATH);
    cgit = await startCgitServer(site);
    all = `${archive.httpOrigin}/all/`;
  }, 120_000);
  afterAll(async () => {
    await cgit?.stop();
    site?.done();
    await archive?.dispose();
    repo?.done();
  });

  it('a sha in the repository: found by patch-id, applied as posted in v3, the late Tested-by, the applied fix', async () => {
    const r = await runCli(['dig', repo.commits.exact, '--repo', repo.dir, '--archive', all]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Found by its patch-id \(the same diff was posted\): patchid:[0-9a-f]{40}/);
    expect(r.out).toMatch(/v3, as posted \(the same diff as v1, v2\): <v3-1\.ada@dig\.test>/);
    expect(r.out).toMatch(/ L! Tested-by: Tom Tester <tom@example\.org> {2}\(v3, 2024-02-10/);
    expect(r.out).toMatch(/CL {2}Reviewed-by: Rita Reviewer <rita@example\.org> {2}\(v2/);
    expect(r.out).toMatch(/mm: make foo\(\) saturate — Tom Tester, .*: applied \(Mel Maintainer\)/);
    expect(r.out).toMatch(/\[PATCH v3 1\/3\] mm: add helper foo/);
  });

  it('later fixes citing 8, 10, 12 and 40 digits are found; a different title is UNCERTAIN; 7 digits or another id are not listed', async () => {
    const sha = repo.commits.exact;
    const r = await runCli(['dig', sha, '--repo', repo.dir, '--archive', all]);
    expect(r.err).toBe('');
    const fixes = r.out.slice(r.out.indexOf('\nLater fixes\n'));
    expect(fixes).toContain(`    Fixes: ${sha.slice(0, 8)} ("${TITLES[0]}")\n    <${CITES.fix8}>`);
    expect(fixes).toMatch(/mm: foo: take an unsigned argument — Uma Umbrella, .*: reviewed \(Reviewed-by: Rita Reviewer\)/);
    expect(fixes).toContain(`    commit ${sha.slice(0, 10)} ("${TITLES[0]}")\n    <${CITES.report10}>`);
    expect(fixes).toContain(`    Fixes: ${sha.slice(0, 12)} ("${TITLES[0]}")\n    <${FIX}>`);
    expect(fixes).toContain(`    Fixes: ${sha} ("${TITLES[0]}")\n    <${CITES.fix40}>`);
    expect(fixes).toContain(`    Fixes: ${sha.slice(0, 9)} ("mm: add helper bar")  UNCERTAIN: the id is this commit's, the title quoted is another\n    <${CITES.otherTitle}>`);
    for (const id of [CITES.short7, CITES.near7, CITES.near8, CITES.quoted, CITES.fix8Review, CITES.crowd]) expect(fixes).not.toContain(id);
    const j = JSON.parse((await runCli(['dig', sha, '--repo', repo.dir, '--archive', all, '--json'])).out);
    expect(j.fixes.map((f: { messageId: string; form: string; uncertain: string | null }) => [f.messageId, f.form, f.uncertain])).toEqual([
      [FIX, 'fixes', null], [CITES.fix8, 'fixes', null], [CITES.report10, 'commit', null], [CITES.fix40, 'fixes', null], [CITES.otherTitle, 'fixes', 'other-title'],
    ]);
  });

  it(`${CROWD} ids in one mail share the exact commit's first 8 digits: a wildcard on them is answered HTTP 500, the search for fixes is not`, async () => {
    const sha = repo.commits.exact;
    const ask = async (q: string): Promise<number> => {
      const r = await fetch(`${all}?q=${encodeURIComponent(q).replace(/%20/g, '+')}&x=m`, { method: 'POST', body: 'x=1' });
      await r.arrayBuffer();
      return r.status;
    };
    // the archive holds lore's case: more words start with these 8 digits than public-inbox expands a wildcard to
    expect(await ask(`nq:${sha.slice(0, 8)}*`)).toBe(500);
    expect(await ask(fixesQuery(sha)!)).toBe(200);
  });

  it('a sha on the git web: the changed commit, uncertain, nearest with the interdiff', async () => {
    const r = await runCli(['dig', repo.commits.changed.slice(0, 12), '--git-web', `${cgit.origin}/${REPO_PATH}`, '--archive', all]);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/Found by subject and author only \(UNCERTAIN\)/);
    expect(r.out).toMatch(/nearest, with changes: v3 \(2 diff lines differ\)/);
    expect(r.out).toMatch(/-\+\s*if \(x < 0\)\n\s*\+\+\s*if \(x <= 0\)/);
    expect(cgit.served.some((u) => u.includes(`/patch/?id=${repo.commits.changed.slice(0, 12)}`))).toBe(true);
  });

  it('a patch file with a Link:, as --json', async () => {
    const file = join(repo.dir, '..', 'linked.patch');
    writeFileSync(file, repo.git('format-patch', '-1', '--stdout', repo.commits.linked));
    const r = await runCli(['dig', file, '--json', '--archive', all]);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    expect(j.found).toMatchObject({ messageId: mid(3, 3), signal: 'link', uncertain: false });
    expect(j.applied).toMatchObject({ version: 3, exact: true });
    expect(j.series.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(j.commit.sha).toBe(repo.commits.linked);
    expect(j.fixes).toEqual([]);
    // the exact commit's fix, in JSON
    const e = JSON.parse((await runCli(['dig', repo.commits.exact, '--repo', repo.dir, '--archive', all, '--json'])).out);
    expect(e.fixes[0]).toEqual(expect.objectContaining({ messageId: FIX, status: 'applied' }));
  });

  it('a commit never posted: no discussion, exit 0; bad input: exit 1 or 2', async () => {
    const r = await runCli(['dig', repo.commits.lone, '--repo', repo.dir, '--archive', all]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/No discussion found/);
    expect((await runCli(['dig'])).code).toBe(1);
    expect((await runCli(['dig', 'deadbeefdead', '--repo', repo.dir, '--archive', all])).code).toBe(2);
    expect((await runCli(['dig', '/no/such/file.patch'])).code).toBe(2);
    expect((await runCli(['dig', 'https://example.org/not/a/commit'])).code).toBe(2);
  });
});
