/**
 * The thread as an ARIA tree: flat treeitems with aria-level, a roving tabindex, arrows to
 * move, collapse and expand, Enter to open. It draws one slice of the rows around the current
 * message and grows it on demand, so a 1,000-message thread costs ~150 elements on open, and
 * row vnodes are memoised so later state (context, versions) does not re-diff the tree.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Section } from './Section.tsx';
import { TreeRow } from './TreeRow.tsx';
import { RelatedThreads } from './RelatedThreads.tsx';
import { useActions, useFilter, useLoad, useSeries, useTree } from './store.ts';
import { filterIds, flatten, including, initialIndex, initialRange, keyAction } from './tree-model.ts';
import { displayName } from './participants-model.ts';
import { threadSubject } from './header-model.ts';
import './ThreadTree.css';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function ThreadTree(_props: Props) {
  const s = useLoad().state.value;
  const tree = useTree();
  const filter = useFilter();
  const actions = useActions();
  const collapsed = tree.collapsed.value;
  const matcher = filter.matcher.value;
  const who = filter.who.value;
  const hits = filter.hits.value;
  const load = useLoad();
  const fresh = load.fresh.value;
  // Marks of replies as the series' ledgers count them: what the matrix shows, nothing counted again.
  const marks = useSeries().marks.value;
  const rootSubject = useMemo(() => threadSubject(s.messages, s.roots), [s.messages, s.roots]);
  const shape = useMemo(() => (matcher ? filterIds(s.messages, matcher) : null), [s.messages, matcher]);
  const rows = useMemo(() => flatten(s.messages, s.roots, collapsed, shape), [s.messages, s.roots, collapsed, shape]);
  const current = useMemo(() => rows.findIndex((r) => r.id === s.focus), [rows, s.focus]);
  const range = tree.range.value ? including(tree.range.value, Math.max(0, current), rows.length) : initialRange(rows.length, current, tree.pageSize);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);
  /** The row keyboard focus should move to once drawn (a ref, so a stale effect cannot undo a newer move). */
  const wantFocus = useRef<number | null>(null);
  const index = active >= 0 && active < rows.length ? active : initialIndex(rows, s.focus);

  // A new filter or thread starts from a fresh slice around the current message.
  useEffect(() => tree.setRange(null), [shape, s.messages]);

  // The tree scrolls on its own (the context below stays in reach): bring the current row to
  // its middle when the current message changes, without moving the page.
  useEffect(() => {
    const list = listRef.current;
    const row = list?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!list || !row) return;
    const top = row.offsetTop; // .ll-tree is position: relative, the rows' offsetParent
    if (top < list.scrollTop || top > list.scrollTop + list.clientHeight - row.offsetHeight) list.scrollTop = Math.max(0, top - list.clientHeight / 2);
  }, [s.focus, rows.length > 0]);

  useEffect(() => {
    const target = wantFocus.current;
    if (target === null) return;
    wantFocus.current = null;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus();
  }, [index, rows]);

  const onKey = (e: KeyboardEvent): void => {
    const act = keyAction(rows, index, e.key);
    if (act.kind === 'none') return;
    e.preventDefault();
    if (act.kind === 'move') {
      tree.setRange(including(range, act.index, rows.length));
      wantFocus.current = act.index;
      setActive(act.index);
    } else if (act.kind === 'collapse') tree.setCollapsed(act.id, true);
    else if (act.kind === 'expand') tree.setCollapsed(act.id, false);
    else actions.navigate(act.id);
  };

  const items = useMemo(
    () =>
      rows.slice(range.start, range.end).map((r, k) => {
        const i = range.start + k;
        return (
          <TreeRow
            key={r.id}
            row={r}
            index={i}
            tabbable={i === index}
            current={r.id === s.focus}
            onOpen={() => actions.navigate(r.id)}
            onToggle={() => tree.setCollapsed(r.id, r.expanded)}
            onFocus={() => setActive(i)}
            fresh={fresh.has(r.id)}
            marks={marks.get(r.id)}
            rootSubject={rootSubject}
          />
        );
      }),
    [rows, range.start, range.end, index, s.focus, fresh, marks, rootSubject],
  );

  const before = range.start;
  const after = rows.length - range.end;
  const ghosts = useMemo(() => s.messages.reduce((n, m) => n + (m.ghost ? 1 : 0), 0), [s.messages]);
  return (
    <Section id="thread" title="Thread" meta={`${rows.length} shown${ghosts ? `, ${ghosts} not in the archive` : ''}`}>
      {who ? <p class="ll-muted ll-tree-filter">Only {displayName(who)}'s messages, with what they reply to.</p> : null}
      {hits ? <p class="ll-muted ll-tree-filter">Only the messages matching the search, with what they reply to.</p> : null}
      {before > 0 ? (
        <button type="button" class="ll-button ll-tree-more" onClick={() => tree.setRange({ start: Math.max(0, before - tree.pageSize), end: range.end })}>
          Show {Math.min(tree.pageSize, before)} earlier of {before}
        </button>
      ) : null}
      <ul class="ll-tree" role="tree" aria-label="Messages of the thread" ref={listRef} onKeyDown={onKey}>
        {items}
      </ul>
      {after > 0 ? (
        <button type="button" class="ll-button ll-tree-more" onClick={() => tree.setRange({ start: range.start, end: Math.min(rows.length, range.end + tree.pageSize) })}>
          Show {Math.min(tree.pageSize, after)} more of {after}
        </button>
      ) : null}
      <RelatedThreads />
    </Section>
  );
}
