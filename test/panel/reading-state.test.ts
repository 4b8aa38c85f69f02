/**
 * The reading state as worker events and the reader's moves replay into it: bodies arriving
 * in slices, the conversation's anchor that holds while the reader moves inside it, and the
 * new marks leaving as messages are opened, surviving a refresh of the same thread.
 */
import { describe, expect, it } from 'vitest';
import type { Analysis, ContextEntry } from '../../src/core/types.ts';
import type { PanelEvent } from '../../src/protocol.ts';
import { focusOn, markSeen, opening, reduce, type PanelState } from '../../src/panel/panel-state.ts';
import { newIds } from '../../src/panel/new-marks.ts';
import { tree } from './fixtures.ts';

const T = tree(`
a | [PATCH] mm: x
  b
    c
  d`);
const analysis: Analysis = { messages: T.messages, roots: T.roots, participants: [], series: [], errors: [] };
const KEY = 'https://lore.kernel.org/linux-mm/ a';
const cache = { cachedAt: 1, offline: false, state: 'fresh' as const };
const entry = (id: string): ContextEntry => ({ id, ghost: false, subject: 's', from: null, date: null, blocks: [{ kind: 'text', lines: [id] }] });
const replay = (events: PanelEvent[], from: PanelState = opening('u')): PanelState => events.reduce(reduce, from);
const loaded = (): PanelState => replay([{ type: 'analysis', threadKey: KEY, analysis, focus: 'b', cache, url: 'u' }]);

describe('bodies and texts', () => {
  it('collects bodies from context and entries events of this thread only', () => {
    let s = loaded();
    s = reduce(s, { type: 'context', threadKey: KEY, id: 'b', entries: [entry('a'), entry('b')] });
    s = reduce(s, { type: 'entries', threadKey: KEY, entries: [entry('c')] });
    s = reduce(s, { type: 'entries', threadKey: 'other', entries: [entry('d')] });
    expect(Object.keys(s.bodies).sort()).toEqual(['a', 'b', 'c']);
    expect(s.context?.id).toBe('b');
    s = reduce(s, { type: 'texts', threadKey: KEY, texts: { a: 'x' } });
    expect(s.texts).toEqual({ a: 'x' });
  });

  it('a refresh of the same thread keeps them; another thread starts empty', () => {
    let s = reduce(loaded(), { type: 'entries', threadKey: KEY, entries: [entry('c')] });
    s = reduce(s, { type: 'visits', threadKey: KEY, visits: { seen: ['a'], lastVisit: 5 } });
    const again = reduce(s, { type: 'analysis', threadKey: KEY, analysis, focus: null, cache, url: 'u' });
    expect(Object.keys(again.bodies)).toEqual(['c']);
    expect(again.visits).toEqual({ seen: ['a'], lastVisit: 5 });
    const other = reduce(s, { type: 'analysis', threadKey: 'k2', analysis, focus: null, cache, url: 'u' });
    expect(other.bodies).toEqual({});
    expect(other.visits).toBeNull();
  });
});

describe('the conversation anchor', () => {
  it('holds while the reader moves to ancestors and replies, and moves elsewhere', () => {
    let s = loaded();
    expect(s.anchor).toBe('b');
    s = focusOn(s, 'c', null);
    expect(s.anchor).toBe('b');
    s = focusOn(s, 'a', null);
    expect(s.anchor).toBe('b');
    s = focusOn(s, 'd', null);
    expect(s.anchor).toBe('d');
  });
});

describe('new marks', () => {
  it('what was not seen is new until opened or all marked read', () => {
    let s = reduce(loaded(), { type: 'visits', threadKey: KEY, visits: { seen: ['a', 'b'], lastVisit: 5 } });
    expect([...newIds(s.messages, s.visits)]).toEqual(['c', 'd']);
    s = markSeen(s, ['c']);
    expect([...newIds(s.messages, s.visits)]).toEqual(['d']);
    s = markSeen(s, 'all');
    expect(newIds(s.messages, s.visits).size).toBe(0);
  });
  it('marks off (null visits) or a first visit mark nothing, and markSeen leaves them so', () => {
    const off = reduce(loaded(), { type: 'visits', threadKey: KEY, visits: null });
    expect(markSeen(off, 'all')).toBe(off);
    const first = reduce(loaded(), { type: 'visits', threadKey: KEY, visits: { seen: null, lastVisit: null } });
    expect(newIds(first.messages, first.visits).size).toBe(0);
  });
});
