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
 * The trailers are the series' own decision (givers.ts `giftOf`: b4's lines and sender rule,
 * no pasted or bot text) counted by the one counter (trailers.ts `countTrailers`, look-alikes
 * out when the participants are given), so a reply marked R here is a Reviewed-by the series
 * and its ledger count, and a maintainer pasting a changelog full of other people's
 * `Tested-by:` lines is no "T" (issue 15).
 *
 * `marksOf` reads "applied" with the ledger's detector (applied.ts) where the reply's sender and
 * the patch's author are known, and with `saysApplied` otherwise; on the LKML corpus both
 * agree (13 replies).
 *
 * Non-goals: which patch a trailer belongs to (trailer-scope.ts), which lines are trailers
 * (trailers.ts).
 */
import { appliedSignal } from '../series/applied.ts';
import { giftOf, type Giver } from '../series/givers.ts';
import { countTrailers } from '../series/trailers.ts';
import { lookalikeOfPerson } from '../mail/lookalikes.ts';
import { parseSubject } from '../mail/subject.ts';
import type { Participant, Person, ThreadMessage, Trailer } from '../types.ts';

export interface ReplyMarks {
  /** Subset of "RAT", in that order: Reviewed-by, Acked-by, Tested-by given in the reply. */
  trailers: string;
  applied: boolean;
}

const LEAD = String.raw`^\s*(?:(?:thanks|thank you|thx)\s*[,!.:;-]?\s*)?(?:(?:i've|i have|i|we've|we have|have|now|patch(?:es)?|series|both|all|this|these|it)\s+)*(?:been\s+|got\s+)?`;
const VERB = String.raw`(applied|queued(?:\s+up)?|pushed|picked\s+up|merged)`;
const OBJECT = String.raw`(?:\s+(?:it|this|these|them|both|all|the\s+(?:series|patch(?:es|set)?|whole\s+series)))?`;
const APPLIED = new RegExp(`${LEAD}${VERB}${OBJECT}(?:\\s*$|\\s*[,.!:;]|\\s+(?:to|into|in|on|onto|for|with|thanks|thank)\\b)`, 'i');
const NOT = /\b(locally|cleanly|and (?:tested|built|booted)|on top of|doesn't|does not|didn't|did not|can't|cannot|won't|once|when|if|after)\b/i;

/** "Applied, thanks": whether this own-text line says a patch went into a tree. */
export function saysApplied(line: string): boolean {
  return APPLIED.test(line) && !NOT.test(line);
}

/**
 * Marks of one reply from its own text (lines of kind `text` blocks only), sent by `sender`;
 * `lookalike` (from the thread's participants) says whom a trailer's person imitates.
 */
export function replyMarks(ownText: string, sender: Giver, lookalike?: (who: Person) => string | null): ReplyMarks {
  const own = giftOf(sender, ownText, '').own.map((t): Trailer => {
    const of = lookalike && t.person ? lookalike(t.person) : null;
    return of ? { ...t, lookalikeOf: of } : t;
  });
  const c = countTrailers(own);
  let applied = false;
  for (const line of ownText.split('\n')) {
    if (line.length < 200 && saysApplied(line)) {
      applied = true;
      break;
    }
  }
  return { trailers: (c.reviewed ? 'R' : '') + (c.acked ? 'A' : '') + (c.tested ? 'T' : ''), applied };
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
export function marksOf(messages: ThreadMessage[], texts: Readonly<Record<string, string>>, participants?: Participant[]): Map<string, ReplyMarks> {
  const out = new Map<string, ReplyMarks>();
  const byId = new Map(messages.map((m) => [m.id, m]));
  const lookalike = participants ? lookalikeOfPerson(participants) : undefined;
  for (const msg of messages) {
    const text = texts[msg.id];
    if (msg.ghost || text === undefined) continue;
    const subj = parseSubject(msg.subject);
    if (!subj.isReply && (subj.isPatch || msg.parent === null)) continue;
    const own = replyMarks(text, msg, lookalike);
    const author = postAuthor(msg, byId);
    const applied = msg.from && author ? appliedSignal(text, false, msg.from, author) !== null : own.applied;
    if (own.trailers || applied) out.set(msg.id, { trailers: own.trailers, applied });
  }
  return out;
}
