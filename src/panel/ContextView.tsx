/** The current message and its ancestors, root first, each with its quotes folded. */
import { Section } from './Section.tsx';
import { ContextMessage } from './ContextMessage.tsx';
import { useActions, useLoad } from './store.ts';
import { indexById } from './tree-model.ts';
import { contextItems } from './context-view.ts';
import './ContextView.css';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function ContextView(_props: Props) {
  const s = useLoad().state.value;
  const actions = useActions();
  const byId = indexById(s.messages);
  const entries = s.context?.entries ?? null;
  return (
    <Section id="context" title="Context" meta={entries ? `${entries.length} message${entries.length === 1 ? '' : 's'}` : ''}>
      {!entries ? (
        <p class="ll-muted" role="status">
          Reading the message…
        </p>
      ) : (
        <div class="ll-ctx-list">
          {contextItems(entries).map((it) =>
            it.kind === 'ghosts' ? (
              <p key={it.ids[0]} class="ll-ctx ll-ctx-ghosts ll-muted">
                {it.ids.length === 1 ? 'An earlier message is' : `${it.ids.length} earlier messages are`} not in the archive.
              </p>
            ) : (
              <ContextMessage key={it.entry.id} entry={it.entry} current={it.entry.id === s.context?.id} byId={byId} onOpen={(id) => actions.navigate(id)} />
            ),
          )}
        </div>
      )}
    </Section>
  );
}
