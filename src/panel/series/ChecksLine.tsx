/**
 * Patchwork's checks in the Versions section (issue 18, optional): a version's line
 * ("patchwork: 1 fail (netdev/build_clang), 28 success", coloured by its worst state; a
 * failed refresh or a wait said beside it) and, in the cell detail, every check of the
 * patch: its state, name, description and link, when it was read. Descriptions and names
 * come from CI accounts: drawn as mail strings, links only for http(s).
 *
 * Non-goals: the matrix's marks (a failed check is a finding: CellMarks.tsx), counting.
 */
import type { CellChecks, VersionChecks } from '../../core/series/patchwork-checks.ts';
import { checkName, orderChecks } from '../../core/series/patchwork-checks.ts';
import { shortDate } from '../../core/format.ts';
import type { PanelChecks } from './series-state.ts';
import { MailString } from '../MailString.tsx';
import { CHECK_SIGN, cellCopyWords, safeLink } from './checks-model.ts';
import './Checks.css';

export interface Props {
  version: VersionChecks | undefined;
}

export function ChecksLine({ version }: Props) {
  if (!version || (version.read === 0 && !version.error)) return null;
  const worst = version.tally.worst;
  return (
    <div class="ll-checks">
      <span class={`ll-checks-summary${worst ? ` ll-check-${worst}` : ''}`}>
        {worst ? <span aria-hidden="true">{CHECK_SIGN[worst]} </span> : null}
        <MailString text={version.summary} />
      </span>
      {version.error ? <div class="ll-checks-problem">{`a patch's last refresh failed: ${version.error}; showing the checks held`}</div> : null}
    </div>
  );
}

/** The run's state above the versions: patches still being read, a wait, why nothing is asked. */
export function ChecksRun({ run }: { run: PanelChecks }) {
  if (run.state === null || run.state === 'off' || (!run.pending && !run.note)) return null;
  return (
    <p class="ll-checks" role="status">
      {run.pending ? <span class="ll-muted">Patchwork: reading the checks of {run.pending} patches… </span> : null}
      {run.note ? (
        <span class="ll-checks-problem">
          Patchwork: <MailString text={run.note} />
        </span>
      ) : null}
    </p>
  );
}

export function CellChecksList({ cell }: { cell: CellChecks | null | undefined }) {
  if (!cell) return null;
  const copy = cellCopyWords(cell);
  const page = safeLink(cell.patch?.webUrl ?? null);
  return (
    <div class="ll-checks ll-cell-checks">
      <p class="ll-muted ll-evidence-head">
        Patchwork checks (not trailers){cell.patch?.projects.length ? <> in <MailString text={cell.patch.projects.join(', ')} /></> : null}: {copy.line}
        {page ? (
          <>
            {' · '}
            <a href={page} target="_blank" rel="noopener noreferrer">
              patch in patchwork
            </a>
          </>
        ) : null}
      </p>
      {copy.problem ? <p class="ll-checks-problem">{copy.problem}</p> : null}
      {cell.fetchedAt && !cell.patch ? <p class="ll-muted">Not in patchwork: it has no such patch.</p> : null}
      {cell.patch && !cell.checks.length ? <p class="ll-muted">No checks yet.</p> : null}
      {cell.checks.length ? (
        <ul>
          {orderChecks(cell.checks).map((c) => {
            const link = safeLink(c.targetUrl);
            return (
              <li key={checkName(c)} class={`ll-check-${c.state}`}>
                <span aria-hidden="true">{CHECK_SIGN[c.state]} </span>
                <span class="ll-check-state">{c.state}</span> {link ? <a href={link} target="_blank" rel="noopener noreferrer"><MailString text={checkName(c)} /></a> : <MailString text={checkName(c)} />}
                {c.description ? (
                  <>
                    : <MailString text={c.description} />
                  </>
                ) : null}
                {c.date ? <span class="ll-muted"> — {shortDate(c.date)}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
