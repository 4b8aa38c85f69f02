import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QuoteBlock, ThreadMessage } from '../../../src/core/types.ts';
import { attributionDate, foldOf, quoteFoldRuns, quoteLabel, type FoldPiece } from '../../../src/core/thread/quote-fold.ts';
import { splitQuotes } from '../../../src/core/mail/quotes.ts';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { corpusDir, readCorpus, seedDir } from '../../helpers/corpus.ts';

type Quote = Extract<QuoteBlock, { kind: 'quote' }>;
const quote = (over: Partial<Quote>): Quote => ({ kind: 'quote', depth: 1, lines: ['> a', '> b'], attribution: null, author: null, quotedId: null, ...over });
const none = new Map<string, Pick<ThreadMessage, 'from' | 'date'>>();
const lines = (n: number): string[] => Array.from({ length: n }, (_, i) => `> line ${i}`);

describe('quote folding', () => {
  it('labels a quote with its size, author and the date of the quoted message', () => {
    const byId = new Map([['q@x', { from: { name: 'Jerome Glisse', address: 'jglisse@redhat.com' }, date: '2018-07-20T19:57:47Z' }]]);
    const f = foldOf(quote({ lines: lines(14), author: 'Jerome Glisse', quotedId: 'q@x' }), byId, '2018-07-21T00:10:00Z');
    expect(f).toEqual({ foldable: true, folded: true, label: '14 quoted lines — Jerome Glisse, Jul 20', source: 'Jerome Glisse, Jul 20' });
  });

  it('names the quoted message’s sender when the attribution names nobody, and adds the year across years', () => {
    const byId = new Map([['q@x', { from: { name: 'Andrew Morton', address: 'akpm@linux-foundation.org' }, date: '2017-12-31T23:00:00Z' }]]);
    expect(foldOf(quote({ lines: lines(1), quotedId: 'q@x' }), byId, '2018-01-02T00:00:00Z').label).toBe('1 quoted line — Andrew Morton, Dec 31, 2017');
  });

  it('falls back to the attribution line for the date, and to nothing at all', () => {
    const a = 'On Fri, Jul 20, 2018 at 12:51:46PM -0700, Andrew Morton wrote:';
    expect(foldOf(quote({ attribution: a, author: 'Andrew Morton' }), none, null).label).toBe('2 quoted lines — Andrew Morton, Jul 20');
    expect(foldOf(quote({}), none, null).label).toBe('2 quoted lines');
  });

  it('starts folded when deep (depth ≥ 2) or long (> 10 lines); a short first-level quote stays open', () => {
    expect(foldOf(quote({ depth: 1, lines: lines(10) }), none, null).folded).toBe(false);
    expect(foldOf(quote({ depth: 1, lines: lines(11) }), none, null).folded).toBe(true);
    expect(foldOf(quote({ depth: 2, lines: lines(1) }), none, null).folded).toBe(true);
    expect(foldOf(quote({ depth: 1, lines: ['>', '> '] }), none, null).folded).toBe(true);
  });

  it("an ancestor's long own text shows its start and folds the rest; the message read never folds", () => {
    const long = { kind: 'text' as const, lines: lines(40) };
    expect(foldOf(long, none, null, true)).toEqual({ foldable: true, folded: true, label: '32 more lines', head: 8 });
    expect(foldOf(long, none, null, false)).toEqual({ foldable: false, folded: false, label: '' });
    expect(foldOf({ kind: 'text', lines: lines(15) }, none, null, true).foldable).toBe(false);
  });

  it('own text never folds; diffs, signatures and footers always start folded', () => {
    expect(foldOf({ kind: 'text', lines: ['hello'] }, none, null)).toEqual({ foldable: false, folded: false, label: '' });
    const diff = ['diff --git a/mm/x.c b/mm/x.c', '--- a/mm/x.c', '+++ b/mm/x.c', '@@ -1 +1 @@', '-a', '+b', 'diff --git a/mm/y.c b/mm/y.c'];
    expect(foldOf({ kind: 'diff', lines: diff }, none, null)).toEqual({ foldable: true, folded: true, label: 'diff: 7 lines in 2 files' });
    expect(foldOf({ kind: 'signature', lines: ['-- ', 'Dan'] }, none, null)).toMatchObject({ folded: true, label: 'signature (2 lines)' });
    expect(foldOf({ kind: 'footer', lines: ['_______', 'list info'] }, none, null)).toMatchObject({ folded: true, label: 'list footer (2 lines)' });
  });
});

