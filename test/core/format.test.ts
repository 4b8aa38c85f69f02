import { describe, expect, it } from 'vitest';
import { bytes, dateTime, plural, relative, shortDate } from '../../src/core/format.ts';

describe('dates', () => {
  it('shortDate: "Jul 20" in the reference year, with the year otherwise, nothing for no date', () => {
    expect(shortDate('2018-07-20T19:57:47Z', '2018-07-21T00:00:00Z', 'UTC')).toBe('Jul 20');
    expect(shortDate('2017-12-31T23:00:00Z', '2018-01-01T10:00:00Z', 'UTC')).toBe('Dec 31, 2017');
    expect(shortDate('2018-07-20T19:57:47Z', null, 'UTC')).toBe('Jul 20, 2018');
    expect(shortDate(null)).toBe('');
    expect(shortDate('garbage')).toBe('');
  });

  it('follows the time zone it is given', () => {
    expect(shortDate('2018-07-20T23:30:00Z', '2018-01-01T00:00:00Z', 'Asia/Tokyo')).toBe('Jul 21');
    expect(dateTime('2018-07-20T23:30:00Z', 'UTC')).toBe('2018-07-20 23:30');
    expect(dateTime('2018-07-20T23:30:00Z', 'Asia/Tokyo')).toBe('2018-07-21 08:30');
    expect(dateTime(null)).toBe('no date');
  });

  it('relative: past, now and clock-skewed future', () => {
    const now = Date.parse('2024-05-10T12:00:00Z');
    expect(relative('2024-05-10T11:59:30Z', now)).toBe('just now');
    expect(relative('2024-05-10T11:00:00Z', now)).toBe('1 hour ago');
    expect(relative('2024-05-07T12:00:00Z', now)).toBe('3 days ago');
    expect(relative('2022-05-10T12:00:00Z', now)).toBe('2 years ago');
    expect(relative('2024-05-11T12:00:00Z', now)).toBe('in the future');
    expect(relative(null, now)).toBe('unknown');
  });
});

describe('counts', () => {
  it('plural and bytes', () => {
    expect(plural(1, 'message')).toBe('1 message');
    expect(plural(0, 'reply', 'replies')).toBe('0 replies');
    expect(bytes(12)).toBe('12 bytes');
    expect(bytes(2048)).toBe('2 KB');
    expect(bytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});
