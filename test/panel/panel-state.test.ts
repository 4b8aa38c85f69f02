import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/core/types.ts';
import type { PanelEvent } from '../../src/protocol.ts';
import type { Resolution } from '../../src/sites/types.ts';
import { focusOn, inThread, opening, reduce, type PanelState } from '../../src/panel/panel-state.ts';
import { pickFocus } from '../../src/background/load/focus.ts';
import { statuses } from '../../src/panel/status-model.ts';
import { tree } from './fixtures.ts';

const T = tree(`
g~
  a | [PATCH] mm: x @ Alice
    b | Re: [PATCH] mm: x @ Bob
`);
const analysis: Analysis = { messages: T.messages, roots: T.roots, participants: [], series: [], errors: [] };
const res = (over: Partial<Resolution> = {}): Resolution => ({
  archive: 'public-inbox',
  kind: 'message',
  list: 'linux-mm',
  messageId: 'b',
  inboxUrl: 'https://lore.kernel.org/linux-mm/',
  threadUrl: 'https://lore.kernel.org/linux-mm/b/',
  confidence: 'exact',
  needsPage: null,
  search: null,
  ...over,
});
const KEY = 'https://lore.kernel.org/linux-mm/\ng';
const replay = (events: PanelEvent[], from: PanelState = opening('https://lore.kernel.org/linux-mm/b/')): PanelState => events.reduce(reduce, from);

describe('panel state from worker events', () => {
  it('a network load: resolved, progress, tree first, then the analysis with the focus', () => {
    const afterTree = replay([
      { type: 'resolved', resolution: res(), threadKey: null },
      { type: 'progress', progress: { phase: 'download', bytes: 1000, messages: 0 } },
      { type: 'tree', threadKey: KEY, thread: { messages: T.messages, roots: T.roots }, focus: 'b' },
    ]);
    expect(afterTree).toMatchObject({ loading: true, threadKey: KEY, focus: 'b', analysis: null });
    expect(afterTree.messages).toHaveLength(3);
    const done = reduce(afterTree, { type: 'analysis', threadKey: KEY, analysis, focus: 'b', cache: { cachedAt: 1, offline: false, state: 'fresh' }, url: 'u' });
    expect(done).toMatchObject({ loading: false, progress: null, focus: 'b', error: null });
  });

  it('a cached reopen, then the refresh finds the archive down: the thread stays, marked offline', () => {
    const s = replay([
      { type: 'resolved', resolution: res(), threadKey: KEY },
      { type: 'analysis', threadKey: KEY, analysis, focus: 'a', cache: { cachedAt: 5, offline: false, state: 'refreshing' }, url: 'u' },
      { type: 'cache', threadKey: KEY, cache: { cachedAt: 5, offline: true, state: 'cached' } },
    ]);
    expect(s.cache).toEqual({ cachedAt: 5, offline: true, state: 'cached' });
    expect(s.focus).toBe('a');
    expect(s.messages).toHaveLength(3);
  });

  it('a 429 the load waits out is said while it lasts, and is no failure', () => {
    const waiting = replay([
      { type: 'resolved', resolution: res(), threadKey: null },
      { type: 'wait', seconds: 7, message: 'lore.kernel.org asked ListLens to wait; trying again in 7 s.' },
    ]);
    expect(waiting).toMatchObject({ loading: true, error: null, notice: null });
    const said = statuses(waiting);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ tone: 'info', title: 'Waiting for the archive', retry: false });
    expect(said[0]!.detail).toContain('trying again in 7 s');
    const moving = reduce(waiting, { type: 'progress', progress: { phase: 'download', bytes: 10, messages: 0 } });
    expect(moving.waiting).toBeNull();
    expect(statuses(moving)).toEqual([]);
  });

  it('an error with a thread on screen is a notice; without one it is the whole state', () => {
    const shown = replay([
      { type: 'analysis', threadKey: KEY, analysis, focus: 'a', cache: { cachedAt: 5, offline: false, state: 'fresh' }, url: 'u' },
      { type: 'error', error: { kind: 'quota', message: 'The thread is shown but could not be saved.' }, cache: null },
    ]);
    expect(shown.error).toBeNull();
    expect(shown.notice?.kind).toBe('quota');
    expect(statuses(shown).map((x) => x.tone)).toEqual(['warn']);

    const none = replay([
      { type: 'resolved', resolution: res({ kind: 'not-found' }), threadKey: null },
      { type: 'error', error: { kind: 'not-found', message: 'The archive does not have this message (it answered "not found").' }, cache: null },
    ]);
    expect(none).toMatchObject({ loading: false, notice: null });
    expect(statuses(none)[0]).toMatchObject({ tone: 'error', title: 'This Message-ID is not in the archive', retry: false });
  });

  it('context of another thread (a late answer) is ignored', () => {
    const s = replay([{ type: 'analysis', threadKey: KEY, analysis, focus: 'b', cache: { cachedAt: 1, offline: false, state: 'fresh' }, url: 'u' }]);
    expect(reduce(s, { type: 'context', threadKey: 'other', id: 'b', entries: [] }).context).toBeNull();
    expect(reduce(s, { type: 'context', threadKey: KEY, id: 'a', entries: [] }).context).toBeNull();
    expect(reduce(s, { type: 'context', threadKey: KEY, id: 'b', entries: [] }).context).toEqual({ id: 'b', entries: [] });
  });

  it('a refresh keeps the message the reader moved to', () => {
    let s = replay([{ type: 'analysis', threadKey: KEY, analysis, focus: 'b', cache: { cachedAt: 1, offline: false, state: 'fresh' }, url: 'u' }]);
    s = focusOn(s, 'a', 'https://lore.kernel.org/linux-mm/a/');
    s = reduce(s, { type: 'analysis', threadKey: KEY, analysis, focus: 'b', cache: { cachedAt: 2, offline: false, state: 'fresh' }, url: 'u' });
    expect(s.focus).toBe('a');
    expect(s.url).toBe('https://lore.kernel.org/linux-mm/a/');
  });

  it('focus never lands on a ghost; falls back to the resolved id, then the first real message', () => {
    expect(pickFocus(T.messages, T.roots, 'g', null)).toBe('a');
    expect(pickFocus(T.messages, T.roots, null, res({ messageId: 'b' }))).toBe('b');
    expect(pickFocus(T.messages, T.roots, 'zz', res({ messageId: 'zz' }))).toBe('a');
    expect(inThread(replay([{ type: 'tree', threadKey: KEY, thread: T, focus: 'a' }]), 'g')).toBe(false);
  });
});

