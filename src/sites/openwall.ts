/**
 * Openwall's blists archives: lists.openwall.net (`/linux-kernel/2008/02/27/349`) and
 * www.openwall.com/lists (`/lists/oss-security/2024/01/01/1`).
 *
 * The page shows the headers in a `<pre>`, addresses partly masked (`segoon@...nwall.com`)
 * and usually a `Message-ID:` line, which gives the id; without it (or masked), the
 * Subject/From/Date lines drive a search. Structure from archives.md; not verified on a
 * saved page, so the whole page text is searched for those lines.
 *
 * Non-goals: blists' day/month indexes beyond naming them.
 */
import { loreInboxUrl } from './lore-lists.ts';
import { midFromHeaderText, searchHint } from './page-text.ts';
import { noteIfNoThread, resolution, segments, withLoreMessageId, withSearch } from './resolution.ts';
import type { PageDocument, Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'openwall';

function fromUrl(url: URL): Resolution | null {
  let segs = segments(url).filter(Boolean);
  if (url.hostname === 'www.openwall.com' || url.hostname === 'openwall.com') {
    if (segs[0] !== 'lists') return null;
    segs = segs.slice(1);
  } else if (url.hostname !== 'lists.openwall.net') return null;
  const [list, ...date] = segs;
  if (!list || !date.every((d) => /^\d+$/.test(d)) || date.length > 4) return null;
  const base = resolution(ID, 'index', { list, inboxUrl: loreInboxUrl(list) });
  // openwall.com's own lists (oss-security, musl, john-users) are not on lore: no thread there
  return date.length === 4 ? noteIfNoThread({ ...base, kind: 'message', needsPage: 'the Message-ID is on a Message-ID: line of the page' }) : base;
}

function line(text: string, field: string): string | null {
  return new RegExp(`^${field}:[ \\t]*(.+)$`, 'im').exec(text)?.[1]?.trim() ?? null;
}

function fromPage(url: URL, doc: PageDocument): Resolution | null {
  const r = fromUrl(url);
  if (r?.kind !== 'message') return r;
  const text = Array.from(doc.querySelectorAll('pre'), (p) => p.textContent ?? '').join('\n');
  const mid = midFromHeaderText(text);
  if (mid) return withLoreMessageId(r, mid);
  const search = searchHint(line(text, 'Subject'), line(text, 'From'), line(text, 'Date'));
  return withSearch(r, search);
}

export const openwall: SiteAdapter = {
  id: ID,
  name: 'Openwall lists (lists.openwall.net)',
  hosts: ['https://lists.openwall.net/*', 'https://www.openwall.com/lists/*'],
  fromUrl,
  fromPage,
};

export const examples: SiteExamples = {
  match: [
    ['https://lists.openwall.net/linux-kernel/2008/02/27/349', { kind: 'message', list: 'linux-kernel', inboxUrl: 'https://lore.kernel.org/all/', messageId: null }],
    ['https://lists.openwall.net/netdev/2011/02/14/46', { kind: 'message', list: 'netdev' }],
    ['https://www.openwall.com/lists/oss-security/2024/01/01/1', { kind: 'message', list: 'oss-security', inboxUrl: null, threadUrl: null }],
    ['https://www.openwall.com/lists/kernel-hardening/2020/03/24/1', { kind: 'message', list: 'kernel-hardening', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://lists.openwall.net/linux-kernel/2008/02/27/', { kind: 'index', list: 'linux-kernel' }],
    ['https://lists.openwall.net/linux-kernel/', { kind: 'index' }],
  ],
  noMatch: ['https://lists.openwall.net/', 'https://www.openwall.com/john/', 'https://lists.openwall.net/linux-kernel/2008/02/27/349/1'],
};
