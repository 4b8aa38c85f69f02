/** Every version of the series (in the thread or found by search), each openable, with its patches. */
import { Section } from './Section.tsx';
import { VersionItem } from './VersionItem.tsx';
import { useActions, useLoad } from './store.ts';
import { pickSeries, versionRows, type VersionRow } from './series-view.ts';
import type { Series } from '../core/types.ts';
import './Series.css';

/** Reads everything from the store. */
export type Props = Record<string, never>;

export function SeriesSection(_props: Props) {
  const s = useLoad().state.value;
  const actions = useActions();
  const all = s.analysis?.series ?? [];
  const main = pickSeries(all, s.focus);
  const others = all.filter((x) => x !== main);
  const open = (row: VersionRow): void => {
    const v = row.inThread;
    const target = v ? (v.cover ?? v.patches[0]?.id ?? null) : null;
    if (target) actions.navigate(target);
    else if (row.url) actions.openUrl(row.url, 'version');
  };
  const rows = versionRows(main, s.versions);
  return (
    <Section id="series" title="Series" meta={rows.length ? `${rows.length} version${rows.length === 1 ? '' : 's'}` : ''}>
      <SeriesBlock series={main} rows={rows} focus={s.focus} onOpen={open} onPatch={(id) => actions.navigate(id)} />
      {others.map((x) => (
        <SeriesBlock key={x.subject} series={x} rows={versionRows(x, [])} focus={s.focus} onOpen={open} onPatch={(id) => actions.navigate(id)} />
      ))}
    </Section>
  );
}

interface BlockProps {
  series: Series | null;
  rows: VersionRow[];
  focus: string | null;
  onOpen: (row: VersionRow) => void;
  onPatch: (id: string) => void;
}

function SeriesBlock({ series, rows, focus, onOpen, onPatch }: BlockProps) {
  // The version holding the current message starts expanded, else the newest in the thread.
  const current = rows.find((r) => r.inThread && (r.inThread.cover === focus || r.inThread.patches.some((p) => p.id === focus)))?.version ?? [...rows].reverse().find((r) => r.inThread)?.version ?? null;
  return (
    <div class="ll-series">
      {series ? (
        <h3 class="ll-series-title">
          {series.subject}
          {series.author.name || series.author.address ? <span class="ll-muted"> by {series.author.name || series.author.address}</span> : null}
        </h3>
      ) : null}
      <ol class="ll-versions">
        {rows.map((r) => (
          <VersionItem key={r.version} row={r} current={r.version === current} onOpen={() => onOpen(r)} onPatch={onPatch} focus={focus} />
        ))}
      </ol>
    </div>
  );
}
