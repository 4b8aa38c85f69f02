/**
 * The git webs ListLens reads commit pages of (cgit, GitHub, GitLab), apart from the archive
 * adapters: they run only on hosts the reader switched on in Options → Git web (optional host
 * permissions, never the manifest's), so they are not in `adapters`, whose hosts the build
 * writes into the manifest, nor in `resolvePage`: the archives' content script stays as small
 * as it was, and a commit page gets its own small script (src/content/commit-page.ts).
 *
 * Also the way back, from a thread to a commit: the git web page of a commit named in an
 * "applied" reply, from the tree URL the reply gives (`commitUrlOf`).
 *
 * Non-goals: fetching, permissions (the worker's browser/ room), the options page.
 */
import { cgit, cgitCommitUrl } from './cgit.ts';
import { github } from './github.ts';
import { originPattern } from './host-pattern.ts';
import { gitlab } from './gitlab.ts';
import type { Resolution, SiteAdapter } from './types.ts';

export const gitWebAdapters: SiteAdapter[] = [cgit, github, gitlab];

/** The commit page `url` shows, or null when it is none of a git web ListLens knows. */
export function commitPageOf(url: URL): Resolution | null {
  for (const a of gitWebAdapters) {
    const r = a.fromUrl(url);
    if (r) return r;
  }
  return null;
}

/**
 * The hosts Options → Git web lists before the reader adds any: each is off (no permission)
 * until switched on.
 */
export const DEFAULT_GIT_HOSTS: ReadonlyArray<{ origin: string; forge: string }> = [
  { origin: 'https://git.kernel.org/', forge: 'cgit' },
  { origin: 'https://github.com/', forge: 'github' },
  { origin: 'https://gitlab.com/', forge: 'gitlab' },
];

/** The host permission patterns a git web origin needs (GitHub's `.patch` comes from a second host). */
export function gitHostPatterns(origin: string): string[] {
  const own = originPattern(origin);
  return github.hosts.includes(own) ? [...github.hosts] : [own];
}

/**
 * The git web page of commit `sha` in the tree a reply names (`https://git.kernel.org/pub/scm/…/x.git`,
 * `git://git.kernel.org/…`, `https://github.com/o/r`), or null when the tree's git web is not
 * known. `cgitHosts`: other hosts the reader switched on, which ListLens takes for cgit unless
 * GitHub or GitLab claims them.
 */
export function commitUrlOf(tree: string, sha: string, cgitHosts: readonly string[] = []): string | null {
  let u: URL;
  try {
    u = new URL(tree.trim());
  } catch {
    return null;
  }
  for (const a of gitWebAdapters) {
    const url = a.commitUrl?.(u, sha);
    if (url) return url;
  }
  return cgitHosts.some((h) => h === u.hostname) ? cgitCommitUrl(u, sha) : null;
}
