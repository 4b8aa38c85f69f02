/**
 * Issue 16's regex audit: the `X+$` trims and the other quadratic (or exponential) regexes
 * that read mail text, each replaced by a scan or an unambiguous regex. Each input below is
 * a long run that the old regex retried from each of its positions; the test's cap catches
 * a hang, the assertions check the result is still what the regex gave.
 */
import { describe, expect, it } from 'vitest';
import { patchTitle } from '../../../src/cli/render.ts';
import { listRewrite } from '../../../src/core/mail/address.ts';
import { parseSubject } from '../../../src/core/mail/subject.ts';
import { trimChars, trimEndChars, trimStartChars } from '../../../src/core/mail/trim.ts';
import { messageIdOfUrl } from '../../../src/core/series/version-links.ts';
import { linkify } from '../../../src/panel/linkify.ts';

const RUN = 200_000;
/** A hang fails; a slow machine does not (each case takes milliseconds now). */
const CAP = 30_000;

describe('trims by a scan', () => {
  it('trim what the regexes trimmed', () => {
    expect(trimEndChars('a.b.,;', '.,;')).toBe('a.b');
    expect(trimStartChars(',;a,', ',;')).toBe('a,');
    expect(trimChars(' \ta b\t ', ' \t')).toBe('a b');
    expect(trimChars(',,,', ',')).toBe('');
    expect(trimEndChars('', 'x')).toBe('');
  });

  it('a long run of what they trim, then something else: at once', () => {
    const s = `a${'.'.repeat(RUN)}x`;
    expect(trimEndChars(s, '.')).toBe(s);
    expect(trimChars(`${' '.repeat(RUN)}a${' '.repeat(RUN)}`, ' \t')).toBe('a');
  }, CAP);
});

describe('the mail readers that used them', () => {
  it('a subject with a long run of commas; its trailing (vN) still read', () => {
    // (white space is collapsed first: a run of spaces never reaches the version's regex)
    expect(parseSubject(`[PATCH] a${' '.repeat(RUN)}x`).base).toBe('a x');
    expect(parseSubject(`[PATCH 1/2${','.repeat(RUN)}x] a`).base).toBe('a');
    expect(parseSubject('[PATCH 2/3] mm: fix it (v4)').version).toBe(4);
    expect(parseSubject('[PATCH 2/3] mm: fix it   (V12)  ').base).toBe('mm: fix it');
  }, CAP);

  it('a URL that ends in a long run of dots is trimmed at once, in the panel and in version links', () => {
    const url = `https://lore.kernel.org/all/a@b/${'.'.repeat(RUN)}x`;
    expect(linkify(`see ${url}`).some((s) => s.kind === 'link')).toBe(true);
    expect(messageIdOfUrl(`https://lore.kernel.org/all/abc@example.org/${'.'.repeat(RUN)}`)).toBe('abc@example.org');
  }, CAP);

  it('"X via List" with a long run of spaces before a word that is not via', () => {
    const p = { name: `Ann${' '.repeat(RUN)}x via linux-mm`, address: 'linux-mm@kvack.org' };
    expect(listRewrite(p)?.name ?? null).not.toBeNull();
    expect(listRewrite({ name: `Ann${' '.repeat(RUN)}x`, address: 'ann@example.org' })).toBeNull();
    expect(listRewrite({ name: "'Jane Doe' via dev-list", address: 'dev-list@googlegroups.com' })).toMatchObject({ name: 'Jane Doe' });
  }, CAP);

  it('the CLI reads a subject of many Re: (the old prefix was exponential: 20 of them took seconds)', () => {
    expect(patchTitle(`${'Re:  '.repeat(40)}x`)).toBe(`${'Re:  '.repeat(40)}x`);
    expect(patchTitle('Re: [PATCH v2 1/3]: mm: frob')).toBe('mm: frob');
    expect(patchTitle('[PATCH 1/3] [RFC] mm: frob')).toBe('mm: frob');
  }, CAP);
});
