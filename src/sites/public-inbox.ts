/**
 * public-inbox archives: lore.kernel.org and every other instance, including mirrors
 * under a path prefix (`yhbt.net/lore/all/<mid>/`) and hosts the user adds.
 *
 * The Message-ID is found by the URL's structure, never by position: it is the segment
 * that holds `@` (percent-decoded) and is followed by nothing, `raw`, `T/`, `t/`,
 * `t.mbox.gz` or `t.atom`. Everything before it is the inbox. So `/lore/all/<mid>/` and
 * `/linux-mm/<mid>/T/` both resolve without a table of prefixes.
 *
 * Page structure taken from real public-inbox 1.9 pages (../shared/notes/public-inbox-1.9-pages):
 * - T/ and t/ anchor each message `id=m<sha1 of the bare Message-ID>`; the Message-ID is
 *   only in that message's `permalink`/`raw` links. `#u` marks the URL's own message.
 *   Older releases anchored `#m<escaped mid>`; both are read.
 * - The not-found page (HTTP 300) is titled `<mid> not found` and starts
 *   `Message-ID <mid>\nnot found`.
 * - Checked against a live public-inbox-httpd 1.9 (test/sites/public-inbox-live.test.ts):
 *   ids with `/`, `%`, `+`, sub-delims and 8-bit bytes.
 *
 * Non-goals: fetching, and telling whether a message exists (the worker's 300 does that).
 */
import { resolution, safeDecode, withMessageId } from './resolution.ts';
import { midFromHeaderText } from './page-text.ts';
import { midIndex, midOfSegment, THREAD_TAIL } from './public-inbox-url.ts';
import { repairMojibake } from './decode.ts';
import type { PageDocument, Resolution, SiteAdapter, SiteExamples } from './types.ts';

export { isPublicInboxPage } from './public-inbox-url.ts';

const ID = 'public-inbox';

/** Default hosts and where their inboxes start. `yhbt.net` serves public-inbox only under /lore/. */
const HOSTS: Record<string, string> = {
  'lore.kernel.org': '/',
  'inbox.sourceware.org': '/',
  'public-inbox.org': '/',
  'lore.gnuweeb.org': '/',
  'inbox.dpdk.org': '/',
  'yhbt.net': '/lore/',
  'lore.kerneltesting.org': '/',
};

/**
 * A public-inbox URL under `root` (`/`, `/lore/`, or a user-added prefix). `allForBare`:
 * a Message-ID straight under the root (`lore.kernel.org/<mid>/`, or lore's `/r/<mid>`)
 * means the cross-list inbox `all/`, as lore redirects it.
 */
export function fromInboxUrl(url: URL, root = '/', allForBare = false): Resolution | null {
  if (!url.pathname.startsWith(root) || !/^https?:$/.test(url.protocol)) return null;
  const rel = url.pathname.slice(root.length).split('/');
  const base = url.origin + root;
  const i = midIndex(rel);
  if (i < 0) {
    // list index, search, help: inbox-level pages, no message
    let inbox = rel.slice(0, -1);
    const us = inbox.indexOf('_');
    if (us >= 0) inbox = inbox.slice(0, us);
    const kind = url.searchParams.has('q') ? 'search' : 'index';
    return resolution(ID, kind, { list: inbox.at(-1) ?? null, inboxUrl: inbox.length ? base + inbox.join('/') + '/' : null });
  }
  let inbox = rel.slice(0, i);
  if (allForBare && (inbox.length === 0 || (inbox.length === 1 && inbox[0] === 'r'))) inbox = ['all'];
  const inboxUrl = base + (inbox.length ? inbox.join('/') + '/' : '');
  const mid = midOfSegment(rel[i]!);
  const thread = THREAD_TAIL.test(rel[i + 1] ?? '');
  const r = withMessageId(resolution(ID, thread ? 'thread' : 'message', { list: inbox.at(-1) ?? null, inboxUrl }), mid);
  if (!thread) return r;
  const frag = url.hash.slice(1);
  if (/^m[0-9a-f]{40}$/.test(frag)) {
    return { ...r, anchor: null, anchorSha1: frag.slice(1), needsPage: 'the #m… anchor names the message in view by the SHA-1 of its Message-ID; the page (or the thread) maps it back' };
  }
  const old = frag.startsWith('m') ? safeDecode(frag.slice(1)) : '';
  return { ...r, anchor: old.includes('@') ? old : null };
}

