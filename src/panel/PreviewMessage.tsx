/**
 * The page's own message while its thread is still arriving (a slow link): who wrote it,
 * when, its subject and its text, so the reader can start reading at once. Replaced by the
 * conversation view when the analysis comes.
 *
 * Non-goals: quote folding, trailers, navigation (all need the thread); mail is drawn as
 * text by MailText, never as HTML.
 */
import { useMemo } from 'preact/hooks';
import type { MessagePreview } from '../protocol.ts';
import { MailText } from './MailText.tsx';
import { stamp } from '../core/format.ts';

export interface Props {
  preview: MessagePreview;
}

export function PreviewMessage({ preview }: Props) {
  const lines = useMemo(() => preview.text.replace(/\r\n/g, '\n').split('\n'), [preview.text]);
  const who = preview.from.name || preview.from.address;
  return (
    <section class="ll-section ll-preview" aria-labelledby="ll-preview-h">
      <article class="ll-ctx ll-ctx-current" aria-labelledby="ll-preview-h">
        <h2 class="ll-ctx-head" id="ll-preview-h">
          <span class="ll-ctx-from">{who || '(unknown sender)'}</span>
          <span class="ll-muted"> · {stamp(preview.date)}</span>
          <span class="ll-ctx-badge"> this message</span>
        </h2>
        {preview.subject ? <p class="ll-ctx-subject">{preview.subject}</p> : null}
        <p class="ll-muted" role="status">
          The rest of the thread is still loading.
        </p>
        <MailText lines={lines} />
        {preview.truncated ? <p class="ll-muted">(The message goes on; it shows in full once the thread has loaded.)</p> : null}
      </article>
    </section>
  );
}
