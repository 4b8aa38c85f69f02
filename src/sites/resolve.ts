/**
 * `listlens resolve <url>`: what ListLens makes of an archive URL without fetching
 * anything. Prints the archive, the list, the Message-ID and the thread's URL when the URL
 * alone tells them; otherwise they are null and `needsPage` says what the page itself
 * would be needed for (a hidden Message-ID, a search by subject/author/date).
 *
 * Non-goals: fetching the page (the extension does that where the reader already is).
 */
import { resolvePage } from './index.ts';
import type { Confidence, PageKind } from './types.ts';

export interface ResolveOutput {
  archive: string | null;
  kind: PageKind | null;
  list: string | null;
  messageId: string | null;
  threadUrl: string | null;
  confidence: Confidence;
  needsPage: string | null;
  /** Where the thread is (or would be searched), and the archive's own raw/mbox views. */
  inboxUrl: string | null;
  rawUrl?: string;
  mboxUrl?: string;
  /** Why nothing could be resolved, or why the message's thread cannot be fetched. */
  note?: string;
}

/**
 * `extraHosts` are public-inbox instances as the options page stores them
 * (`https://host/prefix/`); the CLI's `--host` gives them.
 */
export function resolveUrl(input: string, extraHosts: string[] = []): ResolveOutput {
  const none: ResolveOutput = { archive: null, kind: null, list: null, messageId: null, threadUrl: null, confidence: 'none', needsPage: null, inboxUrl: null };
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ...none, note: `not a URL: ${JSON.stringify(input)}` };
  }
  const r = resolvePage(url, undefined, extraHosts);
  if (!r) return { ...none, note: 'not a page of an archive ListLens knows (a public-inbox on another host: name it with --host <host>, or open the page in the extension)' };
  const out: ResolveOutput = {
    archive: r.archive,
    kind: r.kind,
    list: r.list,
    messageId: r.messageId,
    threadUrl: r.threadUrl,
    confidence: r.confidence,
    needsPage: r.needsPage,
    inboxUrl: r.inboxUrl,
  };
  if (r.rawUrl) out.rawUrl = r.rawUrl;
  if (r.mboxUrl) out.mboxUrl = r.mboxUrl;
  if (r.note) out.note = r.note;
  return out;
}
