/**
 * A series' ledger in text, for `listlens series` and the overview of `listlens`: the matrix
 * (patches as rows in the newest version's order with its n/N, or in order of first
 * appearance: core/series/ledger-order.ts; versions as columns), then each version's status
 * line, the patches still lacking review, applied news, trailers given on an earlier version
 * of a patch that changed since, trailers the author dropped from an unchanged patch,
 * trailers naming a look-alike, what counts for nobody (on someone's behalf, a bot's
 * template) and bots' reports, and uncertain candidates.
 *
 * A cell is `<sign><marks>`: the sign of its state as the panel draws it (core/format.ts
 * `STATE_SIGN`: `+` new, `≡` unchanged, `∆` changed, `⊂` split, `⊃` squashed, `−` dropped,
 * `?` missing from the archive); marks `R`/`A`/`T` (with a count past one) for Reviewed-by /
 * Acked-by / Tested-by that hold, `@` when one of them came from an address not seen before
 * for its sender's name, `✓` when an "applied" reply from someone believed covers it; a
 * column `v10@` was posted in the author's name from an address not seen before for it. Below:
 * a version posted by another author (a takeover, marked; or one only tied by a link or a
 * reply, listed apart), "says applied (unverified)", and the trailers from a new address.
 *
 * Non-goals: colour, terminal width detection; the JSON form is the Ledger object itself.
 */
import type { Ledger, LedgerCell, LedgerVersion } from '../core/series/ledger.ts';
import { BELIEVED, UNBELIEVED, appliedWhat, cellFromNewAddress, fromNewAddress, marksText, person, postedByWords } from '../core/series/ledger-words.ts';
import type { AppliedSummary } from '../core/series/ledger-status.ts';
import { STATE_SIGN, stateLegend } from '../core/format.ts';
import { orderRows, type RowOrder } from '../core/series/ledger-order.ts';
import { droppedTrailers } from '../core/series/ledger-dropped.ts';
import { shown } from './render.ts';
import { findingLines } from './render-findings.ts';
/** What the signs and marks of a cell mean. */
export const LEGEND = `  ${stateLegend()}   R/A/T reviewed/acked/tested  @ from an address new for its name  ✓ applied`;
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
  const marks = c.present ? marksText(c.marks, '') : '';
  const fresh = marks && cellFromNewAddress(c) ? '@' : '';
  return `${STATE_SIGN[c.state]}${marks ? ` ${marks}${fresh}` : ''}${c.applied ? ' ✓' : ''}`;
}

const who = (p: { name: string; address: string }): string => person(p, shown);

/** A version not plainly the author's (core/series/ledger-words.ts), `@`-led when in the author's name from a new address; '' for the author's own. */
export function postedBy(v: LedgerVersion, l: Ledger): string {
  const words = postedByWords(l, v, shown);
  if (!words) return '';
  return v.newAddress && !v.takeover ? `@ ${words}` : words;
}

function appliedLine(a: AppliedSummary): string {
  return `v${a.version}${appliedWhat(a, shown)} <${shown(a.message)}>`;
}

