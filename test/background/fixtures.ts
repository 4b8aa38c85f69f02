/**
 * Real mail for the worker tests: threads cut out of the shared corpus's LKML mbox, with the
 * Analysis/heads shapes the cache stores. The cache treats the analysis as opaque JSON, so
 * the cache tests build it with a plain header scan; the loader tests use the real core.
 */
import type { Analysis, MessageHead } from '../../src/core/types.ts';
import { readCorpus } from '../helpers/corpus.ts';

export const LKML = 'notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd';

export interface RawThread {
  raw: Uint8Array;
  heads: MessageHead[];
  analysis: Analysis;
}

function header(block: string, name: string): string {
  const m = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\n[ \\t].*)*)`, 'im').exec(block);
  return m ? m[1]!.replace(/\s+/g, ' ').trim() : '';
}

/** The corpus's messages as separate mboxrd chunks, each with its head. */
export function corpusMessages(): Array<{ raw: string; head: MessageHead }> {
  const text = new TextDecoder('latin1').decode(readCorpus(LKML));
  const parts = text.split(/\n(?=From [^\n]*\n)/);
  return parts.map((p, index) => {
    const raw = p.endsWith('\n') ? p : `${p}\n`;
    const block = raw.slice(0, raw.indexOf('\n\n'));
    const id = header(block, 'Message-ID').replace(/^<|>$/g, '');
    const d = Date.parse(header(block, 'Date'));
    return {
      raw,
      head: {
        id,
        messageId: id,
        synthetic: false,
        inReplyTo: header(block, 'In-Reply-To').replace(/^<|>.*$/g, '') || null,
        references: [],
        subject: header(block, 'Subject'),
        from: { name: '', address: header(block, 'From') },
        date: Number.isNaN(d) ? null : new Date(d).toISOString(),
        listId: null,
        index,
      },
    };
  });
}

/** `count` consecutive corpus messages (from `start`) as one "thread" the cache can hold. */
export function rawThread(start: number, count: number): RawThread {
  const msgs = corpusMessages().slice(start, start + count);
  const heads = msgs.map((m, i) => ({ ...m.head, index: i }));
  const raw = new TextEncoder().encode(msgs.map((m) => m.raw).join(''));
  const analysis: Analysis = {
    messages: heads.map((h, i) => ({
      id: h.id,
      parent: i === 0 ? null : heads[0]!.id,
      related: null,
      ghost: false,
      subject: h.subject,
      from: h.from,
      date: h.date,
      depth: i === 0 ? 0 : 1,
      children: i === 0 ? heads.slice(1).map((x) => x.id) : [],
    })),
    roots: [heads[0]!.id],
    participants: [],
    series: [],
    errors: [],
  };
  return { raw, heads, analysis };
}
