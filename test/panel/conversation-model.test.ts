/**
 * The conversation view's model over real LKML mail: Mark Brown and Joe Perches arguing over
 * "[PATCH 44/44] sound/soc/codecs" (November 2010) quote each other line by line, so the view
 * must fold exactly the quotes of text already on screen and keep each reply's own words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseMbox, type AnalysisResult } from '../../src/core/analyse.ts';
import { messageEntries } from '../../src/core/thread/context.ts';
import type { ContextEntry, ThreadMessage } from '../../src/core/types.ts';
import { conversationFolds, conversationIds, isRepeat, normalizeLine, step } from '../../src/panel/conversation-model.ts';
import { corpusDir, readCorpus } from '../helpers/corpus.ts';
import { tree } from './fixtures.ts';

const COVER = 'cover.1289789604.git.joe@perches.com';
const PATCH44 = '97fd199b7dac50613f6843156687223928cce44a.1289789605.git.joe@perches.com';
const V2 = '1289840957.16461.138.camel@Joe-Laptop';
const APPLIED = '20101115173031.GI12986@rakim.wolfsonmicro.main';
const JOE = '1289842444.16461.140.camel@Joe-Laptop';

describe('which messages a conversation holds', () => {
  const t = tree(`
a
  b
    c
      d
    e
  f
    g`);
  it('ancestors root first, the anchor, then all replies depth first', () => {
    expect(conversationIds(t.messages, 'b')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(conversationIds(t.messages, 'd')).toEqual(['a', 'b', 'c', 'd']);
    expect(conversationIds(t.messages, 'a')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(conversationIds(t.messages, 'nope')).toEqual([]);
  });

  it('survives a cycle the core let through, and a chain 5,000 deep', () => {
    const cyc = tree('x\n  y');
    (cyc.messages[0] as ThreadMessage).parent = 'y';
    expect(conversationIds(cyc.messages, 'y')).toEqual(['x', 'y']);
    const deep = tree(Array.from({ length: 5000 }, (_, i) => '  '.repeat(i) + `m${i}`).join('\n'));
    expect(conversationIds(deep.messages, 'm2500')).toHaveLength(5000);
  });

  it('j/k step through it and stop at either end, skipping what `skip` says', () => {
    const ids = ['a', 'b', 'c'];
    expect(step(ids, 'a', 1)).toBe('b');
    expect(step(ids, 'c', 1)).toBeNull();
    expect(step(ids, 'a', -1)).toBeNull();
    expect(step(ids, null, 1)).toBe('a');
    expect(step(ids, 'a', 1, (id) => id === 'b')).toBe('c');
  });
});

describe('what counts as already read', () => {
  it('compares lines without quote markers and spacing, ignoring lines too short to tell', () => {
    expect(normalizeLine('> >  foo   bar')).toBe('foo bar');
    const shown = new Set(['applied, thanks.', 'Please try to use changelog formats']);
    expect(isRepeat(['> Please try to use   changelog formats', '>', '> ok'], shown)).toBe(true);
    expect(isRepeat(['> Something never said', '> Please try to use changelog formats'], shown)).toBe(false);
    expect(isRepeat(['>', '> }'], shown)).toBe(false);
  });
});

describe.runIf(corpusDir)('folding a real argument in one scroll', () => {
  let r: AnalysisResult;
  let byId: Map<string, ThreadMessage>;
  let entries: ContextEntry[];
  beforeAll(async () => {
    r = await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'));
    byId = new Map(r.analysis.messages.map((m) => [m.id, m]));
    entries = await messageEntries(r.bytes, r.analysis, r.heads, conversationIds(r.analysis.messages, PATCH44));
  });

  it('holds the patch, its cover, and the 34 replies below it, in tree order', () => {
    expect(entries.slice(0, 2).map((e) => e.id)).toEqual([COVER, PATCH44]);
    expect(entries).toHaveLength(36);
    const pos = new Map(entries.map((e, i) => [e.id, i]));
    for (const e of entries.slice(2)) expect(pos.get(byId.get(e.id)!.parent!)).toBeLessThan(pos.get(e.id)!);
  });

  it('folds a quote of text shown above, keeps the reply`s own words, and says whom it quotes', () => {
    const { folds, repeats } = conversationFolds(entries, byId, PATCH44);
    // Joe quotes his own Signed-off-by and Mark's "Applied, thanks": both are above, both fold.
    const joe = entries.find((e) => e.id === JOE)!;
    expect(joe.blocks.map((b) => b.kind)).toEqual(['quote', 'quote', 'text']);
    expect(repeats.get(JOE)).toEqual([0, 1]);
    expect(folds.get(JOE)!.map((f) => [f.foldable, f.folded])).toEqual([
      [true, true],
      [true, true],
      [false, false],
    ]);
    expect(folds.get(JOE)![1]!.label).toBe('3 quoted lines — Mark Brown, Nov 15');
    expect(joe.blocks[2]!.lines[0]).toBe("I think it's more important to use consistent changelogs");
    // Mark's "Applied, thanks" quotes the v2's Signed-off-by, which the v2 showed above.
    expect(repeats.get(APPLIED)).toEqual([0]);
    // The v2 itself quotes nothing, and its diff is folded as a diff.
    expect(repeats.has(V2)).toBe(false);
    expect(folds.get(V2)!.map((f) => f.label)).toEqual(['', 'diff: 51 lines in 4 files']);
  });

  it('does not fold a quote whose source is not above (the conversation of a reply deep down)', () => {
    const ids = conversationIds(r.analysis.messages, APPLIED);
    const only = entries.filter((e) => e.id === APPLIED || e.id === JOE);
    const { repeats } = conversationFolds(only, byId, APPLIED);
    expect(ids.slice(0, 5)).toEqual([COVER, PATCH44, '20101115134939.GC12986@rakim.wolfsonmicro.main', V2, APPLIED]);
    // Mark's quote of the v2 has nothing above it in this cut: it stays as foldOf says (open),
    // and then counts as read when Joe quotes the same line again.
    expect(repeats.has(APPLIED)).toBe(false);
    expect(repeats.get(JOE)).toEqual([0, 1]);
  });
});

describe('drawing a long conversation in slices', () => {
  it('starts with the ancestors, the anchor and a slice of replies', async () => {
    const { initialSlice } = await import('../../src/panel/conversation-model.ts');
    expect(initialSlice(100, 3, 20)).toEqual({ start: 0, end: 24 });
    expect(initialSlice(100, 60, 20)).toEqual({ start: 40, end: 81 });
    expect(initialSlice(5, 4, 20)).toEqual({ start: 0, end: 5 });
    expect(initialSlice(0, 0, 20)).toEqual({ start: 0, end: 0 });
  });
  it('a message closes by the reader`s toggle, else by the search, else by collapse-all', async () => {
    const { isCollapsed } = await import('../../src/panel/conversation-model.ts');
    const none = new Map<string, boolean>();
    expect(isCollapsed('a', 'open', none, null)).toBe(false);
    expect(isCollapsed('a', 'closed', none, null)).toBe(true);
    expect(isCollapsed('a', 'open', none, new Set(['b']))).toBe(true);
    expect(isCollapsed('b', 'closed', none, new Set(['b']))).toBe(false);
    expect(isCollapsed('a', 'open', new Map([['a', false]]), new Set(['b']))).toBe(false);
  });
});
