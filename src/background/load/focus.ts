/**
 * Which message of a thread is the one in view: the page's Message-ID, or the `#m<sha1>`
 * anchor public-inbox writes on a thread page. Chosen here, once, in the worker; the panel
 * takes the `focus` it is sent.
 *
 * Non-goals: fetching or caching anything; drawing the focus (src/panel).
 */
import type { MessageHead, Thread, ThreadMessage } from '../../core/types.ts';
import type { Resolution } from '../../sites/types.ts';
import { headOf } from '../../core/mail/message-id.ts';

/**
 * The current message of `thread`, the one choice the panel takes: the page's message (its
 * anchor or Message-ID), else the first real root, else the first real message; never a
 * ghost. `heads`: the thread's heads (the anchor is found by their Message-IDs).
 */
export async function chooseFocus(res: Resolution, thread: Thread, heads: readonly MessageHead[]): Promise<string | null> {
  return pickFocus(thread.messages, thread.roots, await focusOf(res, heads), res);
}

/**
 * `chooseFocus` without waiting when the page has no anchor to hash (a message page), so
 * the tree goes out at once; a promise otherwise.
 */
export function chooseFocusSoon(res: Resolution, thread: Thread, heads: readonly MessageHead[]): string | null | Promise<string | null> {
  if (!res.anchor && !res.anchorSha1) return pickFocus(thread.messages, thread.roots, focusFrom(res, heads, undefined), res);
  return chooseFocus(res, thread, heads);
}

/** The current message: `wanted` (the page's), else the resolved id, else the first real root; never a ghost. */
export function pickFocus(messages: readonly ThreadMessage[], roots: readonly string[], wanted: string | null, resolution: Resolution | null): string | null {
  const has = (id: string | null | undefined): id is string => !!id && messages.some((m) => m.id === id && !m.ghost);
  if (has(wanted)) return wanted;
  if (has(resolution?.messageId)) return resolution?.messageId ?? null;
  const root = roots.find((r) => has(r));
  return root ?? messages.find((m) => !m.ghost)?.id ?? null;
}

/**
 * The key of the message in view: the resolution's Message-ID, or on a thread page the
 * `#m<sha1 of the Message-ID>` anchor public-inbox writes.
 */
export async function focusOf(res: Resolution, heads: readonly MessageHead[]): Promise<string | null> {
  return focusFrom(res, heads, await anchorOf(res, heads));
}

/** `focusOf` for a caller that already has `anchorOf`'s answer (it hashes every id). */
export function focusFrom(res: Resolution, heads: readonly MessageHead[], anchored: string | null | undefined): string | null {
  if (anchored) return anchored;
  if (!res.messageId) return null;
  return headOf(heads, res.messageId)?.id ?? res.messageId;
}


/**
 * The message a thread page's anchor (`#m<sha1>`, or an id) names: its key, `null` when
 * none of `heads` is it (the page shows a message these heads lack), `undefined` when the
 * page has no anchor.
 */
export async function anchorOf(res: Resolution, heads: readonly MessageHead[]): Promise<string | null | undefined> {
  const anchor = res.anchor ?? null;
  const sha = res.anchorSha1 ?? (anchor ? /^m?([0-9a-f]{40})$/.exec(anchor)?.[1] : undefined);
  if (!anchor && !sha) return undefined;
  if (anchor && !sha) return headOf(heads, anchor)?.id ?? null;
  for (const h of heads) {
    if (h.messageId && (await sha1Hex(h.messageId)) === sha) return h.id;
  }
  return null;
}

async function sha1Hex(s: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(s));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
