import { describe, expect, it } from 'vitest';
import { encodeMidForUrl, parseMessageIds, stripComments, syntheticId } from '../../../src/core/mail/message-id.ts';

describe('parseMessageIds', () => {
  it('returns bare ids in order, duplicates dropped', () => {
    expect(parseMessageIds('<a@b> <c@d>\n\t<a@b>')).toEqual(['a@b', 'c@d']);
  });
  it('ignores free text around an In-Reply-To id', () => {
    expect(parseMessageIds('<20091117190054.GU3165@x.edu> (Lars Kellogg-Stedman\'s message of "Tue, 17 Nov 2009")')).toEqual(['20091117190054.GU3165@x.edu']);
    expect(parseMessageIds('<id@host> from "Jane Doe" at Jan 1, 2020')).toEqual(['id@host']);
    expect(parseMessageIds('Your message of "Mon, 1 Jan 2001"')).toEqual([]);
  });
  it('takes no id out of a comment', () => {
    expect(parseMessageIds('<real@x> (see <fake@y>)')).toEqual(['real@x']);
    expect(stripComments('a (b (c) d) e "q (not) q"')).toBe('a   e "q (not) q"');
  });
  it('drops junk tokens and over-long ids', () => {
    expect(parseMessageIds('<yes> <y> <n> <ok@x>')).toEqual(['ok@x']);
    expect(parseMessageIds(`<${'a'.repeat(1000)}@x>`)).toEqual([]);
    expect(parseMessageIds('someone@yahoo.com')).toEqual([]);
  });
  it('removes folding whitespace inside an id', () => {
    expect(parseMessageIds('<long-id-part-one\n part-two@host>')).toEqual(['long-id-part-onepart-two@host']);
  });
  it('accepts one bare id only where asked (Message-ID)', () => {
    expect(parseMessageIds('abc@host', true)).toEqual(['abc@host']);
    expect(parseMessageIds('abc@host', false)).toEqual([]);
    expect(parseMessageIds('some free text', true)).toEqual([]);
  });
});

describe('encodeMidForUrl', () => {
  it('escapes like public-inbox', () => {
    expect(encodeMidForUrl('a/b%c@d')).toBe('a%2Fb%25c@d');
    expect(encodeMidForUrl("x!$&'()*+,;=:@y-._~")).toBe("x!$&'()*+,;=:@y-._~");
    expect(encodeMidForUrl('ü @x')).toBe('%C3%BC%20@x');
  });
});

describe('syntheticId', () => {
  it('is stable and depends on the bytes', () => {
    const a = new TextEncoder().encode('Subject: a\n\nbody\n');
    const b = new TextEncoder().encode('Subject: a\n\nbody!\n');
    expect(syntheticId(a)).toBe(syntheticId(a.slice()));
    expect(syntheticId(a)).not.toBe(syntheticId(b));
    expect(syntheticId(a)).toMatch(/^synthetic\.[0-9a-f]{16}@listlens\.invalid$/);
  });
});
