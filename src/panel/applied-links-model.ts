/**
 * From the thread to the commits (issue 19): each "applied" reply of the thread (its reply
 * mark as the series' ledgers have it, core/series/ledger-marks.ts) read for the commits it names (core/series/applied-commits.ts:
 * b4 ty's `[1/3] subject` / `commit: <sha>` pairs, a commit URL, a lone commit id) and linked
 * to each commit's page on the tree's git web (sites/git-web.ts `commitUrlOf`) when the reply
 * names the tree or the tree is a known one. Pure, for the panel's tests.
 *
 * Non-goals: whether a reply says "applied" (the reply marks), drawing (AppliedLinks.tsx).
 */
import { appliedCommits } from '../core/series/applied-commits.ts';
import type { ReplyMarks } from '../core/series/ledger-marks.ts';
import type { Person, ThreadMessage } from '../core/types.ts';
import { commitUrlOf } from '../sites/git-web.ts';

export interface AppliedLink {
  label: string;
  sha: string | null;
  /** The commit's page, or null when the tree's git web is not known. */
  url: string | null;
}

export interface AppliedReply {
  id: string;
  from: Person | null;
  date: string | null;
  tree: string | null;
  branch: string | null;
  links: AppliedLink[];
}

export function appliedReplies(messages: readonly ThreadMessage[], texts: Readonly<Record<string, string>> | null, marks: ReadonlyMap<string, ReplyMarks>): AppliedReply[] {
  if (!texts) return [];
  const out: AppliedReply[] = [];
  for (const m of messages) {
    if (m.ghost || !marks.get(m.id)?.applied) continue;
    const text = texts[m.id];
    const got = text ? appliedCommits(text) : null;
    if (!got || !got.commits.length) continue;
    const links = got.commits.map((c) => ({
      label: c.counter !== null ? `[${c.counter}/${c.total}] ${c.subject ?? ''}`.trim() : (c.sha ?? 'commit'),
      sha: c.sha,
      url: c.url ?? (c.sha && got.tree ? commitUrlOf(got.tree, c.sha) : null),
    }));
    out.push({ id: m.id, from: m.from, date: m.date, tree: got.tree, branch: got.branch, links });
  }
  return out;
}
