/**
 * The series matrix's pure models (series/matrix-model.ts, series/series-state.ts, diff-lines.ts) on ledgers
 * built by the core from hand-written series (the ledger tests' fixtures) and from real
 * Patchew mail (quorum v1..v3): glyphs and words, marks, per-version diff summaries, the
 * review filter, copy text, interdiff sources, and the reducer's replay of worker events.
 */
import { describe, expect, it } from 'vitest';
import { analyseMbox } from '../../src/core/analyse.ts';
import type { Ledger } from '../../src/core/series/ledger.ts';
import { threadFacts } from '../../src/core/series/series-facts.ts';
import { threadSeries } from '../../src/core/series/thread-series.ts';
import { appliedNote, cellLabel, cellMarks, diffSummary, GLYPH, gridMove, interdiffSources, trailerNote, visibleRows } from '../../src/panel/series/matrix-model.ts';
import { cellFromNewAddress, marksText, postedByWords } from '../../src/core/series/ledger-words.ts';
import { patchCopy, trailerCopy } from '../../src/core/series/am-trailers.ts';
import { emptySeries, isSeriesEvent, reduceSeries } from '../../src/panel/series/series-state.ts';
import { lineClass, patchLineClass } from '../../src/panel/diff-lines.ts';
import { alice, bob, carol, facts, posting, reply } from '../fixtures/model/series-mail.ts';
import { strangerMail } from '../fixtures/model/stranger-mail.ts';
import { corpusDir, readCorpus } from '../helpers/corpus.ts';

const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'b'],
]);
const v2 = posting('v2', 2, 5, 'mm/frob: make frobnication faster', [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'c'],
  ['mm: document frob', 'Documentation/frob.rst', 'd'],
]);
const rb = (who: typeof bob): string => `Reviewed-by: ${who.name} <${who.address}>`;

async function sample(): Promise<Ledger> {
  const t1 = await facts([...v1, reply('r1', v1[1]!, bob, 2, rb(bob)), reply('r2', v1[2]!, bob, 2, rb(bob))]);
  const t2 = await facts([...v2, reply('r3', v2[3]!, carol, 6, `Tested-by: ${carol.name} <${carol.address}>`), reply('r4', v2[2]!, carol, 6, rb(carol))]);
  return threadSeries([t2, t1])[0]!;
}

