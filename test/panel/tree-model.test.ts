import { describe, expect, it } from 'vitest';
import { effect } from '@preact/signals';
import { ancestorsOf, filterIds, flatten, including, initialIndex, initialRange, isFrom, keyAction, subjectCore, type Range, type Row } from '../../src/panel/tree-model.ts';
import { createReadStore, createTreeStore } from '../../src/panel/store.ts';
import { bigThread, tree } from './fixtures.ts';

const T = tree(`
a | [PATCH 0/2] mm: thing @ Alice
  b | [PATCH 1/2] mm: first @ Alice
    c | Re: [PATCH 1/2] mm: first @ Bob
      d | Re: [PATCH 1/2] mm: first @ Alice
  e | [PATCH 2/2] mm: second @ Alice
    g~
      h | Re: [PATCH 2/2] mm: second @ Carol
`);

const ids = (rows: Row[]): string => rows.map((r) => r.id).join(' ');

describe('flatten', () => {
  it('lists every message and ghost depth first, with ARIA positions', () => {
    const rows = flatten(T.messages, T.roots, new Set(), null);
    expect(ids(rows)).toBe('a b c d e g h');
    const e = rows.find((r) => r.id === 'e');
    expect(e).toMatchObject({ depth: 1, pos: 2, size: 2, hasChildren: true, expanded: true });
    expect(rows.find((r) => r.id === 'g')).toMatchObject({ ghost: true, from: null });
  });

  it('skips the branch under a collapsed message but keeps the message', () => {
    const rows = flatten(T.messages, T.roots, new Set(['b']), null);
    expect(ids(rows)).toBe('a b e g h');
    expect(rows[1]).toMatchObject({ id: 'b', hasChildren: true, expanded: false });
  });

  it('hides a subject that only repeats its parent with "Re:", shows a changed one', () => {
    const rows = flatten(T.messages, T.roots, new Set(), null);
    const changed = Object.fromEntries(rows.map((r) => [r.id, r.subjectChanged]));
    expect(changed).toMatchObject({ a: true, b: true, c: false, d: false, e: true, h: false });
  });

  it('filtered to one person: their messages, plus the ancestors that give them a place, dimmed', () => {
    const bob = filterIds(T.messages, (m) => m.from?.name === 'Bob');
    const rows = flatten(T.messages, T.roots, new Set(), bob);
    expect(ids(rows)).toBe('a b c');
    expect(rows.map((r) => r.dim)).toEqual([true, true, false]);
    const carol = filterIds(T.messages, (m) => m.from?.name === 'Carol');
    expect(ids(flatten(T.messages, T.roots, new Set(), carol))).toBe('a e g h');
  });

  it('draws a cycle the core let through once, without looping', () => {
    const c = tree('x\n  y\n    z');
    const z = c.messages[2];
    if (!z) throw new Error('fixture');
    z.children.push('x');
    expect(ids(flatten(c.messages, c.roots, new Set(), null))).toBe('x y z');
  });

  it('flattens 1,500 messages into 1,500 rows in tree order', () => {
    const big = bigThread(1500);
    const rows = flatten(big.messages, big.roots, new Set(), null);
    expect(rows).toHaveLength(1500);
    expect(ids(rows)).toBe(big.messages.map((m) => m.id).join(' '));
    for (let i = 1; i < rows.length; i++) expect((rows[i] as Row).depth).toBeLessThanOrEqual((rows[i - 1] as Row).depth + 1);
  });
});

