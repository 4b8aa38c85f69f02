/** One message of the context: who wrote it and when, then its body as foldable blocks. */
import { MailString } from './MailString.tsx';
import { useMemo } from 'preact/hooks';
import type { ContextEntry, ThreadMessage } from '../core/types.ts';
import { FoldBlock } from './FoldBlock.tsx';
import { foldOf } from './quote-fold.ts';
import { dateTime } from './format.ts';

export interface Props {
  entry: ContextEntry;
  /** The current message (the others are its ancestors). */
  current: boolean;
  byId: ReadonlyMap<string, ThreadMessage>;
  onOpen: (id: string) => void;
}

export function ContextMessage({ entry, current, byId, onOpen }: Props) {
  const folds = useMemo(() => entry.blocks.map((b) => foldOf(b, byId, entry.date, !current)), [entry, byId, current]);
  const who = entry.from ? entry.from.name || entry.from.address : '';
  const base = `ll-c-${entry.id}`.replace(/[^\w-]/g, '_');
  const headId = base + '-h';
  return (
    <article class={current ? 'll-ctx ll-ctx-current' : 'll-ctx'} aria-labelledby={headId}>
      <h3 class="ll-ctx-head" id={headId}>
        {entry.ghost ? (
          <span class="ll-muted">A message not in the archive</span>
        ) : (
          <>
            <span class="ll-ctx-from">{who ? <MailString text={who} /> : '(unknown sender)'}</span>
            <span class="ll-muted"> · {dateTime(entry.date)}</span>
            {current ? <span class="ll-ctx-badge"> this message</span> : null}
          </>
        )}
      </h3>
      {entry.subject && !entry.ghost ? (
        current ? (
          <p class="ll-ctx-subject">
            <MailString text={entry.subject} />
          </p>
        ) : (
          <button type="button" class="ll-link-button ll-ctx-subject" onClick={() => onOpen(entry.id)}>
            <MailString text={entry.subject} />
          </button>
        )
      ) : null}
      {entry.ghost ? (
        <p class="ll-muted ll-ctx-ghost">Referenced by a reply, but not in the archive.</p>
      ) : entry.blocks.length === 0 ? (
        <p class="ll-muted">(empty body)</p>
      ) : (
        entry.blocks.map((b, i) => <FoldBlock key={i} block={b} fold={folds[i] as ReturnType<typeof foldOf>} id={`${base}-${i}`} />)
      )}
    </article>
  );
}
