import { describe, expect, it } from 'vitest';
import { listRewrite, parseAddress } from '../../../src/core/mail/address.ts';

describe('parseAddress', () => {
  it('reads names, quoted names and encoded words', () => {
    expect(parseAddress('"Foo, Bar" <foo@bar.com>')).toEqual({ name: 'Foo, Bar', address: 'foo@bar.com' });
    expect(parseAddress('=?UTF-8?Q?Rafa=C5=82_Mi=C5=82ecki?= <zajec5@gmail.com>')).toEqual({ name: 'Rafał Miłecki', address: 'zajec5@gmail.com' });
  });
  it('takes the first of several and the comment as a name', () => {
    expect(parseAddress('A <a@b.c>, B <b@c.d>')).toEqual({ name: 'A', address: 'a@b.c' });
    expect(parseAddress('foo@bar.com (Foo Bar)')).toEqual({ name: 'Foo Bar', address: 'foo@bar.com' });
  });
  it('keeps gmane addresses as they are', () => {
    expect(parseAddress('John <john-PWySMVKUnqN_Q@public.gmane.org>').address).toBe('john-PWySMVKUnqN_Q@public.gmane.org');
  });
  it("undoes pipermail's obfuscation", () => {
    expect(parseAddress('keithp at keithp.com (Keith Packard)')).toEqual({ name: 'Keith Packard', address: 'keithp@keithp.com' });
    // Mailman 2 writes a sender without a name with the address, obfuscated, as the name.
    expect(parseAddress('carol at example.com (carol at example.com)')).toEqual({ name: '', address: 'carol@example.com' });
  });
  it('drops comments, also inside the address, unless the comment is the only name', () => {
    expect(parseAddress('Nathaniel Borenstein <nsb@thumper.bellcore.com> (=?ISO8859-8?b?7eXs+SDv4SDp7Oj08A==?=)').name).toBe('Nathaniel Borenstein');
    expect(parseAddress('(this is \\(really\\) a "comment" (honestly)) "A U Thor" <somebody@example.com>')).toEqual({ name: 'A U Thor', address: 'somebody@example.com' });
    expect(parseAddress('Pete(A wonderful \\) chap) <pete(his account)@silly.test(his host)>')).toEqual({ name: 'Pete', address: 'pete@silly.test' });
    expect(parseAddress('A (zzz) U Thor <a.u.thor@example.com> (Comment)')).toEqual({ name: 'A U Thor', address: 'a.u.thor@example.com' });
    expect(parseAddress('x@y.org (=?utf-8?q?J=C3=B6rg?=)')).toEqual({ name: 'Jörg', address: 'x@y.org' });
  });
  it('never throws and returns empty for nothing', () => {
    expect(parseAddress('')).toEqual({ name: '', address: '' });
    expect(parseAddress('Undisclosed recipients:;')).toEqual({ name: 'Undisclosed recipients:;', address: '' });
    expect(parseAddress('<<<>>>@@@,,,"')).toBeTypeOf('object');
  });
});

describe('listRewrite', () => {
  it("reads a list's DMARC rewrite of From back as the sender's name", () => {
    expect(listRewrite({ name: "'Alice Smith' via kasan-dev", address: 'kasan-dev@googlegroups.com' })).toEqual({ name: 'Alice Smith', list: 'kasan-dev' });
    expect(listRewrite({ name: 'Bob Jones via Linux-MM', address: 'linux-mm@kvack.org' })).toEqual({ name: 'Bob Jones', list: 'Linux-MM' });
    // Mailman names the list by its display name; the List-Id says it is that list
    expect(listRewrite({ name: 'Carol Example via Dev', address: 'dev-list@lists.example.org' }, 'dev.lists.example.org')).toEqual({ name: 'Carol Example', list: 'Dev' });
  });

  it('leaves a name with "via" in it alone when the address is nobody\'s list', () => {
    expect(listRewrite({ name: 'Maria Via Lopez', address: 'maria@example.org' })).toBeNull();
    expect(listRewrite({ name: 'Sent via phone', address: 'sent@example.org' })).toBeNull();
    expect(listRewrite({ name: 'Alice Smith', address: 'kasan-dev@googlegroups.com' })).toBeNull();
  });
});
