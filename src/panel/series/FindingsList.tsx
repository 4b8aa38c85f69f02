/**
 * Bots' findings in the panel (issue 18): a version's (in its summary) or a patch's (in the
 * cell detail), each with its kind, title, bot, date, link and the patch it is about, and
 * whether it was reported again on a later version; for a version, the earlier versions'
 * findings and whether this one had them again. The ledger placed them (core); links are
 * drawn only for http(s) URLs, titles as mail strings.
 *
 * Non-goals: the matrix's marks (CellMarks.tsx), placing findings.
 */
import type { Ledger } from '../../core/series/ledger.ts';
import { shortDate } from '../../core/format.ts';
import { MailString } from '../MailString.tsx';
import { againWords, earlierFindings, findingSign, findingsOn, mailFindings } from './ownership-model.ts';
import './Ownership.css';

export interface Props {
  ledger: Ledger;
  col: number;
  /** A patch's only (its counter); absent: every finding of the version, with the earlier ones. */
  counter?: number | null;
  onOpen: (id: string) => void;
}

const safeLink = (url: string | null): string | null => (url && /^https?:\/\//i.test(url) ? url : null);

export function FindingsList({ ledger, col, counter, onOpen }: Props) {
  const v = ledger.versions[col]!;
  // patchwork's failed checks are listed with the checks (ChecksLine.tsx)
  const list = mailFindings(counter === undefined ? (v.findings ?? []) : findingsOn(ledger, col, counter));
  const earlier = counter === undefined ? earlierFindings(ledger, col) : [];
  if (!list.length && !earlier.length) return null;
  return (
    <div class="ll-findings">
      {list.length ? (
        <>
          <span class="ll-muted">Bot findings (no trailers):</span>
          <ul>
            {list.map((f) => {
              const link = safeLink(f.link);
              const again = againWords(f, ledger, col);
              return (
                <li key={`${f.message}\n${f.title}`} class={`ll-finding ll-finding-${f.kind.replace(' ', '-')}`}>
                  <span aria-hidden="true">{findingSign(f.kind)} </span>
                  {f.title.toLowerCase().startsWith(f.kind) ? null : <span class="ll-finding-kind">{f.kind}: </span>}
                  {link ? <a href={link} target="_blank" rel="noopener noreferrer"><MailString text={f.title} /></a> : <MailString text={f.title} />}{' '}
                  <span class="ll-muted">
                    — <MailString text={f.bot} />
                    {counter === undefined ? ` on ${f.counter === null ? 'the version' : `${f.counter}/${v.total}`}` : ''}
                    {f.date ? `, ${shortDate(f.date)}` : ''}
                    {again ? `; ${again}` : ''}{' '}
                  </span>
                  <button type="button" class="ll-link-button" onClick={() => onOpen(f.message)}>
                    mail
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {earlier.length ? (
        <>
          <span class="ll-muted">Earlier findings:</span>
          <ul>
            {earlier.map(({ f, version, again }) => (
              <li key={`${f.message}\n${f.title}`} class={again ? 'll-finding-again' : 'll-finding-gone'}>
                v{version} <MailString text={f.title} /> <span class="ll-muted">— {again ? `reported again on v${v.version}` : `not reported on v${v.version}`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
