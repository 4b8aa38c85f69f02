/**
 * Adapters reading pages: real public-inbox 1.9 pages from ../shared/notes (read in
 * place, never copied), the hand-made pages in test/fixtures/pages, and the e2e pages'
 * expectations in test/e2e/pages/routes.json. Parsed with linkedom.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { isPublicInboxPage, resolvePage } from '../../src/sites/index.ts';
import type { PageDocument } from '../../src/sites/types.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const piDir = resolve(root, '../shared/notes/public-inbox-1.9-pages');
const fixtures = join(root, 'test/fixtures/pages');

/**
 * Browsers lower-case HTML attribute names (`<A HREF>` is read as `href`); linkedom keeps
 * them as written, so Mailman's upper-case markup would hide its links from selectors.
 * Lower-case the names in tags as a browser's parser would, and nothing else.
 */
function browserCase(html: string): string {
  return html.replace(/<[A-Za-z][^>]*>/g, (tag) => tag.replace(/(\s)([A-Z][A-Za-z-]*)(?==)/g, (_m, sp: string, name: string) => sp + name.toLowerCase()));
}

function doc(path: string): PageDocument {
  return parseHTML(browserCase(readFileSync(path, 'utf8'))).document as unknown as PageDocument;
}
const pi = (name: string) => doc(join(piDir, name));
const fx = (name: string) => doc(join(fixtures, name));

const M = '20240305120001.12345-1-sasha.author@example.org';
const LORE = 'https://lore.kernel.org/linux-mm/';

describe('public-inbox 1.9 pages (real)', () => {
  it('the real pages are where the notes say', () => {
    expect(existsSync(join(piDir, 'T-cover.html'))).toBe(true);
  });

  it.each(['msg-cover.html', 'msg-patch1.html', 'T-cover.html', 't-cover.html', 'index.html', 'search-s-hmm.html', 'unknown-mid.html', 'ghost-parent.html'])(
    '%s has public-inbox traits',
    (name) => expect(isPublicInboxPage(pi(name))).toBe(true),
  );

  it('hand-made non-archive pages do not', () => {
    expect(isPublicInboxPage(fx('not-public-inbox.html'))).toBe(false);
    for (const f of ['pipermail-message.html', 'spinics-message.html', 'marc-message.html', 'patchwork-numeric.html']) expect(isPublicInboxPage(fx(f)), f).toBe(false);
  });

  it('a message page resolves to its id and thread', () => {
    const r = resolvePage(new URL(`${LORE}${M}/`), pi('msg-cover.html'));
    expect(r).toMatchObject({ archive: 'public-inbox', kind: 'message', list: 'linux-mm', messageId: M, threadUrl: `${LORE}${M}/`, confidence: 'exact' });
  });

  it('T/ with #m<sha1>: the anchored message is read from its permalink', () => {
    const url = new URL(`${LORE}${M}/T/#m03212700dc24606ff2f5fd7a194f3612f3f50acb`);
    expect(resolvePage(url)).toMatchObject({ kind: 'thread', messageId: M, anchorSha1: '03212700dc24606ff2f5fd7a194f3612f3f50acb', needsPage: expect.stringContaining('SHA-1') });
    const r = resolvePage(url, pi('T-cover.html'));
    expect(r).toMatchObject({ kind: 'thread', messageId: M, anchor: '20240305120001.12345-2-sasha.author@example.org', needsPage: null });
    expect(r!.threadUrl).toBe(`${LORE}${M}/`);
  });

  it('t/ (nested) with a reply anchored', () => {
    const r = resolvePage(new URL(`${LORE}${M}/t/#md16ac52aef8e9e55cff24b4fb89d28ea2d3e83ca`), pi('t-cover.html'));
    expect(r?.anchor).toBe('20240305150312.GA12345@example.org');
  });

  it('the anchors on T/ really are sha1 of the bare Message-ID', async () => {
    const html = readFileSync(join(piDir, 'T-cover.html'), 'utf8');
    const sha = Buffer.from(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(M))).toString('hex');
    expect(html).toContain(`id=m${sha}`);
  });

  it('T/#u is the URL message; an unknown anchor leaves anchor null, no error', () => {
    expect(resolvePage(new URL(`${LORE}${M}/T/#u`), pi('T-cover.html'))).toMatchObject({ messageId: M, anchor: null });
    const r = resolvePage(new URL(`${LORE}${M}/T/#m${'0'.repeat(40)}`), pi('T-cover.html'));
    expect(r).toMatchObject({ kind: 'thread', messageId: M, anchor: null, needsPage: null });
  });

  it('the not-found page (300) is kind not-found with no thread to fetch', () => {
    for (const [name, mid] of [['unknown-mid.html', 'nonexistent@example.org'], ['ghost-parent.html', '20180720201706.GE7697@redhat.com']] as const) {
      const r = resolvePage(new URL(`${LORE}${mid}/`), pi(name));
      expect(r).toMatchObject({ archive: 'public-inbox', kind: 'not-found', messageId: mid, threadUrl: null, confidence: 'none' });
    }
  });

  it('list index and search pages are list-level, without a message and without error', () => {
    expect(resolvePage(new URL(LORE), pi('index.html'))).toMatchObject({ kind: 'index', list: 'linux-mm', messageId: null, inboxUrl: LORE, needsPage: null });
    expect(resolvePage(new URL(`${LORE}?q=s:hmm`), pi('search-s-hmm.html'))).toMatchObject({ kind: 'search', list: 'linux-mm', messageId: null });
  });

  it('an unknown host is recognised by its traits, with the inbox taken from the URL structure', () => {
    const url = new URL(`https://mirror.example.net/pub/lists/linux-mm/${M}/`);
    expect(resolvePage(url)).toBeNull();
    expect(resolvePage(url, fx('not-public-inbox.html'))).toBeNull();
    expect(resolvePage(url, pi('msg-cover.html'))).toMatchObject({
      archive: 'public-inbox',
      messageId: M,
      inboxUrl: 'https://mirror.example.net/pub/lists/linux-mm/',
      threadUrl: `https://mirror.example.net/pub/lists/linux-mm/${M}/`,
    });
  });

  it('hosts the user added resolve from the URL alone, under their path prefix', () => {
    const extra = ['https://mirror.example.net/pub/lists'];
    expect(resolvePage(new URL(`https://mirror.example.net/pub/lists/linux-mm/${M}/T/#u`), undefined, extra)).toMatchObject({
      kind: 'thread',
      list: 'linux-mm',
      messageId: M,
      inboxUrl: 'https://mirror.example.net/pub/lists/linux-mm/',
    });
    expect(resolvePage(new URL(`https://mirror.example.net/other/${M}/`), undefined, extra)).toBeNull();
    expect(resolvePage(new URL(`https://mirror.example.net/pub/lists/linux-mm/${M}/`), undefined, ['not a url', extra[0]!])?.messageId).toBe(M);
    // a not-found page on an added host
    expect(resolvePage(new URL(`https://mirror.example.net/pub/lists/linux-mm/nonexistent@example.org/`), pi('unknown-mid.html'), extra)?.kind).toBe('not-found');
  });

  it('switched-off adapters are skipped', () => {
    expect(resolvePage(new URL(`${LORE}${M}/`), undefined, [], (id) => id !== 'public-inbox')).toBeNull();
  });
});

