/**
 * The series across versions, from the worker's ledgers alone: every series the thread holds,
 * the page's first (open), the others folded below it, and how far the fetching of other
 * versions has got. Reads the series slice.
 */
import { useEffect, useState } from 'preact/hooks';
import { Section } from '../Section.tsx';
import { MailString } from '../MailString.tsx';
import { plural } from '../../core/format.ts';
import type { SeriesLedger } from '../../protocol.ts';
import { useActions, useSeries } from '../store.ts';
import { LedgerBlock } from './LedgerBlock.tsx';
import { ChecksRun } from './ChecksLine.tsx';
import { checksPatches } from './checks-model.ts';
import '../Diff.css';
import './Series.css';

/** Reads everything from the store. */
export type Props = Record<string, never>;

/**
 * Drawn only while the section is open (Section draws its body then alone): asks for the
 * checks of the matrices on screen, and says it no longer wants them when it goes.
 */
function AskChecks({ series }: { series: SeriesLedger[] }) {
  const actions = useActions();
  const patches = checksPatches(series.map((x) => x.ledger));
  const key = patches.map((p) => p.msgid).join(' ');
  useEffect(() => actions.checks(patches), [key]);
  useEffect(() => () => actions.checks([]), []);
  return null;
}

export function VersionsSection(_props: Props) {
  const s = useSeries().state.value;
  // which series' blocks are open (the page's is): their matrices are the ones on screen
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (!s.series.length) return s.pending ? <p class="ll-muted ll-series-progress">Looking for other versions…</p> : null;
  const many = s.series.length > 1;
  const first = s.series[0]!.ledger;
  const meta = [plural(first.versions.length, 'version'), many ? `${s.series.length} series` : '', s.pending ? `fetching ${s.pending}` : ''].filter(Boolean).join(' · ');
  return (
    <Section id="ledger" title="Versions" meta={meta}>
      <AskChecks series={s.series.filter((x, i) => i === 0 || open.has(x.ledger.versions[0]?.key ?? ''))} />
      <ChecksRun run={s.checks} />
      {s.pending ? (
        <p class="ll-muted ll-series-progress" role="status">
          Fetching other versions: {s.done} of {s.total} threads
        </p>
      ) : null}
      {s.series.map((x, i) =>
        many ? (
          <details
            key={x.ledger.versions[0]?.key ?? i}
            class="ll-series-block"
            open={i === 0}
            onToggle={(e) => {
              const k = x.ledger.versions[0]?.key ?? '';
              const on = (e.currentTarget as HTMLDetailsElement).open;
              if (i > 0 && on !== open.has(k)) setOpen((o) => (on ? new Set([...o, k]) : new Set([...o].filter((y) => y !== k))));
            }}
          >
            <summary class="ll-series-head">
              <MailString text={x.ledger.title} />{' '}
              <span class="ll-muted">
                ({plural(x.ledger.versions.length, 'version')}
                {x.ledger.author.name || x.ledger.author.address ? (
                  <>
                    , by <MailString text={x.ledger.author.name || x.ledger.author.address} />
                  </>
                ) : null}
                )
              </span>
            </summary>
            <LedgerBlock index={i} />
          </details>
        ) : (
          <LedgerBlock key={x.ledger.versions[0]?.key ?? i} index={i} />
        ),
      )}
      {s.failures.length ? <p class="ll-muted">Not fetched: {s.failures.join('; ')}</p> : null}
    </Section>
  );
}
