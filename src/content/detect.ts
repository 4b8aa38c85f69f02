/**
 * What a page is, for the content script: the URL alone where it suffices, the document
 * only where it must (a hidden Message-ID, a `#m<sha1>` anchor, an unknown host judged by
 * public-inbox's traits). Separate from main.ts so tests can call it on parsed pages.
 *
 * Non-goals: talking to the worker, the in-page control.
 */
import { resolvePage } from '../sites/index.ts';
import type { PageDocument, Resolution } from '../sites/types.ts';

export function detect(href: string, doc: PageDocument): Resolution | null {
  const url = new URL(href);
  const byUrl = resolvePage(url);
  if (byUrl && !byUrl.needsPage) return byUrl;
  return resolvePage(url, doc) ?? byUrl;
}
