/**
 * A commit's `Link:` to its discussion, read as a Message-ID and the public-inbox holding it:
 * lore.kernel.org (`/<list>/<mid>/`, `/r/<mid>`, `/all/<mid>/`), lkml.kernel.org's `/r/<mid>`
 * (akpm's links), `patch.msgid.link/<mid>` and `msgid.link/<mid>` (b4's default linkmask,
 * both redirecting to lore), and the public-inbox instances the reader added.
 *
 * Non-goals: other archives' URLs in a Link: (a bug tracker, a patchwork page), which say
 * nothing certain about the thread; fetching.
 */
import { midOfUrl } from './public-inbox-url.ts';
import { LORE_ALL } from './resolution.ts';

/** Hosts whose every `/<…>/<mid>` path is a message on lore. */
const TO_LORE = new Set(['lore.kernel.org', 'lkml.kernel.org', 'patch.msgid.link', 'msgid.link']);

export interface DiscussionLink {
  messageId: string;
  /** The inbox to read the thread from, ending in `/`. */
  inboxUrl: string;
}

/** The message a Link: URL names, or null when it is not one of a public-inbox. */
export function discussionOfLink(link: string, instances: readonly string[] = []): DiscussionLink | null {
  let u: URL;
  try {
    u = new URL(link.trim().replace(/[>),.;]+$/, ''));
  } catch {
    return null;
  }
  if (!/^https?:$/.test(u.protocol)) return null;
  if (TO_LORE.has(u.hostname)) {
    const mid = midOfUrl(u.href);
    return mid ? { messageId: mid, inboxUrl: LORE_ALL } : null;
  }
  const inst = instances.find((i) => u.href.startsWith(i));
  if (!inst) return null;
  const mid = midOfUrl(u.href, inst);
  return mid ? { messageId: mid, inboxUrl: inst } : null;
}
