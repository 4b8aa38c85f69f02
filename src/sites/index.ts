/**
 * Every archive adapter, and the one entry point the content script, the worker and the
 * CLI use: `resolvePage(url, doc?, extraHosts?)`.
 *
 * Order of trust: the URL first (cheap, no DOM); the page only where the URL cannot
 * tell (an adapter's `needsPage`, public-inbox's not-found page and `#m<sha1>` anchors);
 * then public-inbox hosts the user added; then, for any other host, public-inbox's page
 * traits. Adapters with host-specific URL shapes come before the ones that recognise a
 * path shape on any host (patchwork, pipermail, HyperKitty).
 *
 * Non-goals: fetching (the worker), permissions (the toolbar button), the options page's
 * on/off switches (callers filter `adapters`).
 */
import { searchDay } from '../core/mail/date.ts';
import { hyperkitty } from './hyperkitty.ts';
import { hypermail } from './hypermail.ts';
import { lkmlOrg } from './lkml-org.ts';
import { lwn } from './lwn.ts';
import { mailArchive } from './mail-archive.ts';
import { marc } from './marc.ts';
import { openwall } from './openwall.ts';
import { patchwork } from './patchwork.ts';
import { pipermail } from './pipermail.ts';
import { fromExtraHosts, fromInboxUrl, publicInbox, refineWithPage } from './public-inbox.ts';
import { isPublicInboxPage, rawUrl, threadMbox } from './public-inbox-url.ts';
import { spinics } from './spinics.ts';
import type { PageDocument, Resolution, SearchHint, SiteAdapter } from './types.ts';

export { isPublicInboxPage } from './public-inbox-url.ts';
export { isMaskedAddress } from '../core/mail/masked.ts';

export const adapters: SiteAdapter[] = [publicInbox, marc, spinics, lkmlOrg, hypermail, openwall, lwn, mailArchive, patchwork, pipermail, hyperkitty];

/**
 * What the reader is looking at, or null when no adapter knows the page. `doc` is read
 * only when the URL is not enough; `extraHosts` are public-inbox instance URLs the user
 * added (`https://host/prefix/`). `enabled` filters adapters by id (the options page).
 */
export function resolvePage(url: URL, doc?: PageDocument, extraHosts: string[] = [], enabled?: (id: string) => boolean): Resolution | null {
  for (const a of adapters) {
    if (enabled && !enabled(a.id)) continue;
    const r = a.fromUrl(url);
    if (!r) continue;
    if (!doc) return r;
    if (a === publicInbox) return refineWithPage(r, url, doc);
    return r.needsPage && a.fromPage ? (a.fromPage(url, doc) ?? r) : r;
  }
  if (enabled && !enabled(publicInbox.id)) return null;
  const extra = fromExtraHosts(url, extraHosts);
  if (extra) return doc ? refineWithPage(extra, url, doc) : extra;
  if (doc && isPublicInboxPage(doc)) {
    const r = fromInboxUrl(url);
    return r && refineWithPage(r, url, doc);
  }
  return null;
}

/** The whole thread as gzip'd mbox: public-inbox's `t.mbox.gz`, else the archive's own export. */
export function threadMboxUrl(res: Resolution): string | null {
  return res.threadUrl ? threadMbox(res.threadUrl) : (res.mboxUrl ?? null);
}

/** The message's raw text: public-inbox's `raw`, else a raw view that reveals the Message-ID. */
export function rawMessageUrl(res: Resolution): string | null {
  return res.threadUrl ? rawUrl(res.threadUrl) : (res.rawUrl ?? null);
}

/**
 * A public-inbox (Xapian) query for a message whose id the archive hides: its subject
 * (reply prefixes dropped), author, and a day either side of its date, as b4 searches.
 */
export function searchQuery(hint: SearchHint): string {
  const quote = (s: string) => '"' + s.replace(/"/g, ' ').replace(/\s+/g, ' ').trim() + '"';
  const parts = [`s:${quote(hint.subject.replace(/^((re|fwd?|aw):\s*)+/i, ''))}`];
  if (hint.author) parts.push(`f:${quote(hint.author)}`);
  const t = hint.date ? Date.parse(hint.date) : NaN;
  if (!Number.isNaN(t)) {
    parts.push(`d:${searchDay(t - 86_400_000)}..${searchDay(t + 86_400_000)}`);
  }
  return parts.join(' ');
}

/** Match patterns of every adapter's default hosts, for the manifest. */
export function hostPatterns(): string[] {
  return [...new Set(adapters.flatMap((a) => a.hosts))];
}
