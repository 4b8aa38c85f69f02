/** Messages tied to this thread by subject only (a reply that lost its References). */
import { MailString } from './MailString.tsx';
import { useMemo } from 'preact/hooks';
import { useActions, useLoad } from './store.ts';
import { stamp } from '../core/format.ts';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function RelatedThreads(_props: Props) {
  const s = useLoad().state.value;
  const actions = useActions();
  const related = useMemo(() => s.messages.filter((m) => m.related !== null && !m.ghost), [s.messages]);
  if (!related.length) return null;
  return (
    <div class="ll-related">
      <h3 class="ll-related-title">Related by subject</h3>
      <ul class="ll-related-list">
        {related.map((m) => (
          <li key={m.id}>
            <button type="button" class="ll-link-button" onClick={() => actions.navigate(m.id)}>
              {m.subject ? <MailString text={m.subject} /> : '(no subject)'}
            </button>
            <span class="ll-muted">
              {' '}
              <MailString text={m.from?.name || m.from?.address || ''} />, {stamp(m.date)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
