/**
 * hypermail at lkml.iu.edu and lkml.indiana.edu: `/hypermail/linux/kernel/1805.2/06511.html`
 * (and `//hypermail/…`, as links to it are often written). It carries kernel lists only, so
 * every list's thread is on lore's `/all/`.
 *
 * hypermail writes the message's headers as HTML comments (`<!-- id="…" -->`,
 * `<!-- name="…" -->`, `<!-- subject="…" -->`, `<!-- isosent="…" -->`). The id comment
 * gives the Message-ID; where it is missing or masked (`@xxxxxxxxxx`, as the site masks
 * addresses) the other comments drive a search. Names come out as mojibake when the
 * archive decoded UTF-8 as latin1 (`JÃ©rÃ´me`): they are repaired when that round-trips.
 * Comment names from hypermail's documented output; not verified on a saved lkml.iu.edu page.
 *
 * Non-goals: hypermail's index pages beyond naming them; other hypermail hosts.
 */
import { isMaskedAddress } from '../core/mail/masked.ts';
import { decodeBasicEntities, repairMojibake, searchHint, textOf } from './page-text.ts';
import { LORE_ALL, resolution, withLoreMessageId, withSearch } from './resolution.ts';
import type { PageDocument, Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'hypermail';

function fromUrl(url: URL): Resolution | null {
  if (!/^(www\.)?lkml\.(iu|indiana)\.edu$/.test(url.hostname)) return null;
  const segs = url.pathname.replace(/\/{2,}/g, '/').split('/').slice(1);
  if (segs[0] !== 'hypermail' || segs.length < 4) return null;
  const file = segs.at(-1)!;
  const period = segs.at(-2)!;
  const list = segs.slice(1, -2).join('-');
  const base = resolution(ID, 'index', { list, inboxUrl: LORE_ALL });
  if (!/^\d{4}(\.\d)?$/.test(period)) return null;
  if (/^\d+\.html$/.test(file)) return { ...base, kind: 'message', needsPage: 'hypermail keeps the Message-ID in an <!-- id="…" --> comment of the page' };
  return /^(|index\.html|(date|thread|subject|author|attachment)\.html)$/.test(file) ? base : null;
}

/** hypermail's `<!-- name="value" -->` comment, entity-decoded, or null. */
function comment(html: string, name: string): string | null {
  const m = new RegExp(`<!-- ${name}="([^"]*)" -->`).exec(html);
  return m && m[1] ? repairMojibake(decodeBasicEntities(m[1])) : null;
}

function fromPage(url: URL, doc: PageDocument): Resolution | null {
  const r = fromUrl(url);
  if (r?.kind !== 'message') return r;
  const html = doc.documentElement?.outerHTML ?? '';
  const id = comment(html, 'id');
  if (id && !isMaskedAddress(id)) return withLoreMessageId(r, id);
  const search = searchHint(comment(html, 'subject') ?? textOf(doc, 'h1'), comment(html, 'name'), comment(html, 'isosent') ?? comment(html, 'sent'));
  return withSearch(r, search);
}

export const hypermail: SiteAdapter = {
  id: ID,
  name: 'hypermail (lkml.iu.edu)',
  hosts: ['https://lkml.iu.edu/*hypermail/*', 'https://lkml.indiana.edu/*hypermail/*'],
  fromUrl,
  fromPage,
};

export const examples: SiteExamples = {
  match: [
    ['https://lkml.iu.edu/hypermail/linux/kernel/1805.2/06511.html', { kind: 'message', list: 'linux-kernel', messageId: null, inboxUrl: 'https://lore.kernel.org/all/', confidence: 'none' }],
    ['http://lkml.indiana.edu/hypermail/linux/kernel/0802.3/1234.html', { kind: 'message', list: 'linux-kernel' }],
    ['https://lkml.iu.edu/hypermail/linux/kernel/1805.2/index.html', { kind: 'index', list: 'linux-kernel' }],
    ['https://lkml.iu.edu/hypermail/linux/kernel/1805.2/', { kind: 'index' }],
    ['https://lkml.iu.edu/hypermail/linux/net/0102/0001.html', { kind: 'message', list: 'linux-net', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://lkml.iu.edu//hypermail/linux/kernel/1805.2/06511.html', { kind: 'message', list: 'linux-kernel', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://lkml.iu.edu/hypermail//linux/kernel/1805.2//index.html', { kind: 'index', list: 'linux-kernel' }],
  ],
  noMatch: ['https://lkml.iu.edu/', 'https://lkml.iu.edu/hypermail/linux/kernel/', 'https://lkml.iu.edu/hypermail/linux/kernel/latest/0001.html'],
};
