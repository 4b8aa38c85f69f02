/**
 * The context of one message: the message and its ancestors, root first, each body split
 * into quote blocks. This is what a reader needs to follow a reply without opening every
 * parent, with long quotes foldable because each block knows what it quotes.
 *
 * Bodies are decoded on demand from the mbox bytes (one split, cached per buffer), so the
 * analysis does not have to keep every body in memory. Ghosts (referenced, never seen)
 * appear as entries without blocks, so the chain shows where mail is missing.
 *
 * `messageEntries` gives the same for any list of messages (the conversation view's slices),
 * and `ownTexts` each message's own words, for the panel's search and reply marks.
 *
 * Non-goals: which messages a view holds (the panel decides).
 */
import { splitMbox } from './mbox.ts';
import { parseBody } from './body.ts';
import { splitQuotes } from './quotes.ts';
import type { Analysis, ContextEntry, MessageHead, ThreadMessage } from './types.ts';

export type { ContextEntry };

const splits = new WeakMap<Uint8Array, Uint8Array[]>();

function messagesOf(bytes: Uint8Array): Uint8Array[] {
  let m = splits.get(bytes);
  if (!m) {
    m = splitMbox(bytes).messages;
    splits.set(bytes, m);
  }
  return m;
}

/** Ancestors of `id` and `id` itself, root first; iterative and cycle-safe. */
export function ancestry(messages: ThreadMessage[], id: string): ThreadMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const chain: ThreadMessage[] = [];
  const seen = new Set<string>();
  for (let cur = byId.get(id); cur && !seen.has(cur.id); cur = cur.parent ? byId.get(cur.parent) : undefined) {
    seen.add(cur.id);
    chain.push(cur);
  }
  return chain.reverse();
}

export async function messageContext(bytes: Uint8Array, analysis: Analysis, heads: MessageHead[], id: string): Promise<ContextEntry[]> {
  return messageEntries(bytes, analysis, heads, ancestry(analysis.messages, id).map((m) => m.id));
}

/**
 * Entries of the messages `ids`, in that order, bodies split into quote blocks (the
 * conversation view asks for its messages in slices). Unknown ids are left out.
 */
export async function messageEntries(bytes: Uint8Array, analysis: Analysis, heads: MessageHead[], ids: readonly string[]): Promise<ContextEntry[]> {
  const byId = new Map(analysis.messages.map((m) => [m.id, m]));
  const headById = new Map(heads.map((h) => [h.id, h]));
  const raws = messagesOf(bytes);
  const entries: ContextEntry[] = [];
  for (const id of ids) {
    const m = byId.get(id);
    if (!m) continue;
    const entry: ContextEntry = { id: m.id, ghost: m.ghost, subject: m.subject, from: m.from, date: m.date, blocks: [] };
    const head = headById.get(m.id);
    const raw = head ? raws[head.index] : undefined;
    if (!m.ghost && raw) {
      try {
        const body = await parseBody(raw);
        entry.blocks = splitQuotes(body.text, { messages: analysis.messages, self: m.id });
      } catch (err) {
        entry.blocks = [{ kind: 'text', lines: [`(this message could not be decoded: ${err instanceof Error ? err.message : String(err)})`] }];
      }
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * Each real message's own words (its `text` blocks, quotes, diffs and signatures left out),
 * for searching the thread and reading marks from replies. One pass over the bodies (or over
 * `only`, for a caller that works in chunks); a body that cannot be decoded gives ''.
 */
export async function ownTexts(bytes: Uint8Array, analysis: Analysis, heads: MessageHead[], only?: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const ids = only ?? analysis.messages.filter((m) => !m.ghost).map((m) => m.id);
  for (const e of await messageEntries(bytes, analysis, heads, ids)) {
    if (e.ghost) continue;
    out[e.id] = e.blocks
      .filter((b) => b.kind === 'text')
      .map((b) => b.lines.join('\n'))
      .join('\n')
      .trim();
  }
  return out;
}
