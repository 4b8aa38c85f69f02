/**
 * lkml.org and its mirror hosts: `/lkml/YYYY/M/D/N`.
 *
 * lkml.org shows no Message-ID and masks the author's address (`Joe Perches <>`), so a
 * message is found by a lore search on subject, author and date (confidence `search`).
 * Page structure from archives.md and lkml.org's schema.org microdata
 * (`itemprop="name"`, `author`, `datePublished`), with the `LKML: Name: Subject` title as
 * fallback; not verified on a saved page.
 *
 * Non-goals: lkml.org's thread lists (they link its own numbers, not ids).
 */
import { searchHint, textOf } from './page-text.ts';
import { LORE_ALL, resolution, segments } from './resolution.ts';
import type { PageDocument, Resolution, SiteAdapter, SiteExamples } from './types.ts';

const ID = 'lkml-org';

function fromUrl(url: URL): Resolution | null {
  if (!/^((www|do-db2)\.)?lkml\.org$/.test(url.hostname)) return null;
  const [list, ...date] = segments(url).filter(Boolean);
  if (list !== 'lkml') return null;
  const base = resolution(ID, 'index', { list, inboxUrl: LORE_ALL });
  if (date.length === 4 && date.every((d) => /^\d+$/.test(d))) {
    return { ...base, kind: 'message', confidence: 'search', needsPage: 'lkml.org hides the Message-ID: subject, author and date from the page drive a search' };
  }
  return date.length < 4 ? base : null;
}

function fromPage(url: URL, doc: PageDocument): Resolution | null {
  const r = fromUrl(url);
  if (r?.kind !== 'message') return r;
  // line breaks made one line first: with one left, `(.+)$` failed and every `: ` was tried
  // with a rescan of the rest, quadratic in a long title (issue 16's regex audit)
  const title = /^LKML: (.+?): (.+)$/.exec(doc.title.trim().replace(/[\r\n\u2028\u2029]+/g, ' '));
  const search = searchHint(
    textOf(doc, '[itemprop="name"]') ?? title?.[2] ?? null,
    textOf(doc, '[itemprop="author"]') ?? title?.[1] ?? null,
    textOf(doc, '[itemprop="datePublished"]'),
  );
  return search ? { ...r, search, needsPage: null } : r;
}

export const lkmlOrg: SiteAdapter = { id: ID, name: 'lkml.org', hosts: ['https://lkml.org/lkml/*', 'https://www.lkml.org/lkml/*', 'https://do-db2.lkml.org/lkml/*'], fromUrl, fromPage };

export const examples: SiteExamples = {
  match: [
    ['https://lkml.org/lkml/2018/6/19/108', { kind: 'message', list: 'lkml', messageId: null, inboxUrl: 'https://lore.kernel.org/all/', confidence: 'search' }],
    ['https://do-db2.lkml.org/lkml/2010/11/14/227', { kind: 'message' }],
    ['https://lkml.org/lkml/2018/6/19', { kind: 'index', confidence: 'none' }],
    ['https://lkml.org/lkml/last100', { kind: 'index' }],
  ],
  noMatch: ['https://lkml.org/', 'https://lkml.org/lkml/2018/6/19/108/1', 'https://notlkml.org/lkml/2018/6/19/108'],
};
