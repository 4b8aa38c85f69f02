/**
 * cgit (git.kernel.org, and any cgit host the reader switches on in Options → Git web): a
 * commit page `…/<repo>/commit/?id=<sha>` (with `h=<branch>`, or a file path after `commit/`)
 * and its patch view `…/<repo>/patch/?id=<sha>`, which gives the commit as `git format-patch`
 * text. git.kernel.org's `/linus/<sha>` short form (a redirect to the mainline tree) is read
 * too, for the CLI; a browser only ever shows the page it redirects to.
 *
 * cgit's URL grammar is its documented one (cgitrc(5): `virtual-root`, the `commit` and
 * `patch` pages, `id=`): the repository is the path before the page name, whatever prefix the
 * host serves cgit under. Without `id=` a commit page shows a branch's head, which names no
 * commit: not claimed. The URL alone tells everything; the page is never read.
 *
 * Non-goals: cgit's other pages (log, tree, diff), fetching (the worker), deciding whether
 * ListLens may fetch from the host (the reader's switch in Options → Git web).
 */
import { originPattern } from './host-pattern.ts';
import { LORE_ALL, resolution, segments } from './resolution.ts';
import type { CommitRef, Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'cgit';
const SHA = /^[0-9a-f]{7,64}$/i;
const KERNEL = 'git.kernel.org';
const MAINLINE = `https://${KERNEL}/pub/scm/linux/kernel/git/torvalds/linux.git/`;

/** The commit `sha` of the cgit repository at `repoUrl` (ending in `/`). */
function commitRef(repoUrl: string, sha: string): CommitRef {
  return { sha: sha.toLowerCase(), repoUrl, patchUrl: `${repoUrl}patch/?id=${sha.toLowerCase()}`, origins: [originPattern(repoUrl)] };
}

function fromUrl(url: URL): Resolution | null {
  if (!/^https?:$/.test(url.protocol)) return null;
  const segs = segments(url);
  if (url.hostname === KERNEL && segs[0] === 'linus' && SHA.test(segs[1] ?? '') && segs.length === 2) {
    return resolution(ID, 'commit', { inboxUrl: LORE_ALL, commit: commitRef(MAINLINE, segs[1]!) });
  }
  const page = segs.findIndex((s, i) => i > 0 && (s === 'commit' || s === 'patch'));
  const id = url.searchParams.get('id');
  if (page < 0 || !id || !SHA.test(id)) return null;
  const repoUrl = `${url.origin}/${segs.slice(0, page).join('/')}/`;
  return resolution(ID, 'commit', { inboxUrl: LORE_ALL, commit: commitRef(repoUrl, id) });
}

/**
 * The cgit page of `sha` in the tree at `tree`, on any host: a clone URL (`git://…/x.git`,
 * `https://…/x.git`) or the repository's page. The tree's path is cgit's repository path.
 */
export function cgitCommitUrl(tree: URL, sha: string): string | null {
  if (!SHA.test(sha) || !/^(https?|git):$/.test(tree.protocol)) return null;
  const path = tree.pathname.replace(/\/+$/, '');
  if (!path) return null;
  const scheme = tree.protocol === 'http:' ? 'http:' : 'https:';
  return `${scheme}//${tree.host}${path}/commit/?id=${sha.toLowerCase()}`;
}

/** git.kernel.org's trees only: another host may run anything but cgit. */
function commitUrl(tree: URL, sha: string): string | null {
  return tree.hostname === KERNEL ? cgitCommitUrl(tree, sha) : null;
}

export const cgit: SiteAdapter = { id: ID, name: 'cgit (git.kernel.org)', hosts: [`https://${KERNEL}/*`], fromUrl, commitUrl };

const LINUX = 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/';
const SHA1 = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

export const examples: SiteExamples = {
  match: [
    [`${LINUX}commit/?id=${SHA1}`, { kind: 'commit', messageId: null, inboxUrl: LORE_ALL, commit: { sha: SHA1, repoUrl: LINUX, patchUrl: `${LINUX}patch/?id=${SHA1}`, origins: ['https://git.kernel.org/*'] } }],
    [`${LINUX}commit/?h=master&id=${SHA1.toUpperCase()}`, { kind: 'commit', commit: { sha: SHA1, repoUrl: LINUX, patchUrl: `${LINUX}patch/?id=${SHA1}`, origins: ['https://git.kernel.org/*'] } }],
    [`${LINUX}commit/mm/hmm.c?id=a1b2c3d4e5f6`, { kind: 'commit', commit: { sha: 'a1b2c3d4e5f6', repoUrl: LINUX, patchUrl: `${LINUX}patch/?id=a1b2c3d4e5f6`, origins: ['https://git.kernel.org/*'] } }],
    [`${LINUX}patch/?id=${SHA1}`, { kind: 'commit', commit: { sha: SHA1, repoUrl: LINUX, patchUrl: `${LINUX}patch/?id=${SHA1}`, origins: ['https://git.kernel.org/*'] } }],
    [`https://git.kernel.org/linus/${SHA1}`, { kind: 'commit', commit: { sha: SHA1, repoUrl: LINUX, patchUrl: `${LINUX}patch/?id=${SHA1}`, origins: ['https://git.kernel.org/*'] } }],
    // a cgit under a prefix on another host (the reader switches such a host on)
    [`https://git.zx2c4.com/cgit/wireguard-linux/commit/?id=${SHA1}`, { kind: 'commit', commit: { sha: SHA1, repoUrl: 'https://git.zx2c4.com/cgit/wireguard-linux/', patchUrl: `https://git.zx2c4.com/cgit/wireguard-linux/patch/?id=${SHA1}`, origins: ['https://git.zx2c4.com/*'] } }],
  ],
  noMatch: [
    `${LINUX}commit/`,
    `${LINUX}commit/?h=master`,
    `${LINUX}commit/?id=not-a-sha`,
    `${LINUX}log/?id=${SHA1}`,
    `${LINUX}tree/?id=${SHA1}`,
    `https://git.kernel.org/commit/?id=${SHA1}`,
    'https://git.kernel.org/linus/v6.1',
  ],
};
