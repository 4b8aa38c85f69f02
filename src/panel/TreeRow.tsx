/** One message (or ghost) of the tree: author, date, subject when it changed; a twisty for its branch. */
import { MailString, reveal } from './MailString.tsx';
import type { Row } from './tree-model.ts';
import { shortDate, dateTime } from './format.ts';

export interface Props {
  row: Row;
  index: number;
  tabbable: boolean;
  current: boolean;
  onOpen: () => void;
  onToggle: () => void;
  onFocus: () => void;
}

/** Indentation stops growing here; deeper levels show their number instead. */
const MAX_INDENT = 14;

export function TreeRow({ row, index, tabbable, current, onOpen, onToggle, onFocus }: Props) {
  const who = row.from ? row.from.name || row.from.address : '';
  const indent = Math.min(row.depth, MAX_INDENT);
  let cls = 'll-row';
  if (current) cls += ' ll-row-current';
  if (row.ghost) cls += ' ll-row-ghost';
  if (row.dim) cls += ' ll-row-dim';
  return (
    <li
      role="treeitem"
      class={cls}
      data-index={index}
      tabIndex={tabbable ? 0 : -1}
      aria-level={row.depth + 1}
      aria-posinset={row.pos}
      aria-setsize={row.size}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-selected={current}
      aria-current={current ? 'true' : undefined}
      title={row.ghost ? undefined : reveal(row.subject)}
      style={{ paddingLeft: `${indent * 10 + 2}px` }}
      onClick={row.ghost ? undefined : onOpen}
      onFocus={onFocus}
    >
      {row.hasChildren ? (
        <span
          class="ll-twisty"
          aria-hidden="true"
          onClick={(e) => {
            e.stopPropagation();
            onToggle();
          }}
        >
          {row.expanded ? '▾' : '▸'}
        </span>
      ) : (
        <span class="ll-twisty" aria-hidden="true" />
      )}
      {row.depth > MAX_INDENT ? <span class="ll-muted ll-row-depth">{row.depth}›</span> : null}
      {row.ghost ? (
        <span class="ll-row-ghost-text">not in the archive</span>
      ) : (
        <>
          <span class="ll-row-from">{who ? <MailString text={who} /> : '(unknown sender)'}</span>{' '}
          <time class="ll-muted ll-row-date" dateTime={row.date ?? undefined} title={dateTime(row.date)}>
            {shortDate(row.date, Date.now())}
          </time>
        </>
      )}
      {row.subjectChanged && row.subject ? <span class="ll-row-subject"> <MailString text={row.subject} /></span> : null}
    </li>
  );
}
