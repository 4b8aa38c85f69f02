/**
 * The context of one message: the message and its ancestors, root first, each body split
 * into quote blocks. This is what a reader needs to follow a reply without opening every
 * parent, with long quotes foldable because each block knows what it quotes.
 *
 * Nothing is read twice: the analysis of a buffer registers its split and the texts it
 * decoded here (`remember`), and a body it did not need is decoded on demand, once, into the
 * same table. A buffer nobody analysed in this realm (the worker's cache after a restart) is
 * split once. Ghosts (referenced, never seen) appear as entries without blocks, so the chain
 * shows where mail is missing.
 *
 * `messageEntries` gives the same for any list of messages (the conversation view's slices),
 * and `ownTexts` each message's own words, for the panel's search and reply marks.
 *
 * Non-goals: which messages a view holds (the panel decides).
 */
import { splitMbox } from '../mail/mbox.ts';
import { parseBody, parseBodyFast } from '../mail/body.ts';
import { splitQuotes } from '../mail/quotes.ts';
import type { Analysis, ContextEntry, MessageHead, ThreadMessage } from '../types.ts';

export type { ContextEntry };

interface Read {
  raws: Uint8Array[];
  /** Decoded texts by position; holes are decoded when shown. */
  texts: Array<string | undefined>;
}

/** Per buffer: held as long as the buffer is, and no longer. */
const reads = new WeakMap<Uint8Array, Read>();

/** The analysis of `bytes` gives its split and texts, so the context view never redoes them. */
export function remember(bytes: Uint8Array, raws: Uint8Array[], texts: Array<string | undefined>): void {
  reads.set(bytes, { raws, texts });
}

function readOf(bytes: Uint8Array): Read {
  let r = reads.get(bytes);
  if (!r) {
    r = { raws: splitMbox(bytes).messages, texts: [] };
    reads.set(bytes, r);
  }
  return r;
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
  const { raws, texts } = readOf(bytes);
  const entries: ContextEntry[] = [];
  for (const id of ids) {
    const m = byId.get(id);
    if (!m) continue;
    const entry: ContextEntry = { id: m.id, ghost: m.ghost, subject: m.subject, from: m.from, date: m.date, blocks: [] };
    const head = headById.get(m.id);
    const raw = head ? raws[head.index] : undefined;
    if (!m.ghost && head && raw) {
      try {
        let text = texts[head.index];
        if (text === undefined) {
          text = (parseBodyFast(raw) ?? (await parseBody(raw))).text;
          texts[head.index] = text;
        }
        entry.blocks = splitQuotes(text, { messages: analysis.messages, self: m.id });
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
