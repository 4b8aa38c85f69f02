/**
 * GitLab (gitlab.com, and any GitLab the reader switches on in Options → Git web, such as
 * gitlab.freedesktop.org or salsa.debian.org): a commit page `/<group>/…/<project>/-/commit/<sha>`
 * and its `.patch` view, the commit as `git format-patch` text. The `/-/` separator is
 * GitLab's own (since 12.x), so the shape is read on any host.
 *
 * URL grammar as GitLab documents it; the URL alone tells everything, the page is never read.
 *
 * Non-goals: the pre-`/-/` URLs of old GitLabs, merge request views, the API, fetching.
 */
import { originPattern } from './host-pattern.ts';
import { LORE_ALL, resolution, segments } from './resolution.ts';
import type { Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'gitlab';
const SHA = /^[0-9a-f]{7,64}$/i;
const NAME = /^[\w.-]+$/;

function fromUrl(url: URL): Resolution | null {
  if (!/^https?:$/.test(url.protocol)) return null;
  const segs = segments(url);
  const dash = segs.indexOf('-');
  if (dash < 2 || segs[dash + 1] !== 'commit' || segs.length !== dash + 3) return null;
  const repo = segs.slice(0, dash);
  if (!repo.every((s) => NAME.test(s))) return null;
  const sha = segs[dash + 2]!.replace(/\.(patch|diff)$/, '');
  if (!SHA.test(sha)) return null;
  const repoUrl = `${url.origin}/${repo.join('/')}/`;
  const id = sha.toLowerCase();
  return resolution(ID, 'commit', { inboxUrl: LORE_ALL, commit: { sha: id, repoUrl, patchUrl: `${repoUrl}-/commit/${id}.patch`, origins: [originPattern(url)] } });
}

/** gitlab.com's projects only: another host's tree URL does not say it is a GitLab. */
function commitUrl(tree: URL, sha: string): string | null {
  if (tree.hostname !== 'gitlab.com' || !SHA.test(sha)) return null;
  const path = tree.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  if (segments(new URL(path, tree)).length < 2) return null;
  return `https://gitlab.com${path}/-/commit/${sha.toLowerCase()}`;
}

export const gitlab: SiteAdapter = { id: ID, name: 'GitLab', hosts: ['https://gitlab.com/*'], fromUrl, commitUrl };

const SHA1 = 'fedcba9876543210fedcba9876543210fedcba98';

export const examples: SiteExamples = {
  match: [
    [`https://gitlab.com/gitlab-org/gitlab/-/commit/${SHA1}`, { kind: 'commit', messageId: null, inboxUrl: LORE_ALL, commit: { sha: SHA1, repoUrl: 'https://gitlab.com/gitlab-org/gitlab/', patchUrl: `https://gitlab.com/gitlab-org/gitlab/-/commit/${SHA1}.patch`, origins: ['https://gitlab.com/*'] } }],
    [`https://gitlab.freedesktop.org/drm/msm/-/commit/${SHA1.slice(0, 12)}.patch`, { kind: 'commit', commit: { sha: SHA1.slice(0, 12), repoUrl: 'https://gitlab.freedesktop.org/drm/msm/', patchUrl: `https://gitlab.freedesktop.org/drm/msm/-/commit/${SHA1.slice(0, 12)}.patch`, origins: ['https://gitlab.freedesktop.org/*'] } }],
    [`https://salsa.debian.org/kernel-team/linux/-/commit/${SHA1.toUpperCase()}#note_1`, { kind: 'commit', commit: { sha: SHA1, repoUrl: 'https://salsa.debian.org/kernel-team/linux/', patchUrl: `https://salsa.debian.org/kernel-team/linux/-/commit/${SHA1}.patch`, origins: ['https://salsa.debian.org/*'] } }],
  ],
  noMatch: [
    `https://gitlab.com/gitlab-org/gitlab/-/commits/master`,
    `https://gitlab.com/gitlab-org/gitlab/-/tree/${SHA1}`,
    `https://gitlab.com/gitlab/-/commit/${SHA1}`,
    `https://gitlab.com/gitlab-org/gitlab/-/commit/${SHA1}/diffs`,
    'https://gitlab.com/gitlab-org/gitlab/-/commit/v1.0',
  ],
};
