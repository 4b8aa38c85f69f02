import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from '../../src/panel/linkify.ts';

const links = (t: string): string[] => linkify(t).flatMap((s) => (s.kind === 'link' ? [s.text] : []));

describe('linkify', () => {
  it('links http and https URLs and keeps every other character as text, in order', () => {
    const text = 'See https://lore.kernel.org/linux-mm/20180720.GE7697@redhat.com/ and http://example.org/x?a=1&b=2#c.';
    const segs = linkify(text);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(links(text)).toEqual(['https://lore.kernel.org/linux-mm/20180720.GE7697@redhat.com/', 'http://example.org/x?a=1&b=2#c']);
  });

  it('never links other schemes, however they are dressed', () => {
    for (const t of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'ftp://x.org/', 'mailto:a@b.c', 'vbscript:x']) {
      expect(links(t)).toEqual([]);
    }
    expect(links('xhttps://a.b/')).toEqual([]);
    expect(links('http://')).toEqual([]);
  });

  it('drops punctuation around a URL, keeps balanced parentheses inside it', () => {
    expect(links('(see https://en.wikipedia.org/wiki/Foo_(bar)).')).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)']);
    expect(links('<https://a.example/x>, "https://b.example/y"; [https://c.example/z]')).toEqual(['https://a.example/x', 'https://b.example/y', 'https://c.example/z']);
    expect(links('Link: https://patch.msgid.link/20240101.1234-1-a@b.c!')).toEqual(['https://patch.msgid.link/20240101.1234-1-a@b.c']);
  });

  it('keeps markup in mail as plain text segments', () => {
    const t = '<script>alert(1)</script><img src=x onerror=alert(1)> https://ok.example/';
    const segs = linkify(t);
    expect(segs[0]).toEqual({ kind: 'text', text: '<script>alert(1)</script><img src=x onerror=alert(1)> ' });
    expect(segs[1]).toMatchObject({ kind: 'link', href: 'https://ok.example/' });
  });

  it('safeHref accepts only http(s) with a host', () => {
    expect(safeHref('https://x.org/a b')).toBe('https://x.org/a%20b');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});
