/**
 * How the context view folds a message body: which blocks start folded, and what their
 * toggles say ("14 quoted lines — Jerome Glisse, Jul 20"). Readers of a reply want its own
 * words first; quotes they already read, diffs, signatures and list footers wait behind a toggle.
 * Folded quotes that follow one another with nothing shown between them are one toggle
 * (`quoteFoldRuns`): a reply to a reply of a reply would otherwise open with a stack of
 * "▸ 1 quoted line" toggles, one per change of quoting depth. The panel and the archive page's
 * annotation (src/content/annotate) both merge by this rule.
 *
 * Non-goals: splitting bodies into blocks (src/core's quote splitter does that) and rendering.
 */
import type { QuoteBlock, ThreadMessage } from '../types.ts';
import { plural, shortDate } from '../format.ts';

/** Quotes nested this deep are a conversation the reader has seen further up: fold them. */
export const DEEP_QUOTE = 2;
/** Longer quotes than this hide the reply between them: fold them. */
export const LONG_BLOCK = 10;
/**
 * An ancestor is context for the message read, not the message itself: of its own text
 * longer than this, the first `ANCESTOR_HEAD` lines show (a cover letter's shortlog and
 * diffstat would otherwise push the message read far down the panel).
 */
export const ANCESTOR_TEXT = 15;
export const ANCESTOR_HEAD = 8;

export interface Fold {
  /** Has a toggle at all (own text has none). */
  foldable: boolean;
  /** Starts folded. */
  folded: boolean;
  /** The toggle's words, without the ▸/▾ marker. */
  label: string;
  /** Lines shown above the toggle, folded or not (the start of an ancestor's long text). */
  head?: number;
  /** A quote's source ("Jerome Glisse, Jul 20"), for a merged toggle's words. */
  source?: string;
}

/** "14 quoted lines — Jerome Glisse, Jul 20"; several sources: the first two, then "…" for the rest. */
export function quoteLabel(lines: number, sources: readonly string[]): string {
  const uniq = [...new Set(sources.filter(Boolean))];
  const named = uniq.slice(0, 2).join('; ') + (uniq.length > 2 ? ' …' : '');
  return `${plural(lines, 'quoted line')}${named ? ` — ${named}` : ''}`;
}

/** One toggle's worth of a body's pieces (blocks in the panel, quote runs on the page). */
export interface FoldPiece {
  quote: boolean;
  /** Has a toggle and starts folded. */
  folded: boolean;
  lines: number;
  source: string;
}

/** Pieces `from`..`to` (inclusive) under one toggle; `label` set when more than one was merged. */
export interface FoldRun {
  from: number;
  to: number;
  label: string | null;
}

/**
 * Consecutive folded quotes as one toggle. `adjacent(i)`: nothing the reader sees stands
 * between piece i-1 and piece i (the panel's blocks always; on the page, only blank lines).
 * An open quote, own text, a diff or a signature ends a run. Linear in the pieces.
 */
export function quoteFoldRuns(pieces: readonly FoldPiece[], adjacent: (i: number) => boolean = () => true): FoldRun[] {
  const out: FoldRun[] = [];
  const joinable = (p: FoldPiece | undefined): boolean => !!p && p.quote && p.folded;
  for (let i = 0; i < pieces.length; i++) {
    const prev = out[out.length - 1];
    if (prev && prev.to === i - 1 && joinable(pieces[i]) && joinable(pieces[i - 1]) && adjacent(i)) prev.to = i;
    else out.push({ from: i, to: i, label: null });
  }
  for (const r of out) {
    if (r.to === r.from) continue;
    let lines = 0;
    const sources: string[] = [];
    for (let i = r.from; i <= r.to; i++) {
      lines += pieces[i]!.lines;
      sources.push(pieces[i]!.source);
    }
    r.label = quoteLabel(lines, sources);
  }
  return out;
}

const MONTH_RE = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b/;
const ISO_RE = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jul 20" read from an attribution line ("On Mon, Jul 20, 2020 at 10:01, X wrote:"), or ''. */
export function attributionDate(attribution: string | null): string {
  if (!attribution) return '';
  const iso = ISO_RE.exec(attribution);
  if (iso) {
    const m = Number(iso[2]);
    if (m >= 1 && m <= 12) return `${MONTHS[m - 1]} ${Number(iso[3])}`;
  }
  const m = MONTH_RE.exec(attribution);
  if (!m) return '';
  return m[1] ? `${m[1]} ${Number(m[2])}` : `${m[4]} ${Number(m[3])}`;
}

/** Who a quote quotes and when: the matched message first, then the attribution line. */
export function quoteSource(
  block: Extract<QuoteBlock, { kind: 'quote' }>,
  byId: ReadonlyMap<string, Pick<ThreadMessage, 'from' | 'date'>>,
  refDate: string | null,
): { who: string; when: string } {
  const quoted = block.quotedId ? byId.get(block.quotedId) : undefined;
  const who = block.author?.trim() || quoted?.from?.name || quoted?.from?.address || '';
  const when = (quoted?.date ? shortDate(quoted.date, refDate) : '') || attributionDate(block.attribution);
  return { who, when };
}

/** Lines of text that carry something (a quote of blank lines is not worth a toggle). */
function hasContent(lines: string[]): boolean {
  return lines.some((l) => l.trim() !== '' && l.replace(/^[>\s]+/, '') !== '');
}

function diffFiles(lines: string[]): number {
  let n = 0;
  for (const l of lines) if (l.startsWith('diff --git ') || l.startsWith('+++ ')) n++;
  // `diff --git` and `+++` both appear once per file in git diffs; plain diffs have only `+++`.
  const git = lines.filter((l) => l.startsWith('diff --git ')).length;
  return git || n;
}

/** `ancestor`: the block belongs to an ancestor of the message read, not to it. */
export function foldOf(block: QuoteBlock, byId: ReadonlyMap<string, Pick<ThreadMessage, 'from' | 'date'>>, refDate: string | null, ancestor = false): Fold {
  const n = block.lines.length;
  switch (block.kind) {
    case 'text':
      if (ancestor && n > ANCESTOR_TEXT) return { foldable: true, folded: true, label: plural(n - ANCESTOR_HEAD, 'more line'), head: ANCESTOR_HEAD };
      return { foldable: false, folded: false, label: '' };
    case 'quote': {
      const { who, when } = quoteSource(block, byId, refDate);
      const source = [who, when].filter(Boolean).join(', ');
      const folded = block.depth >= DEEP_QUOTE || n > LONG_BLOCK || !hasContent(block.lines);
      return { foldable: true, folded, label: quoteLabel(n, [source]), source };
    }
    case 'diff': {
      const files = diffFiles(block.lines);
      return { foldable: true, folded: true, label: `diff: ${plural(n, 'line')}${files ? ` in ${plural(files, 'file')}` : ''}` };
    }
    case 'signature':
      return { foldable: true, folded: true, label: `signature (${plural(n, 'line')})` };
    case 'footer':
      return { foldable: true, folded: true, label: `list footer (${plural(n, 'line')})` };
  }
}