function fromUrl(url: URL): Resolution | null {
  const root = HOSTS[url.hostname];
  return root === undefined ? null : fromInboxUrl(url, root, true);
}

/**
 * The not-found page's Message-ID, or null when `doc` is not that page. The title says it
 * (`<mid> not found`); the second `<pre>` is checked too, never every `<pre>` of a long
 * thread page.
 */
function notFoundMid(doc: PageDocument): string | null {
  const t = /^<(.+)> not found$/.exec(doc.title.trim());
  if (t) return t[1]!;
  const m = /^Message-ID <(.+)>\s*\nnot found/.exec(doc.querySelectorAll('pre')[1]?.textContent ?? '');
  return m ? m[1]! : null;
}

/** On a T/ or t/ page, the Message-ID of the message anchored `m<sha1>`, from its permalink. */
function anchoredMid(url: URL, doc: PageDocument, sha1: string): string | null {
  const pre = doc.querySelector(`[id="m${sha1}"]`)?.closest('pre');
  const link = Array.from(pre?.querySelectorAll('a') ?? []).find((a) => a.textContent === 'permalink' || a.textContent === 'raw');
  const href = link?.getAttribute('href');
  if (!href) return null;
  return fromInboxUrl(new URL(href, url))?.messageId ?? null;
}

/** What only the page tells about `r`: the not-found page, the message an `#m<sha1>` anchor names. */
export function refineWithPage(r: Resolution, url: URL, doc: PageDocument): Resolution {
  const missing = notFoundMid(doc);
  // public-inbox's own double-escaped links to 8-bit ids answer 300 (see fromInboxUrl);
  // the repaired id's thread URL does serve, so that case stays a message for the worker
  const segs = url.pathname.split('/');
  const seg = safeDecode(segs[midIndex(segs)] ?? '');
  const misEscaped = missing !== null && !!r.threadUrl && repairMojibake(seg) !== seg;
  if (missing !== null && !misEscaped) {
    return { ...r, kind: 'not-found', messageId: missing, threadUrl: null, confidence: 'none', needsPage: null, anchor: null };
  }
  if (r.anchorSha1) return { ...r, anchor: anchoredMid(url, doc, r.anchorSha1), needsPage: null };
  if (!r.messageId) {
    // a message page under a URL we could not read (a rewriting proxy): pre#b has the id
    const mid = midFromHeaderText(doc.querySelector('pre#b')?.textContent ?? '');
    if (mid) return withMessageId({ ...r, kind: 'message', inboxUrl: r.inboxUrl ?? new URL('../', url).href }, mid);
  }
  return r;
}

/** Works on any host: hosts the user added and pages recognised by their traits. */
function fromPage(url: URL, doc: PageDocument): Resolution | null {
  const r = fromUrl(url) ?? fromInboxUrl(url);
  return r && refineWithPage(r, url, doc);
}

/** Origins and path prefixes a user added (`https://host/prefix/`), as match roots. */
export function fromExtraHosts(url: URL, extraHosts: string[]): Resolution | null {
  for (const h of extraHosts) {
    let base: URL;
    try {
      base = new URL(h.endsWith('/') ? h : h + '/');
    } catch {
      continue;
    }
    if (base.host === url.host && url.pathname.startsWith(base.pathname)) return fromInboxUrl(url, base.pathname);
  }
  return null;
}

export const publicInbox: SiteAdapter = {
  id: ID,
  name: 'public-inbox (lore.kernel.org and other instances)',
  hosts: Object.entries(HOSTS).map(([h, root]) => `https://${h}${root}*`),
  fromUrl,
  fromPage,
};

