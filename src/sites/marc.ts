/**
 * marc.info: `?l=<list>&m=<number>&w=2` message pages, `?t=` threads, `?i=<mid>` by id.
 *
 * marc numbers its messages; the Message-ID is only in the raw view (`&q=raw`) and,
 * obfuscated as `local () host ! tld`, in the page's `Message-ID:` link (`?i=`), which
 * `unmaskAddress` reverses. URL first: a message URL gives `rawUrl` for the worker and
 * `needsPage`; the page's `?i=` link, or the raw view's header, gives the id.
 * Page structure from archives.md and marc's documented query parameters; no real page
 * was available, so detection reads only the `?i=` link and a `Message-ID:` line.
 *
 * Non-goals: marc's author (`?a=`) and list directory pages beyond naming them an index.
 */
import { unmaskAddress } from '../core/mail/masked.ts';
import { loreInboxUrl } from './lore-lists.ts';
import { midFromHeaderText } from './page-text.ts';
import { noteIfNoThread, rawParam as param, resolution, safeDecode, unbracket, withLoreMessageId } from './resolution.ts';
import type { PageDocument, Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'marc';

/** marc's `?i=` value: a bare id or its `a () b ! c` spelling. */
function midOf(i: string): string | null {
  const s = unbracket(i);
  if (/ \(\) /.test(s)) return unmaskAddress(s);
  return s.includes('@') ? s : null;
}

function fromUrl(url: URL): Resolution | null {
  if (!/^(www\.)?marc\.info$/.test(url.hostname) || url.pathname !== '/') return null;
  const list = param(url, 'l');
  const base = resolution(ID, 'index', { list, inboxUrl: loreInboxUrl(list) });
  const i = param(url, 'i');
  if (i !== null) {
    const mid = midOf(i);
    // marc carries BSD, security and other lists beside the kernel's: lore only for a list it has
    return mid ? withLoreMessageId({ ...base, kind: 'message' }, mid) : { ...base, kind: 'search' };
  }
  const m = param(url, 'm');
  if (m && /^\d+$/.test(m)) {
    return noteIfNoThread({
      ...base,
      kind: 'message',
      rawUrl: `${url.origin}/?l=${encodeURIComponent(list ?? '')}&m=${m}&q=raw`,
      needsPage: 'marc shows the Message-ID only in its raw view (&q=raw) or obfuscated in the page header',
    });
  }
  if (param(url, 't')) return { ...base, kind: 'thread', needsPage: 'a marc thread page names no Message-ID: open one of its messages' };
  return param(url, 's') ? { ...base, kind: 'search' } : base;
}

function fromPage(url: URL, doc: PageDocument): Resolution | null {
  const r = fromUrl(url);
  if (!r || r.kind !== 'message' || r.messageId) return r;
  const link = doc.querySelector('a[href^="?i="], a[href*="marc.info/?i="]')?.getAttribute('href');
  const i = link ? /[?&]i=([^&]*)/.exec(link) : null;
  const mid = (i && midOf(safeDecode(i[1]!))) ?? midFromHeaderText(doc.querySelector('pre')?.textContent ?? '');
  return mid ? withLoreMessageId(r, mid) : r;
}

export const marc: SiteAdapter = { id: ID, name: 'MARC (marc.info)', hosts: ['https://marc.info/*'], fromUrl, fromPage };

export const examples: SiteExamples = {
  match: [
    ['https://marc.info/?l=linux-mm&m=152105674112496&w=2', { kind: 'message', list: 'linux-mm', messageId: null, inboxUrl: 'https://lore.kernel.org/all/', rawUrl: 'https://marc.info/?l=linux-mm&m=152105674112496&q=raw', confidence: 'none' }],
    ['https://marc.info/?l=linux-mm&m=152105674112496&q=raw', { kind: 'message', rawUrl: 'https://marc.info/?l=linux-mm&m=152105674112496&q=raw' }],
    ['https://marc.info/?l=linux-mm&i=20180720201706.GE7697@redhat.com', { kind: 'message', messageId: '20180720201706.GE7697@redhat.com', threadUrl: 'https://lore.kernel.org/all/20180720201706.GE7697@redhat.com/', confidence: 'exact' }],
    // no list named: marc also carries lists lore lacks, so no lore thread (was lore /all/)
    ['https://marc.info/?i=20180720201706.GE7697@redhat.com', { kind: 'message', messageId: '20180720201706.GE7697@redhat.com', inboxUrl: null, threadUrl: null, confidence: 'exact' }],
    ['https://marc.info/?l=openbsd-misc&i=20240101.abc@example.org', { kind: 'message', list: 'openbsd-misc', messageId: '20240101.abc@example.org', inboxUrl: null, threadUrl: null }],
    ['https://marc.info/?i=CAA9_cmf0tGZJGWWnoBR6078Wy_RUe6OnFChp%2BDEk5TwE6k1gqQ%20()%20mail%20!%20gmail%20!%20com', { messageId: 'CAA9_cmf0tGZJGWWnoBR6078Wy_RUe6OnFChp+DEk5TwE6k1gqQ@mail.gmail.com' }],
    ['https://marc.info/?t=153211788400001&r=1&w=2', { kind: 'thread', messageId: null }],
    ['https://marc.info/?l=linux-mm&r=1&w=2', { kind: 'index', list: 'linux-mm' }],
    ['https://marc.info/?l=git&w=2&r=1&s=rebase&q=b', { kind: 'search', list: 'git', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://marc.info/?l=openbsd-misc&m=170000000000001&w=2', { kind: 'message', list: 'openbsd-misc', inboxUrl: null }],
    ['https://marc.info/', { kind: 'index', list: null }],
  ],
  noMatch: ['https://marc.info/robots.txt', 'https://marcinfo.example/?l=linux-mm&m=1'],
};
