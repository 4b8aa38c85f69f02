/**
 * A commit as format-patch text, read by ListLens, against Debian's git and cgit:
 * - every commit of the issue-19 test repository, as cgit's `/patch/?id=` gives it (the real
 *   cgit.cgi over the repository): its patch-id equals `git patch-id --stable`, its sha,
 *   subject, author and trailers are the commit's;
 * - every patch mail of the shared corpus: the patch-id read through `parseCommitPatch` equals
 *   `git patch-id --stable` on the decoded body (what b4 hashes).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommitPatch } from '../../../src/core/commit/commit-patch.ts';
import { splitMbox } from '../../../src/core/mail/mbox.ts';
import { hasDiff } from '../../../src/core/patch/detect.ts';
import { corpusDir, corpusFiles } from '../../helpers/corpus.ts';
import { cgitPath, cgitRequest, cgitSite, type CgitSite } from '../../helpers/cgit.ts';
import { buildDigRepo, REPO_PATH, mid, type DigRepo } from '../../helpers/dig-repo.ts';
import { requireTool, tool } from '../../helpers/tools.ts';

const git = tool('git');

function gitPatchId(text: string | Buffer): string | null {
  const r = spawnSync(git!, ['patch-id', '--stable'], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split(' ')[0] || null;
}

describe.runIf((git && cgitPath) || process.env.CI)('commits from cgit against git', () => {
  let repo: DigRepo;
  let site: CgitSite;
  beforeAll(() => {
    requireTool(git, 'git');
    requireTool(cgitPath, 'cgit');
    repo = buildDigRepo(git!);
    site = cgitSite(repo.gitDir, REPO_PATH);
  });
  afterAll(() => {
    site?.done();
    repo?.done();
  });

  it('every commit of the test repository: patch-id, sha, subject, author as git has them', async () => {
    const shas = repo.git('rev-list', '--all', '--no-merges').trim().split('\n');
    expect(shas.length).toBeGreaterThanOrEqual(13);
    for (const sha of shas) {
      const cg = cgitRequest(site, `/${REPO_PATH}/patch/?id=${sha}`);
      expect(cg.status).toBe(200);
      expect(cg.headers['content-type']).toMatch(/^text\/plain/);
      const c = await parseCommitPatch(new Uint8Array(cg.body));
      const formatted = repo.git('format-patch', '-1', '--stdout', sha);
      const want = gitPatchId(formatted);
      expect({ sha, patchId: c?.patchId ?? null }).toEqual({ sha, patchId: want });
      expect(c?.sha).toBe(sha);
      expect(c?.subject).toBe(repo.git('log', '-1', '--format=%s', sha).trim());
      expect(c?.author.address).toBe(repo.git('log', '-1', '--format=%ae', sha).trim());
      expect(c?.date).toBe(new Date(repo.git('log', '-1', '--format=%aI', sha).trim()).toISOString());
    }
  });

  it('trailers and the Link: of the applied commits', async () => {
    const read = async (sha: string) => (await parseCommitPatch(new Uint8Array(cgitRequest(site, `/${REPO_PATH}/patch/?id=${sha}`).body)))!;
    const exact = await read(repo.commits.exact);
    expect(exact.trailers.map((t) => `${t.name}: ${t.person?.address}`)).toEqual(['Signed-off-by: ada@example.org', 'Reviewed-by: rita@example.org', 'Signed-off-by: mel@example.org']);
    expect(exact.links).toEqual([]);
    const linked = await read(repo.commits.linked);
    expect(linked.links).toEqual([`https://patch.msgid.link/${mid(3, 3)}`]);
    // the cgit footer (`-- \ncgit v1.2.3`) is outside the diff, as git's signature is
    expect(linked.body).toMatch(/-- \ncgit /);
  });

  it('a short sha on cgit gives the full id back', async () => {
    const cg = cgitRequest(site, `/${REPO_PATH}/patch/?id=${repo.commits.lone.slice(0, 10)}`);
    expect((await parseCommitPatch(new Uint8Array(cg.body)))?.sha).toBe(repo.commits.lone);
  });
});

describe.runIf((git && corpusDir) || process.env.CI)('every patch mail of the corpus', () => {
  it('parseCommitPatch gives git patch-id --stable of the decoded body', async () => {
    requireTool(git, 'git');
    let compared = 0;
    for (const path of corpusFiles()) {
      if (/\.(json|html)$/.test(path)) continue;
      const { messages } = splitMbox(new Uint8Array(readFileSync(path)));
      for (const raw of messages) {
        const c = await parseCommitPatch(raw).catch(() => null);
        if (!c || !hasDiff(c.body)) continue;
        compared++;
        expect({ path, subject: c.subject, ours: c.patchId }).toEqual({ path, subject: c.subject, ours: gitPatchId(Buffer.from(c.body, 'utf8')) });
      }
    }
    expect(compared).toBeGreaterThan(100);
  }, 180_000);
});

describe('parseCommitPatch on what is no patch', () => {
  it('answers null for no mail, and no patch-id for a commit without a diff', async () => {
    expect(await parseCommitPatch(new TextEncoder().encode('<!doctype html><title>404</title>'))).toBeNull();
    const empty = await parseCommitPatch(new TextEncoder().encode('From 0123456789012345678901234567890123456789 Mon Sep 17 00:00:00 2001\nFrom: A <a@b.c>\nSubject: [PATCH] empty\n\nNothing.\n'));
    expect(empty).toMatchObject({ sha: '0123456789012345678901234567890123456789', subject: 'empty', patchId: null });
  });
});
