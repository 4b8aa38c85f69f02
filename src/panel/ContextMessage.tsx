/**
 * One message of the context or conversation: who wrote it and when, then its body as
 * foldable blocks. In the conversation a message can close to its header, carries a "new"
 * mark, and its subject shows only where it changed from its parent's.
 */
import { MailString } from './MailString.tsx';
import { useMemo } from 'preact/hooks';
import type { ContextEntry, ThreadMessage } from '../core/types.ts';
import { FoldBlock, FoldedQuotes } from './FoldBlock.tsx';
import { foldOf, quoteFoldRuns, type Fold } from '../core/thread/quote-fold.ts';
import { stamp } from '../core/format.ts';

export interface Props {
  entry: ContextEntry;
  /** The current message (the others are its ancestors or replies). */
  current: boolean;
  byId: ReadonlyMap<string, ThreadMessage>;
  onOpen: (id: string) => void;
  /** Folds decided by the conversation (quotes of text shown above); else the context's own. */
  folds?: Fold[];
  /** Before the anchor: an ancestor, whose long own text shows only its start. */
  ancestor?: boolean;
  /** New since the reader's last visit. */
  fresh?: boolean;
  /** Only the header shows; `onCollapse` toggles it (no toggle without it). */
  collapsed?: boolean;
  onCollapse?: (collapsed: boolean) => void;
  /** Leave the subject out (it only repeats the parent's). */
  hideSubject?: boolean;
  /** Still waiting for the body from the worker. */
  pending?: boolean;
}

export function ContextMessage({ entry, current, byId, onOpen, folds: given, ancestor, fresh, collapsed, onCollapse, hideSubject, pending }: Props) {
  const own = useMemo(() => entry.blocks.map((b) => foldOf(b, byId, entry.date, ancestor ?? !current)), [entry, byId, current, ancestor]);
  const folds = given ?? own;
  // consecutive folded quotes: one toggle (the core's rule, the archive page's too)
  const runs = useMemo(
    () => quoteFoldRuns(entry.blocks.map((b, i) => ({ quote: b.kind === 'quote', folded: !!folds[i]?.foldable && !!folds[i]?.folded, lines: b.lines.length, source: folds[i]?.source ?? '' }))),
    [entry.blocks, folds],
  );
  const who = entry.from ? entry.from.name || entry.from.address : '';
  const base = `ll-c-${entry.id}`.replace(/[^\w-]/g, '_');
  const headId = base + '-h';
  let cls = current ? 'll-ctx ll-ctx-current' : 'll-ctx';
  if (fresh) cls += ' ll-ctx-new';
  return (
    <article class={cls} aria-labelledby={headId} data-id={entry.id}>
      <h3 class="ll-ctx-head" id={headId}>
        {onCollapse && !entry.ghost ? (
          <button type="button" class="ll-ctx-twisty" aria-expanded={!collapsed} aria-controls={base + '-b'} aria-label={collapsed ? 'Show the message' : 'Show only the header'} onClick={() => onCollapse(!collapsed)}>
            <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          </button>
        ) : null}
        {entry.ghost ? (
          <span class="ll-muted">A message not in the archive</span>
        ) : (
          <>
            <span class="ll-ctx-from">{who ? <MailString text={who} /> : '(unknown sender)'}</span>
            <span class="ll-muted"> · {stamp(entry.date)}</span>
            {fresh ? <span class="ll-new-badge"> new</span> : null}
            {current ? <span class="ll-ctx-badge"> this message</span> : null}
          </>
        )}
      </h3>
      {entry.subject && !entry.ghost && !(hideSubject && !current) ? (
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
      <div id={base + '-b'} hidden={collapsed}>
        {collapsed ? null : entry.ghost ? (
          <p class="ll-muted ll-ctx-ghost">Referenced by a reply, but not in the archive.</p>
        ) : pending ? (
          <p class="ll-muted" role="status">
            Reading the message…
          </p>
        ) : entry.blocks.length === 0 ? (
          <p class="ll-muted">(empty body)</p>
        ) : (
          runs.map((r) =>
            r.label === null ? (
              <FoldBlock key={r.from} block={entry.blocks[r.from]!} fold={folds[r.from] ?? (own[r.from] as Fold)} id={`${base}-${r.from}`} />
            ) : (
              <FoldedQuotes key={`${r.from}-${r.to}`} blocks={entry.blocks.slice(r.from, r.to + 1)} label={r.label} id={`${base}-${r.from}-${r.to}`} />
            ),
          )
        )}
      </div>
    </article>
  );
}
