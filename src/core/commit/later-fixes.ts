/**
 * Later fixes of a commit: messages on the list whose own text names it, by a `Fixes:` tag or
 * a `commit <id> ("<title>")` citation (citations.ts; found by the search discussion-search.ts
 * builds), each with its status: a fix posted as a patch is `applied` when an "applied" reply
 * covers it (series/applied.ts, through the thread's facts), `reviewed` when someone gave it
 * Reviewed-by or Acked-by, else `posted`; a reply that only names the commit (a tag suggested
 * in review, a report) is a `mention`.
 *
 *   laterFixes({ sha, subject }, heads, bodies, facts): LaterFix[]
 *
 * Every search hit is checked here against the full sha: an id shorter than 8 digits or not a
 * prefix of it is dropped. A citation whose id matches but whose quoted title is another, or
 * a short id with no title, is kept and marked `uncertain` (with why), never taken as certain:
 * the reader sees the citation as written and judges. Of one message's citations the surest
 * is kept, a `Fixes:` tag before a prose citation.
 *
 * Non-goals: searching (the worker, the CLI), the commit's own Fixes: tags.
 */
import { hasDiff } from '../patch/detect.ts';
import type { ThreadFacts, VersionFacts } from '../series/series-facts.ts';
import type { MessageHead, Person } from '../types.ts';
import { citationsIn, judgeCitation, type CiteForm, type Doubt } from './citations.ts';

export type FixStatus = 'applied' | 'reviewed' | 'posted' | 'mention';

export interface LaterFix {
  /** Message key in the search result (the bare Message-ID unless reused). */
  id: string;
  messageId: string;
  subject: string;
  from: Person;
  date: string | null;
  /** The citation as written: the `Fixes:` value, or `commit <id> ("<title>")`. */
  fixes: string;
  /** A `Fixes:` tag, or a `commit <id> ("<title>")` citation in its text. */
  form: CiteForm;
  /** Null when certain; else why not: the title quoted is another, or a short id with no title. */
  uncertain: Doubt | null;
  status: FixStatus;
  /** Applied: by whom and where; reviewed: who. */
  detail: string | null;
}

/** The commit the fixes are of: its full sha and its title. */
export interface FixedCommit {
  sha: string;
  subject: string | null;
}

function statusOf(id: string, facts: readonly ThreadFacts[]): { status: FixStatus; detail: string | null } | null {
  let hit: { v: VersionFacts; counter: number } | null = null;
  for (const t of facts) {
    for (const v of t.versions) {
      const p = v.patches.find((x) => x.id === id);
      if (p) hit = { v, counter: p.counter };
    }
  }
  if (!hit) return null;
  const { v, counter } = hit;
  const applied = v.applied.find((m) => (m.counter !== null ? m.counter === counter : m.subset ? m.subset.includes(counter) : true));
  if (applied) return { status: 'applied', detail: `${applied.by.name || applied.by.address}${applied.where ? ` to ${applied.where}` : ''}` };
  const patch = v.patches.find((x) => x.id === id)!;
  const reviews = [...patch.trailers.filter((t) => t.origin !== 'patch'), ...v.coverTrailers].filter((t) => t.name === 'Reviewed-by' || t.name === 'Acked-by');
  if (reviews.length) return { status: 'reviewed', detail: [...new Set(reviews.map((t) => `${t.name}: ${t.person?.name || t.value}`))].join(', ') };
  return { status: 'posted', detail: null };
}

/** Certain before uncertain, a `Fixes:` tag before a prose citation. */
const rank = (form: CiteForm, doubt: Doubt | null): number => (doubt ? 2 : 0) + (form === 'fixes' ? 0 : 1);

export function laterFixes(commit: FixedCommit, heads: readonly MessageHead[], bodies: ReadonlyMap<string, string>, facts: readonly ThreadFacts[]): LaterFix[] {
  const { sha, subject } = commit;
  if (!/^[0-9a-f]{12,64}$/i.test(sha)) return [];
  const out: LaterFix[] = [];
  for (const h of heads) {
    const body = bodies.get(h.id);
    if (!body) continue;
    const patch = hasDiff(body);
    let best: { text: string; form: CiteForm; doubt: Doubt | null } | null = null;
    for (const c of citationsIn(body, h.id, patch)) {
      const j = judgeCitation(c, sha, subject);
      if (!j) continue;
      const doubt = j === 'certain' ? null : j;
      if (!best || rank(c.form, doubt) < rank(best.form, best.doubt)) best = { text: c.text, form: c.form, doubt };
    }
    if (!best) continue;
    const s = (patch ? statusOf(h.id, facts) : null) ?? { status: 'mention' as const, detail: null };
    out.push({ id: h.id, messageId: h.messageId, subject: h.subject, from: h.from, date: h.date, fixes: best.text, form: best.form, uncertain: best.doubt, status: s.status, detail: s.detail });
  }
  return out.sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : 0));
}
