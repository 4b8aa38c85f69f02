/**
 * Small builders of the core's shapes for the panel's pure-logic tests. Trees are written as
 * indented outlines so a test reads like the thread it describes.
 */
import type { ThreadMessage } from '../../src/core/types.ts';

/**
 * `outline` lines: two spaces per depth, then `id`, optional `~` for a ghost, optional
 * `| subject`, optional `@ author`. Dates follow line order, one minute apart.
 */
export function tree(outline: string): { messages: ThreadMessage[]; roots: string[] } {
  const messages: ThreadMessage[] = [];
  const stack: ThreadMessage[] = [];
  const roots: string[] = [];
  let minute = 0;
  for (const raw of outline.split('\n')) {
    if (!raw.trim()) continue;
    const depth = (raw.length - raw.trimStart().length) / 2;
    const m = /^\s*(\S+?)(~)?(?:\s*\|\s*([^@]*?))?(?:\s*@\s*(.+))?\s*$/.exec(raw);
    if (!m) throw new Error('bad outline line: ' + raw);
    const [, id, ghost, subject, author] = m as unknown as [string, string, string | undefined, string | undefined, string | undefined];
    stack.length = depth;
    const parent = depth > 0 ? (stack[depth - 1] ?? null) : null;
    const name = author ?? `Person ${id}`;
    const msg: ThreadMessage = {
      id,
      parent: parent?.id ?? null,
      related: null,
      ghost: !!ghost,
      subject: ghost ? '' : (subject ?? `Re: topic`),
      from: ghost ? null : { name, address: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org` },
      date: ghost ? null : new Date(Date.UTC(2018, 6, 20, 12, minute++)).toISOString(),
      depth,
      children: [],
    };
    if (parent) parent.children.push(id);
    else roots.push(id);
    messages.push(msg);
    stack[depth] = msg;
  }
  return { messages, roots };
}

/** A wide, deep thread of `n` messages: replies branch every few messages, like a big review. */
export function bigThread(n: number): { messages: ThreadMessage[]; roots: string[] } {
  const lines = ['m0 | [PATCH 00/99] a big series @ Author'];
  for (let i = 1; i < n; i++) {
    const depth = 1 + (i % 7 === 0 ? 0 : (i % 5) + Math.floor((i % 23) / 6));
    lines.push('  '.repeat(depth) + `m${i} | Re: [PATCH 00/99] a big series @ Person ${i % 40}`);
  }
  // Depth may jump by more than one: clamp each line to at most one deeper than the previous.
  let prev = 0;
  const fixed = lines.map((l) => {
    const d = Math.min((l.length - l.trimStart().length) / 2, prev + 1);
    prev = d;
    return '  '.repeat(d) + l.trimStart();
  });
  return tree(fixed.join('\n'));
}
