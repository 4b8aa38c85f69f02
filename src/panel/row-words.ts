/**
 * What a tree row says beside the author and date: the reply's subject when it differs from
 * its parent's, without a `[PATCH v3 nn/NN]` prefix the thread's root already shows (the row
 * keeps the short `nn/NN`), and marks for replies that review, ack, test or apply.
 *
 * Non-goals: which rows exist (tree-model.ts); which reply gave what (the series' ledgers,
 * core/series/ledger-marks.ts `replyMarks`).
 */
import type { ReplyMarks } from '../core/series/ledger-marks.ts';
import { stripReplyMarkers } from '../core/mail/subject.ts';

export interface RowSubject {
  /** `3/7` when the prefix was dropped, else null. */
  counter: string | null;
  text: string;
}

const BRACKET = /^\[([^\]]*)\]\s*/;
const COUNTER = /^0*(\d+)\/0*(\d+)$/;

/** The bracket's tags without the counter, compared loosely: `PATCH v3 net-next`. */
function prefixOf(subject: string): { tags: string; counter: string | null; rest: string } | null {
  const s = stripReplyMarkers(subject);
  const m = BRACKET.exec(s);
  if (!m) return null;
  let counter: string | null = null;
  const tags: string[] = [];
  for (const tok of (m[1] as string).split(/\s+/).filter(Boolean)) {
    const c = COUNTER.exec(tok);
    if (c) counter = `${c[1]}/${c[2]}`;
    else tags.push(tok.toLowerCase());
  }
  return { tags: tags.join(' '), counter, rest: s.slice(m[0].length) };
}

/**
 * The row's subject. `rootSubject` is what the thread's first row shows: a patch of the same
 * series (same tags, e.g. `PATCH v3`) is written `3/7 mm: fix x`; anything else stays whole.
 */
export function rowSubject(subject: string, rootSubject: string | null): RowSubject {
  const own = prefixOf(subject);
  const root = rootSubject ? prefixOf(rootSubject) : null;
  if (!own || !root || own.tags !== root.tags || !own.rest || subject === rootSubject) return { counter: null, text: subject };
  return { counter: own.counter, text: own.rest };
}

/** Words of a mark for screen readers and tooltips: "gives Reviewed-by, Acked-by; applied" ("says applied (unverified)" from someone not believed: no ✓). */
export function marksLabel(m: ReplyMarks): string {
  const names: Record<string, string> = { R: 'Reviewed-by', A: 'Acked-by', T: 'Tested-by' };
  const bits = [...m.trailers].map((c) => names[c] ?? c);
  const t = bits.length ? `gives ${bits.join(', ')}` : '';
  return [t, m.applied ? 'says applied' : m.saysApplied ? 'says applied (unverified)' : ''].filter(Boolean).join('; ');
}
