/**
 * From a thread to the commits: an "applied" reply's own words, read for the commit each
 * patch became and the tree it went into.
 *
 *   appliedCommits(ownText: string): AppliedCommits | null
 *
 * b4 ty's summary (`b4/ty.py generate_am_thanks`) pairs each patch with its commit:
 *   [1/3] mm: foo
 *         commit: 0123456789ab
 *   [2/3] mm: bar
 *         https://git.kernel.org/…/commit/?id=…     (thanks-commit-url-mask)
 *   [3/3] mm: baz
 *         (no commit info)
 * The tree is the first git URL of the text (`Applied to\n\n  https://git.kernel.org/…/spi.git
 * for-next`, `git://…`), with the word after it as the branch; else, for the few trees a
 * maintainer names without a URL (`Applied to net-next`), the tree's known URL (TREES).
 * A free-text reply ("Applied to <tree> <branch>, thanks") with a tree but no commit id says
 * where, not which commit: no patch gets a link from it.
 *
 * Non-goals: whether the reply says "applied" at all (series/applied.ts and the reply marks
 * decide), the commit page's URL on the tree's git web (sites/git-web.ts `commitUrlOf`).
 */

export interface AppliedCommit {
  /** `[n/m]` of the summary line, null for a reply naming one commit without a summary. */
  counter: number | null;
  total: number | null;
  /** The patch's subject as the summary writes it. */
  subject: string | null;
  /** The commit id as written (7 to 64 hex digits), or null when only a URL is given. */
  sha: string | null;
  /** A commit page URL written for it (b4's thanks-commit-url-mask), or null. */
  url: string | null;
}

export interface AppliedCommits {
  /** The tree's URL as written (or known for its name), or null. */
  tree: string | null;
  branch: string | null;
  commits: AppliedCommit[];
}

/** Trees maintainers name without a URL, whose git.kernel.org home is certain. */
const TREES: Record<string, string> = {
  net: 'https://git.kernel.org/pub/scm/linux/kernel/git/netdev/net.git',
  'net-next': 'https://git.kernel.org/pub/scm/linux/kernel/git/netdev/net-next.git',
  bpf: 'https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf.git',
  'bpf-next': 'https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf-next.git',
};

const SUMMARY = /^\s*\[(\d{1,4})\/(\d{1,4})\]\s+(\S.*)$/;
const COMMIT = /^\s+(?:merge\s+)?commit:\s+([0-9a-f]{7,64})\b/i;
const URL_LINE = /^\s+(https?:\/\/\S+)\s*$/;
const TREE_URL = /((?:https?|git):\/\/[^\s<>()"']+?(?:\.git\b|\/pub\/scm\/[^\s<>()"']+)|https:\/\/(?:github\.com|gitlab\.com)\/[\w.-]+\/[\w.-]+)\/?(?:\s+\(?([\w./-]+)\)?)?/;
const NAMED = /\b(?:applied|queued|pushed|merged)\b[^.\n]{0,40}?\b(?:to|into)\s+(?:the\s+)?([\w-]+)(?:\s+\(([\w./-]+)\))?/i;
const LONE_SHA = /^\s*(?:commit[: ]\s*)?([0-9a-f]{12,64})\b/i;

export function appliedCommits(ownText: string): AppliedCommits | null {
  const lines = ownText.replace(/\r/g, '').split('\n').filter((l) => !/^\s*>/.test(l));
  const commits: AppliedCommit[] = [];
  let cur: AppliedCommit | null = null;
  for (const line of lines) {
    if (line.length > 300) continue;
    const s = SUMMARY.exec(line);
    if (s) {
      cur = { counter: Number(s[1]), total: Number(s[2]), subject: s[3]!.trim(), sha: null, url: null };
      commits.push(cur);
      continue;
    }
    if (!cur) continue;
    const c = COMMIT.exec(line);
    if (c && !cur.sha) cur.sha = c[1]!.toLowerCase();
    const u = URL_LINE.exec(line);
    if (u && !cur.url && /commit/.test(u[1]!)) cur.url = u[1]!;
  }
  if (!commits.length) {
    // a reply naming one commit without b4's summary: `commit 0123456789ab` on its own line
    const lone = lines.map((l) => LONE_SHA.exec(l)).find((m) => m);
    if (lone) commits.push({ counter: null, total: null, subject: null, sha: lone[1]!.toLowerCase(), url: null });
  }
  let tree: string | null = null;
  let branch: string | null = null;
  for (const line of lines) {
    const t = TREE_URL.exec(line);
    if (t && !/\/commit\b/.test(t[1]!)) {
      tree = t[1]!;
      branch = t[2] && !/^(thanks|and|for|branch)$/i.test(t[2]) ? t[2] : null;
      break;
    }
  }
  if (!tree) {
    const n = lines.map((l) => NAMED.exec(l)).find((m) => m && TREES[m[1]!.toLowerCase()]);
    if (n) {
      tree = TREES[n[1]!.toLowerCase()]!;
      branch = n[2] ?? null;
    }
  }
  if (!commits.some((c) => c.sha || c.url) && !tree) return null;
  return { tree, branch, commits: commits.filter((c) => c.sha || c.url) };
}