describe('matrix model', () => {
  it('says each cell in glyphs and words, and sums each version against the one before', async () => {
    const l = await sample();
    expect(l.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(l.rows.map((r) => r.cells.map((c) => (c ? GLYPH[c.state] : ' ')).join(''))).toEqual(['+≡', '+∆', ' +']);
    expect(diffSummary(l, 0)).toBe('');
    expect(diffSummary(l, 1)).toBe('1 changed, 1 unchanged, 1 new');
    const carried = l.rows[0]!.cells[1]!;
    expect(marksText(carried.marks)).toBe('R');
    expect(cellLabel(carried, l.rows[0]!.title)).toBe('v2, patch 1, mm: add frob helper, unchanged, 1 Reviewed-by');
    const changed = l.rows[1]!.cells[1]!;
    // Bob reviewed v1's 2/2; v2 changed it: the cell says so, and marks it
    expect(cellLabel(changed, l.rows[1]!.title)).toContain('changed after review (Reviewed-by Bob Reviewer on v1)');
    expect(cellMarks(changed)).toBe('R !');
    expect(cellMarks(carried)).toBe('R');
    expect(changed.trailers.map(trailerNote)).toEqual(expect.arrayContaining(['given on v1; patch changed since', 'new']));
  });

  it('copies the trailers that hold, and only the new ones of a version, each group headed by its patch', async () => {
    const l = await sample();
    const sob = 'Signed-off-by: Alice Author <alice@example.org>';
    expect(patchCopy(l.rows[0]!.cells[1]!, 'new')).toBe(`${rb(bob)}\n`);
    expect(patchCopy(l.rows[0]!.cells[1]!, 'all')).toBe(`${sob}\n${rb(bob)}\n`);
    // Bob's review of v1 2/2 is stale on v2: never copied
    expect(patchCopy(l.rows[1]!.cells[1]!, 'new')).toBe(`${rb(carol)}\n`);
    expect(trailerCopy(l, 1, 'new')).toBe(['# 1/3 mm: add frob helper', rb(bob), '# 2/3 mm: use frob helper', rb(carol), '# 3/3 mm: document frob', `Tested-by: ${carol.name} <${carol.address}>`, ''].join('\n'));
    // new on every patch: once, not once per patch with no patch named
    expect(trailerCopy(l, 0, 'new')).toBe(['# every patch (2)', rb(bob), ''].join('\n'));
    expect(trailerCopy(l, 0, 'all')).toBe(['# 1/2 mm: add frob helper', sob, rb(bob), '# 2/2 mm: use frob helper', sob, rb(bob), ''].join('\n'));
  });

  it('filters to patches without review and offers every earlier version for an interdiff', async () => {
    const l = await sample();
    expect(visibleRows(l, false).map((o) => o.row)).toEqual([0, 1, 2]);
    expect(visibleRows(l, true).map((o) => o.row)).toEqual([2]);
    expect(interdiffSources(l, 1, 1)).toEqual([0]);
    expect(interdiffSources(l, 2, 1)).toEqual([]);
    expect(marksText({ reviewed: 2, acked: 1, tested: 0 })).toBe('R2 A');
  });

  it('moves the grid focus with the arrows, over empty cells, never out of the grid', () => {
    // 3 rows, 3 versions; row 1 has no v1 cell, row 2 only v3
    const cells = [
      [true, true, true],
      [false, true, true],
      [false, false, true],
    ];
    const has = (r: number, c: number): boolean => r >= 0 && r < 3 && c >= 0 && c <= 3 && (c === 0 || cells[r]![c - 1]!);
    const size = { rows: 3, cols: 3, page: 2 };
    expect(gridMove([0, 0], 'ArrowRight', size, has)).toEqual([0, 1]);
    expect(gridMove([0, 1], 'ArrowDown', size, has)).toEqual([0, 1]); // nothing below in v1
    expect(gridMove([0, 2], 'ArrowDown', size, has)).toEqual([1, 2]);
    expect(gridMove([1, 2], 'ArrowLeft', size, has)).toEqual([1, 0]); // over the empty v1 cell to the title
    expect(gridMove([2, 3], 'ArrowUp', size, has)).toEqual([1, 3]);
    expect(gridMove([0, 3], 'ArrowRight', size, has)).toEqual([0, 3]);
    expect(gridMove([0, 0], 'ArrowUp', size, has)).toEqual([0, 0]);
    expect(gridMove([1, 0], 'End', size, has)).toEqual([1, 3]);
    expect(gridMove([1, 3], 'Home', size, has)).toEqual([1, 0]);
    expect(gridMove([0, 1], 'End', size, has, true)).toEqual([2, 3]);
    expect(gridMove([2, 3], 'Home', size, has, true)).toEqual([0, 0]);
    expect(gridMove([0, 3], 'PageDown', size, has)).toEqual([2, 3]);
    expect(gridMove([2, 3], 'PageUp', size, has)).toEqual([0, 3]);
  });

  it.runIf(corpusDir)('real mail: Patchew quorum v1..v3 in one thread', async () => {
    const r = await analyseMbox(readCorpus('patchew/0009-obsolete-by.mbox'), { keepBodies: true });
    const f = threadFacts(r.analysis, r.heads, new Map([...r.bodies!].map(([k, b]) => [k, b.text])));
    const l = threadSeries([f])[0]!;
    expect(l.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(GLYPH[l.rows[0]!.cells[2]!.state]).toBe('≡');
    expect(diffSummary(l, 2)).toMatch(/\d+ unchanged/);
    expect(l.versions.every((v) => v.shazam.startsWith('b4 shazam '))).toBe(true);
  });
});

describe('what the ledger does not believe, in words (issue 16)', () => {
  it('a stranger\'s version, "says applied (unverified)", a trailer and a version from a new address', async () => {
    const m = strangerMail();
    const l = threadSeries(await Promise.all([facts(m.v9), facts(m.v8)]), { anchor: 'v9-0@example.org' })[0]!;
    expect(l.otherAuthors.map((o) => [o.version, o.author.name, o.tiedBy])).toEqual([[10, 'Mallory Poster', ['reply']]]);
    const cell = l.rows[2]!.cells[1]!;
    expect(cellFromNewAddress(cell)).toBe(true);
    expect(cellLabel(cell, l.rows[2]!.title)).toMatch(/, 1 Reviewed-by, a trailer from an address not seen before for its name, says applied \(unverified\)$/);
    expect(trailerNote(cell.trailers.find((t) => t.name === 'Reviewed-by')!)).toBe('new; sent from akpm.reviews@evil.example, an address not seen before for Andrew Morton (who wrote from akpm@linux-foundation.org)');
    expect(appliedNote(cell)).toBe('Says applied to mm-stable by Random Person <rando@random.example>, 2024-01-13 (unverified: not from a maintainer, a committer of this series or a b4 ty reply naming commits)');
    const trusted = threadSeries([await facts(m.v9)], { trustedAppliers: (p) => p.address === 'rando@random.example' })[0]!;
    expect(appliedNote(trusted.rows[0]!.cells[0]!)).toBe('Applied to mm-stable by Random Person <rando@random.example>, 2024-01-13 (a maintainer)');
    // v10 in Alice's very name from an address her history never used: a column, marked
    expect(l.versions.map((v) => postedByWords(l, v))).toEqual([null, null, 'posted from alice.author@evil.example, an address not seen before for Alice Author (who wrote from alice@example.org)']);
  });

  it("a takeover's version header", async () => {
    const taken = posting('v2t', 2, 9, 'mm: make frobnication faster', [['mm: add frob helper', 'mm/frob.c', 'a']], { author: bob, signers: [alice, bob], replyTo: v1[0]!.id });
    const l = threadSeries([await facts([...v1, ...taken])])[0]!;
    expect(l.versions.map((v) => postedByWords(l, v))).toEqual([null, 'posted by Bob Reviewer <bob@example.org>, taking over from Alice Author (carries that Signed-off-by)']);
  });
});

describe('series state', () => {
  it('replays ledger events, keeps the selection while it exists, drops a stale interdiff answer', async () => {
    const l = await sample();
    const ev = (ledger: Ledger | null, pending: number) => ({ type: 'ledger' as const, threadKey: 'k', series: ledger ? [{ ledger, changelogs: {} }] : [], pending, done: 1, total: 1 + pending, failures: [] });
    expect(isSeriesEvent(ev(l, 0))).toBe(true);
    expect(isSeriesEvent({ type: 'analysis' })).toBe(false);
    let s = reduceSeries(emptySeries, ev(l, 2));
    expect([s.pending, s.total]).toEqual([2, 3]);
    s = { ...s, selected: { series: 0, row: 1, col: 1 }, interdiff: { from: 'a', to: 'b', result: null, error: null } };
    s = reduceSeries(s, ev(l, 0));
    expect(s.selected).toEqual({ series: 0, row: 1, col: 1 });
    // a selection in a series the next ledger no longer holds is dropped
    expect(reduceSeries({ ...s, selected: { series: 1, row: 0, col: 0 } }, ev(l, 0)).selected).toBeNull();
    expect(s.interdiff?.from).toBe('a');
    const stale = reduceSeries(s, { type: 'interdiff', threadKey: 'k', from: 'x', to: 'b', result: null, error: 'no' });
    expect(stale).toBe(s);
    const answered = reduceSeries(s, { type: 'interdiff', threadKey: 'k', from: 'a', to: 'b', result: null, error: 'gone' });
    expect(answered.interdiff?.error).toBe('gone');
    // another thread's ledger starts afresh
    const other = reduceSeries(s, { ...ev(null, 0), threadKey: 'other' });
    expect([other.selected, other.interdiff, other.series]).toEqual([null, null, []]);
  });
});

describe('diff lines', () => {
  it('classes +/- lines, hunk and file headers', () => {
    expect(['+', '-', ' '].map(lineClass)).toEqual(['ll-diff-add', 'll-diff-del', 'll-diff-ctx']);
    expect(['+++ b/x', '--- a/x', 'diff --git a/x b/x', '@@ -1 +1 @@', '+new', '-old', ' ctx'].map(patchLineClass)).toEqual(['ll-diff-file', 'll-diff-file', 'll-diff-file', 'll-diff-hunk', 'll-diff-add', 'll-diff-del', 'll-diff-ctx']);
  });
});
