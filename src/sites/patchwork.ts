/**
 * Patchwork (patchwork.kernel.org and any other instance): patch pages
 * `/project/<p>/patch/<mid>/` (+ `raw/`, `mbox/`), covers `/project/<p>/cover/<mid>/`,
 * series `/series/<id>/` and `/project/<p>/list/?series=<id>`, and `/patch/msgid/<mid>`,
 * the project-less redirect that drm commits' `Link:` tags use.
 *
 * Patchwork 2.2+ puts the Message-ID in the URL; older numeric URLs (`/patch/123456/`)
 * need the page's "Message ID" row or the `mbox/` view (`rawUrl`). A series names no
 * single message: its `mbox/` (`mboxUrl`, also `rawUrl`) holds the patches. Any host's
 * `/project/<p>/(patch|cover)/` is patchwork's; bare `/series/<id>/` only on hosts named
 * patchwork. Page structure from Patchwork's templates as documented; detection reads only
 * the "Message ID" row and a lore `/r/` link, and stays URL first. patchwork.kernel.org
 * carries kernel lists only (lore `/all/`); elsewhere the project must be a list lore is
 * known to carry, so `msgid/` there gives the id without a thread.
 *
 * Non-goals: the REST API, checks, states.
 */
import { loreInboxUrl } from './lore-lists.ts';
import { LORE_ALL, resolution, safeDecode, segments, unbracket, withLoreMessageId, withMessageId } from './resolution.ts';
import type { PageDocument, Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'patchwork';

function fromUrl(url: URL): Resolution | null {
  if (!/^https?:$/.test(url.protocol)) return null;
  const segs = segments(url);
  const named = /(^|\.)patchwork\.|^patches\./.test(url.hostname);
  const inboxOf = (p: string | null): string | null => (url.hostname === 'patchwork.kernel.org' ? LORE_ALL : loreInboxUrl(p));
  let project: string | null = null;
  let rest = segs;
  if (segs[0] === 'project' && segs[1]) {
    project = segs[1];
    rest = segs.slice(2);
  } else if (!named) return null;
  const base = resolution(ID, 'index', { list: project, inboxUrl: inboxOf(project) });
  const [what, ...after] = rest;
  // `/patch/msgid/<mid>`, as drm commits' Link: tags write it, is the same patch by its id
  const [id = '', sub = ''] = what === 'patch' && after[0] === 'msgid' ? after.slice(1) : after;
  const series = what === 'series' ? id : what === 'list' ? url.searchParams.get('series') : null;
  if (series && /^\d+$/.test(series)) {
    const mbox = `${url.origin}/series/${series}/mbox/`;
    return { ...base, kind: 'series', mboxUrl: mbox, rawUrl: mbox, needsPage: "a series page names no single message: the series mbox gives its patches' Message-IDs" };
  }
  if ((what === 'patch' || what === 'cover') && id && /^(|raw|mbox|comments)$/.test(sub)) {
    // patchwork escapes the id's angle brackets when a link kept them (`%3C<mid>%3E`)
    const mid = unbracket(safeDecode(id));
    const r = { ...base, kind: what } as Resolution;
    if (/^\d+$/.test(mid)) return { ...r, rawUrl: `${url.origin}/${what}/${mid}/mbox/`, needsPage: 'a numeric patchwork id: the Message-ID is on the page or in its mbox' };
    return mid.includes('@') ? withLoreMessageId(r, mid) : null;
  }
  if (what === 'list' || !what) return project || named ? base : null;
  return null;
}

function fromPage(url: URL, doc: PageDocument): Resolution | null {
  const r = fromUrl(url);
  if (r?.kind === 'series') {
    // the series list links each patch by Message-ID: the first one names the thread
    for (const a of Array.from(doc.querySelectorAll('a[href*="/patch/"], a[href*="/cover/"]'))) {
      const p = fromUrl(new URL(a.getAttribute('href')!, url));
      if (p?.messageId) return withMessageId({ ...r, inboxUrl: r.inboxUrl ?? p.inboxUrl }, p.messageId);
    }
    return r;
  }
  if (!r || r.messageId || (r.kind !== 'patch' && r.kind !== 'cover')) return r;
  const th = Array.from(doc.querySelectorAll('th')).find((t) => /^\s*Message[ -]ID\s*$/i.test(t.textContent ?? ''));
  const cell = th?.nextElementSibling?.textContent?.trim().split(/\s+/)[0];
  const lore = doc.querySelector('a[href*="lore.kernel.org/r/"]')?.getAttribute('href')?.split('/r/')[1]?.replace(/\/$/, '');
  const mid = cell?.includes('@') ? unbracket(cell) : lore ? safeDecode(lore) : null;
  // a lore link on the page says lore has the message, whatever the project
  return mid ? withLoreMessageId({ ...r, inboxUrl: r.inboxUrl ?? (lore ? LORE_ALL : null) }, mid) : r;
}

export const patchwork: SiteAdapter = {
  id: ID,
  name: 'Patchwork',
  hosts: ['https://patchwork.kernel.org/*', 'https://patchwork.ozlabs.org/*', 'https://patchwork.freedesktop.org/*', 'https://patches.linaro.org/*'],
  fromUrl,
  fromPage,
};

export const examples: SiteExamples = {
  match: [
    ['https://patchwork.kernel.org/project/linux-mm/patch/59705f848d35b12ace640f92afcffea02cee0976.1289789605.git.joe@perches.com/', { kind: 'patch', list: 'linux-mm', messageId: '59705f848d35b12ace640f92afcffea02cee0976.1289789605.git.joe@perches.com', threadUrl: 'https://lore.kernel.org/all/59705f848d35b12ace640f92afcffea02cee0976.1289789605.git.joe@perches.com/', confidence: 'exact' }],
    ['https://patchwork.kernel.org/project/linux-mm/patch/59705f848d35b12ace640f92afcffea02cee0976.1289789605.git.joe@perches.com/mbox/', { kind: 'patch', messageId: '59705f848d35b12ace640f92afcffea02cee0976.1289789605.git.joe@perches.com' }],
    ['https://patchwork.kernel.org/project/netdevbpf/cover/20240101.1-1-a@example.com/', { kind: 'cover', list: 'netdevbpf', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://patchwork.kernel.org/project/linux-mm/patch/10527015/', { kind: 'patch', messageId: null, rawUrl: 'https://patchwork.kernel.org/patch/10527015/mbox/' }],
    ['https://patchwork.kernel.org/patch/10527015/', { kind: 'patch', list: null, messageId: null }],
    ['https://patchwork.kernel.org/series/1234/', { kind: 'series', mboxUrl: 'https://patchwork.kernel.org/series/1234/mbox/' }],
    ['https://patchwork.kernel.org/project/linux-mm/list/?series=1234', { kind: 'series', list: 'linux-mm' }],
    ['https://patchwork.kernel.org/project/linux-mm/list/', { kind: 'index', list: 'linux-mm' }],
    ['https://patchwork.ozlabs.org/project/linuxppc-dev/patch/20240101.1-1-a@example.com/', { kind: 'patch', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://patchwork.ozlabs.org/project/uboot/patch/20240101.1-1-a@example.com/', { kind: 'patch', inboxUrl: null, threadUrl: null, messageId: '20240101.1-1-a@example.com' }],
    ['https://patches.example.org/project/qemu/patch/20240101.1-1-a@example.com/', { kind: 'patch', list: 'qemu' }],
    ['https://patchwork.freedesktop.org/patch/msgid/20240101120000.1234-1-a@intel.com', { kind: 'patch', list: null, messageId: '20240101120000.1234-1-a@intel.com', confidence: 'exact', inboxUrl: null, threadUrl: null }],
    ['https://patchwork.freedesktop.org/patch/msgid/20240101120000.1234-1-a@intel.com/', { kind: 'patch', messageId: '20240101120000.1234-1-a@intel.com' }],
    ['https://patchwork.kernel.org/patch/msgid/20240101.1-1-a@example.com/', { kind: 'patch', messageId: '20240101.1-1-a@example.com', threadUrl: 'https://lore.kernel.org/all/20240101.1-1-a@example.com/' }],
    ['https://patchwork.freedesktop.org/project/dri-devel/patch/20240101120000.1234-1-a@intel.com/', { kind: 'patch', list: 'dri-devel', threadUrl: 'https://lore.kernel.org/all/20240101120000.1234-1-a@intel.com/' }],
    // the brackets were kept in messageId and threadUrl
    ['https://patchwork.kernel.org/project/linux-mm/patch/%3C20240101.1-1-a@example.com%3E/', { kind: 'patch', messageId: '20240101.1-1-a@example.com', threadUrl: 'https://lore.kernel.org/all/20240101.1-1-a@example.com/' }],
  ],
  noMatch: ['https://example.org/series/1234/', 'https://patchwork.kernel.org/project/linux-mm/patch/not-a-mid/', 'https://patchwork.kernel.org/api/1.2/patches/'],
};
