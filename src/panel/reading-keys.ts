/**
 * The reading keys, page-wide: `j`/`k` to the next or previous message of the conversation
 * (the tree follows, since the current message is the tree's too), `n` to the next new
 * message anywhere in the thread. They never fire while the reader types in a field or holds
 * a modifier, so the browser's and the screen reader's own keys stay theirs.
 *
 * Non-goals: the tree's arrow keys (ThreadTree, the ARIA tree pattern).
 */
import { useEffect, useRef } from 'preact/hooks';
import { step } from './conversation-model.ts';
import { nextNew } from './new-marks.ts';
import { useActions, useFilter, useLoad, useRead } from './store.ts';
import { indexById } from './tree-model.ts';

/** Whether a key event belongs to a text field (or an editable element), not to the page. */
export function typing(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el?.tagName) return false;
  const tag = el.tagName.toUpperCase();
  if (el.isContentEditable) return true;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !/^(button|checkbox|radio|submit|reset)$/i.test(el.type ?? '');
}

/** `reveal(i)`: make sure index `i` of `ids` is drawn before moving to it. */
export function useReadingKeys(ids: string[], reveal: (index: number) => void): void {
  const load = useLoad();
  const hits = useFilter().hits;
  const actions = useActions();
  const read = useRead();
  const latest = useRef({ ids, reveal });
  latest.current = { ids, reveal };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const s = load.state.value;
      const { ids: order, reveal: show } = latest.current;
      const byId = indexById(s.messages);
      let to: string | null;
      if (e.key === 'j' || e.key === 'k') {
        const h = hits.value;
        to = step(order, s.focus, e.key === 'j' ? 1 : -1, (id) => byId.get(id)?.ghost !== false || (!!h && !h.has(id)));
        if (to) show(order.indexOf(to));
      } else if (e.key === 'n') {
        to = nextNew(
          s.messages.map((m) => m.id),
          load.fresh.value,
          s.focus,
        );
      } else return;
      if (!to) return;
      e.preventDefault();
      read.reveal = to;
      actions.navigate(to);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
