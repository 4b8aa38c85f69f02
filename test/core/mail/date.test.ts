import { describe, expect, it } from 'vitest';
import { parseMailDate } from '../../../src/core/mail/date.ts';

describe('parseMailDate', () => {
  it('reads RFC 5322 dates with zones', () => {
    expect(parseMailDate('Sat, 21 Jul 2018 10:17:33 -0700')).toBe('2018-07-21T17:17:33.000Z');
    expect(parseMailDate('21 Jul 2018 10:17 +0200')).toBe('2018-07-21T08:17:00.000Z');
    expect(parseMailDate('Mon, 1 Jul 2024 10:00:00 GMT')).toBe('2024-07-01T10:00:00.000Z');
    expect(parseMailDate('Tue, 17 Nov 2009 14:00:00 PST')).toBe('2009-11-17T22:00:00.000Z');
    expect(parseMailDate('Tue, 17 Nov 2009 14:00:00 +0100 (CET)')).toBe('2009-11-17T13:00:00.000Z');
  });
  it('reads the variants real mail has', () => {
    expect(parseMailDate('Fri, 3 Jan 97 1:02:03 +0000')).toBe('1997-01-03T01:02:03.000Z');
    expect(parseMailDate('Wed, 3 January 2001 1.02.03 -0000')).toBe('2001-01-03T01:02:03.000Z');
    expect(parseMailDate('Mon Nov 16 20:12:01 2009')).toBe('2009-11-16T20:12:01.000Z');
    expect(parseMailDate('2009-11-16 20:12:01 +0100')).toBe('2009-11-16T19:12:01.000Z');
    expect(parseMailDate('Thu, 01 Jul 2024 10:00:00 +0000')).toBe('2024-07-01T10:00:00.000Z'); // wrong weekday: ignored
    expect(parseMailDate('Wed 29 May 2019 06:09:22 PM EDT')).toBe('2019-05-29T22:09:22.000Z');
    expect(parseMailDate(', 11 Sep 2016 23:22:04 +0100')).toBe('2016-09-11T22:22:04.000Z');
    expect(parseMailDate(',  1 Jun 2016 22:00:54 +02')).toBe('2016-06-01T20:00:54.000Z');
    expect(parseMailDate('Thu, 13 Feb 1969 23:32 -0330 (Newfoundland Time)')).toBe('1969-02-14T03:02:00.000Z');
    expect(parseMailDate('Tue, 12 Oct 2010 16:21:05 H0500')).toBe('2010-10-12T16:21:05.000Z'); // junk zone: time kept
  });
  it('returns null, never now, for what it cannot read', () => {
    for (const bad of ['', 'not a date at all', 'Mon, 31 Feb 2020 10:00:00 +0000', 'Mon, 1 Jan 99999 10:00:00 +0000', 'Mon, 1 Jan 1850 10:00:00 +0000', 'Mon, 30 Jun 3609 15:33:50 +0600', '1 Foo 2020 10:00:00', 'Mon, 1 Jan 2020 25:00:00 +0000', 'Mon, 1 Jan 2020 10:00:00 +9999', 'x'.repeat(5000)]) {
      expect(parseMailDate(bad), bad.slice(0, 40)).toBeNull();
    }
    expect(parseMailDate(undefined)).toBeNull();
  });
});
