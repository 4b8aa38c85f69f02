/**
 * Later fixes of a commit: messages on the list whose own text carries `Fixes: <sha prefix>`
 * of it (found by the search discussion-search.ts builds), each with its status: a fix
 * posted as a patch is `applied` when an "applied" reply covers it (series/applied.ts, through
 * the thread's facts), `reviewed` when someone gave it Reviewed-by or Acked-by, else `posted`;
 * a reply that only names the commit in a `Fixes:` line (a tag suggested in review) is a
 * `mention`.
 *
 *   laterFixes(sha, heads, bodies, facts): LaterFix[]
 *
 * The prefix must be 8 digits at least and a prefix of the full sha, so a search hit on a
 * shorter or different id is dropped. Quoted lines never count (trailers.ts reads own lines).
 *
 * Non-goals: searching (the worker, the CLI), the commit's own Fixes: tags.
 */
import { hasDiff } from '../patch/detect.ts';
import { parseTrailers } from '../series/trailers.ts';
import type { ThreadFacts, VersionFacts } from '../series/series-facts.ts';
import type { MessageHead, Person } from '../types.ts';

export type FixStatus = 'applied' | 'reviewed' | 'posted' | 'mention';

export interface LaterFix {
  /** Message key in the search result (the bare Message-ID unless reused). */
  id: string;
  messageId: string;
  subject: string;
  from: Person;
  date: string | null;
  /** The `Fixes:` value as written. */
  fixes: string;
  status: FixStatus;
  /** Applied: by whom and where; reviewed: who. */
  detail: string | null;
}

const MIN_PREFIX = 8;

function namesCommit(value: string, sha: string): boolean {
  const m = /^([0-9a-f]{6,64})\b/i.exec(value.trim());
  if (!m) return false;
  const prefix = m[1]!.toLowerCase();
  return prefix.length >= MIN_PREFIX && sha.toLowerCase().startsWith(prefix);
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

export function laterFixes(sha: string, heads: readonly MessageHead[], bodies: ReadonlyMap<string, string>, facts: readonly ThreadFacts[]): LaterFix[] {
  if (!/^[0-9a-f]{12,64}$/i.test(sha)) return [];
  const out: LaterFix[] = [];
  for (const h of heads) {
    const body = bodies.get(h.id);
    if (!body) continue;
    const patch = hasDiff(body);
    const fixes = parseTrailers(body, h.id, { followup: !patch }).find((t) => t.name === 'Fixes' && namesCommit(t.value, sha));
    if (!fixes) continue;
    const s = (patch ? statusOf(h.id, facts) : null) ?? { status: 'mention' as const, detail: null };
    out.push({ id: h.id, messageId: h.messageId, subject: h.subject, from: h.from, date: h.date, fixes: fixes.value, status: s.status, detail: s.detail });
  }
  return out.sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : 0));
}
