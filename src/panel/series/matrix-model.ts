/**
 * What the series matrix draws, as plain data: a cell's glyph, marks and words, each version's
 * summary against the one before ("3 changed, 5 unchanged, 1 new"), the rows in the newest
 * version's order (core/series/ledger-order.ts) left by the "only patches without review"
 * filter, and where the arrow keys go in the grid; what the ledger does not believe in words
 * (issue 16): a trailer or a version from an
 * address not seen before for its name, "says applied
 * (unverified)", a version posted by another author. "Changed after review" is the core's
 * (core/series/review-change.ts); the trailers the copy buttons put on the clipboard are
 * core/series/am-trailers.ts's; the words the CLI says too are core/series/ledger-words.ts's.
 *
 * Non-goals: the ledger itself (core/series/ledger.ts), drawing (VersionsSection.tsx and friends).
 */
import type { CellState, Ledger, LedgerCell, LedgerEntry } from '../../core/series/ledger.ts';
import type { LedgerApplied } from '../../core/series/ledger-status.ts';
import { appliedWords, cellFromNewAddress, fromNewAddress, marksText, newAddressWords } from '../../core/series/ledger-words.ts';
import { STATE_SIGN } from '../../core/format.ts';
import { orderRows, type OrderedRow } from '../../core/series/ledger-order.ts';
import { changedAfterReview, reviewChangeWords } from '../../core/series/review-change.ts';

/** A cell's sign: the one the CLI prints too (core/format.ts). */
export const GLYPH = STATE_SIGN;

const WORDS: Record<CellState, string> = {
  new: 'new',
  unchanged: 'unchanged',
  changed: 'changed',
  split: 'split from another patch',
  squashed: 'squashed into another patch',
  dropped: 'dropped',
  missing: 'missing from the archive',
};

/** The cell in words, for its label and tooltip. */
export function cellLabel(cell: LedgerCell, title: string): string {
  const parts = [`v${cell.version}`, cell.counter !== null ? `patch ${cell.counter}` : '', title, WORDS[cell.state]];
  if (!cell.present && cell.state !== 'missing' && cell.state !== 'dropped') parts.push('not in the archive');
  const m = cell.marks;
  if (m.reviewed) parts.push(`${m.reviewed} Reviewed-by`);
  if (m.acked) parts.push(`${m.acked} Acked-by`);
  if (m.tested) parts.push(`${m.tested} Tested-by`);
  const changed = changedAfterReview(cell);
  if (changed.length) parts.push(`changed after review (${reviewChangeWords(changed)})`);
  else if (cell.trailers.some((t) => t.stale)) parts.push('a trailer given before the patch changed');
  if (cell.evidence.length) parts.push(`${cell.evidence.length} not counted`);
  if (cellFromNewAddress(cell)) parts.push('a trailer from an address not seen before for its name');
  if (cell.applied) parts.push('applied');
  else if (cell.saysApplied) parts.push('says applied (unverified)');
  return parts.filter(Boolean).join(', ');
}

/** The cell's "applied" in words: believed (and why), or "says applied (unverified)"; null when none. */
export function appliedNote(cell: LedgerCell): string | null {
  const a: LedgerApplied | null = cell.applied ?? cell.saysApplied;
  return a ? appliedWords(a) : null;
}

export interface DiffCounts {
  unchanged: number;
  changed: number;
  new: number;
  dropped: number;
  split: number;
  squashed: number;
}

/** Column `col` against the column before it, from the ledger's pairing (the range-diff answer). */
export function columnCounts(ledger: Ledger, col: number): DiffCounts {
  const c: DiffCounts = { unchanged: 0, changed: 0, new: 0, dropped: 0, split: 0, squashed: 0 };
  for (const r of ledger.rows) {
    const cell = r.cells[col];
    if (!cell) continue;
    if (cell.state === 'missing') continue;
    c[cell.state]++;
  }
  return c;
}

/** "3 changed, 5 unchanged, 1 new"; empty for the first version. */
export function diffSummary(ledger: Ledger, col: number): string {
  if (col === 0) return '';
  const c = columnCounts(ledger, col);
  const parts: string[] = [];
  for (const k of ['changed', 'unchanged', 'new', 'dropped', 'split', 'squashed'] as const) if (c[k]) parts.push(`${c[k]} ${k}`);
  return parts.join(', ');
}

