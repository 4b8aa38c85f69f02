/**
 * The conversation: the chosen message, its ancestors and all of its replies in tree order,
 * as one scroll in the page (no scroll box of its own). Quotes of text already shown above
 * fold with their attribution. It draws a slice around the anchor and grows it as the reader
 * nears its end, asking the worker for the bodies of what it draws. j/k move message by
 * message and the tree follows; n goes to the next new message.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { ContextEntry } from '../core/types.ts';
import { Section } from './Section.tsx';
import { ContextMessage } from './ContextMessage.tsx';
import { ConversationBar } from './ConversationBar.tsx';
import { useActions, useFilter, useLoad, useRead } from './store.ts';
import { including, indexById, subjectCore } from './tree-model.ts';
import { conversationFolds, conversationIds, initialSlice, isCollapsed } from './conversation-model.ts';
import { useReadingKeys } from './reading-keys.ts';
import { plural } from '../core/format.ts';
import './ConversationView.css';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function ConversationView(_props: Props) {
  const load = useLoad();
  const s = load.state.value;
  const read = useRead();
  const hits = useFilter().hits.value;
  const actions = useActions();
  const fresh = load.fresh.value;
  const byId = indexById(s.messages);
  const anchor = s.anchor ?? s.focus;
  const ids = useMemo(() => (anchor ? conversationIds(s.messages, anchor) : []), [s.messages, anchor]);
  const anchorIndex = anchor ? ids.indexOf(anchor) : -1;
  const focusIndex = s.focus ? ids.indexOf(s.focus) : -1;
  const base = read.range.value ?? initialSlice(ids.length, anchorIndex, read.sliceSize);
  const range = focusIndex >= 0 ? including(base, focusIndex, ids.length) : base;
  const drawn = useMemo(() => ids.slice(range.start, range.end), [ids, range.start, range.end]);

  useEffect(() => read.setRange(null), [anchor, s.threadKey]);

  // Bodies for what is drawn; the controller asks only for those not asked yet.
  useEffect(() => {
    const missing = drawn.filter((id) => !s.bodies[id] && byId.get(id)?.ghost === false);
    if (missing.length) actions.loadBodies(missing);
  }, [drawn, s.bodies]);

  const entries = useMemo(() => drawn.map((id) => s.bodies[id]), [drawn, s.bodies]);
  const folds = useMemo(() => conversationFolds(entries, byId, anchor ?? ''), [entries, byId, anchor]);

  useReadingKeys(ids, (n) => read.setRange(including(range, n, ids.length)));

  // Grow the slice when its end nears the viewport (the page scrolls, not a box).
  const sentinel = useRef<HTMLDivElement>(null);
  const more = ids.length - range.end;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || more <= 0 || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((es) => {
      if (es.some((e) => e.isIntersecting)) read.setRange({ start: range.start, end: Math.min(ids.length, range.end + read.sliceSize) });
    }, { rootMargin: '800px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [range.start, range.end, ids.length]);

  // Bring the current message to the top when a reading key moved to it; a tree click or the
  // page's own message leaves the page where the reader has it.
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!s.focus || read.reveal !== s.focus) return;
    const el = list.current?.querySelector<HTMLElement>(`article[data-id="${CSS.escape(s.focus)}"]`);
    if (!el) return;
    read.reveal = null;
    el.scrollIntoView({ block: 'start' });
  }, [s.focus, drawn]);

  const newHere = ids.reduce((n, id) => n + (fresh.has(id) ? 1 : 0), 0);
  const meta = ids.length ? `${plural(ids.length, 'message')}${newHere ? `, ${newHere} new` : ''}` : '';
  const placeholder = (id: string): ContextEntry => {
    const m = byId.get(id);
    return { id, ghost: m?.ghost ?? true, subject: m?.subject ?? '', from: m?.from ?? null, date: m?.date ?? null, blocks: [] };
  };

  const items: preact.JSX.Element[] = [];
  for (let i = 0; i < drawn.length; i++) {
    const id = drawn[i] as string;
    const m = byId.get(id);
    if (!m) continue;
    if (m.ghost) {
      // A run of missing messages is one line, as in the context view.
      let j = i;
      while (j + 1 < drawn.length && byId.get(drawn[j + 1] as string)?.ghost) j++;
      const n = j - i + 1;
      items.push(
        <p key={id} class="ll-ctx ll-ctx-ghosts ll-muted">
          {n === 1 ? 'A message is' : `${n} messages are`} not in the archive.
        </p>,
      );
      i = j;
      continue;
    }
    const entry = s.bodies[id];
    const parent = m.parent ? byId.get(m.parent) : undefined;
    const hideSubject = !!parent && !parent.ghost && subjectCore(parent.subject) === subjectCore(m.subject);
    items.push(
      <ContextMessage
        key={id}
        entry={entry ?? placeholder(id)}
        pending={!entry}
        current={id === s.focus}
        ancestor={range.start + i < anchorIndex}
        byId={byId}
        folds={entry ? folds.folds.get(id) : undefined}
        fresh={fresh.has(id)}
        hideSubject={hideSubject}
        collapsed={isCollapsed(id, read.baseline.value, read.toggles.value, hits)}
        onCollapse={(c) => read.setCollapsed(id, c)}
        onOpen={(x) => actions.navigate(x)}
      />,
    );
  }

  return (
    <Section id="context" title="Conversation" meta={meta}>
      <ConversationBar ids={ids} />
      {range.start > 0 ? (
        <button type="button" class="ll-button ll-tree-more" onClick={() => read.setRange({ start: Math.max(0, range.start - read.sliceSize), end: range.end })}>
          Show {Math.min(read.sliceSize, range.start)} earlier of {range.start}
        </button>
      ) : null}
      <div class="ll-ctx-list" ref={list}>
        {items}
      </div>
      <div ref={sentinel} aria-hidden="true" />
      {more > 0 ? (
        <button type="button" class="ll-button ll-tree-more" onClick={() => read.setRange({ start: range.start, end: Math.min(ids.length, range.end + read.sliceSize) })}>
          Show {Math.min(read.sliceSize, more)} more of {more}
        </button>
      ) : null}
    </Section>
  );
}
