/**
 * One thread cut out of an mbox that holds many: a pipermail month (`2010-March.txt.gz`) is
 * every thread of the month, and the reader wants the one the page's message belongs to.
 *
 * The thread is the subtree of the focus message's root (a ghost root when the thread began in
 * an earlier month), plus the replies tied to it by subject only (`related`: they lost their
 * References). The cut is the source's own bytes, From_ lines and all, in source order, so the
 * full analysis and the context view read exactly what the archive sent for those messages.
 *
 * Non-goals: joining months (a thread that goes on next month shows this month's part), and
 * subject merging of unrelated roots (thread.ts explains why).
 */
import { headsPass } from './analyse.ts';
import { splitMbox } from './mail/mbox.ts';
import type { MessageHead, ThreadMessage } from './types.ts';
import { concatBytes as concat } from './mail/bytes.ts';

export interface CutThread {
  /** The thread's messages as an mbox. */
  bytes: Uint8Array;
  /** Key of the thread's root (a ghost's id when the root is not in the data). */
  rootId: string;
  /** Key of the message `pick` chose. */
  focusId: string;
  /** Real messages in the cut. */
  messages: number;
}

const LF = 0x0a;
const MBOXRD_FROM = new TextEncoder().encode('From mboxrd@z Thu Jan  1 00:00:00 1970\n');

/**
 * The thread of the message `pick` chooses among the data's heads, or null when it chooses
 * none. `pick` sees the heads the analysis keeps (keys assigned), so it can match by Message-ID or by
 * what a page shows (subject, author, date).
 */
export function cutThread(bytes: Uint8Array, pick: (heads: readonly MessageHead[]) => MessageHead | null | undefined): CutThread | null {
  const split = splitMbox(bytes);
  // the analysis' own pass: `pick` and the focus key name the copy the analysis of the cut keeps
  const { heads, thread } = headsPass(split);
  const focus = pick(heads);
  if (!focus) return null;
  const byId = new Map<string, ThreadMessage>(thread.messages.map((m) => [m.id, m]));
  let root = byId.get(focus.id);
  while (root?.parent) root = byId.get(root.parent);
  if (!root) return null;

  const keep = new Set<string>();
  const take = (id: string): void => {
    const stack = [id];
    while (stack.length) {
      const m = byId.get(stack.pop()!);
      if (!m || keep.has(m.id)) continue;
      keep.add(m.id);
      stack.push(...m.children);
    }
  };
  take(root.id);
  // Subject-tied replies point into the thread from roots of their own; a tie may chain.
  for (let grew = true; grew; ) {
    grew = false;
    for (const id of thread.roots) {
      const m = byId.get(id);
      if (m?.related && keep.has(m.related) && !keep.has(m.id)) {
        take(m.id);
        grew = true;
      }
    }
  }

  const chosen = heads.filter((h) => keep.has(h.id)).sort((a, b) => a.index - b.index);
  if (split.format === 'single') return { bytes, rootId: root.id, focusId: focus.id, messages: chosen.length };
  // Each message from its From_ line to the next message's From_ line (or the end).
  const starts = split.offsets.map((off) => bytes.lastIndexOf(LF, off - 2) + 1);
  const chunks: Uint8Array[] = [];
  for (const h of chosen) {
    const k = h.index;
    let chunk = bytes.subarray(starts[k]!, k + 1 < starts.length ? starts[k + 1]! : bytes.length);
    // mboxrd said so in its first From_ line: the cut must say so too, or `>From ` stays escaped.
    if (chunks.length === 0 && split.format === 'mboxrd') chunk = concat([MBOXRD_FROM, chunk.subarray(split.offsets[k]! - starts[k]!)]);
    chunks.push(chunk);
    // The next From_ line is a separator only after a blank line.
    if (!endsWithBlankLine(chunk)) chunks.push(chunk[chunk.length - 1] === LF ? new Uint8Array([LF]) : new Uint8Array([LF, LF]));
  }
  return { bytes: concat(chunks), rootId: root.id, focusId: focus.id, messages: chosen.length };
}

function endsWithBlankLine(b: Uint8Array): boolean {
  const n = b.length;
  return (n >= 2 && b[n - 1] === LF && b[n - 2] === LF) || (n >= 3 && b[n - 1] === LF && b[n - 2] === 0x0d && b[n - 3] === LF);
}

