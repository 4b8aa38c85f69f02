/**
 * Mailman 3 HyperKitty archives on any host:
 * `…/archives/list/<list>@<host>/message/<HASH>/` and `…/thread/<HASH>/` (also under
 * `/hyperkitty/list/…`), HASH = base32(sha1(bare Message-ID)).
 *
 * The hash cannot be turned back into an id, so the id comes from the page (a reply
 * `mailto:` with `In-Reply-To=` or a `Message-ID:` line) or from HyperKitty's own export
 * of that one message (`export/….mbox.gz?message=<HASH>`, its `rawUrl`). A thread's
 * HASH is its first message's, and `export/….mbox.gz?thread=<HASH>` is the thread as
 * mbox (`mboxUrl`). Export URLs from HyperKitty's `export_mbox` view (its source).
 * Page traits are a guess, not verified on a saved page, so detection is URL first.
 *
 * Non-goals: HyperKitty's REST API, votes, favourites.
 */
import { loreInboxUrl } from './lore-lists.ts';
import { midFromHeaderText, midFromReplyLink } from './page-text.ts';
import { resolution, safeDecode, segments, withMessageId } from './resolution.ts';
import type { PageDocument, Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'hyperkitty';

function fromUrl(url: URL): Resolution | null {
  if (!/^https?:$/.test(url.protocol)) return null;
  const segs = segments(url);
  const at = segs.findIndex((s, i) => s === 'list' && i > 0 && /^(archives|hyperkitty)$/.test(segs[i - 1]!) && safeDecode(segs[i + 1] ?? '').includes('@'));
  if (at < 0) return null;
  const address = safeDecode(segs[at + 1]!);
  const [what, hash, ...rest] = segs.slice(at + 2);
  const listUrl = url.origin + '/' + segs.slice(0, at + 2).join('/') + '/';
  const base = resolution(ID, 'index', { list: address, inboxUrl: loreInboxUrl(address) });
  if (!what || /^(latest|\d{4})$/.test(what)) return base;
  if ((what !== 'message' && what !== 'thread') || !hash || !/^[A-Z2-7]{32}$/.test(hash) || rest.join('') !== '') return null;
  const exp = (k: string) => `${listUrl}export/${hash}.mbox.gz?${k}=${hash}`;
  return {
    ...base,
    kind: what,
    rawUrl: exp('message'),
    mboxUrl: what === 'thread' ? exp('thread') : null,
    needsPage: 'HyperKitty names messages by a hash of the Message-ID: the page or its export gives the id',
  };
}

function fromPage(url: URL, doc: PageDocument): Resolution | null {
  const r = fromUrl(url);
  if (!r || r.kind === 'index') return r;
  const mid = midFromReplyLink(doc) ?? midFromHeaderText(doc.querySelector('body')?.textContent ?? '');
  const thread = doc.querySelector('a[href*="/thread/"]')?.getAttribute('href');
  const t = thread ? /\/thread\/([A-Z2-7]{32})\//.exec(thread)?.[1] : null;
  const withThread = r.mboxUrl || !t ? r : { ...r, mboxUrl: r.rawUrl!.replace(/export\/\w+\.mbox\.gz\?message=\w+$/, `export/${t}.mbox.gz?thread=${t}`) };
  return mid ? withMessageId(withThread, mid) : withThread;
}

export const hyperkitty: SiteAdapter = {
  id: ID,
  name: 'Mailman 3 (HyperKitty)',
  hosts: ['https://lists.fedoraproject.org/archives/*', 'https://mail.python.org/archives/*', 'https://lists.linaro.org/archives/*', 'https://lists.mailman3.org/archives/*'],
  fromUrl,
  fromPage,
};

export const examples: SiteExamples = {
  match: [
    ['https://lists.fedoraproject.org/archives/list/devel@lists.fedoraproject.org/message/ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU/', { kind: 'message', list: 'devel@lists.fedoraproject.org', messageId: null, inboxUrl: null, rawUrl: 'https://lists.fedoraproject.org/archives/list/devel@lists.fedoraproject.org/export/ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU.mbox.gz?message=ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU' }],
    ['https://mail.python.org/archives/list/python-dev@python.org/thread/ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU/', { kind: 'thread', mboxUrl: 'https://mail.python.org/archives/list/python-dev@python.org/export/ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU.mbox.gz?thread=ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU' }],
    ['https://lists.centos.org/hyperkitty/list/virt@lists.centos.org/message/ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU/', { kind: 'message', list: 'virt@lists.centos.org' }],
    ['https://lists.linaro.org/archives/list/linux-arm-kernel@lists.infradead.org/message/ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU/', { inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://lists.fedoraproject.org/archives/list/devel@lists.fedoraproject.org/', { kind: 'index' }],
    ['https://lists.fedoraproject.org/archives/list/devel@lists.fedoraproject.org/2024/1/', { kind: 'index' }],
  ],
  noMatch: ['https://example.org/list/devel@example.org/message/ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU/', 'https://lists.fedoraproject.org/archives/list/devel@lists.fedoraproject.org/message/short/', 'https://lists.fedoraproject.org/archives/'],
};
