/** Who takes part: a list of people; a click filters the thread tree to one of them. */
import { useMemo, useState } from 'preact/hooks';
import { Section } from './Section.tsx';
import { ParticipantItem } from './ParticipantItem.tsx';
import { useFilter, useLoad } from './store.ts';
import { displayName, ordered, samePerson } from './participants-model.ts';
import './Participants.css';

export interface Props {
  /** How many people show before "show all". */
  initial?: number;
}

export function Participants({ initial = 8 }: Props) {
  const s = useLoad().state.value;
  const filter = useFilter();
  const who = filter.who.value;
  const [all, setAll] = useState(false);
  const people = useMemo(() => ordered(s.analysis?.participants ?? []), [s.analysis]);
  const shown = all ? people : people.slice(0, initial);
  return (
    <Section id="participants" title="Participants" meta={String(people.length)}>
      {who ? (
        <p class="ll-filter-note">
          Tree filtered to {displayName(who)}.{' '}
          <button type="button" class="ll-link-button" onClick={() => filter.clear()}>
            Show everyone
          </button>
        </p>
      ) : null}
      <ul class="ll-people">
        {shown.map((p) => (
          <ParticipantItem key={p.address + '\0' + p.name} person={p} active={samePerson(who, p)} onToggle={() => filter.toggle(p)} />
        ))}
      </ul>
      {people.length > shown.length ? (
        <button type="button" class="ll-link-button" onClick={() => setAll(true)}>
          Show all {people.length}
        </button>
      ) : null}
    </Section>
  );
}