describe('keyAction (WAI-ARIA tree)', () => {
  const rows = flatten(T.messages, T.roots, new Set(), null);
  const at = (id: string): number => rows.findIndex((r) => r.id === id);

  it('moves with arrows, Home and End, stopping at the ends', () => {
    expect(keyAction(rows, 0, 'ArrowDown')).toEqual({ kind: 'move', index: 1 });
    expect(keyAction(rows, 0, 'ArrowUp')).toEqual({ kind: 'none' });
    expect(keyAction(rows, rows.length - 1, 'ArrowDown')).toEqual({ kind: 'none' });
    expect(keyAction(rows, 3, 'Home')).toEqual({ kind: 'move', index: 0 });
    expect(keyAction(rows, 0, 'End')).toEqual({ kind: 'move', index: rows.length - 1 });
  });

  it('Left collapses an open branch, else goes to the parent; Right expands, else enters', () => {
    expect(keyAction(rows, at('b'), 'ArrowLeft')).toEqual({ kind: 'collapse', id: 'b' });
    expect(keyAction(rows, at('d'), 'ArrowLeft')).toEqual({ kind: 'move', index: at('c') });
    expect(keyAction(flatten(T.messages, T.roots, new Set(['a']), null), 0, 'ArrowLeft')).toEqual({ kind: 'none' });
    expect(keyAction(rows, at('b'), 'ArrowRight')).toEqual({ kind: 'move', index: at('c') });
    expect(keyAction(rows, at('d'), 'ArrowRight')).toEqual({ kind: 'none' });
    const folded = flatten(T.messages, T.roots, new Set(['b']), null);
    expect(keyAction(folded, 1, 'ArrowRight')).toEqual({ kind: 'expand', id: 'b' });
  });

  it('Enter opens a message, never a ghost', () => {
    expect(keyAction(rows, at('c'), 'Enter')).toEqual({ kind: 'open', id: 'c' });
    expect(keyAction(rows, at('g'), 'Enter')).toEqual({ kind: 'none' });
    expect(keyAction(rows, at('c'), 'x')).toEqual({ kind: 'none' });
  });

  it('starts the roving tabindex on the current message', () => {
    expect(initialIndex(rows, 'e')).toBe(at('e'));
    expect(initialIndex(rows, 'nope')).toBe(0);
    expect(initialIndex(rows, null)).toBe(0);
  });
});

describe('helpers', () => {
  it('subjectCore drops reply markers of any language and case', () => {
    expect(subjectCore('Re: RE: Aw: [PATCH v2 1/3] mm: x')).toBe('[patch v2 1/3] mm: x');
    expect(subjectCore('Re[2]: thing')).toBe('thing');
  });
  it('isFrom matches by address (any case, aliases), by name only without an address', () => {
    const p = { name: 'Bob', address: 'Bob@Example.org', aliases: ['bob@work.example'] };
    expect(isFrom({ name: 'B', address: 'bob@example.org' }, p)).toBe(true);
    expect(isFrom({ name: 'B', address: 'bob@work.example' }, p)).toBe(true);
    expect(isFrom({ name: 'Bob', address: '' }, p)).toBe(true);
    expect(isFrom({ name: 'Bob', address: 'other@example.org' }, p)).toBe(false);
    expect(isFrom(null, p)).toBe(false);
  });
  it('ancestorsOf walks up to the root, nearest first', () => {
    expect(ancestorsOf(T.messages, 'h')).toEqual(['g', 'e', 'a']);
    expect(ancestorsOf(T.messages, 'a')).toEqual([]);
  });
});

describe('the drawn slice of a big tree', () => {
  it('opens around the current message: a quarter of the page before it', () => {
    expect(initialRange(1000, 700, 150)).toEqual({ start: 663, end: 813 });
    expect(initialRange(1000, 10, 150)).toEqual({ start: 0, end: 150 });
    expect(initialRange(1000, 990, 150)).toEqual({ start: 850, end: 1000 });
    expect(initialRange(98, 50, 150)).toEqual({ start: 0, end: 98 });
    expect(initialRange(1000, -1, 150)).toEqual({ start: 0, end: 150 });
  });
  it('grows to hold a row the keyboard moves to, and shrinks with the rows', () => {
    expect(including({ start: 663, end: 813 }, 0, 1000)).toEqual({ start: 0, end: 813 });
    expect(including({ start: 663, end: 813 }, 999, 1000)).toEqual({ start: 663, end: 1000 });
    expect(including({ start: 663, end: 813 }, 700, 1000)).toEqual({ start: 663, end: 813 });
    expect(including({ start: 663, end: 813 }, 5, 40)).toEqual({ start: 5, end: 40 });
  });
  it('the tree and the conversation keep their slice when an equal one is set: no redraw for nothing', () => {
    for (const store of [createTreeStore(), createReadStore()]) {
      const drawn: Array<Range | null> = [];
      const stop = effect(() => void drawn.push(store.range.value));
      store.setRange({ start: 0, end: 150 });
      store.setRange({ start: 0, end: 150 });
      store.setRange({ start: 0, end: 160 });
      store.setRange(null);
      store.setRange(null);
      stop();
      expect(drawn).toEqual([null, { start: 0, end: 150 }, { start: 0, end: 160 }, null]);
    }
  });
});
