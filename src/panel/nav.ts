/**
 * Where a click in the panel goes: the archive URL of a message of the thread, and how a
 * panel page reads what it shows from its own address (`panel.html?url=…`, `?tab=…`).
 *
 * Non-goals: talking to tabs (connection.ts) and deciding which tab (the side panel follows
 * the active one, the pop-out a tab showing the thread, if any).
 */
import { midOfUrl } from '../sites/public-inbox-url.ts';
import type { ThreadMessage } from '../core/types.ts';

/**
 * The archive Message-ID behind a tree key: keys of reused ids carry `#2`, `#3` (one archive
 * page serves all of them), and synthetic keys have no archive page at all.
 */
export function archiveId(m: Pick<ThreadMessage, 'id' | 'ghost'> & { synthetic?: boolean }): string | null {
  if (m.synthetic || /^synthetic\.[^@]*@listlens\.invalid$/.test(m.id)) return null;
  return m.id.replace(/#\d+$/, '');
}

/** `<inbox>/<escaped id>/`: public-inbox's message page. */
export { messageUrl } from '../sites/public-inbox-url.ts';

export interface PanelParams {
  /** The archive page to show (pop-out and tests). */
  url: string | null;
  /** The tab the side panel was opened for (Chrome may pass it). */
  tab: number | null;
  /** `series`: the wide view, the series' matrix alone at the page's width ("Open in a tab"). */
  view: 'series' | null;
}

export function readParams(search: string): PanelParams {
  const q = new URLSearchParams(search);
  const tab = Number(q.get('tab'));
  const url = q.get('url');
  return { url: url && /^https?:\/\//i.test(url) ? url : null, tab: Number.isInteger(tab) && tab > 0 ? tab : null, view: q.get('view') === 'series' ? 'series' : null };
}

/** The panel's own address showing `url` instead, for history.replaceState in the pop-out. */
export function withUrlParam(href: string, url: string): string {
  const u = new URL(href);
  u.searchParams.set('url', url);
  return u.href;
}

/** The panel's own address in another view (`series`: the wide matrix), or the thread's. */
export function withView(href: string, view: PanelParams['view']): string {
  const u = new URL(href);
  if (view) u.searchParams.set('view', view);
  else u.searchParams.delete('view');
  return u.href;
}

/** The message a public-inbox URL points at (the decoded path segment), for "same thread?". */
export function midFromArchiveUrl(url: string, inboxUrl: string | null): string | null {
  return inboxUrl ? midOfUrl(url, inboxUrl) : null;
}
