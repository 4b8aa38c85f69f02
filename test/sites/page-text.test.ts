/**
 * The small pure helpers behind the adapters: masked addresses, mojibake repair,
 * lore's list table, the search query, the CLI's `resolveUrl`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMaskedAddress, unmaskAddress } from '../../src/core/mail/masked.ts';
import { hostPatterns, rawMessageUrl, resolvePage, searchQuery, threadMboxUrl } from '../../src/sites/index.ts';
import { loreInbox } from '../../src/sites/lore-lists.ts';
import { authorName, midFromHeaderText, repairMojibake } from '../../src/sites/page-text.ts';
import { resolveUrl } from '../../src/sites/resolve.ts';

describe('isMaskedAddress', () => {
  it.each(['joe@xxxxxxxxxxx', 'jglisse@XXXXXXXXXX', 'akpm@...ux-foundation.org', 'segoon@...nwall.com', 'linux-mm@…', '', '<>', 'Joe Perches', 'dan.j.williams () intel ! com', 'ccross-AT-android.com', 'ccross at android.com', 'joe-Xyz123AbC@public.gmane.org', '[email protected]'])(
    '%j is masked',
    (a) => expect(isMaskedAddress(a)).toBe(true),
  );
  it.each(['akpm@linux-foundation.org', '<jglisse@redhat.com>', 'x@xx.org', 'maxx@example.org'])('%j is a real address', (a) => expect(isMaskedAddress(a)).toBe(false));

  it('reversible spellings are unmasked, masked ones are not', () => {
    expect(unmaskAddress('dan.j.williams () intel ! com')).toBe('dan.j.williams@intel.com');
    expect(unmaskAddress('ccross-AT-android.com')).toBe('ccross@android.com');
    expect(unmaskAddress('ccross at android.com')).toBe('ccross@android.com');
    expect(unmaskAddress('joe@xxxxxxxxxxx')).toBeNull();
    expect(unmaskAddress('akpm@...ux-foundation.org')).toBeNull();
  });
});

describe('repairMojibake', () => {
  const mojibake = (s: string, cp1252: boolean) =>
    Array.from(new TextEncoder().encode(s), (b) => (cp1252 && b >= 0x80 && b <= 0x9f ? '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'[b - 0x80]! : String.fromCharCode(b))).join('');

  it('repairs names decoded as latin1 or cp1252', () => {
    expect(repairMojibake('JÃ©rÃ´me Glisse')).toBe('Jérôme Glisse');
    expect(repairMojibake(mojibake('Ilpo Järvinen', true))).toBe('Ilpo Järvinen');
    expect(repairMojibake(mojibake('Uwe Kleine-König – 日本', true))).toBe('Uwe Kleine-König – 日本');
  });

  it('leaves right text and unrecoverable mojibake as they are', () => {
    for (const s of ['Jérôme Glisse', 'Ilpo Järvinen', 'Łukasz', '日本語', 'plain', 'JÃrÃme']) expect(repairMojibake(s)).toBe(s);
  });

  it('round-trips any text garbled either way (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.boolean(), (s, cp) => {
        expect(repairMojibake(mojibake(s, cp))).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('page text helpers', () => {
  it('reads a folded Message-ID header and refuses masked ids', () => {
    expect(midFromHeaderText('Subject: x\nMessage-ID:\n <a.b@c.d>\n')).toBe('a.b@c.d');
    expect(midFromHeaderText('message-id: <a@b>')).toBe('a@b');
    expect(midFromHeaderText('Message-ID: <a@xxxxxxxx>')).toBeNull();
    expect(midFromHeaderText('In-Reply-To: <a@b>')).toBeNull();
  });

  it('author names lose masked addresses, keep real ones when there is no name', () => {
    expect(authorName('Joe Perches <joe@xxxxxxxxxxx>')).toBe('Joe Perches');
    expect(authorName('Joe Perches <>')).toBe('Joe Perches');
    expect(authorName('Vasiliy Kulikov (segoon@xxxxxxxxxxxx)')).toBe('Vasiliy Kulikov');
    expect(authorName('<joe@xxxxxxxxxxx>')).toBeNull();
    expect(authorName('"JÃ©rÃ´me Glisse" <jglisse@...hat.com>')).toBe('Jérôme Glisse');
  });

  it('a bare masked address is no author (a search f:"joe@xxxxxxxxxx" never matches); `addr (Name)` gives the name', () => {
    expect(authorName('jglisse@xxxxxxxxxx')).toBeNull();
    expect(authorName('"jglisse@xxxxxxxxxx" <jglisse@xxxxxxxxxx>')).toBeNull();
    expect(authorName('akpm@...ux-foundation.org')).toBeNull();
    expect(authorName('akpm@...ux-foundation.org (Andrew Morton)')).toBe('Andrew Morton');
    expect(authorName('akpm@linux-foundation.org (Andrew Morton)')).toBe('Andrew Morton');
    expect(authorName('akpm@linux-foundation.org')).toBe('akpm@linux-foundation.org');
    expect(authorName('<akpm@linux-foundation.org>')).toBe('akpm@linux-foundation.org');
    expect(authorName('Joe (Home) Smith')).toBe('Joe (Home) Smith');
  });
});

describe('lore list table', () => {
  it.each([
    ['linux-mm', 'linux-mm'],
    ['linux-kernel', 'lkml'],
    ['kernel', 'lkml'],
    ['lkml', 'lkml'],
    ['linux-netdev', 'netdev'],
    ['linux-mm@kvack.org', 'linux-mm'],
    ['linux-mm.kvack.org', 'linux-mm'],
    ['linux-foo@vger.kernel.org', 'linux-foo'],
    ['linux-snps-arc@lists.infradead.org', 'linux-snps-arc'],
    ['Linux-MM', 'linux-mm'],
    ['linux-arm-kernel@lists.infradead.org', 'linux-arm-kernel'],
    ['linuxppc-dev@lists.ozlabs.org', 'linuxppc-dev'],
    ['dri-devel@lists.freedesktop.org', 'dri-devel'],
    ['qemu-devel@nongnu.org', 'qemu-devel'],
    ['kernel-hardening', 'kernel-hardening'],
    // not in the table: `linux-*` lists are kernel lists wherever they are hosted
    ['linux-renesas-soc', 'linux-renesas-soc'],
    ['linux-mtd@lists.infradead.org', 'linux-mtd'],
  ])('%s → %s', (list, inbox) => expect(loreInbox(list)).toBe(inbox));
  // infradead and ozlabs host lists lore lacks: their domains do not vouch for a list
  it.each(['linux-audio-dev@lists.linuxaudio.org', 'linux-ha@lists.clusterlabs.org', 'python-dev', 'devel@lists.fedoraproject.org', 'openbsd-misc', 'oss-security', 'debian-user@lists.debian.org', 'openwrt-devel@lists.infradead.org', 'skiboot@lists.ozlabs.org', 'skiboot', 'all', null])(
    '%s is not on lore',
    (l) => expect(loreInbox(l)).toBeNull(),
  );
});

describe('thread and raw URLs, search query', () => {
  it('public-inbox gives t.mbox.gz and raw; other archives their own exports', () => {
    const pi = resolvePage(new URL('https://lore.kernel.org/linux-mm/a%2Fb@c/'))!;
    expect(threadMboxUrl(pi)).toBe('https://lore.kernel.org/linux-mm/a%2Fb@c/t.mbox.gz');
    expect(rawMessageUrl(pi)).toBe('https://lore.kernel.org/linux-mm/a%2Fb@c/raw');
    const py = resolvePage(new URL('https://mail.python.org/pipermail/python-dev/2010-March/098000.html'))!;
    expect(threadMboxUrl(py)).toBe('https://mail.python.org/pipermail/python-dev/2010-March.txt.gz');
    expect(rawMessageUrl(resolvePage(new URL('https://marc.info/?l=linux-mm&m=1&w=2'))!)).toBe('https://marc.info/?l=linux-mm&m=1&q=raw');
    expect(threadMboxUrl(resolvePage(new URL('https://lkml.org/lkml/2018/6/19/108'))!)).toBeNull();
  });

  it('builds a subject/author/date query, a day either side', () => {
    expect(searchQuery({ subject: 'Re: Re: [PATCH] mm: "fix" it', author: 'Ada Example', date: '2018-03-14T19:45:41.000Z' })).toBe('s:"[PATCH] mm: fix it" f:"Ada Example" d:20180313..20180315');
    expect(searchQuery({ subject: 'x', author: null, date: null })).toBe('s:"x"');
  });

  it('host patterns are unique match patterns', () => {
    const p = hostPatterns();
    expect(p).toContain('https://lore.kernel.org/*');
    expect(p).toContain('https://yhbt.net/lore/*');
    expect(new Set(p).size).toBe(p.length);
  });
});

describe('resolveUrl (listlens resolve)', () => {
  it('an id in the URL: id and thread', () => {
    expect(resolveUrl('https://lwn.net/ml/linux-kernel/20180720201706.GE7697@redhat.com/')).toEqual({
      archive: 'lwn',
      kind: 'message',
      list: 'linux-kernel',
      messageId: '20180720201706.GE7697@redhat.com',
      threadUrl: 'https://lore.kernel.org/all/20180720201706.GE7697@redhat.com/',
      confidence: 'exact',
      needsPage: null,
      inboxUrl: 'https://lore.kernel.org/all/',
    });
  });

  it('a hidden id: nulls, and what the page would be needed for', () => {
    const r = resolveUrl('https://marc.info/?l=linux-mm&m=152105674112496&w=2');
    expect(r).toMatchObject({ archive: 'marc', list: 'linux-mm', messageId: null, threadUrl: null, rawUrl: 'https://marc.info/?l=linux-mm&m=152105674112496&q=raw' });
    expect(r.needsPage).toMatch(/raw/);
    expect(resolveUrl('https://www.spinics.net/lists/linux-mm/msg45004.html')).toMatchObject({ confidence: 'search', messageId: null, needsPage: expect.stringMatching(/search/) });
  });

  it('a list lore lacks: the id, no thread, and a note that says why', () => {
    expect(resolveUrl('https://marc.info/?l=openbsd-misc&i=20240101.abc@example.org')).toMatchObject({
      archive: 'marc',
      messageId: '20240101.abc@example.org',
      confidence: 'exact',
      threadUrl: null,
      inboxUrl: null,
      note: 'no public-inbox is known to carry openbsd-misc: no thread to fetch',
    });
    expect(resolveUrl('https://www.mail-archive.com/search?l=mid&q=a@b')).toMatchObject({ messageId: 'a@b', threadUrl: null, note: expect.stringMatching(/names no list.*mail-archive/) });
    expect(resolveUrl('https://www.spinics.net/lists/fedora-devel/msg123.html')).toMatchObject({
      confidence: 'none',
      needsPage: null,
      inboxUrl: null,
      note: 'spinics hides the Message-ID, and no public-inbox is known to carry fedora-devel: no thread to fetch',
    });
    // a list lore carries has no note
    expect(resolveUrl('https://marc.info/?l=linux-mm&i=20240101.abc@example.org')).not.toHaveProperty('note');
  });

  it('unknown and malformed input get a note, never a throw', () => {
    expect(resolveUrl('https://example.org/')).toMatchObject({ archive: null, messageId: null, note: expect.stringMatching(/not a page.*--host <host>/) });
    expect(resolveUrl('not a url')).toMatchObject({ archive: null, note: expect.stringMatching(/not a URL/) });
    expect(resolveUrl('https://mirror.example/pi/git/a@b/', ['https://mirror.example/pi/'])).toMatchObject({ archive: 'public-inbox', messageId: 'a@b', list: 'git' });
  });
});
