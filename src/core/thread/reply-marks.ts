/**
 * What a reply says at a glance, read from its own text (quotes, diffs and signatures already
 * split off): which review trailers it gives (R, A, T) and whether it says a patch was applied.
 * The tree marks such replies so a maintainer sees where a series stands without opening each.
 *
 * A deliberately small detector: one line of own text that starts with a maintainer's usual
 * words ("Applied, thanks", "Thanks, applied to mm-unstable", "Queued for 6.9", "Pushed to
 * net-next"). Talk about applying ("does not apply", "once this is applied", "I applied it
 * locally and tested") is not a statement that it was applied.
 *
 * `marksOf` reads "applied" with the ledger's detector (applied.ts) where the reply's sender and
 * the patch's author are known, and with `saysApplied` otherwise; on the LKML corpus both
 * agree (13 replies).
 *
 * Non-goals: which patch a trailer belongs to (series.ts), b4's full trailer rules (trailers.ts).
 */
import { appliedSignal } from '../series/applied.ts';
import { parseSubject } from '../mail/subject.ts';
import type { Person, ThreadMessage } from '../types.ts';

export interface ReplyMarks {
  /** Subset of "RAT", in that order: Reviewed-by, Acked-by, Tested-by given in the reply. */
  trailers: string;
  applied: boolean;
}

const TRAILER = /^\s*(reviewed|acked|tested)-by:\s+\S/i;
// One word per repetition: with "i have" beside "i" and "have" a line of "i have i have …"
// could be read in 2^n ways, and one that is no statement tried them all (20 of them: 0.13 s,
// 30: minutes). "we" stands for the old "we have" with "have".
const LEAD = String.raw`^\s*(?:(?:thanks|thank you|thx)\s*[,!.:;-]?\s*)?(?:(?:i've|i|we've|we|have|now|patch(?:es)?|series|both|all|this|these|it)\s+)*(?:been\s+|got\s+)?`;
const VERB = String.raw`(applied|queued(?:\s+up)?|pushed|picked\s+up|merged)`;
const OBJECT = String.raw`(?:\s+(?:it|this|these|them|both|all|the\s+(?:series|patch(?:es|set)?|whole\s+series)))?`;
const APPLIED = new RegExp(`${LEAD}${VERB}${OBJECT}(?:\\s*$|\\s*[,.!:;]|\\s+(?:to|into|in|on|onto|for|with|thanks|thank)\\b)`, 'i');
const NOT = /\b(locally|cleanly|and (?:tested|built|booted)|on top of|doesn't|does not|didn't|did not|can't|cannot|won't|once|when|if|after)\b/i;

/** "Applied, thanks": whether this own-text line says a patch went into a tree. */
export function saysApplied(line: string): boolean {
  return APPLIED.test(line) && !NOT.test(line);
}

/** Marks of one reply from its own text (lines of kind `text` blocks only). */
export function replyMarks(ownText: string): ReplyMarks {
  let r = false;
  let a = false;
  let t = false;
  let applied = false;
  for (const line of ownText.split('\n')) {
    const m = TRAILER.exec(line);
    if (m) {
      const k = (m[1] as string).toLowerCase();
      if (k === 'reviewed') r = true;
      else if (k === 'acked') a = true;
      else t = true;
    } else if (!applied && line.length < 200 && saysApplied(line)) applied = true;
  }
  return { trailers: (r ? 'R' : '') + (a ? 'A' : '') + (t ? 'T' : ''), applied };
}

/** The author of the patch (or post) a reply answers: its nearest ancestor that is no reply. */
function postAuthor(msg: ThreadMessage, byId: ReadonlyMap<string, ThreadMessage>): Person | null {
  const hops = new Set<string>();
  for (let cur = msg.parent ? byId.get(msg.parent) : undefined; cur && !hops.has(cur.id); cur = cur.parent ? byId.get(cur.parent) : undefined) {
    hops.add(cur.id);
    if (!cur.ghost && !parseSubject(cur.subject).isReply) return cur.from;
  }
  return null;
}

/**
 * Marks of every reply whose own text is known: the one place the panel and the worker read
 * reply marks from. Only replies: a patch carrying the Reviewed-by of its earlier version
 * reviews nothing in this thread. "Applied" is the ledger's reading (applied.ts: b4 ty, bots,
 * and never the series' author about their own base); trailers are `replyMarks`'.
 */
export function marksOf(messages: ThreadMessage[], texts: Readonly<Record<string, string>>): Map<string, ReplyMarks> {
  const out = new Map<string, ReplyMarks>();
  const byId = new Map(messages.map((m) => [m.id, m]));
  for (const msg of messages) {
    const text = texts[msg.id];
    if (msg.ghost || text === undefined) continue;
    const subj = parseSubject(msg.subject);
    if (!subj.isReply && (subj.isPatch || msg.parent === null)) continue;
    const own = replyMarks(text);
    const author = postAuthor(msg, byId);
    const applied = msg.from && author ? appliedSignal(text, false, msg.from, author) !== null : own.applied;
    if (own.trailers || applied) out.set(msg.id, { trailers: own.trailers, applied });
  }
  return out;
}
