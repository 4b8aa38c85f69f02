/**
 * The commit section, above the thread on a git web's commit page (issue 19): the commit, how
 * its discussion was found (uncertain when only subject and author matched), the version
 * applied (or "nearest, with changes" and the interdiff from that posting to the commit), the
 * commit's trailers against the list's, and later fixes. Text nodes only; every word from
 * commit-model.ts.
 *
 * Non-goals: the thread, the series matrix (drawn below by their own components).
 */
import { stamp } from '../core/format.ts';
import { messageUrl } from '../sites/public-inbox-url.ts';
import { LORE_ALL } from '../sites/resolution.ts';
import { appliedLine, fixCitation, fixDoubt, fixStatus, signalLine, stateLine, trailerStanding } from './commit-model.ts';
import { InterdiffFile } from './InterdiffFile.tsx';
import { InterHunks } from './InterHunks.tsx';
import { MailString } from './MailString.tsx';
import { Section } from './Section.tsx';
import { useCommit } from './store.ts';
import './Commit.css';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function CommitSection(_props: Props) {
  const v = useCommit().view.value;
  if (!v) return null;
  const line = stateLine(v);
  const sig = v.found ? signalLine(v.found) : null;
  const tone = v.state === 'failed' ? 'error' : v.state === 'none' || v.state === 'refused' ? 'warn' : 'info';
  return (
    <Section id="commit" title="Commit" meta={v.sha.slice(0, 12)}>
      <div class="ll-commit" data-state={v.state}>
        {v.subject ? (
          <p class="ll-commit-subject">
            <MailString text={v.subject} />
          </p>
        ) : null}
        {v.author ? (
          <p class="ll-muted ll-commit-meta">
            <MailString text={v.author.name || v.author.address} />
            {v.date ? ` · ${stamp(v.date)}` : ''}
            {v.patchId ? <span class="ll-mono"> · patch-id {v.patchId.slice(0, 12)}</span> : null}
          </p>
        ) : null}
        {line ? (
          <p class={`ll-commit-state ll-commit-${tone}`} role={tone === 'info' ? 'status' : 'alert'}>
            {v.state === 'none' ? <strong>No discussion found. </strong> : v.state === 'refused' ? <strong>Not switched on. </strong> : null}
            {line}
          </p>
        ) : null}
        {sig && v.found ? (
          <p class={`ll-commit-signal${sig.uncertain ? ' ll-commit-uncertain' : ''}`} data-signal={v.found.signal}>
            <span>{sig.text}</span> · <span class="ll-mono ll-commit-evidence">{v.found.evidence}</span>
            {v.threadUrl ? (
              <>
                {' '}
                <a href={v.threadUrl} target="_blank" rel="noreferrer">
                  message
                </a>
              </>
            ) : null}
          </p>
        ) : null}
        {v.state === 'found' ? <Applied /> : null}
        {v.trailers && v.trailers.length ? (
          <div class="ll-commit-block">
            <h3 class="ll-commit-h">Trailers: the commit and the list</h3>
            <ul class="ll-commit-trailers">
              {v.trailers.map((r, i) => (
                <li key={i} class={r.inCommit ? (r.onList ? 'll-tr-both' : 'll-tr-commit') : r.late ? 'll-tr-late' : 'll-tr-list'}>
                  <span class="ll-mono">
                    <MailString text={`${r.name}: ${r.value}`} />
                  </span>{' '}
                  <span class="ll-muted">— {trailerStanding(r, v.date)}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {v.state === 'found' ? (
          <div class="ll-commit-block">
            <h3 class="ll-commit-h">Later fixes</h3>
            {v.fixesError ? <p class="ll-commit-warn">{v.fixesError}</p> : null}
            {v.fixes === null && !v.fixesError ? <p class="ll-muted">Searching for messages naming {v.sha.slice(0, 12)}…</p> : null}
            {v.fixes && !v.fixes.length ? (
              <p class="ll-muted">
                No message on the list names this commit: no Fixes: {v.sha.slice(0, 12)}, no commit {v.sha.slice(0, 12)} ("…").
              </p>
            ) : null}
            {v.fixes && v.fixes.length ? (
              <ul class="ll-commit-fixes">
                {v.fixes.map((f) => {
                  const doubt = fixDoubt(f);
                  return (
                    <li key={f.id} data-status={f.status} data-uncertain={f.uncertain ?? undefined}>
                      <a href={messageUrl(LORE_ALL, f.messageId)} target="_blank" rel="noreferrer">
                        <MailString text={f.subject} />
                      </a>{' '}
                      <span class="ll-muted">
                        — <MailString text={f.from.name || f.from.address} />
                        {f.date ? `, ${stamp(f.date)}` : ''}: {fixStatus(f)}
                      </span>
                      <span class="ll-mono ll-commit-cite">
                        <MailString text={fixCitation(f)} />
                      </span>
                      {doubt ? <span class="ll-commit-uncertain ll-commit-doubt">{doubt}</span> : null}
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </Section>
  );
}

function Applied() {
  const v = useCommit().view.value!;
  const a = v.applied;
  return (
    <div class="ll-commit-block">
      <h3 class="ll-commit-h">Version applied</h3>
      <p class={`ll-commit-applied${a && !a.exact ? ' ll-commit-nearest' : ''}`}>{appliedLine(a, v.pending)}</p>
      {a && a.interdiff ? (
        <details class="ll-commit-interdiff">
          <summary>Interdiff from v{a.version} to the commit</summary>
          {a.interdiff.message.changed ? (
            <details class="ll-idf">
              <summary>Commit message</summary>
              <InterHunks hunks={a.interdiff.message.hunks} />
            </details>
          ) : null}
          {a.interdiff.files.map((f) => (
            <InterdiffFile key={f.path + (f.oldPath ?? '')} file={f} />
          ))}
        </details>
      ) : null}
    </div>
  );
}
