/**
 * Which messages go to lore, read from pages: a list lore is known to carry goes to lore's
 * `/all/`, an archive of kernel lists only sends every list there, and any other list gets
 * no lore thread (and a note saying why), even when the page gives its Message-ID. Pages
 * are small inline HTML modelled on the hand-made fixtures in test/fixtures/pages.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { resolvePage } from '../../src/sites/index.ts';
import { searchHint } from '../../src/sites/page-text.ts';
import type { PageDocument } from '../../src/sites/types.ts';

const page = (body: string, title = 'x'): PageDocument =>
  parseHTML(`<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`).document as unknown as PageDocument;
const at = (url: string, body: string) => resolvePage(new URL(url), page(body));

const MID = '20240101.abc+1@example.org';
const replyLink = `<a href="mailto:list@example.org?Subject=Re&In-Reply-To=%3C${encodeURIComponent(MID)}%3E">Ada</a>`;
const headerPre = (mid: string) => `<pre>Message-ID: &lt;${mid}&gt;\nDate: Mon, 1 Jan 2024 10:00:00 +0100\nFrom: Ada &lt;ada@example.org&gt;\nSubject: hello</pre>`;

describe('a known Message-ID of a list lore lacks gets no lore thread', () => {
  it('mail-archive: debian-user with a reply link', () => {
    const r = at('https://www.mail-archive.com/debian-user@lists.debian.org/msg1.html', replyLink);
    expect(r).toMatchObject({ messageId: MID, confidence: 'exact', inboxUrl: null, threadUrl: null, note: expect.stringContaining('debian-user@lists.debian.org') });
    // the same page on a kernel list still goes to lore
    expect(at('https://www.mail-archive.com/linux-kernel@vger.kernel.org/msg1.html', replyLink)?.threadUrl).toBe(`https://lore.kernel.org/all/${MID}/`);
  });

  it('openwall: oss-security with a Message-ID line; linux-kernel on lists.openwall.net goes to lore', () => {
    expect(at('https://www.openwall.com/lists/oss-security/2024/01/01/1', headerPre(MID))).toMatchObject({ messageId: MID, threadUrl: null, note: expect.stringContaining('oss-security') });
    expect(at('https://lists.openwall.net/linux-kernel/2024/01/01/1', headerPre(MID))?.threadUrl).toBe(`https://lore.kernel.org/all/${MID}/`);
  });

  it('openwall: a masked id on a list lore lacks is no search either (nowhere to search)', () => {
    const r = at('https://www.openwall.com/lists/oss-security/2024/01/01/1', headerPre('x@...example.org'));
    expect(r).toMatchObject({ messageId: null, confidence: 'none', search: null, needsPage: null, note: expect.stringContaining('oss-security') });
  });

  it('marc: the page of an openbsd-misc message', () => {
    const r = at('https://marc.info/?l=openbsd-misc&m=170000000000001&w=2', '<a href="?i=20240101.abc%20()%20example%20!%20org">Message-ID</a>');
    expect(r).toMatchObject({ messageId: '20240101.abc@example.org', confidence: 'exact', threadUrl: null, note: expect.stringContaining('openbsd-misc') });
  });

  it('patchwork: a numeric patch on a mixed instance, unless the page links lore', () => {
    const row = `<table><tr><th>Message ID</th><td>&lt;${MID}&gt;</td></tr></table>`;
    expect(at('https://patchwork.ozlabs.org/patch/1234567/', row)).toMatchObject({ messageId: MID, threadUrl: null, note: expect.any(String) });
    expect(at('https://patchwork.ozlabs.org/patch/1234567/', `${row}<a href="https://lore.kernel.org/r/${MID}/">lore</a>`)?.threadUrl).toBe(`https://lore.kernel.org/all/${MID}/`);
    expect(at('https://patchwork.kernel.org/patch/1234567/', row)?.threadUrl).toBe(`https://lore.kernel.org/all/${MID}/`);
  });

  it('spinics: a list lore lacks stays confidence none with its page too', () => {
    const r = at('https://www.spinics.net/lists/fedora-devel/msg123.html', '<h1>hello</h1><ul><li><em>From</em>: Ada &lt;ada@xxxxxxx&gt;</li></ul>');
    expect(r).toMatchObject({ confidence: 'none', search: null, needsPage: null, note: expect.stringMatching(/spinics hides the Message-ID.*fedora-devel/) });
  });
});

describe('LWN: all/ and unknown lists are decided by the page', () => {
  const url = `https://lwn.net/ml/all/${MID}`;
  it('from the URL alone: the id, no thread, and what the page would tell', () => {
    expect(resolvePage(new URL(url))).toMatchObject({ messageId: MID, threadUrl: null, needsPage: expect.stringContaining('lore'), note: expect.any(String) });
  });

  it("the message's own lore link: lore /all/", () => {
    const r = at(url, `<table><tr><th>Archive-link:</th><td><a href="https://lore.kernel.org/all/${MID}/">Article</a></td></tr></table>`);
    expect(r).toMatchObject({ threadUrl: `https://lore.kernel.org/all/${MID}/`, needsPage: null, note: null });
  });

  it('no lore link, or only one to another thread: no thread', () => {
    for (const body of ['<p>nothing</p>', '<pre>see https://lore.kernel.org/all/other@example.org/ <a href="https://lore.kernel.org/all/other@example.org/">x</a></pre>']) {
      expect(at(url, body)).toMatchObject({ messageId: MID, threadUrl: null, needsPage: null, note: expect.any(String) });
    }
  });
});

describe('dates with zone names (pipermail prints asctime with one) drive the search hint', () => {
  it.each([
    ['Mon Mar 1 10:00:00 CET 2010', '2010-03-01T09:00:00.000Z'],
    ['Mon Jul 5 10:00:00 CEST 2010', '2010-07-05T08:00:00.000Z'],
    ['Mon Jul 5 10:00:00 BST 2010', '2010-07-05T09:00:00.000Z'],
    ['Mon Mar 1 10:00:00 EET 2010', '2010-03-01T08:00:00.000Z'],
    ['Mon Jul 5 10:00:00 EEST 2010', '2010-07-05T07:00:00.000Z'],
    ['Mon Mar 1 10:00:00 JST 2010', '2010-03-01T01:00:00.000Z'],
    ['Mon Mar 1 10:00:00 PST 2010', '2010-03-01T18:00:00.000Z'],
    ['Mon Jul 5 10:00:00 EDT 2010', '2010-07-05T14:00:00.000Z'],
    ['Mon Mar 1 10:00:00 UTC 2010', '2010-03-01T10:00:00.000Z'],
    ['Mon Mar 1 10:00:00 GMT 2010', '2010-03-01T10:00:00.000Z'],
    ['Mon, 1 Mar 2010 10:00:00 CET', '2010-03-01T09:00:00.000Z'],
    ['Mon Mar 1 10:00:00 XYZ 2010', null],
  ])('%s → %s', (date, iso) => {
    expect(searchHint('[PATCH] example', 'Ada Example', date)?.date).toBe(iso);
  });
});