describe('attributionDate', () => {
  it('reads the dates of the seed message’s real attribution lines', () => {
    if (!seedDir) return expect.fail('the seed message is missing from ../shared/seed');
    const text = readFileSync(join(seedDir, 'linux-mm-2018-07-21-dan-williams.eml'), 'utf8');
    const attributions = text.split('\n').filter((l) => /wrote:\s*$/.test(l));
    expect(attributions.length).toBeGreaterThanOrEqual(4);
    for (const a of attributions) expect(attributionDate(a.replace(/^[>\s]+/, ''))).toBe('Jul 20');
  });

  it('reads other common shapes, and gives up quietly', () => {
    expect(attributionDate('On 2020-03-04 10:00, Bob wrote:')).toBe('Mar 4');
    expect(attributionDate('Le 5 mars 2020, Bob a écrit :')).toBe('');
    expect(attributionDate('On 5 Mar 2020 at 10:00, Bob wrote:')).toBe('Mar 5');
    expect(attributionDate('Bob wrote:')).toBe('');
    expect(attributionDate(null)).toBe('');
  });
});

describe('consecutive quote folds', () => {
  const q = (lines: number, source = '', folded = true): FoldPiece => ({ quote: true, folded, lines, source });
  const text: FoldPiece = { quote: false, folded: false, lines: 3, source: '' };

  it('merges folded quotes that follow one another into one toggle, counting their lines and naming their sources', () => {
    const runs = quoteFoldRuns([q(1, 'Ann, Jul 1'), q(1, 'Bob, Jul 2'), q(2, 'Ann, Jul 1'), text, q(4, 'Cy'), q(1)]);
    expect(runs).toEqual([
      { from: 0, to: 2, label: '4 quoted lines — Ann, Jul 1; Bob, Jul 2' },
      { from: 3, to: 3, label: null },
      { from: 4, to: 5, label: '5 quoted lines — Cy' },
    ]);
  });

  it('an open quote, own text or a gap the reader sees ends a run; a lone fold keeps its own words', () => {
    expect(quoteFoldRuns([q(1), q(3, '', false), q(1)]).map((r) => [r.from, r.to])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(quoteFoldRuns([q(1), q(1), q(1)], (i) => i !== 2).map((r) => [r.from, r.to])).toEqual([
      [0, 1],
      [2, 2],
    ]);
    expect(quoteFoldRuns([q(2, 'Ann')])).toEqual([{ from: 0, to: 0, label: null }]);
  });

  it('names at most two sources, then an ellipsis', () => {
    expect(quoteLabel(9, ['A', 'B', 'C', 'D', 'A', ''])).toBe('9 quoted lines — A; B …');
    expect(quoteLabel(1, [])).toBe('1 quoted line');
  });

  it('stays linear: 100,000 one-line folds are one run', () => {
    const many = Array.from({ length: 100_000 }, () => q(1, 'Ann'));
    expect(quoteFoldRuns(many)).toEqual([{ from: 0, to: 99_999, label: '100000 quoted lines — Ann' }]);
  });

  it.runIf(corpusDir)('real mail: a reply whose eight quote blocks in a row all start folded gets one toggle', async () => {
    const r = await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'), { keepBodies: true });
    const body = r.bodies!.get('871vbscpce.fsf@linux.vnet.ibm.com')!.text;
    const blocks = splitQuotes(body);
    const folds = blocks.map((b) => foldOf(b, none, null));
    const pieces = blocks.map((b, i) => ({ quote: b.kind === 'quote', folded: folds[i]!.foldable && folds[i]!.folded, lines: b.lines.length, source: folds[i]!.source ?? '' }));
    // before: one folded toggle per block, eight in a row
    let row = 0;
    let most = 0;
    for (const p of pieces) most = Math.max(most, (row = p.quote && p.folded ? row + 1 : 0));
    expect(most).toBe(8);
    const runs = quoteFoldRuns(pieces);
    const merged = runs.filter((x) => x.label !== null);
    expect(merged.map((x) => x.to - x.from + 1)).toContain(8);
    expect(merged.find((x) => x.to - x.from + 1 === 8)!.label).toMatch(/^\d+ quoted lines/);
    // nothing lost: the runs cover every block once, in order
    expect(runs.flatMap((x) => Array.from({ length: x.to - x.from + 1 }, (_, i) => x.from + i))).toEqual(blocks.map((_, i) => i));
  });
});
