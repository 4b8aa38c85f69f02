/**
 * `listlens series` in text: the ledger as a matrix (patches as rows, versions as columns),
 * then each version's status line, the patches still lacking review, applied news, trailers
 * given on an earlier version of a patch that changed since, and uncertain candidates.
 *
 * A cell is `<state><marks>`: state `+` new, `≡` unchanged, `*` changed, `<` split from the
 * row above it, `>` squashed into another patch, `-` dropped, `?` missing from the archive;
 * marks `R`/`A`/`T` (with a count past one) for Reviewed-by / Acked-by / Tested-by that hold,
 * `✓` when an "applied" reply covers it.
 *
 * Non-goals: colour, terminal width detection; the JSON form is the Ledger object itself.
 */
import type { Ledger, LedgerCell } from '../core/series/ledger.ts';
import { safe } from './render.ts';

const STATE: Record<LedgerCell['state'], string> = { new: '+', unchanged: '≡', changed: '*', split: '<', squashed: '>', dropped: '-', missing: '?' };
const CELL = 10;
const TITLE = 46;

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

export function cellText(c: LedgerCell | null): string {
  if (!c) return '·';
  const m = (letter: string, n: number): string => (n === 0 ? '' : n === 1 ? letter : `${letter}${n}`);
  const marks = c.present ? `${m('R', c.marks.reviewed)}${m('A', c.marks.acked)}${m('T', c.marks.tested)}` : '';
  return `${STATE[c.state]}${marks ? ` ${marks}` : ''}${c.applied ? ' ✓' : ''}`;
}

export function renderLedger(l: Ledger): string {
  const out: string[] = [];
  out.push(`Series: ${safe(l.title)}`);
  out.push(`Author: ${safe(l.author.name)}${l.author.address ? ` <${safe(l.author.address)}>` : ''}${l.changeId ? `   change-id: ${safe(l.changeId)}` : ''}`);
  for (const v of l.versions) out.push(`  ${safe(v.summary)}   (${v.date ? v.date.slice(0, 10) : 'undated'}; ${v.confirmedBy.join(', ')}; ${safe(v.shazam)})`);
  out.push('');
  out.push(`${pad('', 4)}${pad('patch', TITLE)} ${l.versions.map((v) => pad(`v${v.version}`, CELL)).join('')}`.trimEnd());
  for (const r of l.rows) {
    const last = [...r.cells].reverse().find((c) => c && c.counter !== null);
    const num = last?.counter ? String(last.counter).padStart(3) : '  -';
    const title = r.title || '(missing from the archive)';
    out.push(`${num} ${pad(clip(safe(title), TITLE), TITLE)} ${r.cells.map((c) => pad(cellText(c), CELL)).join('')}`.trimEnd() + (r.splitFrom !== null ? `   (split from row ${r.splitFrom + 1})` : ''));
  }
  out.push('');
  out.push('  + new  ≡ unchanged  * changed  < split  > squashed  - dropped  ? missing   R/A/T reviewed/acked/tested  ✓ applied');
  const newest = l.versions[l.versions.length - 1];
  if (newest) {
    if (l.needsReview.length) {
      out.push('');
      out.push(`Without Reviewed-by or Acked-by in v${newest.version}:`);
      for (const i of l.needsReview) {
        const c = l.rows[i]!.cells[l.versions.length - 1]!;
        out.push(`  ${c.counter ?? '?'}/${newest.total} ${safe(l.rows[i]!.title)}`);
      }
    } else if (newest.present) out.push('', `Every patch of v${newest.version} has a Reviewed-by or Acked-by.`);
  }
  if (l.applied) {
    const a = l.applied;
    out.push('', `Applied${a.scope === 'partial' ? ' (in part)' : ''}: v${a.version}${a.where ? ` to ${safe(a.where)}` : ''} by ${safe(a.by.name || a.by.address)}${a.date ? `, ${a.date.slice(0, 10)}` : ''} <${safe(a.message)}>`);
  }
  const stale = l.rows.flatMap((r) => {
    const c = [...r.cells].reverse().find((x) => x?.present);
    return c ? c.trailers.filter((t) => t.stale).map((t) => `  ${safe(r.title)}: ${safe(t.name)}: ${safe(t.value)} — given on v${t.givenOn}; patch changed since`) : [];
  });
  if (stale.length) out.push('', 'Not carried forward:', ...stale);
  if (l.uncertain.length) {
    out.push('', 'Uncertain (same author, similar title, nothing confirms it; not merged):');
    for (const u of l.uncertain) out.push(`  v${u.version} ${safe(u.subject)} (${u.date ? u.date.slice(0, 10) : 'undated'}) <${safe(u.key)}>`);
  }
  return out.join('\n') + '\n';
}
