/** One series: its subject and author, then its versions v1…vN. */
import { MailString } from './MailString.tsx';
import type { Series } from '../core/types.ts';
import { VersionItem } from './VersionItem.tsx';
import type { VersionRow } from './series-view.ts';

export interface Props {
  series: Series | null;
  rows: VersionRow[];
  focus: string | null;
  onOpen: (row: VersionRow) => void;
  onPatch: (id: string) => void;
}

export function SeriesBlock({ series, rows, focus, onOpen, onPatch }: Props) {
  // The version holding the current message starts expanded, else the newest in the thread.
  const current = rows.find((r) => r.inThread && (r.inThread.cover === focus || r.inThread.patches.some((p) => p.id === focus)))?.version ?? [...rows].reverse().find((r) => r.inThread)?.version ?? null;
  return (
    <div class="ll-series">
      {series ? (
        <h3 class="ll-series-title">
          <MailString text={series.subject} />
          {series.author.name || series.author.address ? <span class="ll-muted"> by <MailString text={series.author.name || series.author.address} /></span> : null}
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
