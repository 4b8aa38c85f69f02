/** Tree row words, the search within a thread, and "new since the last visit". */
import { describe, expect, it } from 'vitest';
import { marksLabel, rowSubject } from '../../src/panel/row-words.ts';
import { parseQuery, searchThread } from '../../src/panel/thread-search.ts';
import { newIds, newSinceText, nextNew } from '../../src/panel/new-marks.ts';
import { badgeText } from '../../src/background/browser/badge-text.ts';
import { stamp, zoneLabel } from '../../src/core/format.ts';
import { tree } from './fixtures.ts';

describe('row subjects', () => {
  const root = '[PATCH v3 00/12] mm: fix things';
  it('drops the series prefix the root shows, keeping the counter', () => {
    expect(rowSubject('[PATCH v3 03/12] mm: fix x', root)).toEqual({ counter: '3/12', text: 'mm: fix x' });
    expect(rowSubject('Re: [PATCH v3 03/12] mm: fix x', root)).toEqual({ counter: '3/12', text: 'mm: fix x' });
  });
  it('keeps a prefix that says something else, and the root itself', () => {
    expect(rowSubject('[PATCH v4 03/12] mm: fix x', root)).toEqual({ counter: null, text: '[PATCH v4 03/12] mm: fix x' });
    expect(rowSubject('[RFC] other idea', root)).toEqual({ counter: null, text: '[RFC] other idea' });
    expect(rowSubject(root, root)).toEqual({ counter: null, text: root });
    expect(rowSubject('no prefix', root)).toEqual({ counter: null, text: 'no prefix' });
    expect(rowSubject('[PATCH v3 03/12] x', null)).toEqual({ counter: null, text: '[PATCH v3 03/12] x' });
  });
});

describe('reply marks in words', () => {
  // which reply gave what is the ledger's (core/series/ledger-marks.ts, its own tests)
  it('says what a reply gave and that it says applied', () => {
    expect(marksLabel({ trailers: 'RA', applied: true })).toBe('gives Reviewed-by, Acked-by; says applied');
    expect(marksLabel({ trailers: '', applied: true })).toBe('says applied');
    // issue 16: from someone the ledger does not believe, no ✓ and the words say so
    expect(marksLabel({ trailers: '', applied: false, saysApplied: true })).toBe('says applied (unverified)');
  });
});

describe('search within the thread', () => {
  const t = tree(`
a | [PATCH] mm: x @ Andrew Morton
  b @ Jérôme Glisse
  c @ Michal Hocko`);
  const texts = { a: 'The patch.', b: 'This is a Use-After-Free in the OOM path', c: 'nak' };
  it('matches own text, subject and author; every word; from: narrows to authors; accents aside', () => {
    expect([...searchThread(t.messages, texts, parseQuery('use-after-free oom'))]).toEqual(['b']);
    expect([...searchThread(t.messages, texts, parseQuery('jerome'))]).toEqual(['b']);
    expect([...searchThread(t.messages, texts, parseQuery('from:hocko'))]).toEqual(['c']);
    expect([...searchThread(t.messages, texts, parseQuery('from:hocko oom'))]).toEqual([]);
    expect([...searchThread(t.messages, texts, parseQuery('"mm: x"'))]).toEqual(['a']);
    expect(parseQuery('  ')).toEqual({ words: [], authors: [] });
    expect(searchThread(t.messages, texts, parseQuery('')).size).toBe(0);
  });
});

describe('new since the last visit', () => {
  const t = tree('a\n  b\n  x~\n    c\n  d');
  it('nothing is new on a first visit; afterwards the real messages not seen', () => {
    expect(newIds(t.messages, null).size).toBe(0);
    expect(newIds(t.messages, { seen: null, lastVisit: null }).size).toBe(0);
    expect([...newIds(t.messages, { seen: ['a', 'b'], lastVisit: 1 })]).toEqual(['c', 'd']);
  });
  it('words the header and the badge', () => {
    const at = Date.parse('2026-12-03T10:40:00Z');
    expect(newSinceText(2, at, 'UTC')).toBe('2 new since 2026-12-03 10:40 UTC');
    expect(newSinceText(0, at, 'UTC')).toBe('');
    expect([badgeText(0), badgeText(7), badgeText(100)]).toEqual(['', '7', '99+']);
  });
  it('n walks the new messages in tree order, wrapping, skipping the current one', () => {
    const order = ['a', 'b', 'c', 'd'];
    const fresh = new Set(['b', 'd']);
    expect(nextNew(order, fresh, 'a')).toBe('b');
    expect(nextNew(order, fresh, 'b')).toBe('d');
    expect(nextNew(order, fresh, 'd')).toBe('b');
    expect(nextNew(order, fresh, null)).toBe('b');
    expect(nextNew(order, new Set(['a']), 'a')).toBeNull();
    expect(nextNew(order, new Set(), 'a')).toBeNull();
  });
});

describe('one date format, with the zone', () => {
  it('writes the offset of the zone the date is shown in', () => {
    const t = Date.parse('2018-07-20T23:30:00Z');
    expect(stamp('2018-07-20T23:30:00Z', 'UTC')).toBe('2018-07-20 23:30 UTC');
    expect(stamp(t, 'Asia/Tokyo')).toBe('2018-07-21 08:30 UTC+9');
    expect(stamp(t, 'Asia/Kolkata')).toBe('2018-07-21 05:00 UTC+5:30');
    expect(stamp(t, 'America/New_York')).toBe('2018-07-20 19:30 UTC-4');
    expect(zoneLabel(Date.parse('2018-01-20T12:00:00Z'), 'America/New_York')).toBe('UTC-5');
    expect(stamp(null)).toBe('no date');
    // The reader's own zone: whatever it is, the label agrees with the getters.
    const off = -new Date(t).getTimezoneOffset();
    expect(zoneLabel(t)).toBe(off === 0 ? 'UTC' : expect.stringMatching(/^UTC[+-]\d/));
  });
});

describe('reading keys', () => {
  it('never fire while the reader types in a field', async () => {
    const { typing } = await import('../../src/panel/reading-keys.ts');
    expect(typing({ tagName: 'INPUT', type: 'search' } as unknown as EventTarget)).toBe(true);
    expect(typing({ tagName: 'textarea' } as unknown as EventTarget)).toBe(true);
    expect(typing({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(typing({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(typing({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
    expect(typing(null)).toBe(false);
  });
});
