/**
 * The page's own message at once, while its thread's mbox is still arriving: on a slow link
 * the whole `t.mbox.gz` may take seconds, the message's `/raw` a fraction of that. Runs
 * beside the thread load, through the same polite fetch (holds, queue and backoff apply);
 * it never delays or fails the load: its failure is recorded (errors.ts) and otherwise
 * ignored, and it says nothing once the thread's tree is on its way.
 *
 * Non-goals: challenges (a bot check here is left to the thread load, which handles it and
 * says so), caching (a cached thread needs no preview), any parsing beyond core/mail/preview.ts.
 */
import { previewOf, type MessagePreview } from '../../core/mail/preview.ts';
import { rawUrl } from '../../sites/public-inbox-url.ts';
import { record } from '../../errors.ts';
import { politeFetch } from '../net/polite-fetch.ts';
import { maybeGunzip } from '../net/gzip.ts';
import { inspectBody } from '../net/challenge.ts';
import type { Emitter } from './events.ts';

export interface PreviewRun {
  /** The thread's tree is about to be sent: a preview still in flight stays unsaid. */
  stop(): void;
}

/**
 * Fetch `<threadUrl>raw` and emit it as a `preview` event unless stopped (or aborted) first. `messageId`:
 * the page's message, so a `/raw` that answers with another message is not shown as it.
 */
export function startPreview(threadUrl: string, messageId: string, sink: Emitter, signal: AbortSignal): PreviewRun {
  // Its own abort: a preview the thread overtook is cancelled, not left to use the link.
  const own = new AbortController();
  const cancel = (): void => own.abort();
  signal.addEventListener('abort', cancel, { once: true });
  void previewFrom(rawUrl(threadUrl), messageId, own.signal)
    .then(
      (preview) => {
        if (preview && !own.signal.aborted) sink.emit({ type: 'preview', preview });
      },
      (e: unknown) => {
        if (!own.signal.aborted) record('preview', e);
      },
    )
    .finally(() => signal.removeEventListener('abort', cancel));
  return { stop: cancel };
}

async function previewFrom(url: string, messageId: string, signal: AbortSignal): Promise<MessagePreview | null> {
  const r = await politeFetch({ url, accept: 'text/plain, message/rfc822;q=0.9, */*;q=0.1' }, { signal });
  if (r.status < 200 || r.status > 299) throw new Error(`${url}: HTTP ${r.status}`);
  const bytes = await maybeGunzip(r.bytes);
  const verdict = inspectBody(bytes, 'mbox');
  if (verdict.kind !== 'ok') throw new Error(`${url}: not mail (${verdict.kind})`);
  const preview = await previewOf(bytes);
  if (!preview) throw new Error(`${url}: not mail`);
  if (preview.messageId !== messageId) throw new Error(`${url}: another message (${preview.messageId})`);
  return preview;
}
