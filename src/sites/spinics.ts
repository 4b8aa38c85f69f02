/**
 * spinics.net (and mail.spinics.net): MHonArc archives, `/lists/<list>/msgNNNNN.html`.
 *
 * spinics drops the Message-ID and masks every address (`joe@xxxxxxxxxxx`), so a message
 * is found again by a lore search on its subject, author and date: confidence `search`,
 * which the panel shows as uncertain. spinics names LKML `kernel`.
 * Page structure from MHonArc's documented default layout (`<li><em>From</em>: …`) and
 * archives.md, not from a saved page: only the `<h1>` and those header items are read.
 *
 * Non-goals: reading the masked In-reply-to; spinics' own search.
 */
import { loreInboxUrl } from './lore-lists.ts';
import { searchHint, textOf } from './page-text.ts';
import { noteIfNoThread, resolution, segments, withSearch } from './resolution.ts';
import type { PageDocument, Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'spinics';

function fromUrl(url: URL): Resolution | null {
  if (!/^(www\.|mail\.)?spinics\.net$/.test(url.hostname)) return null;
  const [top, list, file = ''] = segments(url);
  if (top !== 'lists' || !list) return null;
  const base = resolution(ID, 'index', { list, inboxUrl: loreInboxUrl(list) });
  if (!/^msg\d+\.html$/.test(file)) return /^(|index\.html|maillist\.html|threads\.html|(mail|thrd)\d+\.html)$/.test(file) ? base : null;
  // a search needs an inbox to search in: without one, say so rather than promise a search
  if (!base.inboxUrl) return noteIfNoThread({ ...base, kind: 'message' }, 'spinics hides the Message-ID, and ');
  return { ...base, kind: 'message', confidence: 'search', needsPage: 'spinics hides the Message-ID: subject, author and date from the page drive a search' };
}

/** MHonArc's `<li><em>Field</em>: value</li>` header items. */
function header(doc: PageDocument, field: string): string | null {
  for (const li of Array.from(doc.querySelectorAll('li'))) {
    const em = li.querySelector('em');
    if (em?.textContent?.trim().toLowerCase() === field) return li.textContent!.slice(li.textContent!.indexOf(':') + 1).trim() || null;
  }
  return null;
}

function fromPage(url: URL, doc: PageDocument): Resolution | null {
  const r = fromUrl(url);
  if (r?.kind !== 'message' || !r.inboxUrl) return r;
  const search = searchHint(header(doc, 'subject') ?? textOf(doc, 'h1'), header(doc, 'from'), header(doc, 'date'));
  return withSearch(r, search);
}

export const spinics: SiteAdapter = {
  id: ID,
  name: 'spinics.net',
  hosts: ['https://www.spinics.net/lists/*', 'https://spinics.net/lists/*', 'https://mail.spinics.net/lists/*'],
  fromUrl,
  fromPage,
};

export const examples: SiteExamples = {
  match: [
    ['https://www.spinics.net/lists/linux-mm/msg45004.html', { kind: 'message', list: 'linux-mm', messageId: null, inboxUrl: 'https://lore.kernel.org/all/', threadUrl: null, confidence: 'search' }],
    ['https://spinics.net/lists/kernel/msg2831345.html', { kind: 'message', list: 'kernel', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://mail.spinics.net/lists/linux-mm/msg45004.html', { kind: 'message', list: 'linux-mm' }],
    ['https://www.spinics.net/lists/linux-mm/', { kind: 'index', list: 'linux-mm', confidence: 'none' }],
    ['https://www.spinics.net/lists/linux-mm/threads.html', { kind: 'index' }],
    ['https://www.spinics.net/lists/fedora-devel/msg123.html', { kind: 'message', list: 'fedora-devel', inboxUrl: null, confidence: 'none', needsPage: null, search: null }],
  ],
  noMatch: ['https://www.spinics.net/', 'https://www.spinics.net/lists/', 'https://www.spinics.net/lists/linux-mm/msg45004.txt', 'https://www.spinics.net/about/linux-mm/msg1.html'],
};
