/** One patch of a version: counter, subject, and its Reviewed-by/Acked-by/Tested-by, names on demand. */
import { MailString, reveal } from './MailString.tsx';
import { useMemo, useState } from 'preact/hooks';
import type { SeriesPatch, Trailer } from '../core/types.ts';
import { patchTitle, trailerNames } from './series-view.ts';

export interface Props {
  patch: SeriesPatch;
  total: number;
  current: boolean;
  onOpen: (id: string) => void;
}

export function PatchRow({ patch, total, current, onOpen }: Props) {
  const [names, setNames] = useState(false);
  // A trailer whose person imitates a participant (the core's lookalikes.ts flags it) is said
  // on its own line below and left out of the counts, as the core leaves it out of its counts.
  const flagged = patch.trailers.filter((t): t is Trailer & { lookalikeOf: string } => !!t.lookalikeOf);
  const by = useMemo(() => trailerNames(flagged.length ? { ...patch, trailers: patch.trailers.filter((t) => !t.lookalikeOf) } : patch), [patch]);
  const kinds = (Object.keys(by) as Array<keyof typeof by>).filter((k) => by[k].length > 0);
  const title = kinds.map((k) => `${k}: ${by[k].map(reveal).join(', ')}`).join('\n');
  return (
    <li class={current ? 'll-patch ll-patch-current' : 'll-patch'}>
      <button type="button" class="ll-patch-open" title={reveal(patch.subject)} onClick={() => onOpen(patch.id)}>
        <span class="ll-muted">
          {patch.counter}/{total}
        </span>{' '}
        <MailString text={patchTitle(patch.subject)} />
      </button>
      {patch.borrowedFrom !== null ? <span class="ll-muted"> (from v{patch.borrowedFrom})</span> : null}
      {kinds.length ? (
        <button type="button" class="ll-trailer-counts" title={title} aria-expanded={names} onClick={() => setNames(!names)}>
          {kinds.map((k) => `${k} ${by[k].length}`).join(' · ')}
        </button>
      ) : null}
      {flagged.map((t, i) => (
        <p key={'f' + i} class="ll-trailer-lookalike" role="note">
          <span aria-hidden="true">⚠ </span>
          {t.name} from a look-alike of <MailString text={t.lookalikeOf} />: <MailString text={t.person?.name || t.person?.address || t.value} />, not counted.
        </p>
      ))}
      {names ? (
        <ul class="ll-trailer-names">
          {kinds.map((k) => (
            <li key={k}>
              {k}:{' '}
              {by[k].map((who, i) => (
                <span key={i}>
                  {i ? ', ' : ''}
                  <MailString text={who} />
                </span>
              ))}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
