import { describe, expect, it } from 'vitest';
import type { Participant, Series, SeriesPatch, SeriesVersion } from '../../src/core/types.ts';
import { patchTitle, pickSeries, presence, trailerNames, versionRows } from '../../src/panel/series-view.ts';
import { cacheNote, counts, lastActivity, progressText, threadSubject } from '../../src/panel/header-model.ts';
import { archiveId, messageUrl, midFromArchiveUrl, readParams, withUrlParam } from '../../src/panel/nav.ts';
import { displayName, ordered, roleText, trailerText } from '../../src/panel/participants-model.ts';
import { tree } from './fixtures.ts';

const patch = (counter: number, trailers: Array<[string, string]> = []): SeriesPatch => ({
  counter,
  id: `p${counter}@x`,
  subject: `[PATCH v2 ${counter}/8] mm: part ${counter}`,
  trailers: trailers.map(([name, who]) => ({ name, value: `${who} <${who.toLowerCase()}@x.org>`, person: { name: who, address: `${who.toLowerCase()}@x.org` }, from: 'r@x' })),
  counts: { reviewed: 0, acked: 0, tested: 0 },
  borrowedFrom: null,
});
const version = (v: number, patches: SeriesPatch[], total: number, missing: number[]): SeriesVersion => ({
  version: v,
  versionInferred: false,
  total,
  cover: `c${v}@x`,
  date: '2024-01-0' + v + 'T00:00:00Z',
  subject: `[PATCH v${v} 0/${total}] mm: parts`,
  patches,
  missing,
  coverTrailers: [],
  changeId: null,
});

describe('series view', () => {
  const series: Series = {
    subject: 'mm: parts',
    author: { name: 'Alice', address: 'alice@x.org' },
    changeId: null,
    versions: [version(2, [1, 2, 3, 5].map((c) => patch(c)), 8, [4, 6, 7, 8])],
  };

  it('says how much of a version is present', () => {
    expect(presence(series.versions[0] as SeriesVersion)).toBe('4 of 8 present');
    expect(presence(version(1, [patch(1)], 1, []))).toBe('1 patch');
  });

  it('merges versions found by search with those in the thread, v1…vN, the thread winning', () => {
    const rows = versionRows(series, [
      { version: 3, subject: '[PATCH v3 0/8] mm: parts', url: 'https://lore.kernel.org/all/v3@x/', date: null, inThread: false },
      { version: 1, subject: '[PATCH 0/8] mm: parts', url: 'https://lore.kernel.org/all/v1@x/', date: '2023-12-01T00:00:00Z', inThread: false },
      { version: 2, subject: 'dup', url: 'https://lore.kernel.org/all/c2@x/', date: null, inThread: true },
    ]);
    expect(rows.map((r) => [r.version, !!r.inThread, r.url])).toEqual([
      [1, false, 'https://lore.kernel.org/all/v1@x/'],
      [2, true, null],
      [3, false, 'https://lore.kernel.org/all/v3@x/'],
    ]);
    expect(versionRows(null, [])).toEqual([]);
  });

  it('trailer names per kind, each person once, other trailers left out', () => {
    const p = patch(1, [
      ['Reviewed-by', 'Bob'],
      ['Reviewed-by', 'Bob'],
      ['Acked-by', 'Carol'],
      ['Signed-off-by', 'Alice'],
      ['Tested-by', 'Dan'],
    ]);
    expect(trailerNames(p)).toEqual({ 'Reviewed-by': ['Bob'], 'Acked-by': ['Carol'], 'Tested-by': ['Dan'] });
  });

  it('picks the series holding the current message, else the biggest', () => {
    const small: Series = { ...series, subject: 'small', versions: [version(1, [patch(1)], 1, [])] };
    expect(pickSeries([small, series], 'p3@x')).toBe(series);
    expect(pickSeries([small, series], 'p1@x')).toBe(small);
    expect(pickSeries([small, series], null)).toBe(series);
    expect(pickSeries([], null)).toBeNull();
  });
});

describe('patch titles', () => {
  it('drops the bracketed prefixes the counter already says', () => {
    expect(patchTitle('[PATCH 01/44] arch/arm: Remove unnecessary semicolons')).toBe('arch/arm: Remove unnecessary semicolons');
    expect(patchTitle('[uml-user] [PATCH 03/44] arch/um: x')).toBe('arch/um: x');
    expect(patchTitle('Re: [PATCH v2 1/3] mm: y')).toBe('mm: y');
    expect(patchTitle('[PATCH]')).toBe('[PATCH]');
  });
});

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
    expect(readParams('?url=' + encodeURIComponent('https://lore.kernel.org/a/b@c/'))).toEqual({ url: 'https://lore.kernel.org/a/b@c/', tab: null });
    expect(readParams('?url=javascript:alert(1)&tab=12')).toEqual({ url: null, tab: 12 });
    expect(readParams('?tab=-1')).toEqual({ url: null, tab: null });
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