describe('statuses', () => {
  it('a list index is list-level state, not an error', () => {
    const s = replay([{ type: 'resolved', resolution: res({ kind: 'index', messageId: null, threadUrl: null }), threadKey: null }]);
    const st = statuses(s);
    expect(st).toHaveLength(1);
    expect(st[0]).toMatchObject({ tone: 'info' });
    expect(`${st[0]?.title} ${st[0]?.detail}`).toMatch(/not a message/);
    expect(st[0]?.detail).toMatch(/open a message/i);
  });

  it('a search-matched thread says the match is uncertain', () => {
    const s = replay([{ type: 'resolved', resolution: res({ confidence: 'search', archive: 'spinics' }), threadKey: null }]);
    const text = statuses(s).map((x) => `${x.title} ${x.detail}`).join(' ');
    expect(text).toMatch(/uncertain/i);
    expect(text).toContain('matched by subject and author and may be the wrong one');
  });

  it('a bot check says so, offers a retry, and keeps a long worker sentence to one line', () => {
    const s = replay([{ type: 'error', error: { kind: 'challenge', message: 'lore.kernel.org answered with a bot check (Anubis).\n  at fetch (x.js:1)' }, cache: null }]);
    const [st] = statuses(s);
    expect(st).toMatchObject({ tone: 'error', retry: true });
    expect(st?.title).toMatch(/bot check|challenge/);
    expect(st?.detail).not.toContain('x.js');
  });

  it('a public-inbox host without permission offers to enable it', () => {
    const s: PanelState = { ...opening(''), loading: false, host: { origin: 'https://inbox.example', pattern: 'https://inbox.example/*' } };
    expect(statuses(s)).toEqual([expect.objectContaining({ enableHost: true, title: 'https://inbox.example looks like a public-inbox archive' })]);
  });
});
