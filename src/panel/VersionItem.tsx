/** One version of a series: v-number, date, patch count or "4 of 8 present", cover letter, patches. */
import { MailString } from './MailString.tsx';
import { useState } from 'preact/hooks';
import { PatchRow } from './PatchRow.tsx';
import { stamp } from '../core/format.ts';
import type { VersionRow } from './series-view.ts';

export interface Props {
  row: VersionRow;
  /** Holds the current message: starts expanded and is marked. */
  current: boolean;
  focus: string | null;
  onOpen: () => void;
  onPatch: (id: string) => void;
}

export function VersionItem({ row, current, focus, onOpen, onPatch }: Props) {
  const [open, setOpen] = useState(current);
  const v = row.inThread;
  const listId = `ll-v-${row.version}-${v?.cover ?? row.url ?? ''}`.replace(/[^\w-]/g, '_');
  const missing = new Set(v?.missing ?? []);
  const slots: Array<{ counter: number; patch: NonNullable<typeof v>['patches'][number] | null }> = [];
  if (v) {
    for (const p of v.patches) slots.push({ counter: p.counter, patch: p });
    for (const c of missing) slots.push({ counter: c, patch: null });
    slots.sort((a, b) => a.counter - b.counter);
  }
  return (
    <li class={current ? 'll-version ll-version-current' : 'll-version'} aria-current={current ? 'true' : undefined}>
      <div class="ll-version-line">
        <button type="button" class="ll-version-open" onClick={onOpen} title={v ? 'Go to this version' : 'Open this version (another thread of the archive)'}>
          v{row.version}
        </button>
        <span class="ll-muted"> {row.date ? stamp(row.date) : ''}</span>
        {row.presence ? <span class={missing.size ? 'll-version-missing' : 'll-muted'}> · {row.presence}</span> : null}
        {!v ? <span class="ll-muted"> · other thread</span> : null}
        {v?.cover ? (
          <button type="button" class="ll-link-button ll-version-cover" onClick={() => onPatch(v.cover as string)}>
            cover letter
          </button>
        ) : null}
        {v && slots.length ? (
          <button type="button" class="ll-link-button" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
            {open ? 'hide patches' : 'patches'}
          </button>
        ) : null}
      </div>
      {!v && row.subject ? <div class="ll-version-subject">
          <MailString text={row.subject} />
        </div> : null}
      {v && open ? (
        <ol id={listId} class="ll-patches">
          {slots.map((x) => (x.patch ? <PatchRow key={x.counter} patch={x.patch} total={v.total} current={x.patch.id === focus} onOpen={onPatch} /> : <li key={'m' + x.counter} class="ll-patch ll-patch-missing">{x.counter}/{v.total} not in the archive</li>))}
        </ol>
      ) : null}
    </li>
  );
}
