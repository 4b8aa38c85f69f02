/**
 * What `listlens dig` reads: the commit (a git web's patch URL, `git format-patch` in a
 * repository, or a patch file), and the archive (public-inbox searches asked as mbox, thread
 * mboxes). One honest request each, `ListLens/<version>`, no retry loop; an HTML page where mail
 * was expected (a bot check) is said, never parsed.
 *
 * Non-goals: the lookup's logic (dig.ts and core/commit), caching (the extension's worker does it).
 */
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { analyseMbox, type AnalysisResult } from '../core/analyse.ts';
import { commitPageOf, commitUrlOf } from '../sites/git-web.ts';
import { threadMbox, messageUrl } from '../sites/public-inbox-url.ts';
import { describeHtml, InputError, USER_AGENT } from './input.ts';

async function get(url: string, init: RequestInit = {}): Promise<{ status: number; bytes: Uint8Array }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { 'User-Agent': USER_AGENT, ...(init.headers ?? {}) }, redirect: 'follow' });
  } catch (err) {
    throw new InputError(`could not fetch ${url}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`, 3);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const html = describeHtml(bytes, url);
  if (html && res.status !== 404) throw new InputError(html, 3);
  return { status: res.status, bytes };
}

function gunzipMaybe(b: Uint8Array): Uint8Array {
  return b.length > 2 && b[0] === 0x1f && b[1] === 0x8b ? new Uint8Array(gunzipSync(b)) : b;
}

/**
 * The commit's format-patch text: a commit URL of a git web (its patch URL), a sha in `repo`
 * (git format-patch), a sha on the git web `gitWeb` (a repository URL), or a patch file.
 */
export async function readCommit(input: string, repo: string, gitWeb: string | null, readFile: (p: string) => Uint8Array): Promise<Uint8Array> {
  if (/^https?:\/\//i.test(input)) {
    const page = commitPageOf(new URL(input));
    if (!page?.commit) throw new InputError(`${input}: not a commit page of cgit, GitHub or GitLab (…/commit/?id=<sha>, github.com/<o>/<r>/commit/<sha>, …/-/commit/<sha>)`, 2);
    const r = await get(page.commit.patchUrl, { headers: { Accept: 'text/plain' } });
    if (r.status !== 200) throw new InputError(`${page.commit.patchUrl}: HTTP ${r.status}`, 3);
    return r.bytes;
  }
  if (/^[0-9a-f]{7,64}$/i.test(input)) {
    if (gitWeb) {
      const url = commitUrlOf(gitWeb, input, [new URL(gitWeb).hostname]);
      if (!url) throw new InputError(`--git-web ${gitWeb}: not a repository URL of a git web`, 1);
      return readCommit(url, repo, null, readFile);
    }
    const r = spawnSync('git', ['-C', repo, 'format-patch', '-1', '--stdout', '--no-signature', input], { maxBuffer: 256 << 20 });
    if (r.error) throw new InputError(`git is needed to read ${input} in ${repo} (${r.error.message}); or give --git-web <repository URL>`, 2);
    if (r.status !== 0) throw new InputError(`git format-patch ${input} in ${repo}: ${r.stderr.toString().trim()}`, 2);
    return new Uint8Array(r.stdout);
  }
  try {
    return readFile(input);
  } catch (err) {
    throw new InputError(`cannot read ${input}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, 2);
  }
}

/**
 * The messages a query finds on `inbox`, as an mbox analysed (`whole`: with their whole
 * threads). public-inbox answers a search as mbox only to a POST.
 */
export async function searchMbox(inbox: string, query: string, whole: boolean): Promise<AnalysisResult | null> {
  const url = `${inbox}?q=${encodeURIComponent(query).replace(/%20/g, '+')}&x=m`;
  const r = await get(url, { method: 'POST', body: whole ? 'x=1' : '', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  if (r.status === 404) return null;
  if (r.status !== 200) throw new InputError(`${url}: HTTP ${r.status}`, 3);
  const bytes = gunzipMaybe(r.bytes);
  return bytes.length ? analyseMbox(bytes, { keepBodies: true, gunzip: (gz) => gunzipSync(gz) }) : null;
}

/** The thread of `mid` on `inbox`, analysed with its bodies; null when the archive lacks it. */
export async function fetchThread(inbox: string, mid: string): Promise<AnalysisResult | null> {
  const url = threadMbox(messageUrl(inbox, mid));
  const r = await get(url, { headers: { Accept: 'application/gzip' } });
  if (r.status === 404) return null;
  if (r.status !== 200) throw new InputError(`${url}: HTTP ${r.status}`, 3);
  return analyseMbox(r.bytes, { keepBodies: true, gunzip: (gz) => gunzipSync(gz) });
}
