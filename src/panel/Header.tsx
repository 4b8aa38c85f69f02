/** The panel's header: what thread this is, how big, how fresh, and whether it is still loading. */
import { MailString } from './MailString.tsx';
import { useMemo } from 'preact/hooks';
import { useActions, useLoad, useNow, useSeries } from './store.ts';
import { cacheNote, counts, lastActivity, progressShare, progressText, threadSubject } from './header-model.ts';
import { relative, stamp } from '../core/format.ts';
import { newSinceText } from './new-marks.ts';
import './Header.css';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function Header(_props: Props) {
  const s = useLoad().state.value;
  const actions = useActions();
  const now = useNow()();
  const has = s.messages.length > 0;
  // The page's series as the ledger has it: the same count the Versions section shows.
  const versions = useSeries().state.value.series[0]?.ledger.versions.length ?? 0;
  const last = useMemo(() => lastActivity(s.messages), [s.messages]);
  const subject = useMemo(() => threadSubject(s.messages, s.roots), [s.messages, s.roots]);
  const countText = useMemo(() => counts(s.messages, s.analysis ? s.analysis.participants.length : null, versions, s.analysis?.errors.length ?? 0).join(' · '), [s.messages, s.analysis, versions]);
  const note = cacheNote(s.cache, now);
  const load = useLoad();
  const fresh = load.fresh.value.size;
  const news = newSinceText(fresh, s.visits?.lastVisit ?? null);
  const pop = actions.popOutHref();
  return (
    <header class="ll-header">
      <h1 class="ll-subject">{has ? <MailString text={subject} /> : 'ListLens'}</h1>
      {has ? (
        <p class="ll-counts" title={s.analysis?.errors.length ? s.analysis.errors.map((e) => e.reason).join('\n') : undefined}>
          {countText}
          {last ? (
            <>
              {' · last activity '}
              <time dateTime={last} title={stamp(last)}>
                {relative(last, now)}
              </time>
            </>
          ) : null}
        </p>
      ) : null}
      {news ? (
        <p class="ll-new-line" role="status">
          <span class="ll-new-count">{news}</span>{' '}
          <button type="button" class="ll-link-button" onClick={() => actions.markAllRead()}>
            Mark all read
          </button>
        </p>
      ) : null}
      <div class="ll-header-line">
        {note ? (
          <span class={s.cache?.offline ? 'll-cache ll-cache-offline' : 'll-cache'} role="status">
            {note}
          </span>
        ) : null}
        <span class="ll-header-actions">
          {s.threadKey && s.analysis && s.cache?.state !== 'refreshing' ? (
            <button type="button" class="ll-link-button" onClick={() => actions.refresh()}>
              refresh
            </button>
          ) : null}
          {pop && !document.documentElement.classList.contains('ll-popout') ? (
            <a href={pop} target="_blank" rel="noopener noreferrer">
              pop out
            </a>
          ) : null}
        </span>
      </div>
      {s.loading ? (
        <div class="ll-progress" role="status" aria-live="polite">
          {progressShare(s.progress) === null ? (
            <progress class="ll-progress-bar" aria-label="Loading the thread" />
          ) : (
            <progress class="ll-progress-bar" aria-label="Loading the thread" max={1} value={progressShare(s.progress)!} />
          )}
          <span class="ll-muted">{progressText(s.progress)}</span>
        </div>
      ) : null}
    </header>
  );
}