export const examples: SiteExamples = {
  match: [
    ['https://lore.kernel.org/linux-mm/20180720201706.GE7697@redhat.com/', { kind: 'message', list: 'linux-mm', messageId: '20180720201706.GE7697@redhat.com', inboxUrl: 'https://lore.kernel.org/linux-mm/', threadUrl: 'https://lore.kernel.org/linux-mm/20180720201706.GE7697@redhat.com/', confidence: 'exact' }],
    ['https://lore.kernel.org/linux-mm/20180720201706.GE7697@redhat.com', { kind: 'message', messageId: '20180720201706.GE7697@redhat.com' }],
    ['https://lore.kernel.org/all/20180720201706.GE7697@redhat.com/raw', { kind: 'message', list: 'all', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://lore.kernel.org/linux-mm/20240305120001.12345-1-sasha.author@example.org/T/#u', { kind: 'thread', messageId: '20240305120001.12345-1-sasha.author@example.org', anchor: null, needsPage: null }],
    ['https://lore.kernel.org/linux-mm/20240305120001.12345-1-sasha.author@example.org/t/#m03212700dc24606ff2f5fd7a194f3612f3f50acb', { kind: 'thread', messageId: '20240305120001.12345-1-sasha.author@example.org', anchorSha1: '03212700dc24606ff2f5fd7a194f3612f3f50acb' }],
    ['https://lore.kernel.org/linux-mm/20240305120001.12345-1-sasha.author@example.org/T/#mZecd1a2b3c4d5e6f@example.org', { kind: 'thread', messageId: '20240305120001.12345-1-sasha.author@example.org', anchor: 'Zecd1a2b3c4d5e6f@example.org' }],
    ['https://lore.kernel.org/linux-mm/20240305120001.12345-1-sasha.author@example.org/t.mbox.gz', { kind: 'thread', threadUrl: 'https://lore.kernel.org/linux-mm/20240305120001.12345-1-sasha.author@example.org/' }],
    ['https://lore.kernel.org/20240305120001.12345-1-sasha.author@example.org/', { kind: 'message', list: 'all', inboxUrl: 'https://lore.kernel.org/all/', threadUrl: 'https://lore.kernel.org/all/20240305120001.12345-1-sasha.author@example.org/' }],
    ['https://lore.kernel.org/r/20240305120001.12345-1-sasha.author@example.org', { kind: 'message', inboxUrl: 'https://lore.kernel.org/all/' }],
    ['https://lore.kernel.org/git/foo%2Fbar@example.com/', { messageId: 'foo/bar@example.com', threadUrl: 'https://lore.kernel.org/git/foo%2Fbar@example.com/' }],
    ['https://yhbt.net/lore/all/20180720201706.GE7697@redhat.com/', { list: 'all', inboxUrl: 'https://yhbt.net/lore/all/', messageId: '20180720201706.GE7697@redhat.com' }],
    ['https://yhbt.net/lore/20180720201706.GE7697@redhat.com/T/', { kind: 'thread', inboxUrl: 'https://yhbt.net/lore/all/' }],
    ['https://public-inbox.org/git/20240101.GA1@example.com/', { list: 'git', inboxUrl: 'https://public-inbox.org/git/' }],
    ['https://inbox.sourceware.org/gcc-patches/87abc.fsf@example.com/', { list: 'gcc-patches' }],
    ['https://lore.kerneltesting.org/linux-mm/20180720201706.GE7697@redhat.com/', { list: 'linux-mm', inboxUrl: 'https://lore.kerneltesting.org/linux-mm/' }],
    ['https://lore.kernel.org/linux-mm/', { kind: 'index', list: 'linux-mm', messageId: null, inboxUrl: 'https://lore.kernel.org/linux-mm/', confidence: 'none' }],
    ['https://lore.kernel.org/linux-mm/?t=20240306130001', { kind: 'index', list: 'linux-mm' }],
    ['https://lore.kernel.org/linux-mm/?q=s%3Ahmm', { kind: 'search', list: 'linux-mm', messageId: null }],
    ['https://lore.kernel.org/', { kind: 'index', list: null, inboxUrl: null }],
    ['https://lore.kernel.org/linux-mm/_/text/help/', { kind: 'index', list: 'linux-mm' }],
    ['https://inbox.dpdk.org/dev/', { kind: 'index', list: 'dev' }],
    ['https://lore.kernel.org/linux-mm/20180720201706.GE7697@redhat.com/s/?b=mm/hmm.c', { kind: 'message', list: 'linux-mm', messageId: '20180720201706.GE7697@redhat.com' }],
  ],
  noMatch: [
    'https://yhbt.net/',
    'https://yhbt.net/lore.git/',
    'https://kernel.org/linux-mm/20180720201706.GE7697@redhat.com/',
    'ftp://lore.kernel.org/linux-mm/',
  ],
};
