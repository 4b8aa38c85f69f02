/**
 * One message (or ghost) of the tree: author, date, subject when it changed (without the
 * series prefix the root shows), marks for new mail and for replies that review or apply;
 * a twisty for its branch.
 */
import { MailString, reveal } from './MailString.tsx';
import type { Row } from './tree-model.ts';
import type { ReplyMarks } from '../core/series/ledger-marks.ts';
import { shortDate, stamp } from '../core/format.ts';
import { marksLabel, rowSubject } from './row-words.ts';

export interface Props {
  row: Row;
  index: number;
  tabbable: boolean;
  current: boolean;
  onOpen: () => void;
  onToggle: () => void;
  onFocus: () => void;
  /** New since the last visit. */
  fresh?: boolean;
  marks?: ReplyMarks;
  /** The thread's subject, whose series prefix rows need not repeat. */
  rootSubject?: string | null;
}

/** Indentation stops growing here; deeper levels show their number instead. */
const MAX_INDENT = 14;

export function TreeRow({ row, index, tabbable, current, onOpen, onToggle, onFocus, fresh, marks, rootSubject = null }: Props) {
  const who = row.from ? row.from.name || row.from.address : '';
  const indent = Math.min(row.depth, MAX_INDENT);
  let cls = 'll-row';
  if (current) cls += ' ll-row-current';
  if (row.ghost) cls += ' ll-row-ghost';
  if (row.dim) cls += ' ll-row-dim';
  if (fresh) cls += ' ll-row-new';
  const subject = row.subjectChanged && row.subject ? rowSubject(row.subject, rootSubject) : null;
  const said = marks ? marksLabel(marks) : '';
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
      title={row.ghost ? undefined : `${reveal(row.subject)}${row.date ? `\n${stamp(row.date)}` : ''}`}
      data-id={row.id}
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
          <time class="ll-muted ll-row-date" dateTime={row.date ?? undefined}>
            {shortDate(row.date, Date.now())}
          </time>
        </>
      )}
      {fresh ? (
        <span class="ll-row-new-mark" title="new since your last visit">
          {' '}
          new
        </span>
      ) : null}
      {marks ? (
        <span class="ll-row-marks" title={said}>
          {' '}
          <span aria-hidden="true">
            {marks.trailers}
            {marks.applied ? '✓' : ''}
          </span>
          <span class="ll-visually-hidden">({said})</span>
        </span>
      ) : null}
      {subject ? (
        <span class="ll-row-subject">
          {' '}
          {subject.counter ? <span class="ll-muted">{subject.counter} </span> : null}
          <MailString text={subject.text} />
        </span>
      ) : null}
    </li>
  );
}
