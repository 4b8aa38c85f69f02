/**
 * GitHub (github.com, switched on by the reader in Options → Git web): a commit page
 * `/<owner>/<repo>/commit/<sha>`, the same commit seen inside a pull request
 * (`/<owner>/<repo>/pull/<n>/commits/<sha>`), and its `.patch` view, which is the commit as
 * `git format-patch` text. GitHub may answer `.patch` through patch-diff.githubusercontent.com,
 * so that host's permission goes with github.com's.
 *
 * URL grammar as GitHub documents and shows it; the URL alone tells everything, the page is
 * never read.
 *
 * Non-goals: GitHub Enterprise hosts, compare views, the REST API, fetching.
 */
import { LORE_ALL, resolution, segments } from './resolution.ts';
import type { Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'github';
const SHA = /^[0-9a-f]{7,64}$/i;
const ORIGINS = ['https://github.com/*', 'https://patch-diff.githubusercontent.com/*'];
const NAME = /^[\w.-]+$/;

function fromUrl(url: URL): Resolution | null {
  if (url.protocol !== 'https:' || !/^(www\.)?github\.com$/.test(url.hostname)) return null;
  const [owner = '', repo = '', page, ...rest] = segments(url);
  if (!NAME.test(owner) || !NAME.test(repo)) return null;
  let sha: string | undefined;
  if (page === 'commit' && rest.length === 1) sha = rest[0]!.replace(/\.(patch|diff)$/, '');
  else if (page === 'pull' && /^\d+$/.test(rest[0] ?? '') && rest[1] === 'commits' && rest.length === 3) sha = rest[2];
  if (!sha || !SHA.test(sha)) return null;
  const repoUrl = `https://github.com/${owner}/${repo}/`;
  const id = sha.toLowerCase();
  return resolution(ID, 'commit', { inboxUrl: LORE_ALL, commit: { sha: id, repoUrl, patchUrl: `${repoUrl}commit/${id}.patch`, origins: ORIGINS } });
}

/** `https://github.com/<owner>/<repo>(.git)` → the commit's page. */
function commitUrl(tree: URL, sha: string): string | null {
  if (!/^(www\.)?github\.com$/.test(tree.hostname) || !SHA.test(sha)) return null;
  const [owner = '', repo = ''] = segments(tree);
  const name = repo.replace(/\.git$/, '');
  if (!NAME.test(owner) || !NAME.test(name)) return null;
  return `https://github.com/${owner}/${name}/commit/${sha.toLowerCase()}`;
}

export const github: SiteAdapter = { id: ID, name: 'GitHub', hosts: ORIGINS, fromUrl, commitUrl };

const SHA1 = '0123456789abcdef0123456789abcdef01234567';
const REPO = 'https://github.com/torvalds/linux/';

export const examples: SiteExamples = {
  match: [
    [`${REPO}commit/${SHA1}`, { kind: 'commit', messageId: null, inboxUrl: LORE_ALL, commit: { sha: SHA1, repoUrl: REPO, patchUrl: `${REPO}commit/${SHA1}.patch`, origins: ORIGINS } }],
    [`${REPO}commit/${SHA1.toUpperCase()}?diff=split#diff-1`, { kind: 'commit', commit: { sha: SHA1, repoUrl: REPO, patchUrl: `${REPO}commit/${SHA1}.patch`, origins: ORIGINS } }],
    [`${REPO}commit/0123456.patch`, { kind: 'commit', commit: { sha: '0123456', repoUrl: REPO, patchUrl: `${REPO}commit/0123456.patch`, origins: ORIGINS } }],
    [`https://github.com/git/git/pull/1234/commits/${SHA1}`, { kind: 'commit', commit: { sha: SHA1, repoUrl: 'https://github.com/git/git/', patchUrl: `https://github.com/git/git/commit/${SHA1}.patch`, origins: ORIGINS } }],
  ],
  noMatch: [`${REPO}commits/master`, `${REPO}commit/main`, `${REPO}tree/${SHA1}`, `${REPO}blob/${SHA1}/Makefile`, 'https://github.com/torvalds', `http://github.com/torvalds/linux/commit/${SHA1}`, `https://gist.github.com/x/commit/${SHA1}`],
};
