/**
 * Properties of the threader over arbitrary reference graphs: random ids referencing each
 * other (and missing ids), with loops, duplicates, self-references and missing dates. Reused
 * ids are keyed by assignKeys, as the analysis does, so which copy keeps the bare id (and so
 * which one the replies to it hang under) is part of what must not depend on input order;
 * nor must which of the copies of one mail dropCopies keeps.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignKeys, dropCopies } from '../../../src/core/mail/headers.ts';
import { buildThread } from '../../../src/core/thread/thread.ts';
import type { MessageHead, Thread } from '../../../src/core/types.ts';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'x', 'y'];

const arbHeads = fc
  .array(
    fc.record({
      id: fc.constantFrom(...ids.slice(0, 8)),
      refs: fc.array(fc.constantFrom(...ids), { maxLength: 5 }),
      irt: fc.option(fc.constantFrom(...ids), { nil: null }),
      date: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    }),
    { maxLength: 14 },
  )
  .map((raw) => {
    const used = new Map<string, number>();
    return raw.map((r, index): MessageHead => {
      const n = (used.get(r.id) ?? 0) + 1;
      used.set(r.id, n);
      const key = n === 1 ? r.id : `${r.id}#${n}`;
      const references = [...new Set(r.refs.filter((x) => x !== r.id))];
      const irt = r.irt !== r.id ? r.irt : null;
      if (irt && !references.includes(irt)) references.push(irt);
      return {
        id: key,
        messageId: r.id,
        synthetic: false,
        inReplyTo: irt,
        references,
        subject: index % 3 ? `Re: [PATCH] s${index % 2}` : `[PATCH] s${index % 2}`,
        from: { name: 'N', address: 'n@example.org' },
        date: r.date === null ? null : new Date(Date.UTC(2024, 0, 1, 0, r.date)).toISOString(),
        listId: null,
        index,
      };
    });
  });

function check(heads: MessageHead[], t: Thread): void {
  const keys = heads.map((h) => h.id);
  const seen = t.messages.map((m) => m.id);
  // every message exactly once
  for (const k of keys) expect(seen.filter((s) => s === k)).toHaveLength(1);
  expect(new Set(seen).size).toBe(seen.length);
  // ghosts only for referenced ids
  const referenced = new Set(heads.flatMap((h) => h.references));
  for (const m of t.messages.filter((x) => x.ghost)) expect(referenced.has(m.id)).toBe(true);
  // no cycles: every parent chain ends at a root, within n steps
  const byId = new Map(t.messages.map((m) => [m.id, m]));
  for (const m of t.messages) {
    let cur = m;
    let steps = 0;
    while (cur.parent) {
      cur = byId.get(cur.parent)!;
      expect(cur).toBeDefined();
      expect(++steps).toBeLessThanOrEqual(t.messages.length);
    }
    expect(t.roots).toContain(cur.id);
    if (m.parent) expect(byId.get(m.parent)!.children).toContain(m.id);
    expect(m.depth).toBe(steps);
  }
}

describe('buildThread properties', () => {
  it('every message once, no cycles, ghosts only for referenced ids', () => {
    fc.assert(
      fc.property(arbHeads, (heads) => {
        check(heads, buildThread(heads));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same output for any input order', () => {
    fc.assert(
      fc.property(
        arbHeads.chain((heads) => fc.tuple(fc.constant(heads), fc.shuffledSubarray(heads, { minLength: heads.length, maxLength: heads.length }))),
        ([heads, shuffled]) => {
          expect(buildThread(shuffled)).toEqual(buildThread(heads));
        },
      ),
      { numRuns: 500 },
    );
  });

  /** Mail as it comes in: ids often reused, keys not assigned yet, authors and dates that collide. */
  const arbMail = fc
    .array(
      fc.record({
        id: fc.constantFrom('a', 'b', 'c', 'd'),
        refs: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'x'), { maxLength: 3 }),
        date: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
        who: fc.constantFrom('P', 'Q', 'R'),
        subject: fc.constantFrom('s', 'Re: s', 't'),
      }),
      { maxLength: 10 },
    )
    .map((raw) =>
      raw.map((r, index): MessageHead => {
        const references = [...new Set(r.refs.filter((x) => x !== r.id))];
        return {
          id: r.id,
          messageId: r.id,
          synthetic: false,
          inReplyTo: references[references.length - 1] ?? null,
          references,
          subject: r.subject,
          from: { name: r.who, address: `${r.who.toLowerCase()}@example.org` },
          date: r.date === null ? null : new Date(Date.UTC(2024, 0, 1, r.date)).toISOString(),
          listId: null,
          index,
        };
      }),
    );
  /**
   * Input in another order, as it would really arrive: each message's `index` is its new
   * position (kept, the old index would carry the first order along and make any tie-break
   * by position look order-independent). `from` maps each to the message it was.
   */
  const reordered = (shuffled: MessageHead[]): { heads: MessageHead[]; from: Map<MessageHead, MessageHead> } => {
    const heads = shuffled.map((h, index) => ({ ...h, index }));
    return { heads, from: new Map(heads.map((h, i) => [h, shuffled[i]!])) };
  };
  /** What a reader can tell apart: two messages equal in all of it may trade keys. */
  const seen = (h: MessageHead, body = ''): string => `${h.messageId}|${h.from.address}|${h.date}|${h.subject}|${h.references.join(',')}|${body}`;
  /** Each message as seen, with its key and its parent's: the tree up to sibling order. */
  const shape = (hs: MessageHead[], bodyOf: (h: MessageHead) => string = () => ''): string[] => {
    const parent = new Map(buildThread(hs).messages.map((m) => [m.id, m.parent]));
    const seenOf = new Map(hs.map((h) => [h.id, seen(h, bodyOf(h))]));
    return hs.map((h) => `${seenOf.get(h.id)}=${h.id}^${seenOf.get(parent.get(h.id) ?? '') ?? parent.get(h.id) ?? ''}`).sort();
  };

  const keyed = (heads: MessageHead[]): MessageHead[] => {
    const copy = heads.map((h) => ({ ...h, from: { ...h.from }, references: [...h.references] }));
    assignKeys(copy);
    return copy;
  };

  /** Bodies that are one text to a reader (trailing blank lines, a list footer, CRLF) or another. */
  const FOOTER = '--\nTo unsubscribe from this list: send the line "unsubscribe linux-mm" in\nthe body of a message to majordomo@kvack.org\n';
  const BODIES: Record<string, string> = { x: 'x\n', 'x-blank': 'x\n\n\n', 'x-footer': `x\n${FOOTER}`, 'x-crlf': 'x\r\n', y: 'y\n', 'y-footer': `y\n\n${FOOTER}` };
  const textOf = (body: string): string => body[0]!;
  const arbDelivered = arbMail.chain((heads) =>
    fc.tuple(fc.constant(heads), fc.array(fc.constantFrom(...Object.keys(BODIES)), { minLength: heads.length, maxLength: heads.length })),
  );
  /** The heads analyseHeads would keep: copies dropped, then keys assigned. */
  const delivered = (heads: MessageHead[], bodyOf: (h: MessageHead) => string): MessageHead[] => {
    const copy = heads.map((h) => ({ ...h, from: { ...h.from }, references: [...h.references] }));
    const orig = new Map(copy.map((c, i) => [c, heads[i]!]));
    const rawOf = (h: MessageHead): Uint8Array => new TextEncoder().encode(`Message-ID: <${h.messageId}>\n\n${BODIES[bodyOf(orig.get(h)!)]!}`);
    const dropped = dropCopies(copy, rawOf);
    const kept = copy.filter((h) => !dropped.has(h));
    assignKeys(kept, rawOf);
    return kept;
  };

  it('drops copies of one mail, keeps mail reusing an id, the same for any input order', () => {
    fc.assert(
      fc.property(
        arbDelivered.chain(([heads, bodies]) => fc.tuple(fc.constant(heads), fc.constant(bodies), fc.shuffledSubarray(heads, { minLength: heads.length, maxLength: heads.length }))),
        ([heads, bodies, shuffled]) => {
          const bodyA = (h: MessageHead): string => bodies[h.index]!;
          const a = delivered(heads, bodyA);
          const r = reordered(shuffled);
          // copies, kept or not, carry their own body wherever they come in the input
          const keptFrom = new Map<string, MessageHead>();
          const bodyB = (h: MessageHead): string => bodies[(r.from.get(h) ?? keptFrom.get(h.id)!).index]!;
          const b = delivered(r.heads, bodyB);
          for (const h of b) keptFrom.set(h.id, r.from.get(r.heads.find((x) => x.index === h.index)!)!);
          const text = (body: string): string => textOf(BODIES[body] ? body : '');
          expect(shape(b, (h) => text(bodyB(h)))).toEqual(shape(a, (h) => text(bodyA(h))));
          check(a, buildThread(a));
          // copies: same id, sender, date and text; exactly one of each set of copies is kept
          const mailOf = (h: MessageHead): string => `${h.messageId}|${h.from.address}|${h.date}|${textOf(bodies[h.index]!)}`;
          const keptMail = a.map(mailOf);
          expect(new Set(keptMail).size).toBe(keptMail.length);
          expect(new Set(heads.map(mailOf))).toEqual(new Set(keptMail));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keys reused ids, and threads them, the same for any input order', () => {
    fc.assert(
      fc.property(
        arbMail.chain((heads) => fc.tuple(fc.constant(heads), fc.shuffledSubarray(heads, { minLength: heads.length, maxLength: heads.length }))),
        ([heads, shuffled]) => {
          const a = keyed(heads);
          const b = keyed(reordered(shuffled).heads);
          expect(shape(b)).toEqual(shape(a));
          check(a, buildThread(a));
          // the bare id goes to a copy dated no later than any other copy of it
          for (const h of a.filter((x) => x.id === x.messageId)) {
            for (const o of a.filter((x) => x.messageId === h.messageId)) expect((h.date ?? '\uffff') <= (o.date ?? '\uffff')).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
