/**
 * The series at a glance: every version found (with its status, diff summary and changelog),
 * then the matrix — patches as rows, versions as columns — that fits the 360 px panel with no
 * scroll box of its own, the selected cell's detail and the interdiff. Reads the series slice.
 */
import { Section } from './Section.tsx';
import { VersionSummary } from './VersionSummary.tsx';
import { CellDetail } from './CellDetail.tsx';
import { InterdiffView } from './InterdiffView.tsx';
import { LinkThreadForm } from './LinkThreadForm.tsx';
import { useActions, useLoad, useSeries } from './store.ts';
import { GLYPH, cellLabel, interdiffSources, marksText, shownColumns, visibleRows } from './matrix-model.ts';
import './Diff.css';
import './SeriesMatrix.css';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function SeriesMatrix(_props: Props) {
  const series = useSeries();
  const actions = useActions();
  const s = series.state.value;
  const onScreen = useLoad().state.value.messages;
  const ledger = s.ledger;
  if (!ledger) return s.pending ? <p class="ll-muted ll-series-progress">Looking for other versions…</p> : null;
  const cols = shownColumns(ledger.versions.length);
  const rows = visibleRows(ledger, s.onlyUnreviewed);
  const sel = s.selected;
  const openInterdiff = (row: number, fromCol: number, toCol: number): void => {
    const a = ledger.rows[row]?.cells[fromCol]?.id;
    const b = ledger.rows[row]?.cells[toCol]?.id;
    if (a && b) actions.interdiff(a, b);
  };
  const click = (row: number, col: number): void => {
    series.select({ row, col });
    const cell = ledger.rows[row]!.cells[col]!;
    const from = interdiffSources(ledger, row, col)[0];
    if (cell.state === 'changed' && from !== undefined) openInterdiff(row, from, col);
    else {
      series.closeInterdiff();
      if (cell.present && cell.id) actions.openMessage(cell.id);
    }
  };
  const id = s.interdiff;
  const idFrom = id && sel ? ledger.rows[sel.row]?.cells.findIndex((c) => c?.id === id.from) : -1;
  const meta = `${ledger.versions.length} version${ledger.versions.length === 1 ? '' : 's'}${s.pending ? ` · fetching ${s.pending}` : ''}`;
  return (
    <Section id="ledger" title="Versions" meta={meta}>
      {s.pending ? (
        <p class="ll-muted ll-series-progress" role="status">
          Fetching other versions: {s.done} of {s.total} threads
        </p>
      ) : null}
      <ol class="ll-vsums">
        {ledger.versions.map((_, col) => (
          <VersionSummary key={col} ledger={ledger} col={col} changelog={s.changelogs[ledger.versions[col]!.version] ?? []} onOpen={(k) => actions.openMessage(k)} onUnlink={(k) => actions.linkThread(k, false)} here={onScreen.some((m) => !m.ghost && m.id === ledger.versions[col]!.key)} />
        ))}
      </ol>
      {ledger.uncertain.length ? (
        <ul class="ll-uncertain" aria-label="Uncertain versions">
          {ledger.uncertain.map((u) => (
            <li key={u.key}>
              <span class="ll-vsum-uncertain">uncertain</span> v{u.version} <bdi>{u.subject}</bdi>{' '}
              <button type="button" class="ll-copy" onClick={() => actions.linkThread(u.key, true)}>
                Link
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <LinkThreadForm onLink={(t) => actions.linkThread(t, true)} />
      <label class="ll-matrix-filter">
        <input type="checkbox" checked={s.onlyUnreviewed} onChange={() => series.toggleUnreviewed()} /> Only patches without review ({ledger.needsReview.length})
      </label>
      <table class="ll-matrix">
        <caption class="ll-sr">Patches by version: ≡ unchanged, ∆ changed, + new, − dropped, ? missing; R/A/T reviewed, acked, tested</caption>
        <thead>
          <tr>
            <th scope="col" class="ll-matrix-title">Patch</th>
            {cols.map((c) => (
              <th key={c} scope="col">
                v{ledger.versions[c]!.version}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const row = ledger.rows[r]!;
            return (
              <tr key={r}>
                <th scope="row" class="ll-matrix-title">
                  <bdi>{row.title}</bdi>
                </th>
                {cols.map((c) => {
                  const cell = row.cells[c];
                  if (!cell) return <td key={c} class="ll-cell-none" />;
                  const on = sel?.row === r && sel.col === c;
                  return (
                    <td key={c} class={`ll-cell ll-cell-${cell.state}${cell.present ? '' : ' ll-cell-absent'}${on ? ' ll-cell-on' : ''}`}>
                      <button type="button" title={cellLabel(cell, row.title)} aria-pressed={on} onClick={() => click(r, c)}>
                        <span class="ll-sr">{cellLabel(cell, row.title)}</span>
                        <span aria-hidden="true">{GLYPH[cell.state]}</span>
                        <span class="ll-cell-marks" aria-hidden="true">
                          {marksText(cell.marks)}
                          {cell.applied ? ' ✓' : ''}
                          {cell.trailers.some((t) => t.stale) ? ' !' : ''}
                        </span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {sel ? <CellDetail ledger={ledger} row={sel.row} col={sel.col} onOpen={(k) => actions.openMessage(k)} onInterdiff={(from) => openInterdiff(sel.row, from, sel.col)} /> : null}
      {id && sel && idFrom !== undefined && idFrom >= 0 ? (
        <InterdiffView
          title={ledger.rows[sel.row]!.title}
          fromVersion={ledger.versions[idFrom]!.version}
          toVersion={ledger.versions[sel.col]!.version}
          sources={interdiffSources(ledger, sel.row, sel.col).map((c) => ledger.versions[c]!.version)}
          result={id.result}
          error={id.error}
          onFrom={(v) => openInterdiff(sel.row, ledger.versions.findIndex((x) => x.version === v), sel.col)}
          onClose={() => series.closeInterdiff()}
        />
      ) : null}
      {s.failures.length ? <p class="ll-muted">Not fetched: {s.failures.join('; ')}</p> : null}
    </Section>
  );
}
