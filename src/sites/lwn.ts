/**
 * LWN's mailing-list archive: `lwn.net/ml/<list>/<mid>/` and `/ml/all/<mid>`.
 *
 * The Message-ID is in the URL and LWN mirrors lore's lists, so the thread is lore's
 * `/all/<mid>/`. No page reading is needed.
 *
 * Non-goals: LWN articles.
 */
import { LORE_ALL, resolution, safeDecode, segments, withMessageId } from './resolution.ts';
import type { Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'lwn';

function fromUrl(url: URL): Resolution | null {
  if (!/^(www\.)?lwn\.net$/.test(url.hostname)) return null;
  const [ml, list, mid, ...rest] = segments(url);
  if (ml !== 'ml') return null;
  const base = resolution(ID, 'index', { list: list || null, inboxUrl: LORE_ALL });
  if (!mid) return rest.length ? null : base;
  const id = safeDecode(mid);
  return id.includes('@') && rest.join('') === '' ? withMessageId({ ...base, kind: 'message' }, id) : null;
}

export const lwn: SiteAdapter = { id: ID, name: 'LWN mailing-list archive', hosts: ['https://lwn.net/ml/*'], fromUrl };

export const examples: SiteExamples = {
  match: [
    ['https://lwn.net/ml/linux-kernel/20180720201706.GE7697@redhat.com/', { kind: 'message', list: 'linux-kernel', messageId: '20180720201706.GE7697@redhat.com', threadUrl: 'https://lore.kernel.org/all/20180720201706.GE7697@redhat.com/', confidence: 'exact' }],
    ['https://lwn.net/ml/all/20180720201706.GE7697@redhat.com', { kind: 'message', list: 'all', messageId: '20180720201706.GE7697@redhat.com' }],
    ['https://lwn.net/ml/linux-mm/', { kind: 'index', list: 'linux-mm' }],
  ],
  noMatch: ['https://lwn.net/Articles/123456/', 'https://lwn.net/ml/linux-kernel/not-an-id/', 'https://lwn.net/'],
};
