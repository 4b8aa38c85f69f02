/**
 * Mailman 2 pipermail archives on any host:
 * `…/pipermail/<list>/<YYYY-Month>/<NNNNNN>.html` (lists.infradead.org, mail.python.org,
 * and `/archives/<list>/…` on lists.freedesktop.org).
 *
 * The Message-ID is in the author's reply link: `mailto:…?…&In-Reply-To=%3C<mid>%3E`
 * (also the `<LINK REL="made">`). Lists lore-lists.ts knows lore carries resolve to lore
 * (infradead and ozlabs also host lists lore lacks); every list also gets its month's `.txt.gz` as
 * `mboxUrl`, the archive's own data for lists no public-inbox carries.
 * Structure from Mailman 2.1's article template as documented in archives.md; weekly
 * and quarterly archive periods are not recognised.
 *
 * Non-goals: Mailman's listinfo pages; private archives.
 */
import { loreInboxUrl } from './lore-lists.ts';
import { midFromReplyLink, searchHint, textOf } from './page-text.ts';
import { resolution, segments, withMessageId, withSearch } from './resolution.ts';
import type { PageDocument, Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'pipermail';
const MONTH = /^\d{4}-(January|February|March|April|May|June|July|August|September|October|November|December)$/;

function fromUrl(url: URL): Resolution | null {
  if (!/^https?:$/.test(url.protocol)) return null;
  const segs = segments(url);
  const at = segs.findIndex((s, i) => i > 0 && MONTH.test(s));
  const list = at > 0 ? segs[at - 1]! : null;
  if (!list || segs.length !== at + 2) return null;
  const file = segs[at + 1]!;
  // with its host: a `linux-*` name alone is no kernel list off the kernel's list hosts
  const inboxUrl = loreInboxUrl(`${list}@${url.hostname}`);
  const dir = url.origin + '/' + segs.slice(0, at + 1).join('/');
  const base = resolution(ID, 'index', { list, inboxUrl, mboxUrl: dir + '.txt.gz' });
  if (/^\d+\.html$/.test(file)) return { ...base, kind: 'message', needsPage: "the Message-ID is in the author's mailto link (In-Reply-To=)" };
  return /^(|(date|thread|subject|author)\.html)$/.test(file) ? base : null;
}

function fromPage(url: URL, doc: PageDocument): Resolution | null {
  const r = fromUrl(url);
  if (r?.kind !== 'message') return r;
  const mid = midFromReplyLink(doc);
  if (mid) return withMessageId(r, mid);
  const search = searchHint(textOf(doc, 'h1'), textOf(doc, 'b'), textOf(doc, 'i'));
  return withSearch(r, search);
}

export const pipermail: SiteAdapter = {
  id: ID,
  name: 'Mailman 2 (pipermail)',
  hosts: ['https://lists.infradead.org/pipermail/*', 'https://lists.ozlabs.org/pipermail/*', 'https://lists.freedesktop.org/archives/*', 'https://mail.python.org/pipermail/*'],
  fromUrl,
  fromPage,
};

export const examples: SiteExamples = {
  match: [
    ['https://lists.infradead.org/pipermail/linux-arm-kernel/2016-April/425179.html', { kind: 'message', list: 'linux-arm-kernel', inboxUrl: 'https://lore.kernel.org/all/', messageId: null, mboxUrl: 'https://lists.infradead.org/pipermail/linux-arm-kernel/2016-April.txt.gz' }],
    ['http://lists.infradead.org/pipermail/linux-snps-arc/2020-May/007000.html', { kind: 'message', list: 'linux-snps-arc', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://mail.python.org/pipermail/python-dev/2010-March/098000.html', { kind: 'message', list: 'python-dev', inboxUrl: null, mboxUrl: 'https://mail.python.org/pipermail/python-dev/2010-March.txt.gz' }],
    ['https://lists.freedesktop.org/archives/dri-devel/2020-January/253000.html', { kind: 'message', list: 'dri-devel', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://lists.infradead.org/pipermail/linux-arm-kernel/2016-April/thread.html', { kind: 'index', list: 'linux-arm-kernel' }],
    ['https://lists.infradead.org/pipermail/openwrt-devel/2020-May/029000.html', { kind: 'message', list: 'openwrt-devel', inboxUrl: null, mboxUrl: 'https://lists.infradead.org/pipermail/openwrt-devel/2020-May.txt.gz' }],
    ['https://lists.ozlabs.org/pipermail/skiboot/2019-March/013000.html', { kind: 'message', list: 'skiboot', inboxUrl: null }],
    // a `linux-*` name off the kernel's list hosts: its own archive, not lore
    ['https://lists.linuxaudio.org/archives/linux-audio-dev/2019-March/000001.html', { kind: 'message', list: 'linux-audio-dev', inboxUrl: null, mboxUrl: 'https://lists.linuxaudio.org/archives/linux-audio-dev/2019-March.txt.gz' }],
    ['https://lists.ozlabs.org/pipermail/linuxppc-dev/2019-March/190000.html', { kind: 'message', list: 'linuxppc-dev', inboxUrl: 'https://lore.kernel.org/all/' }],
  ],
  noMatch: ['https://lists.infradead.org/pipermail/linux-arm-kernel/', 'https://lists.infradead.org/pipermail/linux-arm-kernel/2016-April/425179.txt', 'https://example.org/2016-April/1.html'],
};
