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
 * Non-goals: which patch a trailer belongs to (series.ts), b4's full trailer rules (trailers.ts).
 */
import { parseSubject } from './subject.ts';
import type { ThreadMessage } from './types.ts';

export interface ReplyMarks {
  /** Subset of "RAT", in that order: Reviewed-by, Acked-by, Tested-by given in the reply. */
  trailers: string;
  applied: boolean;
}

const TRAILER = /^\s*(reviewed|acked|tested)-by:\s+\S/i;
const LEAD = String.raw`^\s*(?:(?:thanks|thank you|thx)\s*[,!.:;-]?\s*)?(?:(?:i've|i have|i|we've|we have|have|now|patch(?:es)?|series|both|all|this|these|it)\s+)*(?:been\s+|got\s+)?`;
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

/**
 * Marks of every reply whose own text is known. Only replies: a patch carrying the
 * Reviewed-by of its earlier version reviews nothing in this thread. The one place the panel
 * reads marks from: point it at the ledger's detector when that lands.
 */
export function marksOf(messages: ThreadMessage[], texts: Readonly<Record<string, string>>): Map<string, ReplyMarks> {
  const out = new Map<string, ReplyMarks>();
  for (const msg of messages) {
    const text = texts[msg.id];
    if (msg.ghost || text === undefined) continue;
    const subj = parseSubject(msg.subject);
    if (!subj.isReply && (subj.isPatch || msg.parent === null)) continue;
    const m = replyMarks(text);
    if (m.trailers || m.applied) out.set(msg.id, m);
  }
  return out;
}
