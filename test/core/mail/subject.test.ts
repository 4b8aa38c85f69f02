import { describe, expect, it } from 'vitest';
import { parseSubject, stripReplyMarkers, subjectKey } from '../../../src/core/mail/subject.ts';

describe('parseSubject', () => {
  it('reads a cover letter of a versioned series', () => {
    expect(parseSubject('[PATCH v4 0/8] mm: Rework hmm to use devm_memremap_pages and other fixes')).toMatchObject({
      base: 'mm: Rework hmm to use devm_memremap_pages and other fixes',
      key: 'mm: rework hmm to use devm_memremap_pages and other fixes',
      isReply: false,
      isPatch: true,
      version: 4,
      versionInferred: false,
      counter: 0,
      total: 8,
      counterInferred: false,
      prefixes: [],
    });
  });

  it('keeps free prefixes apart from RFC, PATCH, version and counter', () => {
    expect(parseSubject('[RFC PATCH net-next v2 3/5] net: frob the widget')).toMatchObject({
      base: 'net: frob the widget',
      isRfc: true,
      isPatch: true,
      version: 2,
      counter: 3,
      total: 5,
      prefixes: ['net-next'],
    });
  });

  it('splits [PATCHv3], takes a version after the counter, and patchwork`s "1 of 5"', () => {
    expect(parseSubject('[PATCHv3] x86: fix it')).toMatchObject({ isPatch: true, version: 3, versionInferred: false, counter: 1, total: 1, counterInferred: true, base: 'x86: fix it' });
    expect(parseSubject('[PATCH 1/2 v3] a: b')).toMatchObject({ version: 3, counter: 1, total: 2 });
    expect(parseSubject('[PATCH 1 of 5] hg style')).toMatchObject({ counter: 1, total: 5, counterInferred: false, prefixes: [], base: 'hg style' });
    expect(parseSubject('[PATCH] foo: bar (v3)')).toMatchObject({ version: 3, versionInferred: false, base: 'foo: bar' });
  });

  it('defaults to v1 and 1/1, marked inferred', () => {
    expect(parseSubject('[PATCH] tiny fix')).toMatchObject({ version: 1, versionInferred: true, counter: 1, total: 1, counterInferred: true });
  });

  it('reads RESEND, list tags and several leading brackets', () => {
    expect(parseSubject('[PATCH RESEND v2 2/3] mm: foo')).toMatchObject({ isResend: true, version: 2, counter: 2 });
    expect(parseSubject('[Qemu-devel] [PATCH v4 1/2] block: foo')).toMatchObject({ prefixes: ['Qemu-devel'], version: 4, counter: 1, total: 2, base: 'block: foo' });
    expect(parseSubject('[RFC][PATCH 00/10] cifs: local caching support using FS-Cache')).toMatchObject({ isRfc: true, isPatch: true, counter: 0, total: 10, base: 'cifs: local caching support using FS-Cache' });
    expect(parseSubject('[notmuch] [PATCH 1/2] lib/message: Add function')).toMatchObject({ prefixes: ['notmuch'], counter: 1, total: 2 });
  });

  it('drops the colon some senders put after the tags (`[Patch 2/2]: powerpc/…`)', () => {
    expect(parseSubject('[Patch 2/2]: powerpc/hotplug/mm: Fix hot-add memory node assoc')).toMatchObject({ isPatch: true, counter: 2, total: 2, base: 'powerpc/hotplug/mm: Fix hot-add memory node assoc' });
    expect(parseSubject('Re: [PATCH] : x: y')).toMatchObject({ isReply: true, base: 'x: y' });
  });

  it('flattens nested brackets as b4 does', () => {
    expect(parseSubject('[[PATCH] v2] nested')).toMatchObject({ isPatch: true, version: 2, base: 'nested' });
    expect(parseSubject('[PATCH [net] 1/2] nested tag')).toMatchObject({ prefixes: ['net'], counter: 1, total: 2, base: 'nested tag' });
  });

  it('recognises reply markers in any case, repeated, mixed with tags', () => {
    const lower = parseSubject('re: [PATCH v4 0/8] mm: Rework hmm to use devm_memremap_pages and other fixes');
    expect(lower).toMatchObject({ isReply: true, version: 4, counter: 0, total: 8 });
    expect(parseSubject('Re: Re: Aw: [PATCH] x')).toMatchObject({ isReply: true, base: 'x' });
    expect(parseSubject('Fwd: [PATCH] x')).toMatchObject({ isReply: true });
    expect(parseSubject('RE[2]: plain')).toMatchObject({ isReply: true, base: 'plain' });
    expect(parseSubject('Re: [Qemu-devel] Re: [PATCH v2] y')).toMatchObject({ isReply: true, prefixes: ['Qemu-devel'], version: 2, base: 'y' });
    expect(parseSubject('SV: [PATCH] z')).toMatchObject({ isReply: true });
  });

  it('does not take words for markers or versions', () => {
    expect(parseSubject('Rework: the frobber')).toMatchObject({ isReply: false, base: 'Rework: the frobber' });
    expect(parseSubject('mm: remove v2 of the API')).toMatchObject({ versionInferred: true, base: 'mm: remove v2 of the API' });
    expect(parseSubject('')).toMatchObject({ base: '', key: '' });
    expect(parseSubject('[unclosed bracket')).toMatchObject({ base: '[unclosed bracket' });
  });

  it('keys for matching ignore case and spacing', () => {
    expect(subjectKey('  Mm:  Rework\thmm ')).toBe('mm: rework hmm');
    expect(stripReplyMarkers('re: Re:  [PATCH] x')).toBe('[PATCH] x');
  });

  it('is linear on hostile input', () => {
    const s = '['.repeat(50_000) + 'x' + ']'.repeat(50_000) + ' Re: '.repeat(10_000);
    expect(parseSubject(s).isPatch).toBe(false);
    expect(parseSubject('Re: '.repeat(20_000) + 'x').base).toBe('x');
  });
});
