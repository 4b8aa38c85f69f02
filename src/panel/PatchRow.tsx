/** One patch of a version: counter, subject, and its Reviewed-by/Acked-by/Tested-by, names on demand. */
import { useMemo, useState } from 'preact/hooks';
import type { SeriesPatch } from '../core/types.ts';
import { patchTitle, trailerNames } from './series-view.ts';

export interface Props {
  patch: SeriesPatch;
  total: number;
  current: boolean;
  onOpen: (id: string) => void;
}

export function PatchRow({ patch, total, current, onOpen }: Props) {
  const [names, setNames] = useState(false);
  const by = useMemo(() => trailerNames(patch), [patch]);
  const kinds = (Object.keys(by) as Array<keyof typeof by>).filter((k) => by[k].length > 0);
  const title = kinds.map((k) => `${k}: ${by[k].join(', ')}`).join('\n');
  return (
    <li class={current ? 'll-patch ll-patch-current' : 'll-patch'}>
      <button type="button" class="ll-patch-open" title={patch.subject} onClick={() => onOpen(patch.id)}>
        <span class="ll-muted">
          {patch.counter}/{total}
        </span>{' '}
        {patchTitle(patch.subject)}
      </button>
      {patch.borrowedFrom !== null ? <span class="ll-muted"> (from v{patch.borrowedFrom})</span> : null}
      {kinds.length ? (
        <button type="button" class="ll-trailer-counts" title={title} aria-expanded={names} onClick={() => setNames(!names)}>
          {kinds.map((k) => `${k} ${by[k].length}`).join(' · ')}
        </button>
      ) : null}
      {names ? (
        <ul class="ll-trailer-names">
          {kinds.map((k) => (
            <li key={k}>
              {k}: {by[k].join(', ')}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
