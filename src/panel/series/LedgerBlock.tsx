/**
 * One series of the thread: its versions (status, diff summary, changelog, copy buttons), the
 * candidates nothing confirmed, the versions another author posted that only a link or a reply
 * ties to it (shown apart, never merged: issue 16) and, on such an author's own series, what it
 * claims to continue, linking a thread by hand, the matrix, the selected cell's detail and the
 * interdiff. `index`: which series of the ledger event (0: the page's).
 */
import { useActions, useLoad, useSeries } from '../store.ts';
import { VersionSummary } from './VersionSummary.tsx';
import { CellDetail } from './CellDetail.tsx';
import { InterdiffView } from './InterdiffView.tsx';
import { LinkThreadForm } from './LinkThreadForm.tsx';
import { MatrixTable } from './MatrixTable.tsx';
import { MailString } from '../MailString.tsx';
import { interdiffSources } from './matrix-model.ts';
import type { ForeignVersion } from '../../core/series/ledger.ts';

export interface Props {
  index: number;
}

export function LedgerBlock({ index }: Props) {
  const series = useSeries();
  const actions = useActions();
  const s = series.state.value;
  const onScreen = useLoad().state.value.messages;
  const x = s.series[index];
  if (!x) return null;
  const { ledger, changelogs } = x;
  const sel = s.selected?.series === index ? s.selected : null;
  const openInterdiff = (row: number, fromCol: number, toCol: number): void => {
    const a = ledger.rows[row]?.cells[fromCol]?.id;
    const b = ledger.rows[row]?.cells[toCol]?.id;
    if (a && b) actions.interdiff(a, b);
  };
  const click = (row: number, col: number): void => {
    series.select({ series: index, row, col });
    const cell = ledger.rows[row]!.cells[col]!;
    const from = interdiffSources(ledger, row, col)[0];
    if (cell.state === 'changed' && from !== undefined) openInterdiff(row, from, col);
    else {
      series.closeInterdiff();
      if (cell.present && cell.id) actions.openMessage(cell.id);
    }
  };
  const id = sel ? s.interdiff : null;
  // The wide view: the same matrix at a tab's width, read from the cache; not offered inside it.
  const inWide = typeof document !== 'undefined' && document.documentElement.classList.contains('ll-wide');
  const wide = inWide ? null : actions.popOutHref('series');
  const summaries = (
    <ol class="ll-vsums">
      {ledger.versions.map((v, col) => (
        <VersionSummary key={v.key} ledger={ledger} col={col} changelog={changelogs[v.version] ?? []} onOpen={(k) => actions.openMessage(k)} onUnlink={(k) => actions.linkThread(k, false)} here={onScreen.some((m) => !m.ghost && m.id === v.key)} owners={x.owners} maintainers={x.maintainers} checks={x.checks?.versions[col]} />
      ))}
    </ol>
  );
  const idFrom = id && sel ? ledger.rows[sel.row]?.cells.findIndex((c) => c?.id === id.from) : -1;
  return (
    <div class="ll-ledger">
      {inWide ? null : summaries}
      {ledger.uncertain.length ? (
        <ul class="ll-uncertain" aria-label="Uncertain versions">
          {ledger.uncertain.map((u) => (
            <li key={u.key}>
              <span class="ll-vsum-uncertain">uncertain</span> v{u.version} <MailString text={u.subject} />{' '}
              <button type="button" class="ll-copy" onClick={() => actions.linkThread(u.key, true)}>
                Link
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ForeignVersions list={ledger.otherAuthors} label="Versions posted by another author" tag="another author" by="posted by" whose="the series author" />
      <ForeignVersions list={ledger.claims} label="Versions of another author this series claims to continue" tag="claims to continue" by="by" whose="this series' author" />
      {index === 0 ? <LinkThreadForm onLink={(t) => actions.linkThread(t, true)} /> : null}
      <div class="ll-matrix-tools">
        <label class="ll-matrix-filter">
          <input type="checkbox" checked={s.onlyUnreviewed} onChange={() => series.toggleUnreviewed()} /> Only patches without review ({ledger.needsReview.length})
        </label>
        {wide ? (
          <a
            href={wide}
            target="_blank"
            rel="noopener noreferrer"
            class="ll-matrix-wide"
            onClick={(e) => {
              e.preventDefault();
              actions.openTab(wide);
            }}
          >
            Open in a tab
          </a>
        ) : null}
      </div>
      <MatrixTable ledger={ledger} onlyUnreviewed={s.onlyUnreviewed} selected={sel} onCell={click} owners={x.owners} checks={x.checks} />
      {sel ? <CellDetail ledger={ledger} row={sel.row} col={sel.col} onOpen={(k) => actions.openMessage(k)} onInterdiff={(from) => openInterdiff(sel.row, from, sel.col)} owners={x.owners} checks={x.checks} /> : null}
      {id && sel && idFrom !== undefined && idFrom >= 0 ? (
        <InterdiffView
          title={ledger.rows[sel.row]!.title}
          fromVersion={ledger.versions[idFrom]!.version}
          toVersion={ledger.versions[sel.col]!.version}
          sources={interdiffSources(ledger, sel.row, sel.col).map((c) => ledger.versions[c]!.version)}
          result={id.result}
          error={id.error}
          onFrom={(v) => openInterdiff(sel.row, ledger.versions.findIndex((y) => y.version === v), sel.col)}
          onClose={() => series.closeInterdiff()}
        />
      ) : null}
      {/* the wide view leads with the matrix, the versions' list after it */}
      {inWide ? summaries : null}
    </div>
  );
}

/** Versions of another author that only a sender's claim ties to this series: listed apart, never merged (issue 16). */
function ForeignVersions({ list, label, tag, by, whose }: { list: ForeignVersion[]; label: string; tag: string; by: string; whose: string }) {
  if (!list.length) return null;
  return (
    <ul class="ll-foreign" aria-label={label}>
      {list.map((o) => (
        <li key={o.key}>
          <span class="ll-foreign-tag">{tag}</span> v{o.version} <MailString text={o.subject} />
          <div class="ll-muted">
            {by} <MailString text={o.author.name ? `${o.author.name} <${o.author.address}>` : o.author.address} />, not {whose}; tied only by {o.tiedBy.join(', ')}; not merged
          </div>
        </li>
      ))}
    </ul>
  );
}
