/**
 * Above the conversation: search within the thread (own text, subject, author; `from:` for
 * authors only), how many match, collapse-all and expand-all, and for new mail the way to the
 * next new message ("Mark all read" is in the header). The search also narrows the tree to its hits.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { useActions, useFilter, useLoad, useRead } from './store.ts';
import { isEmpty, parseQuery, searchThread } from './thread-search.ts';
import { nextNew } from './new-marks.ts';
import { plural } from '../core/format.ts';

export interface Props {
  /** The conversation's messages, for "n of m here". */
  ids: string[];
}

export function ConversationBar({ ids }: Props) {
  const load = useLoad();
  const s = load.state.value;
  const read = useRead();
  const filter = useFilter();
  const actions = useActions();
  const fresh = load.fresh.value;
  const q = read.query.value;
  const query = useMemo(() => parseQuery(q), [q]);
  const hits = useMemo(() => (isEmpty(query) ? null : searchThread(s.messages, s.texts ?? {}, query)), [query, s.messages, s.texts]);
  useEffect(() => filter.setHits(hits), [hits]);
  const here = hits ? ids.filter((id) => hits.has(id)).length : 0;
  const goNew = (): void => {
    const to = nextNew(
      s.messages.map((m) => m.id),
      fresh,
      s.focus,
    );
    if (!to) return;
    read.reveal = to;
    actions.navigate(to);
  };
  return (
    <div class="ll-conv-bar">
      <div class="ll-conv-search" role="search">
        <input
          type="search"
          class="ll-input"
          placeholder="Search this thread (text, from:name)"
          aria-label="Search this thread"
          value={q}
          onInput={(e) => read.setQuery((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') read.setQuery('');
          }}
        />
        <span class="ll-muted ll-conv-count" role="status" aria-live="polite">
          {hits ? `${plural(hits.size, 'match', 'matches')}${hits.size ? `, ${here} here` : ''}${s.texts ? '' : ' (subjects and authors; text still loading)'}` : ''}
        </span>
      </div>
      <div class="ll-conv-actions">
        <button type="button" class="ll-button" onClick={() => read.setAll('closed')}>
          Collapse all
        </button>
        <button type="button" class="ll-button" onClick={() => read.setAll('open')}>
          Expand all
        </button>
        {fresh.size > 0 ? (
          <button type="button" class="ll-button" onClick={goNew} aria-keyshortcuts="n">
            Next new ({fresh.size})
          </button>
        ) : null}
      </div>
    </div>
  );
}