/** Rows shown, in the newest version's order: all, or those whose newest patch lacks a Reviewed-by / Acked-by. */
export function visibleRows(ledger: Ledger, onlyUnreviewed: boolean): OrderedRow[] {
  const order = orderRows(ledger, 'newest');
  if (!onlyUnreviewed) return order;
  const want = new Set(ledger.needsReview);
  return order.filter((o) => want.has(o.row));
}

/** A row's place: `3/30` in the newest version; for a row it no longer has, `v4`, the last version that had it. */
export function rowPlace(o: OrderedRow): string {
  if (o.gone) return `v${o.gone.last.version}`;
  return o.counter === null ? '' : `${o.counter}/${o.total ?? '?'}`;
}

/** Where a row the newest version no longer has went: "dropped in v6; last in v4 as 3/31". */
export function goneWords(o: OrderedRow, newest: number): string {
  if (!o.gone) return '';
  const { how, last } = o.gone;
  return `${how === 'squashed' ? 'squashed into another patch' : 'not'} in v${newest}; last in v${last.version}${last.counter !== null ? ` as ${last.counter}/${last.total}` : ''}`;
}

/** The small line under a cell's sign: R/A/T, ✓ applied, ! changed after review, @ a trailer from an address not seen before for its name. */
export function cellMarks(cell: LedgerCell): string {
  return [marksText(cell.marks), cell.applied ? '✓' : '', changedAfterReview(cell).length ? '!' : '', cellFromNewAddress(cell) ? '@' : ''].filter(Boolean).join(' ');
}

export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

/**
 * Where a key moves the grid's focus. Positions are [row, column] in what is drawn: column 0
 * is the row's title, column c ≥ 1 version c-1; `has(r, c)` says whether a cell is there (a
 * patch absent from a version draws an empty cell, which the arrows step over). Home/End go to
 * the row's ends, with `ctrl` to the grid's; PageUp/PageDown move `page` rows. Stays put at an
 * edge; never returns an empty cell.
 */
export function gridMove(at: [number, number], key: GridKey, size: { rows: number; cols: number; page?: number }, has: (r: number, c: number) => boolean, ctrl = false): [number, number] {
  const [r, c] = at;
  const find = (r0: number, c0: number, dr: number, dc: number): [number, number] => {
    for (let y = r0, x = c0; y >= 0 && y < size.rows && x >= 0 && x <= size.cols; y += dr, x += dc) if (has(y, x)) return [y, x];
    return at;
  };
  const page = size.page ?? 10;
  switch (key) {
    case 'ArrowLeft':
      return find(r, c - 1, 0, -1);
    case 'ArrowRight':
      return find(r, c + 1, 0, 1);
    case 'ArrowUp':
      return find(r - 1, c, -1, 0);
    case 'ArrowDown':
      return find(r + 1, c, 1, 0);
    case 'Home':
      return ctrl ? find(0, 0, 1, 0) : find(r, 0, 0, 1);
    case 'End':
      return ctrl ? find(size.rows - 1, size.cols, -1, 0) : find(r, size.cols, 0, -1);
    case 'PageUp':
      return find(Math.max(0, r - page), c, 1, 0);
    case 'PageDown':
      return find(Math.min(size.rows - 1, r + page), c, -1, 0);
  }
}

/** The earlier columns that have this row's patch: what an interdiff can start from. */
export function interdiffSources(ledger: Ledger, row: number, col: number): number[] {
  const out: number[] = [];
  const cells = ledger.rows[row]?.cells ?? [];
  for (let c = col - 1; c >= 0; c--) if (cells[c]?.present && cells[c]?.id) out.push(c);
  return out;
}

/** Trailers in words for the detail strip: "given on v2; patch changed since" for stale ones. */
export function trailerNote(t: LedgerEntry): string {
  if (t.lookalikeOf) return `names a look-alike of ${t.lookalikeOf}; not counted`;
  const fresh = fromNewAddress(t) ? newAddressWords(t) : null;
  if (fresh) return `${baseNote(t)}; ${fresh}`;
  return baseNote(t);
}

function baseNote(t: LedgerEntry): string {
  if (t.stale) return `given on v${t.givenOn}; patch changed since`;
  if (t.carried) return `given on v${t.givenOn}`;
  if (t.origin === 'cover') return 'on the cover letter';
  if (t.origin === 'followup') return 'new';
  return 'in the patch';
}
