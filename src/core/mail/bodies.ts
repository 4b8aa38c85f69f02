/**
 * Which bodies an analysis decodes, and decoding them: only the texts the series and their
 * trailers can use, each once, through the fast single-part path where it applies.
 *
 * The series reads a body to tell a patch from a follow-up (a message whose subject is no
 * reply) and to collect trailers, change-ids and `Supersedes:` from a message under a cover
 * letter or patch. A message that is a reply and has no such message above it in the tree
 * (parent, else the subject tie) can change nothing in any series, so its body waits until a
 * reader opens it. test/core/bodies.test.ts checks over the corpus that the series built from
 * these texts equals the series built from every body.
 *
 * Non-goals: quotes (the context view splits what it shows), rendering.
 */
import { parseBody, parseBodyFast, parseMime } from './body.ts';
import { parseSubject } from './subject.ts';
import type { AnalysisError, MessageBody, MessageHead, Thread } from '../types.ts';

/** Lets a long decode breathe: the worker answers its port, the CLI its signals. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function reason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.length > 300 ? `${msg.slice(0, 300)}…` : msg;
}

/**
 * Keys of the messages whose bodies a series can use, among the heads `ask` selects (all by
 * default): a merge asks only about the messages it has no text for, and the walk up the
 * tree reads only their ancestors' subjects.
 */
export function bodiesNeeded(heads: readonly MessageHead[], thread: Thread, ask: (h: MessageHead) => boolean = () => true): Set<string> {
  const up = new Map<string, string | null>();
  for (const m of thread.messages) up.set(m.id, m.parent ?? m.related);
  const subjects = new Map<string, string>();
  for (const h of heads) subjects.set(h.id, h.subject);
  const candidates = new Map<string, boolean>();
  const candidate = (id: string): boolean => {
    let c = candidates.get(id);
    if (c === undefined) {
      const subject = subjects.get(id);
      c = subject !== undefined && !parseSubject(subject).isReply;
      candidates.set(id, c);
    }
    return c;
  };
  // memo: is there a candidate strictly above this key? (iterative, cycle-safe)
  const above = new Map<string, boolean>();
  const needed = new Set<string>();
  for (const h of heads) {
    if (!ask(h)) continue;
    if (candidate(h.id)) {
      needed.add(h.id);
      continue;
    }
    const path: string[] = [];
    const seen = new Set<string>();
    let cur = up.get(h.id) ?? null;
    let found = false;
    while (cur !== null && !seen.has(cur)) {
      const known = above.get(cur);
      if (known !== undefined) {
        found = known || candidate(cur);
        break;
      }
      if (candidate(cur)) {
        found = true;
        break;
      }
      seen.add(cur);
      path.push(cur);
      cur = up.get(cur) ?? null;
    }
    // every key walked through has the same answer: nothing on the way was a candidate
    for (const id of path) above.set(id, found);
    if (found) needed.add(h.id);
  }
  return needed;
}

/**
 * Decodes into `texts` (by position) the needed bodies not decoded yet. Failures go to
 * `errors` and leave a hole, as a body that was never read.
 */
export async function decodeNeeded(
  heads: readonly MessageHead[],
  raws: readonly Uint8Array[],
  thread: Thread,
  texts: Array<string | undefined>,
  errors: AnalysisError[],
  onCount?: (n: number) => void,
): Promise<void> {
  const needed = bodiesNeeded(heads, thread, (h) => texts[h.index] === undefined);
  let lastTick = Date.now();
  for (let i = 0; i < heads.length; i++) {
    const head = heads[i]!;
    if (texts[head.index] !== undefined || !needed.has(head.id)) continue;
    const raw = raws[head.index]!;
    try {
      const body = parseBodyFast(raw) ?? (await parseMime(raw));
      texts[head.index] = body.text;
    } catch (err) {
      errors.push({ where: head.id, reason: `body not decoded: ${reason(err)}` });
    }
    if (Date.now() - lastTick > 50) {
      onCount?.(i + 1);
      await tick();
      lastTick = Date.now();
    }
  }
}

/** Every body in full (text, HTML flag, attachments), for callers that keep them (tests). */
export async function decodeAll(
  heads: readonly MessageHead[],
  raws: readonly Uint8Array[],
  texts: Array<string | undefined>,
  errors: AnalysisError[],
  onCount?: (n: number) => void,
): Promise<Map<string, MessageBody>> {
  const out = new Map<string, MessageBody>();
  for (let i = 0; i < heads.length; i++) {
    const head = heads[i]!;
    try {
      const body = await parseBody(raws[head.index]!);
      texts[head.index] = body.text;
      out.set(head.id, body);
    } catch (err) {
      errors.push({ where: head.id, reason: `body not decoded: ${reason(err)}` });
    }
    if (i % 200 === 199) onCount?.(i + 1);
  }
  return out;
}

/** The series' view of the texts: by key, for the heads decoded. */
export function seriesTexts(heads: readonly MessageHead[], texts: ReadonlyArray<string | undefined>): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of heads) {
    const t = texts[h.index];
    if (t !== undefined) out.set(h.id, t);
  }
  return out;
}
