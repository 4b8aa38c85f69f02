import { describe, expect, it } from 'vitest';
import { buildThread } from '../../../src/core/thread/thread.ts';
import { gmaneLocalPart } from '../../../src/core/mail/masked.ts';
import type { Thread, ThreadMessage } from '../../../src/core/types.ts';
import { at, head } from '../../fixtures/model/heads.ts';

const byId = (t: Thread): Map<string, ThreadMessage> => new Map(t.messages.map((m) => [m.id, m]));

describe('buildThread', () => {
  it('links replies, orders children by date, lists depth-first with depths', () => {
    const t = buildThread([
      head('c', { references: ['a'], date: at(5) }),
      head('b', { references: ['a'], date: at(2) }),
      head('a', { date: at(0) }),
      head('d', { references: ['a', 'b'], date: at(3) }),
    ]);
    expect(t.roots).toEqual(['a']);
    expect(t.messages.map((m) => [m.id, m.depth])).toEqual([['a', 0], ['b', 1], ['d', 2], ['c', 1]]);
    expect(byId(t).get('a')!.children).toEqual(['b', 'c']);
    expect(byId(t).get('a')).toMatchObject({ ghost: false, subject: 'subject of a', parent: null, related: null });
  });

  it('chains ghosts along References and keeps them in the output', () => {
    const t = buildThread([head('r', { references: ['g1', 'g2', 'g3'], date: at(0) })]);
    const m = byId(t);
    expect(t.roots).toEqual(['g1']);
    expect(m.get('g1')).toMatchObject({ ghost: true, parent: null, from: null, date: null, children: ['g2'] });
    expect(m.get('g2')!.parent).toBe('g1');
    expect(m.get('g3')!.parent).toBe('g2');
    expect(m.get('r')).toMatchObject({ parent: 'g3', depth: 3 });
  });

  it('prefers a sane In-Reply-To over the last Reference (notmuch), references reordered by a client', () => {
    const t = buildThread([
      head('root', { date: at(0) }),
      head('mid', { references: ['root'], date: at(1) }),
      head('reply', { references: ['mid', 'root'], inReplyTo: 'mid', date: at(2) }),
    ]);
    expect(byId(t).get('reply')!.parent).toBe('mid');
    expect(byId(t).get('mid')!.parent).toBe('root');
  });

  it('refuses cycles: a mutual In-Reply-To pair (notmuch broken/loop) and a longer loop', () => {
    const t = buildThread([
      head('x', { inReplyTo: 'y', references: ['y'], date: at(0) }),
      head('y', { inReplyTo: 'x', references: ['x'], date: at(1) }),
    ]);
    // the later mail is the reply
    expect(byId(t).get('y')!.parent).toBe('x');
    expect(byId(t).get('x')!.parent).toBeNull();
    const loop = buildThread([
      head('p', { references: ['r'], date: at(0) }),
      head('q', { references: ['p'], date: at(1) }),
      head('r', { references: ['q'], date: at(2) }),
    ]);
    expect(loop.roots).toHaveLength(1);
    expect(loop.messages).toHaveLength(3);
  });

  it('keeps a reused Message-ID as a separate message; references mean the first', () => {
    const t = buildThread([
      head('dup@x', { subject: 'first', date: at(0) }),
      head('dup@x#2', { messageId: 'dup@x', subject: 'imposter', date: at(1) }),
      head('reply', { references: ['dup@x'], date: at(2) }),
    ]);
    const m = byId(t);
    expect(m.get('dup@x#2')).toMatchObject({ subject: 'imposter', parent: null, ghost: false });
    expect(m.get('reply')!.parent).toBe('dup@x');
    expect(t.messages).toHaveLength(3);
  });

  it('still keeps two heads with the very same key apart (caller skipped assignKeys)', () => {
    const t = buildThread([head('same', { subject: 'one', date: at(0) }), head('same', { subject: 'two', date: at(1) })]);
    expect(t.messages.map((m) => m.subject).sort()).toEqual(['one', 'two']);
    expect(new Set(t.messages.map((m) => m.id)).size).toBe(2);
  });

  it('puts undated mail last, then source order; a ghost sorts as its earliest descendant', () => {
    const t = buildThread([
      head('late', { date: at(50), index: 0 }),
      head('undated', { date: null, index: 1 }),
      head('under-ghost', { references: ['ghost'], date: at(10), index: 2 }),
      head('early', { date: at(20), index: 3 }),
    ]);
    expect(t.roots).toEqual(['ghost', 'early', 'late', 'undated']);
  });

  it('drops ghosts nobody hangs under (a refused link would leave one)', () => {
    const t = buildThread([head('a', { references: ['b'], date: at(0) }), head('b', { references: ['a'], date: at(1) })]);
    expect(t.messages.every((m) => !m.ghost)).toBe(true);
  });

  it('ties a reply that lost its References to the cover letter by subject (the seed`s lowercase re:)', () => {
    const cover = '[PATCH v4 0/8] mm: Rework hmm to use devm_memremap_pages and other fixes';
    const t = buildThread([
      head('v3-cover', { subject: '[PATCH v3 0/8] mm: Rework hmm to use devm_memremap_pages and other fixes', date: at(0) }),
      head('cover', { subject: cover, date: at(100) }),
      head('patch8', { subject: '[PATCH v4 8/8] mm: Fix exports', references: ['cover'], date: at(101) }),
      head('orphan', { subject: `re: ${cover}`, references: [], inReplyTo: null, date: at(500) }),
      head('orphan-patch', { subject: 'Re: [PATCH v4 8/8] mm: Fix exports', references: [], date: at(600) }),
      head('chatter', { subject: 're: something else', date: at(700) }),
      head('answered', { subject: `Re: ${cover}`, references: ['cover'], date: at(800) }),
    ]);
    const m = byId(t);
    expect(m.get('orphan')).toMatchObject({ parent: null, related: 'cover' });
    expect(m.get('orphan-patch')).toMatchObject({ parent: null, related: 'patch8' });
    expect(m.get('chatter')!.related).toBeNull();
    expect(m.get('answered')).toMatchObject({ parent: 'cover', related: null });
  });

  it('handles a 5,000-deep reply chain without recursion', () => {
    const heads = [head('m0', { date: at(0) })];
    for (let i = 1; i < 5000; i++) heads.push(head(`m${i}`, { inReplyTo: `m${i - 1}`, references: [`m${i - 1}`], date: at(i) }));
    const t = buildThread(heads.reverse());
    expect(t.roots).toEqual(['m0']);
    expect(t.messages).toHaveLength(5000);
    expect(t.messages[4999]).toMatchObject({ id: 'm4999', depth: 4999, parent: 'm4998' });
  });

  it('handles 5,000 deep with full References lists and a ghost root', () => {
    const refs: string[] = ['lost-root'];
    const heads = [];
    for (let i = 0; i < 2000; i++) {
      heads.push(head(`n${i}`, { references: refs.slice(), date: at(i) }));
      refs.push(`n${i}`);
    }
    const t = buildThread(heads);
    expect(t.roots).toEqual(['lost-root']);
    expect(t.messages[t.messages.length - 1]).toMatchObject({ id: 'n1999', depth: 2000 });
  });

  describe('gmane-mangled ids', () => {
    const REAL = '1277220170-3442-1-git-send-email-sjayaraman@suse.de';
    const MANGLED = '1277220170-3442-1-git-send-email-sjayaraman-l3A5Bk7waGM@public.gmane.org';

    it('reads the local part gmane left, and nothing out of other ids', () => {
      expect(gmaneLocalPart(MANGLED)).toBe('1277220170-3442-1-git-send-email-sjayaraman');
      expect(gmaneLocalPart('9603.1277311877-H+wXaHxf7aLQT0dZR+AlfA@public.gmane.org')).toBe('9603.1277311877');
      expect(gmaneLocalPart('cover.1289789604.git.joe-6d6DIl74uiNBDgjK7y7TUQ@Public.Gmane.Org')).toBe('cover.1289789604.git.joe');
      expect(gmaneLocalPart(REAL)).toBeNull();
      expect(gmaneLocalPart('no-hash@public.gmane.org')).toBeNull();
      expect(gmaneLocalPart('x-l3A5Bk7waGM@gmane.org')).toBeNull();
    });

    it('hangs a reply citing the gmane spelling under the message with the real id', () => {
      const t = buildThread([
        head(REAL, { date: at(0) }),
        head('reply', { references: [MANGLED], date: at(1) }),
        head('deeper', { references: [MANGLED, 'reply'], date: at(2) }),
      ]);
      expect(t.messages.some((m) => m.ghost)).toBe(false);
      expect(byId(t).get('reply')).toMatchObject({ parent: REAL, depth: 1 });
      expect(byId(t).get('deeper')).toMatchObject({ parent: 'reply', depth: 2 });
    });

    it('and a reply citing the real id under a message that carries its gmane spelling', () => {
      const t = buildThread([head(MANGLED, { date: at(0) }), head('reply', { references: [REAL], date: at(1) })]);
      expect(t.messages.map((m) => [m.id, m.parent])).toEqual([
        [MANGLED, null],
        ['reply', MANGLED],
      ]);
    });

    it('means the copy that kept the bare id when the real id is reused', () => {
      const t = buildThread([
        head(REAL, { subject: 'first', date: at(0) }),
        head(`${REAL}#2`, { subject: 'other', date: at(1) }),
        head('reply', { references: [MANGLED], date: at(2) }),
      ]);
      expect(byId(t).get('reply')!.parent).toBe(REAL);
    });

    it('keeps the ghost when the local part names two ids, or both sides are mangled', () => {
      const two = buildThread([
        head('1234.5678@redhat.com', { date: at(0) }),
        head('1234.5678@suse.de', { date: at(1) }),
        head('reply', { references: ['1234.5678-H+wXaHxf7aLQT0dZR+AlfA@public.gmane.org'], date: at(2) }),
      ]);
      expect(byId(two).get('reply')!.parent).toBe('1234.5678-H+wXaHxf7aLQT0dZR+AlfA@public.gmane.org');
      expect(byId(two).get('1234.5678-H+wXaHxf7aLQT0dZR+AlfA@public.gmane.org')).toMatchObject({ ghost: true });
      // the same spelled twice, one real and one mangled: a plain reference to a third domain could be either
      const mixed = buildThread([head(REAL, { date: at(0) }), head('1277220170-3442-1-git-send-email-sjayaraman-Re5JQEeQqe8AvxtiuMwx3w@public.gmane.org', { date: at(1) }), head('reply', { references: ['1277220170-3442-1-git-send-email-sjayaraman@gmail.com'], date: at(2) })]);
      expect(byId(mixed).get('reply')!.parent).toBe('1277220170-3442-1-git-send-email-sjayaraman@gmail.com');
      // two hashes are two domains: not the same id
      const hashes = buildThread([head(MANGLED, { date: at(0) }), head('reply', { references: ['1277220170-3442-1-git-send-email-sjayaraman-Re5JQEeQqe8AvxtiuMwx3w@public.gmane.org'], date: at(1) })]);
      expect(hashes.messages.filter((m) => m.ghost)).toHaveLength(1);
      // two plain ids with the same local part are two ids
      const plain = buildThread([head('abc@one.org', { date: at(0) }), head('reply', { references: ['abc@two.org'], date: at(1) })]);
      expect(byId(plain).get('reply')!.parent).toBe('abc@two.org');
    });

    it('gives the same tree whatever the order', () => {
      const heads = [head(REAL, { date: at(0), index: 0 }), head('reply', { references: [MANGLED], date: at(1), index: 1 }), head('r2', { references: [REAL, 'reply'], date: at(2), index: 2 })];
      expect(buildThread(heads.slice().reverse())).toEqual(buildThread(heads));
    });
  });

  it('gives an empty tree for no mail', () => {
    expect(buildThread([])).toEqual({ messages: [], roots: [] });
  });
});
