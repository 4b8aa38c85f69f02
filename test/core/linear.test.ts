/**
 * Issue 9, items 1 and 2: hostile header and body lines that made a stage quadratic. Each
 * input below took minutes before the fix (a 200 KB To header 22 s, a 200 KB `Name: value`
 * line in a cover letter 23 s; these are 5× bigger, so 25× slower): the test's cap catches
 * the hang, and the assertions check the result is still right. The linear scans that
 * replaced the regexes are compared with those regexes on random short strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseMbox } from '../../src/core/analyse.ts';
import { MAX_ADDRESS_FIELD, parseAddress } from '../../src/core/mail/address.ts';
import { addressesIn, parseHead, tameAddressFields } from '../../src/core/mail/headers.ts';
import { hasEmail, parseTrailers } from '../../src/core/series/trailers.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const MB = 1024 * 1024;
/** A hang fails; a slow machine does not (the fixed code takes well under a second). */
const CAP = 30_000;

describe('the address scan of From/To/Cc is linear', () => {
  it('a 1 MB To header of one token without @ is read', () => {
    const h = parseHead(enc(`Message-ID: <a@x>\nFrom: A <a@x.org>\nTo: ${'a'.repeat(MB - 100)}\nIn-Reply-To: <a@x.org>\nSubject: s\n\nbody\n`), 0);
    expect(h.subject).toBe('s');
    // the In-Reply-To is the sender's address (public-inbox free text), so it is no reference
    expect(h.references).toEqual([]);
  }, CAP);

  it('a 1 MB From of one token is read', () => {
    const h = parseHead(enc(`Message-ID: <b@x>\nFrom: ${'b'.repeat(MB - 100)}\nSubject: s\n\nbody\n`), 0);
    expect(h.subject).toBe('s');
    expect(h.id).toBe('b@x');
  }, CAP);

  it('a 1.9 MB From of nested `:` groups is read, and the body still decoded (fuzz case: postal-mime\'s address parser took 6.6 s on 800 KB)', async () => {
    const colons = `Link: ${':'.repeat(1.9 * MB)}`; // under postal-mime's 2 MB header limit
    const r = await analyseMbox(enc(`From mboxrd@z\nMessage-ID: <g@x>\nSubject: s\nFrom: ${colons}\n\nthe body\n`));
    expect(r.analysis.errors).toEqual([]);
    expect(r.analysis.messages.map((m) => m.subject)).toEqual(['s']);
    const long = await analyseMbox(enc(`Message-ID: <h@x>\nFrom: ${'N'.repeat(MB - 1000)} <n@x.org>\nSubject: s\n\nbody\n`), { keepBodies: true });
    expect(long.analysis.messages[0]!.from!.address).toBe('n@x.org');
    expect(long.bodies!.get('h@x')!.text).toBe('body\n');
  }, CAP);

  it('hands postal-mime no address field over 64 KB (its parser grows as n^2.2 on nested groups: 12 s for this one)', () => {
    const normal = enc('From: A <a@x.org>\nTo: b@y.org\nSubject: s\n\nbody\n');
    expect(tameAddressFields(normal)).toBe(normal);
    const long = `Subject: s\nfrom: x\n ${':'.repeat(MAX_ADDRESS_FIELD)}\nCC: ok@x.org\n\nFrom: body text\n`;
    expect(new TextDecoder().decode(tameAddressFields(enc(long)))).toBe(long.replace('from:', 'Xrom:'));
    expect(parseAddress(`${'N '.repeat(2 * MAX_ADDRESS_FIELD)} <late@x.org>`).address).toBe('late@x.org');
  });

  it('finds what the old regex found, on any string', () => {
    const old = (s: string): string[] => [...new Set([...s.matchAll(/[^<>\s,"()]+@[^<>\s,"()]+/g)].map((m) => m[0].toLowerCase()))].sort();
    const alphabet = fc.constantFrom('a', 'B', '@', '.', ' ', '\t', ',', '<', '>', '"', '(', ')', 'é', '\u00a0', '\u2003');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (s) => {
        const got = new Set<string>();
        addressesIn(s, got);
        expect([...got].sort()).toEqual(old(s));
      }),
      { numRuns: 5000, seed: 9 },
    );
  });
});