/** `legend`: end with the signs' legend (once under several ledgers: the last one's). */
export function renderLedger(l: Ledger, legend = true, order: RowOrder = 'newest'): string {
  const out: string[] = [];
  out.push(`Series: ${shown(l.title) || '(no subject)'}`);
  out.push(`Author: ${shown(l.author.name)}${l.author.address ? ` <${shown(l.author.address)}>` : ''}${l.changeId ? `   change-id: ${shown(l.changeId)}` : ''}`);
  for (const v of l.versions) {
    const by = postedBy(v, l);
    out.push(`  ${shown(v.summary)}   (${v.date ? v.date.slice(0, 10) : 'undated'}; ${v.confirmedBy.join(', ')}; ${shown(v.shazam)}${by ? `; ${by}` : ''})`);
  }
  out.push('');
  const rows = orderRows(l, order);
  const labels = rows.map((o) => (o.counter !== null ? `${o.counter}/${o.total}` : '-'));
  const width = Math.max(3, ...labels.map((x) => x.length));
  out.push(`${pad('', width + 1)}${pad('patch', TITLE)} ${l.versions.map((v) => pad(`v${v.version}${v.newAddress ? '@' : ''}`, CELL)).join('')}`.trimEnd());
  rows.forEach((o, i) => {
    const r = l.rows[o.row]!;
    const title = r.title || (r.cells.some((c) => c?.present) ? '(no subject)' : '(missing from the archive)');
    const notes = [o.gone ? `${o.gone.how} after v${o.gone.last.version}` : '', r.splitFrom !== null ? `split from "${clip(shown(l.rows[r.splitFrom]?.title ?? ''), 40)}"` : ''].filter(Boolean);
    out.push(`${labels[i]!.padStart(width)} ${pad(clip(shown(title), TITLE), TITLE)} ${r.cells.map((c) => pad(cellText(c), CELL)).join('')}`.trimEnd() + (notes.length ? `   (${notes.join('; ')})` : ''));
  });
  if (legend) out.push('', LEGEND);
  const newest = l.versions[l.versions.length - 1];
  if (newest) {
    if (l.needsReview.length) {
      out.push('');
      out.push(`Without Reviewed-by or Acked-by in v${newest.version}:`);
      for (const i of l.needsReview) {
        const c = l.rows[i]!.cells[l.versions.length - 1]!;
        out.push(`  ${c.counter ?? '?'}/${newest.total} ${shown(l.rows[i]!.title) || '(no subject)'}`);
      }
    } else if (newest.present) out.push('', `Every patch of v${newest.version} has a Reviewed-by or Acked-by.`);
  }
  if (l.applied) {
    const a = l.applied;
    out.push('', `Applied${a.scope === 'partial' ? ' (in part)' : ''}: ${appliedLine(a)}${a.trust ? `, ${BELIEVED[a.trust]}` : ''}`);
  }
  if (l.saysApplied && (!l.applied || (l.applied.date ?? '') < (l.saysApplied.date ?? ''))) {
    const a = l.saysApplied;
    out.push('', `Says applied (unverified)${a.scope === 'partial' ? ' (in part)' : ''}: ${appliedLine(a)}`, `  ${UNBELIEVED}: no ✓`);
  }
  const fresh = l.rows.flatMap((r) => {
    const k = r.cells.reduce((n, c, i) => (c?.present ? i : n), -1);
    const c = r.cells[k];
    if (!c) return [];
    return c.trailers
      .filter(fromNewAddress)
      .map((t) => `  ${c.counter ?? '?'}/${l.versions[k]!.total} ${shown(r.title)}: ${shown(t.name)}: ${shown(t.value)} — sent from ${shown(t.sender?.address ?? '')}; ${shown(t.sender?.name ?? '')} wrote before from ${t.newAddress!.map(shown).join(', ')}`);
  });
  if (fresh.length) out.push('', 'From an address not seen before for this name (counted; check it):', ...fresh);
  const stale = l.rows.flatMap((r) => {
    const c = [...r.cells].reverse().find((x) => x?.present);
    return c ? c.trailers.filter((t) => t.stale).map((t) => `  ${shown(r.title)}: ${shown(t.name)}: ${shown(t.value)} — given on v${t.givenOn}; patch changed since`) : [];
  });
  if (stale.length) out.push('', 'Not carried forward:', ...stale);
  const dropped = l.versions.flatMap((v, col) => droppedTrailers(l, col).map((d) => `  v${v.version} ${d.counter ?? '?'}/${v.total} ${shown(d.title)}: ${shown(d.trailer.name)}: ${shown(d.trailer.value)} — given on v${d.trailer.givenOn}`));
  if (dropped.length) out.push('', 'Dropped by the author (the patch unchanged, the trailer gone from its message; still counted):', ...dropped);
  const lookalikes = new Set<string>();
  for (const r of l.rows) {
    for (const c of r.cells) {
      for (const t of c?.trailers ?? []) {
        if (t.lookalikeOf) lookalikes.add(`  WARNING: ${shown(t.name)}: ${shown(t.value)} names a look-alike of ${shown(t.lookalikeOf)}; not counted`);
      }
    }
  }
  if (lookalikes.size) out.push('', 'Trailers naming a look-alike of a participant:', ...lookalikes);
  // what counts for nobody, shown apart as the panel shows it: on someone's behalf, a bot's
  const evidence = new Set<string>();
  for (const r of l.rows) {
    for (const c of r.cells) {
      for (const e of c?.evidence ?? []) {
        const why = e.why === 'bot' ? `in a report of ${shown(e.bot ?? (e.sender?.name || e.sender?.address || 'a bot'))}, a bot: no trailer` : `given by ${shown(e.sender?.name || e.sender?.address || 'someone')} on behalf of ${shown(e.person?.name || e.person?.address || e.value)}`;
        evidence.add(`  v${c!.version} ${c!.counter ?? '?'}: ${shown(e.name)}: ${shown(e.value)} — ${why}`);
      }
    }
  }
  if (evidence.size) out.push('', 'Not counted:', ...evidence);
  out.push(...findingLines(l));
  const bots = l.versions.flatMap((v) => (v.bots ?? []).filter((b) => !b.findings?.length).map((b) => `  v${v.version} ${b.counter === null ? 'cover' : `${b.counter}/${v.total}`}: ${shown(b.bot)} (${b.kind})${b.date ? `, ${b.date.slice(0, 10)}` : ''} <${shown(b.message)}>`));
  if (bots.length) out.push('', 'Bot reports (never trailers):', ...bots);
  if (l.otherAuthors.length) {
    out.push('', 'Posted by another author (not merged):');
    for (const o of l.otherAuthors) out.push(`  v${o.version} ${shown(o.subject)} (${o.date ? o.date.slice(0, 10) : 'undated'}) <${shown(o.key)}>`, `    posted by ${who(o.author)}, not the series author; tied only by ${o.tiedBy.join(', ')}`);
  }
  if (l.claims.length) {
    out.push('', `Claims to continue another author's series (posted by ${who(l.author)}, not merged):`);
    for (const o of l.claims) out.push(`  v${o.version} ${shown(o.subject)} (${o.date ? o.date.slice(0, 10) : 'undated'}) <${shown(o.key)}>`, `    by ${who(o.author)}; tied only by ${o.tiedBy.join(', ')}`);
  }
  if (l.uncertain.length) {
    out.push('', 'Uncertain (same author, similar title, nothing confirms it; not merged):');
    for (const u of l.uncertain) out.push(`  v${u.version} ${shown(u.subject)} (${u.date ? u.date.slice(0, 10) : 'undated'}) <${shown(u.key)}>`);
  }
  return out.join('\n') + '\n';
}
