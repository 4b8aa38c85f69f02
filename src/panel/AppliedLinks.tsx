/**
 * "Applied as": the commits the thread's "applied" replies name, each patch linked to its
 * commit on the tree's git web (applied-links-model.ts). Shown only when a reply names a
 * commit. Text nodes and http(s) links only.
 *
 * Non-goals: the ledger's applied marks (the series matrix shows those).
 */
import { shortDate } from '../core/format.ts';
import { appliedReplies } from './applied-links-model.ts';
import { MailString } from './MailString.tsx';
import { Section } from './Section.tsx';
import { useLoad, useSeries } from './store.ts';
import './Commit.css';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function AppliedLinks(_props: Props) {
  const load = useLoad();
  const s = load.state.value;
  // which reply says applied is the series' ledgers' (series/series-state.ts `marks`)
  const replies = appliedReplies(s.messages, s.texts, useSeries().marks.value);
  if (!replies.length) return null;
  const n = replies.reduce((k, r) => k + r.links.length, 0);
  return (
    <Section id="applied" title="Applied as" meta={`${n} commit${n === 1 ? '' : 's'}`}>
      {replies.map((r) => (
        <div key={r.id} class="ll-applied-reply">
          <p class="ll-muted">
            <MailString text={r.from?.name || r.from?.address || ''} />
            {r.date ? `, ${shortDate(r.date)}` : ''}
            {r.tree ? (
              <>
                {' '}
                to <bdi class="ll-mono">{r.tree}</bdi>
                {r.branch ? ` (${r.branch})` : ''}
              </>
            ) : null}
          </p>
          <ul class="ll-applied-links">
            {r.links.map((l, i) => (
              <li key={i}>
                <MailString text={l.label} />{' '}
                {l.url ? (
                  <a class="ll-mono" href={l.url} target="_blank" rel="noreferrer">
                    {l.sha ? l.sha.slice(0, 12) : 'commit'}
                  </a>
                ) : (
                  <span class="ll-mono ll-muted">{l.sha?.slice(0, 12)} (tree not named)</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Section>
  );
}
