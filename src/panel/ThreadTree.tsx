/**
 * The thread as an ARIA tree: flat treeitems with aria-level, a roving tabindex, arrows to
 * move, collapse and expand, Enter to open. Draws the first rows and grows on demand, so a
 * 1,000-message thread costs a few hundred elements on open.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Section } from './Section.tsx';
import { TreeRow } from './TreeRow.tsx';
import { RelatedThreads } from './RelatedThreads.tsx';
import { useActions, useFilter, useLoad, useTree } from './store.ts';
import { filterIds, flatten, initialIndex, keyAction } from './tree-model.ts';
import { displayName } from './participants-view.ts';
import './ThreadTree.css';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function ThreadTree(_props: Props) {
  const s = useLoad().state.value;
  const tree = useTree();
  const filter = useFilter();
  const actions = useActions();
  const collapsed = tree.collapsed.value;
  const limit = tree.limit.value;
  const matcher = filter.matcher.value;
  const who = filter.who.value;
  const shape = useMemo(() => (matcher ? filterIds(s.messages, matcher) : null), [s.messages, matcher]);
  const rows = useMemo(() => flatten(s.messages, s.roots, collapsed, shape), [s.messages, s.roots, collapsed, shape]);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);
  const wantFocus = useRef(false);
  const index = active >= 0 && active < rows.length ? active : initialIndex(rows, s.focus);

  // The current message must be drawn, even when it sits past the first page of rows.
  const current = rows.findIndex((r) => r.id === s.focus);
  useEffect(() => {
    if (current >= 0) tree.showAtLeast(current + 1);
  }, [current]);

  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  }, [index, rows]);

  const onKey = (e: KeyboardEvent): void => {
    const act = keyAction(rows, index, e.key);
    if (act.kind === 'none') return;
    e.preventDefault();
    if (act.kind === 'move') {
      tree.showAtLeast(act.index + 1);
      wantFocus.current = true;
      setActive(act.index);
    } else if (act.kind === 'collapse') tree.setCollapsed(act.id, true);
    else if (act.kind === 'expand') tree.setCollapsed(act.id, false);
    else actions.navigate(act.id);
  };

  const shown = rows.slice(0, Math.max(limit, 1));
  const ghosts = s.messages.length - s.messages.filter((m) => !m.ghost).length;
  return (
    <Section id="thread" title="Thread" meta={`${rows.length} shown${ghosts ? `, ${ghosts} not in the archive` : ''}`}>
      {who ? <p class="ll-muted ll-tree-filter">Only {displayName(who)}'s messages, with what they reply to.</p> : null}
      <ul class="ll-tree" role="tree" aria-label="Messages of the thread" ref={listRef} onKeyDown={onKey}>
        {shown.map((r, i) => (
          <TreeRow
            key={r.id}
            row={r}
            index={i}
            tabbable={i === index}
            current={r.id === s.focus}
            onOpen={() => actions.navigate(r.id)}
            onToggle={() => tree.setCollapsed(r.id, r.expanded)}
            onFocus={() => setActive(i)}
          />
        ))}
      </ul>
      {rows.length > shown.length ? (
        <button type="button" class="ll-button ll-tree-more" onClick={() => tree.more()}>
          Show {Math.min(tree.pageSize, rows.length - shown.length)} more of {rows.length - shown.length}
        </button>
      ) : null}
      <RelatedThreads />
    </Section>
  );
}