describe('other archives, hand-made pages', () => {
  it('hypermail: id comment (entities decoded)', () => {
    const r = resolvePage(new URL('https://lkml.iu.edu/hypermail/linux/kernel/1102.1/01234.html'), fx('hypermail-id.html'));
    expect(r).toMatchObject({ archive: 'hypermail', messageId: '1297680967-11893-1-git-send-email-ada&co@example.org', confidence: 'exact', threadUrl: 'https://lore.kernel.org/all/1297680967-11893-1-git-send-email-ada&co@example.org/' });
  });

  it('hypermail: masked id → search with the mojibake name repaired', () => {
    const r = resolvePage(new URL('https://lkml.iu.edu/hypermail/linux/kernel/1807.2/01234.html'), fx('hypermail-masked-mojibake.html'));
    expect(r).toMatchObject({ messageId: null, confidence: 'search', threadUrl: null, search: { subject: 'Re: [PATCH] mm/hmm: fix a race', author: 'Jérôme Glisse', date: '2018-07-20T20:17:06.000Z' } });
  });

  it('openwall: masked Message-ID line → search from the header lines', () => {
    const r = resolvePage(new URL('https://lists.openwall.net/linux-kernel/2008/02/27/349'), fx('openwall-masked.html'));
    expect(r).toMatchObject({ messageId: null, confidence: 'search', search: { subject: 'Re: [PATCH] example', author: 'Ada Example', date: '2008-02-27T12:34:56.000Z' } });
  });

  it('marc: the obfuscated ?i= link gives the id; the raw view gives it too', () => {
    const url = new URL('https://marc.info/?l=linux-mm&m=152105674112496&w=2');
    expect(resolvePage(url, fx('marc-message.html'))).toMatchObject({ messageId: '20180314194541.a+b@mail.example.org', confidence: 'exact', threadUrl: 'https://lore.kernel.org/all/20180314194541.a+b@mail.example.org/' });
    expect(resolvePage(new URL('https://marc.info/?l=linux-mm&m=152105674112496&q=raw'), fx('marc-raw.txt.html'))?.messageId).toBe('20180314194541.a+b@mail.example.org');
  });

  it('spinics and lkml.org: search hints only', () => {
    expect(resolvePage(new URL('https://www.spinics.net/lists/linux-mm/msg45004.html'), fx('spinics-message.html'))).toMatchObject({
      confidence: 'search',
      messageId: null,
      needsPage: null,
      search: { subject: 'Re: [PATCH] example', author: 'Ada Example', date: '2018-03-14T19:45:41.000Z' },
    });
    expect(resolvePage(new URL('https://lkml.org/lkml/2018/6/19/108'), fx('lkml-org-message.html'))).toMatchObject({
      confidence: 'search',
      search: { subject: '[PATCH] example', author: 'Ada Example', date: '2018-06-19T08:11:12.000Z' },
    });
  });

  it('pipermail: the reply mailto, else a search', () => {
    const url = new URL('https://lists.infradead.org/pipermail/linux-arm-kernel/2016-April/425179.html');
    expect(resolvePage(url, fx('pipermail-message.html'))).toMatchObject({ messageId: '20160414.1-1-ada+x@example.org', confidence: 'exact', threadUrl: 'https://lore.kernel.org/all/20160414.1-1-ada+x@example.org/' });
    expect(resolvePage(url, fx('pipermail-no-mailto.html'))).toMatchObject({ messageId: null, confidence: 'search', search: { subject: '[PATCH] example', author: 'Ada Example' } });
  });

  it('patchwork: numeric id → the Message ID row', () => {
    expect(resolvePage(new URL('https://patchwork.kernel.org/patch/10527015/'), fx('patchwork-numeric.html'))).toMatchObject({
      kind: 'patch',
      messageId: '20240305120001.12345-2-ada@example.org',
      threadUrl: 'https://lore.kernel.org/all/20240305120001.12345-2-ada@example.org/',
    });
  });

  it('patchwork: a series list names its thread by its first patch', () => {
    const r = resolvePage(new URL('https://patchwork.kernel.org/project/linux-mm/list/?series=1234'), fx('patchwork-series.html'));
    expect(r).toMatchObject({ kind: 'series', messageId: '20240305120001.12345-2-ada@example.org', threadUrl: 'https://lore.kernel.org/all/20240305120001.12345-2-ada@example.org/', mboxUrl: 'https://patchwork.kernel.org/series/1234/mbox/' });
  });

  it('HyperKitty: reply mailto and the thread export', () => {
    const r = resolvePage(new URL('https://lists.example.org/archives/list/devel@lists.example.org/message/ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU/'), fx('hyperkitty-message.html'));
    expect(r).toMatchObject({
      messageId: '20240101.hk@example.org',
      inboxUrl: null,
      threadUrl: null,
      mboxUrl: 'https://lists.example.org/archives/list/devel@lists.example.org/export/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.mbox.gz?thread=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
    });
  });

  it('mail-archive: an l=mid link', () => {
    expect(resolvePage(new URL('https://www.mail-archive.com/linux-kernel@vger.kernel.org/msg2345678.html'), fx('mail-archive-search-link.html'))?.messageId).toBe('20101114.cover@example.org');
  });

  it('a page without what the adapter looks for keeps the URL resolution and its needsPage', () => {
    const r = resolvePage(new URL('https://marc.info/?l=linux-mm&m=152105674112496&w=2'), fx('not-public-inbox.html'));
    expect(r).toMatchObject({ archive: 'marc', messageId: null, needsPage: expect.any(String), rawUrl: expect.stringContaining('q=raw') });
  });
});

