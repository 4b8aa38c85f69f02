/**
 * LWN's mailing-list archive: `lwn.net/ml/<list>/<mid>/` and `/ml/all/<mid>`.
 *
 * The Message-ID is in the URL. LWN carries most of lore's lists but also others
 * (oss-security, distributions' lists), so the thread is lore's `/all/<mid>/` only for a
 * list lore-lists.ts knows. For `all/` and other lists, the page's header links lore
 * ("Archive-link") when lore has the message; that link is read from a hand-made page
 * modelled on LWN's, not verified on a saved one.
 *
 * Non-goals: LWN articles.
 */
import { loreInboxUrl } from './lore-lists.ts';
import { LORE_ALL, resolution, safeDecode, segments, withLoreMessageId, withMessageId } from './resolution.ts';
import type { PageDocument, Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'lwn';

function fromUrl(url: URL): Resolution | null {
  if (!/^(www\.)?lwn\.net$/.test(url.hostname)) return null;
  const [ml, list, mid, ...rest] = segments(url);
  if (ml !== 'ml') return null;
  const base = resolution(ID, 'index', { list: list || null, inboxUrl: loreInboxUrl(list ?? null) });
  if (!mid) return rest.length ? null : base;
  const id = safeDecode(mid);
  if (!id.includes('@') || rest.join('') !== '') return null;
  const r = withLoreMessageId({ ...base, kind: 'message' }, id);
  return r.threadUrl ? r : { ...r, needsPage: "LWN has lists lore lacks: the page links lore if lore has it" };
}

function fromPage(url: URL, doc: PageDocument): Resolution | null {
  const r = fromUrl(url);
  if (!r?.messageId || r.threadUrl) return r;
  // this message's own lore link, not one to another thread quoted in the body
  const onLore = Array.from(doc.querySelectorAll('a[href*="//lore.kernel.org/"]')).some((a) => safeDecode(a.getAttribute('href') ?? '').includes(r.messageId!));
  return onLore ? withMessageId({ ...r, inboxUrl: LORE_ALL, note: null }, r.messageId) : { ...r, needsPage: null };
}

export const lwn: SiteAdapter = { id: ID, name: 'LWN mailing-list archive', hosts: ['https://lwn.net/ml/*'], fromUrl, fromPage };

export const examples: SiteExamples = {
  match: [
    ['https://lwn.net/ml/linux-kernel/20180720201706.GE7697@redhat.com/', { kind: 'message', list: 'linux-kernel', messageId: '20180720201706.GE7697@redhat.com', threadUrl: 'https://lore.kernel.org/all/20180720201706.GE7697@redhat.com/', confidence: 'exact' }],
    // all/ names no list: the page's lore link decides (was lore /all/ from the URL alone)
    ['https://lwn.net/ml/all/20180720201706.GE7697@redhat.com', { kind: 'message', list: 'all', messageId: '20180720201706.GE7697@redhat.com', threadUrl: null }],
    ['https://lwn.net/ml/oss-security/20240329155126.kjjfduxw2yrlxgzm@awork3.anarazel.de/', { kind: 'message', list: 'oss-security', inboxUrl: null, threadUrl: null, confidence: 'exact' }],
    ['https://lwn.net/ml/linux-mm/', { kind: 'index', list: 'linux-mm' }],
  ],
  noMatch: ['https://lwn.net/Articles/123456/', 'https://lwn.net/ml/linux-kernel/not-an-id/', 'https://lwn.net/'],
};
