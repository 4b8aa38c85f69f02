import { describe, expect, it } from 'vitest';
import type { Participant } from '../../src/core/types.ts';
import { cacheNote, counts, lastActivity, progressText, threadSubject } from '../../src/panel/header-model.ts';
import { archiveId, messageUrl, midFromArchiveUrl, readParams, withUrlParam, withView } from '../../src/panel/nav.ts';
import { displayName, ordered, roleText, trailerText } from '../../src/panel/participants-model.ts';
import { tree } from './fixtures.ts';

describe('header words', () => {
  const T = tree(`
g~
  a | [PATCH] mm: x @ Alice
    b | Re: [PATCH] mm: x @ Bob
`);
  it('subject of the first real message, counts with ghosts, last activity', () => {
    expect(threadSubject(T.messages, T.roots)).toBe('[PATCH] mm: x');
    expect(counts(T.messages, 2, 1)).toEqual(['2 messages', '1 not in the archive', '2 participants']);
    expect(counts(T.messages, null, 3)).toEqual(['2 messages', '1 not in the archive', '3 versions']);
    expect(counts(T.messages, 2, 1, 1)).toEqual(['2 messages', '1 not in the archive', '2 participants', '1 message could not be read']);
    expect(lastActivity(T.messages)).toBe(T.messages[2]?.date);
  });
  it('cache notes: offline, refreshing, cached, fresh', () => {
    const at = Date.parse('2024-05-02T10:11:00Z');
    expect(cacheNote({ cachedAt: at, offline: true, state: 'cached' }, at, 'UTC')).toBe('cached at 2024-05-02 10:11, offline: the archive could not be reached');
    expect(cacheNote({ cachedAt: at, offline: false, state: 'refreshing' }, at, 'UTC')).toBe('cached at 2024-05-02 10:11, refreshing…');
    expect(cacheNote({ cachedAt: at, offline: false, state: 'fresh' }, at + 180_000, 'UTC')).toBe('checked with the archive 3 minutes ago');
    expect(cacheNote(null, at)).toBe('');
  });
  it('progress in words', () => {
    expect(progressText({ phase: 'download', bytes: 2048, messages: 0 })).toBe('Downloading the thread… 2 KB');
    expect(progressText({ phase: 'bodies', bytes: 0, messages: 12 })).toBe('Reading messages… 12 messages');
    expect(progressText(null)).toBe('Loading…');
  });
});

describe('navigation', () => {
  it('message URLs are the inbox plus the escaped id, and read back', () => {
    const inbox = 'https://lore.kernel.org/linux-mm/';
    const url = messageUrl(inbox, 'CAA9_cmf0t+DEk5@mail.gmail.com');
    expect(url).toBe('https://lore.kernel.org/linux-mm/CAA9_cmf0t+DEk5@mail.gmail.com/');
    expect(messageUrl('https://yhbt.net/lore/all', 'a/b@c')).toBe('https://yhbt.net/lore/all/a%2Fb@c/');
    expect(midFromArchiveUrl('https://yhbt.net/lore/all/a%2Fb@c/', 'https://yhbt.net/lore/all/')).toBe('a/b@c');
    expect(midFromArchiveUrl('https://lore.kernel.org/lkml/x@y/T/#u', 'https://lore.kernel.org/lkml/')).toBe('x@y');
    expect(midFromArchiveUrl('https://other.org/x@y/', 'https://lore.kernel.org/lkml/')).toBeNull();
  });
  it('reused ids go to their one archive page; synthetic ids have none', () => {
    expect(archiveId({ id: 'x@y#2', ghost: false })).toBe('x@y');
    expect(archiveId({ id: 'synthetic.0123abcd@listlens.invalid', ghost: false })).toBeNull();
  });
  it('reads ?url= (http(s) only) and ?tab=, and rewrites ?url=', () => {
    expect(readParams('?url=' + encodeURIComponent('https://lore.kernel.org/a/b@c/'))).toEqual({ url: 'https://lore.kernel.org/a/b@c/', tab: null, view: null });
    expect(readParams('?url=javascript:alert(1)&tab=12')).toEqual({ url: null, tab: 12, view: null });
    expect(readParams('?tab=-1')).toEqual({ url: null, tab: null, view: null });
    // the series' wide view, and nothing else by that name
    expect(readParams('?url=https%3A%2F%2Flore.kernel.org%2Fa%2Fb%40c%2F&view=series').view).toBe('series');
    expect(readParams('?view=tree').view).toBeNull();
    expect(withView('chrome-extension://id/panel.html?url=x', 'series')).toBe('chrome-extension://id/panel.html?url=x&view=series');
    // the pop-out keeps the view when the thread changes
    expect(withUrlParam('chrome-extension://id/panel.html?url=x&view=series', 'y')).toBe('chrome-extension://id/panel.html?url=y&view=series');
    expect(withUrlParam('chrome-extension://id/panel.html?url=x', 'https://lore.kernel.org/a/b@c/')).toBe('chrome-extension://id/panel.html?url=https%3A%2F%2Flore.kernel.org%2Fa%2Fb%40c%2F');
  });
});

describe('participants', () => {
  const p = (name: string, messages: number, roles: string[] = []): Participant => ({ name, address: `${name.toLowerCase()}@x.org`, aliases: [], messages, first: null, last: null, roles, trailers: {} });
  it('series authors first, then by messages', () => {
    expect(ordered([p('Bob', 9), p('Alice', 2, ['author']), p('Carol', 12)]).map((x) => x.name)).toEqual(['Alice', 'Carol', 'Bob']);
  });
  it('roles and trailers in words', () => {
    expect(roleText(['author', 'reviewer', 'acker'])).toBe('series author, reviewer, acked');
    expect(trailerText({ 'Reviewed-by': 3, 'Acked-by': 1, 'Tested-by': 0 })).toBe('Acked-by, Reviewed-by ×3');
    expect(trailerText({ 'Signed-off-by': 42 })).toBe('');
    expect(displayName({ name: '', address: '' })).toBe('(unnamed)');
  });
});
