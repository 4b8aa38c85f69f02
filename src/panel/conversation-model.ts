/**
 * The conversation view's model: which messages it holds (the chosen message, its ancestors
 * and all of its replies, in tree order) and which quotes it folds because the reader has
 * already seen their text further up the same scroll. lore's `/T/` shows a sub-thread as one
 * page; this is that page, with the repetition taken out.
 *
 * Everything here is linear in the messages and lines it is given, iterative and cycle-safe.
 *
 * Non-goals: decoding bodies (the worker sends them in slices), drawing, which part of the
 * scroll is drawn (conversation-window.ts).
 */
import type { ContextEntry, QuoteBlock, ThreadMessage } from '../core/types.ts';
import { foldOf, type Fold } from '../core/thread/quote-fold.ts';
import { indexById } from './tree-model.ts';

/**
 * The conversation around `anchor`: its ancestors root first, the anchor, then every
 * descendant depth first in the core's child order (what the tree shows below it).
 */
export function conversationIds(messages: ThreadMessage[], anchor: string): string[] {
  const byId = indexById(messages);
  const self = byId.get(anchor);
  if (!self) return [];
  const up: string[] = [];
  const seen = new Set<string>([anchor]);
  for (let p = self.parent; p && !seen.has(p); p = byId.get(p)?.parent ?? null) {
    if (!byId.has(p)) break;
    seen.add(p);
    up.push(p);
  }
  const out = up.reverse();
  const stack = [anchor];
  while (stack.length) {
    const id = stack.pop() as string;
    out.push(id);
    const kids = byId.get(id)?.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i] as string;
      if (!seen.has(k) && byId.has(k)) {
        seen.add(k);
        stack.push(k);
      }
    }
  }
  return out;
}

/** A quoted line as it reads: quote markers and spacing gone, so re-wrapping `> > ` does not matter. */
export function normalizeLine(line: string): string {
  return line.replace(/^[\s>|]+/, '').replace(/\s+/g, ' ').trim();
}

/** Lines this short ("Hi,", "}") prove nothing about having been read before. */
const MIN_LINE = 4;
/** Share of a quote's lines found above for the quote to count as a repeat. */
export const REPEAT_SHARE = 0.6;

/** Whether a quote's text is already on screen: most of its telling lines appeared above. */
export function isRepeat(lines: readonly string[], shown: ReadonlySet<string>): boolean {
  let telling = 0;
  let found = 0;
  for (const l of lines) {
    const n = normalizeLine(l);
    if (n.length < MIN_LINE) continue;
    telling++;
    if (shown.has(n)) found++;
  }
  return telling > 0 && found >= REPEAT_SHARE * telling;
}

/** How each block of each entry starts in the conversation. */
export interface ConversationFolds {
  /** By entry id, one Fold per block. */
  folds: Map<string, Fold[]>;
  /** Quote blocks folded because they repeat text above, by entry id: block indexes. */
  repeats: Map<string, number[]>;
}

/**
 * Folds for a conversation, entries in scroll order. A quote whose text already appeared
 * above (a message's own text, its diff, or an unfolded quote) is folded with its
 * attribution whatever its length; other blocks fold as the context view folds them.
 * Entries not loaded yet (`undefined`) add nothing to what was shown: a quote of them is
 * shown in full, which errs on the side of showing the reader the words.
 */
export function conversationFolds(
  entries: ReadonlyArray<ContextEntry | undefined>,
  byId: ReadonlyMap<string, Pick<ThreadMessage, 'from' | 'date'>>,
  anchor: string,
): ConversationFolds {
  const shown = new Set<string>();
  const folds = new Map<string, Fold[]>();
  const repeats = new Map<string, number[]>();
  let beforeAnchor = true;
  for (const e of entries) {
    if (!e) continue;
    if (e.id === anchor) beforeAnchor = false;
    const fs: Fold[] = [];
    const rep: number[] = [];
    const add = (b: QuoteBlock): void => {
      for (const l of b.lines) {
        const n = normalizeLine(l);
        if (n.length >= MIN_LINE) shown.add(n);
      }
    };
    e.blocks.forEach((b, i) => {
      const base = foldOf(b, byId, e.date, beforeAnchor);
      if (b.kind === 'quote' && isRepeat(b.lines, shown)) {
        fs.push({ ...base, folded: true });
        rep.push(i);
        return;
      }
      fs.push(base);
      if (b.kind === 'text' || b.kind === 'diff' || (b.kind === 'quote' && !base.folded)) add(b);
    });
    folds.set(e.id, fs);
    if (rep.length) repeats.set(e.id, rep);
  }
  return { folds, repeats };
}

/** The message `dir` steps from `current` in the conversation (j/k); null past either end. */
export function step(ids: readonly string[], current: string | null, dir: 1 | -1, skip?: (id: string) => boolean): string | null {
  let i = current ? ids.indexOf(current) : -1;
  if (i < 0) i = dir === 1 ? -1 : ids.length;
  for (let j = i + dir; j >= 0 && j < ids.length; j += dir) {
    const id = ids[j] as string;
    if (!skip?.(id)) return id;
  }
  return null;
}

/**
 * The first slice of the conversation drawn: every ancestor (up to `size` of them) and the
 * anchor, then `size` replies; the rest is drawn as the reader scrolls toward it.
 */
export function initialSlice(total: number, anchorIndex: number, size: number): { start: number; end: number } {
  const a = Math.max(0, Math.min(anchorIndex, total - 1));
  return { start: Math.max(0, a - size), end: Math.min(total, a + 1 + size) };
}

/**
 * Whether a message shows only its header: the reader's own toggle first, then a search
 * (messages that do not match close), then the baseline set by collapse-all/expand-all.
 */
export function isCollapsed(id: string, baseline: 'open' | 'closed', toggles: ReadonlyMap<string, boolean>, hits: ReadonlySet<string> | null): boolean {
  const own = toggles.get(id);
  if (own !== undefined) return own;
  if (hits) return !hits.has(id);
  return baseline === 'closed';
}
