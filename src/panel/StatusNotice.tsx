/** Errors, list-level pages and uncertain matches, as plain sentences with a retry where it helps. */
import { useActions, useLoad } from './store.ts';
import { statuses } from './status-model.ts';
import './StatusNotice.css';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function StatusNotice(_props: Props) {
  const s = useLoad().state.value;
  const actions = useActions();
  const list = statuses(s);
  if (!list.length) return null;
  return (
    <div class="ll-status-list">
      {list.map((st) => (
        <div key={st.title} class={`ll-status ll-status-${st.tone}`} role={st.tone === 'error' ? 'alert' : 'status'}>
          <strong class="ll-status-title">{st.title}</strong>
          {st.detail ? <p class="ll-status-detail">{st.detail}</p> : null}
          {st.retry && s.url ? (
            <button type="button" class="ll-button" onClick={() => actions.retry()}>
              Retry
            </button>
          ) : null}
          {st.enableHost && s.host ? (
            <button type="button" class="ll-button" onClick={() => actions.enableHost()}>
              Enable ListLens on {s.host.origin}
            </button>
          ) : null}
        </div>
      ))}
    </div>
  );
}
