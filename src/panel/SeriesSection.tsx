/** Every version of the series (in the thread or found by search), each openable, with its patches. */
import { Section } from './Section.tsx';
import { SeriesBlock } from './SeriesBlock.tsx';
import { useActions, useLoad } from './store.ts';
import { pickSeries, versionRows, type VersionRow } from './series-view.ts';
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
  // The worker searches the archive for the versions of the thread's first series only, so
  // the links it found belong to that one, whichever series the reader is in.
  const found = (x: typeof main): typeof s.versions => (x === all[0] ? s.versions : []);
  const rows = versionRows(main, found(main));
  return (
    <Section id="series" title="Series" meta={rows.length ? `${rows.length} version${rows.length === 1 ? '' : 's'}` : ''}>
      <SeriesBlock series={main} rows={rows} focus={s.focus} onOpen={open} onPatch={(id) => actions.navigate(id)} />
      {others.map((x) => (
        <SeriesBlock key={x.subject} series={x} rows={versionRows(x, found(x))} focus={s.focus} onOpen={open} onPatch={(id) => actions.navigate(id)} />
      ))}
    </Section>
  );
}