describe('trailer values are tested for an address in linear time', () => {
  it('a cover letter with a 1 MB `Name: value` line is analysed', async () => {
    const r = await analyseMbox(enc(`From mboxrd@z\nMessage-ID: <c@x>\nFrom: A <a@x.org>\nSubject: [PATCH 00/44] big cover\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\nName: ${'a'.repeat(MB)}\nLink: https://example.org/x\n`));
    expect(r.analysis.errors).toEqual([]);
    expect(r.analysis.series[0]!.versions[0]!.coverTrailers.map((t) => t.name)).toEqual(['Link']);
  }, CAP);

  it('a reply with a 1 MB `Name: a@aaaa…` line under a patch is analysed', async () => {
    const patch = `From mboxrd@z\nMessage-ID: <p@x>\nFrom: A <a@x.org>\nSubject: [PATCH 1/1] thing\n\nx\n\nSigned-off-by: A <a@x.org>\n---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n\n`;
    const reply = `From mboxrd@z\nMessage-ID: <r@x>\nIn-Reply-To: <p@x>\nFrom: B <b@y.org>\nSubject: Re: [PATCH 1/1] thing\n\nName: a@${'a'.repeat(MB)}\nReviewed-by: B <b@y.org>\n`;
    const r = await analyseMbox(enc(patch + reply));
    expect(r.analysis.series[0]!.versions[0]!.patches[0]!.counts.reviewed).toBe(1);
  }, CAP);

  it('answers as b4\'s regex does, on any string', () => {
    const old = (s: string): boolean => /\S+@\S+\.\S+|<[^<>\s@]+ at [^<>\s@]+\.[A-Za-z]{2,}>/.test(s);
    const alphabet = fc.constantFrom('a', 'Z', '@', '.', ' ', '\t', '<', '>', 't', ' at ', 'é');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (s) => {
        expect(hasEmail(s)).toBe(old(s));
      }),
      { numRuns: 5000, seed: 9 },
    );
    expect(parseTrailers('Reviewed-by: Jo <jo@example.org>\n', 'x', { followup: true })).toHaveLength(1);
  });
});

describe('a message citing 100,000 ids threads in linear time', () => {
  it('chains the 100,000 ghosts once, without a walk up the chain for every link (40,000 took 17 s)', async () => {
    // ids short enough for 100,000 of them to fit the 1 MB header block
    const id = (i: number): string => `${i.toString(36)}@x`;
    const refs = Array.from({ length: 100_000 }, (_, i) => `<${id(i)}>`).join(' ');
    const r = await analyseMbox(enc(`Message-ID: <self@y>\nReferences: ${refs}\nFrom: P <p@x.org>\nSubject: Re: x\n\nb\n`));
    const m = r.analysis.messages.find((x) => x.id === 'self@y')!;
    expect(m.parent).toBe(id(99_999));
    expect(m.depth).toBe(100_000);
    expect(r.analysis.roots).toEqual([id(0)]);
  }, CAP);
});

describe('quotes of a deep reply chain are matched in linear time', () => {
  it('a 20,000-deep chain: each quote finds its parent without walking the whole chain (5,000 took 3.6 s, n × depth)', async () => {
    const n = 20_000;
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      parts.push(`From mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <d${i}@x>\n${i ? `In-Reply-To: <d${i - 1}@x>\n` : ''}From: P${i % 2} <p${i % 2}@x.org>\nSubject: Re: deep\nDate: ${new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString()}\n\nOn Mon, 1 Jan 2024, P${(i + 1) % 2} wrote:\n> quoted\nreply ${i}\n\n`);
    }
    const r = await analyseMbox(enc(parts.join('')), { keepBodies: true });
    expect(r.analysis.errors).toEqual([]);
    const last = r.quotes!.get(`d${n - 1}@x`)!.find((b) => b.kind === 'quote');
    expect(last).toMatchObject({ kind: 'quote', quotedId: `d${n - 2}@x` });
  }, CAP);
});
