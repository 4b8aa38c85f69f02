/** One person: name and address, counts and dates, role and trailers; pressing it filters the tree. */
import type { Participant } from '../core/types.ts';
import { displayName, roleText, trailerText } from './participants-model.ts';
import { plural, shortDate } from '../core/format.ts';
import { MailString, reveal } from './MailString.tsx';

export interface Props {
  person: Participant;
  active: boolean;
  onToggle: () => void;
}

export function ParticipantItem({ person: p, active, onToggle }: Props) {
  const roles = roleText(p.roles);
  const trailers = trailerText(p.trailers);
  const span = [shortDate(p.first, p.last), p.last && p.last !== p.first ? shortDate(p.last, null) : ''].filter(Boolean).join(' – ');
  return (
    <li class="ll-person">
      <button type="button" class="ll-person-button" aria-pressed={active} title={active ? 'Show the whole thread again' : `Show only ${reveal(displayName(p))}'s messages in the tree`} onClick={onToggle}>
        <span class="ll-person-name">
          <MailString text={displayName(p)} />
        </span>
        {/* visible: a reviewer copies addresses into Cc from here */}
        {p.address && p.name ? (
          <span class="ll-person-address">
            {' '}
            &lt;
            <MailString text={p.address} />
            &gt;
          </span>
        ) : null}
        {p.masked && p.maskedAddress ? (
          <span class="ll-person-address ll-person-masked" title="The archive hides this sender's real address">
            {' '}
            (address masked by the archive: <MailString text={p.maskedAddress} />)
          </span>
        ) : null}
      </button>
      <span class="ll-person-meta ll-muted">
        {' '}
        {plural(p.messages, 'message')}
        {span ? ` · ${span}` : ''}
      </span>
      {roles ? <span class="ll-person-role"> · {roles}</span> : null}
      {trailers ? <span class="ll-person-trailers"> · {trailers}</span> : null}
      {p.lookalikeOf || p.mixedScript ? (
        <p class="ll-person-lookalike" role="note">
          <span aria-hidden="true">⚠ </span>
          {p.lookalikeOf ? (
            <>
              Look-alike: this sender imitates <MailString text={p.lookalikeOf} />. Its trailers are not counted for that person.
            </>
          ) : (
            'Look-alike: this name or address mixes alphabets (such as a Cyrillic letter among Latin ones).'
          )}
        </p>
      ) : null}
    </li>
  );
}
