/**
 * The git webs the reader switched on (Options → Git web, `settings.gitHosts`): whether a
 * commit's patch may be fetched, and the commit pages' content script (`commit.js`) on each
 * such host. A git web counts only when it is in the settings AND every host permission its
 * patch needs is granted (GitHub's `.patch` comes from a second host): switched off, or the
 * permission withdrawn in the browser, nothing is fetched from it and no script runs there.
 *
 * Non-goals: asking for permissions (only a click on the options page may), the lookup.
 */
import browser from 'webextension-polyfill';
import type { CommitRef } from '../../sites/types.ts';
import { gitHostPatterns } from '../../sites/git-web.ts';
import { hasOrigin } from './permissions.ts';
import { syncScripts, type ScriptSet } from './dynamic-scripts.ts';

/** The commit pages' script, registered under its own prefix (added instances have theirs). */
const GIT_SCRIPTS: ScriptSet = { prefix: 'listlens-git-', js: 'commit.js', failure: 'could not register the commit pages script' };

/** The commit's host is switched on and every permission its patch needs is granted. */
export async function gitHostAllowed(ref: CommitRef, gitHosts: readonly string[]): Promise<boolean> {
  const origin = new URL(ref.repoUrl).origin + '/';
  if (!gitHosts.includes(origin)) return false;
  for (const p of ref.origins) if (!(await hasOrigin(p))) return false;
  return true;
}

/** Whether the content script of commit pages runs on `url` (a switched-on git web). */
export function onGitHost(url: string, gitHosts: readonly string[]): boolean {
  try {
    return gitHosts.includes(new URL(url).origin + '/');
  } catch {
    return false;
  }
}

/** One `commit.js` registration per switched-on git web whose permissions are granted. Idempotent. */
export async function syncGitScripts(gitHosts: readonly string[]): Promise<void> {
  if (!browser.scripting?.registerContentScripts) return;
  const wanted = new Map<string, string>();
  for (const origin of gitHosts) {
    const patterns = gitHostPatterns(origin);
    if (!(await Promise.all(patterns.map(hasOrigin))).every(Boolean)) continue;
    wanted.set(GIT_SCRIPTS.prefix + new URL(origin).hostname, patterns[0]!);
  }
  await syncScripts(GIT_SCRIPTS, wanted);
}
