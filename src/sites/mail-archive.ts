/**
 * The Mail Archive (www.mail-archive.com): `/<list>/msgNNNNN.html`, where `<list>` is
 * the list's name or address; `/search?l=mid&q=<mid>` looks an id up.
 *
 * STRUCTURE NOT DOCUMENTED: no saved page or documentation of mail-archive.com's message
 * page was available (archives.md: "not confirmed"). The page is read tolerantly, in
 * order: a reply `mailto:` with `In-Reply-To=`, an `l=mid` search link, else
 * subject/author/date from schema.org microdata for a search. URL first throughout.
 *
 * Non-goals: mail-archive's own search results and indexes beyond naming them.
 */
import { loreInboxUrl } from './lore-lists.ts';
import { midFromReplyLink, searchHint, textOf } from './page-text.ts';
import { noteIfNoThread, rawParam, resolution, safeDecode, segments, unbracket, withLoreMessageId, withSearch } from './resolution.ts';
import type { PageDocument, Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'mail-archive';

function fromUrl(url: URL): Resolution | null {
  if (!/^(www\.)?mail-archive\.com$/.test(url.hostname)) return null;
  const [first = '', file, ...more] = segments(url).map(safeDecode);
  if (first === 'search') {
    // not URLSearchParams: it reads `+` as a space, and ids keep `+` (`CAHk-=wh+abc@…`)
    const q = rawParam(url, 'q');
    const l = rawParam(url, 'l');
    // an id lookup names no list, and mail-archive carries far more than the kernel's
    if (l === 'mid' && q?.includes('@')) return withLoreMessageId(resolution(ID, 'message'), unbracket(q));
    return resolution(ID, 'search', { list: l, inboxUrl: loreInboxUrl(l) });
  }
  if (!first || more.length) return null;
  const base = resolution(ID, 'index', { list: first, inboxUrl: loreInboxUrl(first) });
  if (file && /^msg\d+\.html$/.test(file)) return noteIfNoThread({ ...base, kind: 'message', needsPage: "the page's reply link gives the Message-ID, else subject, author and date drive a search" });
  return file === undefined || /^(|index\.html|maillist\.html|threads\.html|(mail|thrd)\d+\.html|info\.html)$/.test(file) ? base : null;
}

function fromPage(url: URL, doc: PageDocument): Resolution | null {
  const r = fromUrl(url);
  if (r?.kind !== 'message' || r.messageId) return r;
  const byLink = doc.querySelector('a[href*="l=mid&q="], a[href*="l=mid&amp;q="]')?.getAttribute('href');
  const mid = midFromReplyLink(doc) ?? (byLink ? rawParam(new URL(byLink, url), 'q') : null);
  if (mid) return withLoreMessageId(r, mid);
  const search = searchHint(
    textOf(doc, '.subject [itemprop="name"]') ?? textOf(doc, 'h1'),
    textOf(doc, '[itemprop="author"] [itemprop="name"]') ?? textOf(doc, '.sender'),
    textOf(doc, '.date'),
  );
  return withSearch(r, search);
}

export const mailArchive: SiteAdapter = { id: ID, name: 'The Mail Archive (mail-archive.com)', hosts: ['https://www.mail-archive.com/*'], fromUrl, fromPage };

export const examples: SiteExamples = {
  match: [
    ['https://www.mail-archive.com/linux-kernel@vger.kernel.org/msg2345678.html', { kind: 'message', list: 'linux-kernel@vger.kernel.org', inboxUrl: 'https://lore.kernel.org/all/', messageId: null }],
    ['https://www.mail-archive.com/search?l=mid&q=20180720201706.GE7697@redhat.com', { kind: 'message', messageId: '20180720201706.GE7697@redhat.com', confidence: 'exact', inboxUrl: null, threadUrl: null }],
    ['https://www.mail-archive.com/search?l=mid&q=CAHk-=wh+abc@mail.gmail.com', { kind: 'message', messageId: 'CAHk-=wh+abc@mail.gmail.com' }],
    ['https://www.mail-archive.com/search?l=mid&q=%3CCAHk-%3Dwh%2Babc%40mail.gmail.com%3E', { kind: 'message', messageId: 'CAHk-=wh+abc@mail.gmail.com' }],
    ['https://www.mail-archive.com/qemu-devel@nongnu.org/msg1000000.html', { kind: 'message', list: 'qemu-devel@nongnu.org', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://www.mail-archive.com/search?l=linux-mm@kvack.org&q=hmm', { kind: 'search', list: 'linux-mm@kvack.org' }],
    ['https://www.mail-archive.com/debian-user@lists.debian.org/msg1.html', { kind: 'message', inboxUrl: null, threadUrl: null }],
    ['https://www.mail-archive.com/linux-kernel@vger.kernel.org/', { kind: 'index' }],
    ['https://www.mail-archive.com/linux-kernel@vger.kernel.org/maillist.html', { kind: 'index' }],
  ],
  noMatch: ['https://www.mail-archive.com/', 'https://www.mail-archive.com/linux-kernel@vger.kernel.org/msg1.txt', 'https://www.mail-archive.com/a/b/c'],
};