interface Route { archive: string; host: string; path: string; file?: string; messageId?: string; subject?: string; idOnPage?: string; mboxUrl?: string }
const routesFile = join(root, 'test/e2e/pages/routes.json');

// The e2e pages (another suite's hand-made fixtures) state what each page must give away.
describe.runIf(existsSync(routesFile))('e2e pages: what routes.json expects', () => {
  const routes = existsSync(routesFile) ? (JSON.parse(readFileSync(routesFile, 'utf8')) as Route[]).filter((r) => r.file) : [];
  it.each(routes.map((r) => [r.file!, r] as const))('%s', (_f, route) => {
    const url = new URL(`https://${route.host}${route.path}`);
    const r = resolvePage(url, doc(join(root, 'test/e2e/pages', route.file!)));
    // routes.json names lkml.org by its host; its adapter id is `lkml-org`
    expect(r?.archive).toBe(route.archive.replace('.', '-'));
    if (route.idOnPage === 'none' || route.idOnPage === 'raw') {
      // masked archives give a search; marc's page gives the id obfuscated, or its raw view
      if (route.idOnPage === 'none') expect(r).toMatchObject({ messageId: null, confidence: 'search' });
      else expect(r!.messageId === route.messageId || !!r!.rawUrl).toBe(true);
      if (r!.search) expect(route.subject && r!.search.subject.includes(route.subject)).toBe(true);
    } else {
      expect(r).toMatchObject({ messageId: route.messageId, confidence: 'exact' });
      // a list no public-inbox carries: its thread is the archive's own file
      if (route.mboxUrl) expect(r).toMatchObject({ inboxUrl: null, threadUrl: null, mboxUrl: route.mboxUrl });
      else expect(r!.threadUrl).toBe(`https://lore.kernel.org/all/${route.messageId}/`);
    }
  });
});
