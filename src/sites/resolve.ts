/**
 * `listlens resolve <url>`: what ListLens makes of an archive URL without fetching
 * anything. Prints the archive, the list, the Message-ID and the thread's URL when the URL
 * alone tells them; otherwise they are null and `needsPage` says what the page itself
 * would be needed for (a hidden Message-ID, a search by subject/author/date).
 *
 * A URL of no known archive that has public-inbox's shape (`https://<any host>/<list>/<mid>/`)
 * is not claimed as public-inbox: `archive` stays null, since only the page (or `--host`)
 * can tell, but the reading of its URL is given as `guess`, at a lower confidence than a
 * known host's (`url-grammar`).
 *
 * Non-goals: fetching the page (the extension does that where the reader already is).
 */
import { resolvePage } from './index.ts';
import { commitPageOf } from './git-web.ts';
import { fromInboxUrl } from './public-inbox.ts';
import type { CommitRef, Confidence, PageKind } from './types.ts';

/** What public-inbox's URL grammar reads in a URL of an unknown host. */
export interface ResolveGuess {
  archive: 'public-inbox';
  /** Lower than `exact`: the host is not known to run public-inbox, only the URL's shape says so. */
  confidence: 'url-grammar';
  kind: PageKind;
  list: string | null;
  messageId: string;
  inboxUrl: string | null;
  threadUrl: string | null;
}

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
  /** For a URL of no known archive: public-inbox's reading of it, if it has that shape. */
  guess?: ResolveGuess;
  /** A git web's commit page (`kind: 'commit'`): the commit and its patch's URL (`listlens dig` reads it). */
  commit?: CommitRef;
}

/** public-inbox's grammar on any host: only a URL that names a Message-ID counts. */
function guessPublicInbox(url: URL): ResolveGuess | null {
  const r = fromInboxUrl(url);
  if (!r?.messageId) return null;
  return { archive: 'public-inbox', confidence: 'url-grammar', kind: r.kind, list: r.list, messageId: r.messageId, inboxUrl: r.inboxUrl, threadUrl: r.threadUrl };
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
  const r = resolvePage(url, undefined, extraHosts) ?? commitPageOf(url);
  if (!r) {
    const guess = guessPublicInbox(url);
    if (guess) {
      return { ...none, guess, note: `not a host ListLens knows, but the URL has public-inbox's shape (…/<list>/<message-id>/): see guess; if ${url.host} runs public-inbox, name it with --host <host>` };
    }
    return { ...none, note: 'not a page of an archive ListLens knows (a public-inbox on another host: name it with --host <host>, or open the page in the extension)' };
  }
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
  if (r.commit) out.commit = r.commit;
  return out;
}
