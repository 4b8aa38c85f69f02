/**
 * The series matrix at 360 px, checked the same way in Chromium and Firefox (rig/drive.ts) on
 * a generated 6-version, 30-patch series (bench/series-mail.ts `seriesMbox`, long titles and
 * long diff lines): what the panel shows is compared with what the mail says, read here from
 * the mbox itself (`seriesOracle`), never from the product's code.
 *
 * - rows in v6's order with its n/N, the patches v6 no longer has after them, marked with the
 *   version that last had them;
 * - one line per title, ellipsised, the whole title in the tooltip and shown on focus;
 * - the header row and the title column stay in view while the matrix box scrolls; the page
 *   never scrolls sideways;
 * - "changed after review" exactly on v6's patches whose review or ack was given on an
 *   earlier version whose code differs (the giver's latest giving);
 * - keyboard: arrows move the one tab stop, Enter opens the cell;
 * - the interdiff of a changed patch: coloured lines that do not wrap, scrolling in their own
 *   block, tints as wide as the block's content;
 * - screenshots of each state, axe-core in light and dark.
 *
 * Non-goals: starting browsers and rigs (the suites), the wide view's opening (browser-specific).
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { seriesMbox } from '../../../bench/series-mail.ts';
import { axeSerious, until, type Drive } from './drive.ts';

export const MATRIX_SERIES = {
  list: 'bench',
  address: 'bench@example.org',
  versions: 6,
  patches: 30,
  cover: (v: number): string => `cover-v${v}@bench.example`,
  title: (p: number): string => `frob/core: step ${p} of the rework, moving the frobnicator's state machine out of the interrupt handler`,
};

export function matrixSeriesMbox(): string {
  return seriesMbox(MATRIX_SERIES.versions, MATRIX_SERIES.patches, { title: MATRIX_SERIES.title, longLines: true });
}

export interface Oracle {
  /** Per version, its patches in order: identity `p`, title, code revision. */
  versions: Map<number, Array<{ p: number; title: string; rev: number }>>;
  reviews: Array<{ p: number; v: number; who: string; name: string }>;
}

/** What the generated mail says, read from the mbox text. */
export function seriesOracle(mbox: string): Oracle {
  const versions = new Map<number, Array<{ p: number; n: number; title: string; rev: number }>>();
  const reviews: Oracle['reviews'] = [];
  for (const m of mbox.split(/^From bench@z .*\n/m)) {
    const id = /^Message-ID: <([a-z]+)(\d+)-v(\d+)@bench\.example>/m.exec(m);
    if (!id) continue;
    const [, kind, p, v] = id;
    if (kind === 'p') {
      const s = /^Subject: \[PATCH v\d+ (\d+)\/\d+\] (.*)$/m.exec(m)!;
      const list = versions.get(Number(v)) ?? [];
      list.push({ p: Number(p), n: Number(s[1]), title: s[2]!, rev: Number(/ rev (\d+)/.exec(m)![1]) });
      versions.set(Number(v), list);
    } else if (kind === 'r') {
      const t = /^(Reviewed-by|Acked-by): (.*)$/m.exec(m)!;
      reviews.push({ p: Number(p), v: Number(v), name: t[1]!, who: t[2]! });
    }
  }
  for (const list of versions.values()) list.sort((a, b) => a.n - b.n);
  return { versions: new Map([...versions].map(([v, l]) => [v, l.map(({ p, title, rev }) => ({ p, title, rev }))])), reviews };
}

/** v6's rows as the panel must show them: its patches in order, then those it lost, the most recently seen first. */
export function expectedRows(o: Oracle): Array<{ title: string; n: string; gone: boolean }> {
  const last = Math.max(...o.versions.keys());
  const now = o.versions.get(last)!;
  const out = now.map((x, i) => ({ title: x.title, n: `${i + 1}/${now.length}`, gone: false }));
  const seen = new Set(now.map((x) => x.p));
  for (let v = last - 1; v >= 1; v--) {
    const list = o.versions.get(v)!;
    list.forEach((x) => {
      if (seen.has(x.p)) return;
      seen.add(x.p);
      out.push({ title: x.title, n: `v${v}`, gone: true });
    });
  }
  return out;
}

/** v6's counters whose patch changed after a review or ack its giver gave last on an earlier version. */
export function expectedChanged(o: Oracle): number[] {
  const last = Math.max(...o.versions.keys());
  const revOf = (p: number, v: number): number | undefined => o.versions.get(v)?.find((x) => x.p === p)?.rev;
  const out: number[] = [];
  o.versions.get(last)!.forEach((x, i) => {
    const latest = new Map<string, number>();
    for (const r of o.reviews) if (r.p === x.p && r.v <= last) latest.set(`${r.name} ${r.who}`, Math.max(latest.get(`${r.name} ${r.who}`) ?? 0, r.v));
    if ([...latest.values()].some((v) => v < last && revOf(x.p, v) !== x.rev)) out.push(i + 1);
  });
  return out;
}

interface RowSeen {
  n: string;
  title: string;
  tip: string;
  gone: boolean;
  height: number;
  clipped: boolean;
  nowrap: boolean;
}

const readRows = (): RowSeen[] =>
  [...document.querySelectorAll<HTMLTableRowElement>('#ll-b-ledger table.ll-matrix tbody tr')].map((tr) => {
    const th = tr.querySelector<HTMLElement>('th')!;
    return {
      n: th.querySelector('.ll-matrix-n')?.textContent ?? '',
      title: th.querySelector('.ll-matrix-name')?.textContent ?? '',
      tip: th.title,
      gone: tr.classList.contains('ll-matrix-gone'),
      height: th.getBoundingClientRect().height,
      clipped: th.scrollWidth > th.clientWidth,
      nowrap: getComputedStyle(th).whiteSpace === 'nowrap',
    };
  });

/** Waits until the Versions section holds every version and fetches nothing more. */
export async function settled(d: Drive, versions: number, timeout = 60_000): Promise<void> {
  await until(
    d,
    (n: number) => {
      const l = document.getElementById('ll-b-ledger');
      return !!l && !/Fetching other versions|Looking for other versions/.test(l.innerText) && l.querySelectorAll('.ll-vsum').length === n && l.querySelectorAll('table.ll-matrix thead th').length === n + 1;
    },
    versions,
    (v) => v === true,
    `the Versions section with ${versions} versions, settled`,
    timeout,
  );
}

/** Rows, n/N, one line per title, the tooltip: as the mail says. Returns the matrix box's full height. */
export async function checkRows(d: Drive, o: Oracle): Promise<number> {
  const rows = await d.evaluate(readRows, null);
  const want = expectedRows(o);
  expect(rows.map((r) => [r.n, r.title, r.gone])).toEqual(want.map((w) => [w.n, w.title, w.gone]));
  // the gone rows' tooltips say where they were last
  for (const r of rows.filter((x) => x.gone)) expect(r.tip).toMatch(new RegExp(`not in v${MATRIX_SERIES.versions}; last in ${r.n} as \\d+/\\d+\\)$`));
  for (const r of rows.filter((x) => !x.gone)) expect(r.tip).toBe(r.title);
  // one line each (a row is a title line plus the cells' small marks line at most), the long ones ellipsised
  expect(rows.every((r) => r.nowrap && r.height < 44)).toBe(true);
  expect(rows.filter((r) => r.clipped).length).toBeGreaterThan(rows.length / 2);
  const size = await d.evaluate(() => {
    const t = document.querySelector('#ll-b-ledger table.ll-matrix')!;
    return { table: t.getBoundingClientRect().height, pageWide: document.documentElement.scrollWidth <= window.innerWidth };
  }, null);
  expect(size.pageWide).toBe(true);
  return Math.round(size.table);
}

/** The header row and the title column stay while the box scrolls down and sideways. */
export async function checkSticky(d: Drive): Promise<{ down: number; sideways: boolean }> {
  const r = await d.evaluate(async () => {
    const box = document.querySelector<HTMLElement>('#ll-b-ledger .ll-matrix-box')!;
    box.scrollIntoView({ block: 'start' });
    box.scrollTop = 400;
    box.scrollLeft = 10_000;
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    const b = box.getBoundingClientRect();
    const head = box.querySelector('thead th:nth-child(2)')!.getBoundingClientRect();
    const firstRow = box.querySelector('tbody tr')!.getBoundingClientRect();
    const title = box.querySelector('tbody tr:nth-child(12) th')!.getBoundingClientRect();
    return { scrolled: box.scrollTop, headTop: head.top - b.top, firstRowTop: firstRow.top - b.top, sideways: box.scrollWidth > box.clientWidth, titleLeft: title.left - b.left, scrollLeft: box.scrollLeft, pageWide: document.documentElement.scrollWidth <= window.innerWidth };
  }, null);
  expect(r.scrolled).toBeGreaterThan(300);
  expect(Math.abs(r.headTop)).toBeLessThan(2);
  expect(r.firstRowTop).toBeLessThan(-200);
  if (r.sideways) {
    expect(r.scrollLeft).toBeGreaterThan(0);
    expect(Math.abs(r.titleLeft)).toBeLessThan(2);
  }
  expect(r.pageWide).toBe(true);
  return { down: r.scrolled, sideways: r.sideways };
}

/** "Changed after review" on exactly the cells the mail says, in v6's column. */
export async function checkChangedAfterReview(d: Drive, o: Oracle): Promise<number[]> {
  const got = await d.evaluate((col: number) => {
    const out: number[] = [];
    for (const b of document.querySelectorAll<HTMLButtonElement>(`#ll-b-ledger table.ll-matrix tbody button[data-at$=":${col}"]`)) {
      const marks = b.querySelector('.ll-cell-marks')?.textContent ?? '';
      const label = b.getAttribute('title') ?? '';
      if (marks.split(' ').includes('!') !== /changed after review \(/.test(label)) return [-1];
      if (marks.split(' ').includes('!')) out.push(Number(/^v\d+, patch (\d+),/.exec(label)![1]));
    }
    return out.sort((a, b) => a - b);
  }, MATRIX_SERIES.versions);
  const want = expectedChanged(o);
  expect(want.length).toBeGreaterThan(0);
  expect(got).toEqual(want);
  return got;
}

/** Arrows move the one tab stop; the title shows whole on focus; Enter opens the cell's detail. */
export async function checkKeyboard(d: Drive, shots: string): Promise<void> {
  const active = (): string | null => (document.activeElement as HTMLElement | null)?.dataset?.at ?? null;
  const stops = await d.evaluate(() => [...document.querySelectorAll('#ll-b-ledger table.ll-matrix [tabindex="0"]')].length, null);
  expect(stops).toBe(1);
  await d.evaluate(() => {
    const box = document.querySelector<HTMLElement>('#ll-b-ledger .ll-matrix-box')!;
    box.scrollTop = 0;
    box.scrollLeft = 0;
    document.querySelector<HTMLElement>('#ll-b-ledger table.ll-matrix [tabindex="0"]')!.focus();
  }, null);
  expect(await d.evaluate(active, null)).toBe('0:0');
  const before = await d.evaluate(() => document.activeElement!.getBoundingClientRect().height, null);
  // the focused title shows all of itself
  const whole = await d.evaluate(() => {
    const th = document.activeElement as HTMLElement;
    return th.scrollWidth <= th.clientWidth && getComputedStyle(th).whiteSpace !== 'nowrap';
  }, null);
  expect(whole).toBe(true);
  expect(before).toBeGreaterThan(20);
  await d.screenshot(join(shots, 'matrix-title-focus.png'));
  await d.press('ArrowRight');
  expect(await d.evaluate(active, null)).toBe('0:1');
  await d.press('ArrowDown');
  await d.press('ArrowDown');
  expect(await d.evaluate(active, null)).toMatch(/^2:\d$/);
  await d.press('End');
  expect(await d.evaluate(active, null)).toBe(`2:${MATRIX_SERIES.versions}`);
  await d.press('ArrowUp');
  expect(await d.evaluate(active, null)).toBe(`1:${MATRIX_SERIES.versions}`);
  // one tab stop still, where the focus is
  expect(await d.evaluate(() => [...document.querySelectorAll('#ll-b-ledger table.ll-matrix [tabindex="0"]')].map((e) => (e as HTMLElement).dataset.at), null)).toEqual([`1:${MATRIX_SERIES.versions}`]);
  await d.press('Enter');
  await until(d, () => document.querySelector('#ll-b-ledger .ll-cell-detail strong')?.textContent ?? '', null, (t) => t === `v${MATRIX_SERIES.versions} 2/${MATRIX_SERIES.patches}`, 'the cell detail of v6 2/30 after Enter', 15_000);
}

/** A changed patch's interdiff: +/- coloured, lines unwrapped in their own sideways-scrolling block. */
export async function checkInterdiff(d: Drive, shots: string, name = 'interdiff'): Promise<void> {
  // a changed cell of v6 opens its interdiff from the version before
  await d.evaluate((col: number) => {
    const b = [...document.querySelectorAll<HTMLButtonElement>(`#ll-b-ledger table.ll-matrix tbody td.ll-cell-changed button[data-at$=":${col}"]`)][0]!;
    b.scrollIntoView({ block: 'center' });
  }, MATRIX_SERIES.versions);
  await d.click(`#ll-b-ledger table.ll-matrix tbody td.ll-cell-changed button[data-at$=":${MATRIX_SERIES.versions}"]`);
  const got = await until(
    d,
    () => {
      const add = document.querySelector<HTMLElement>('.ll-interdiff .ll-diff-add');
      const pre = add?.closest('pre');
      if (!add || !pre) return null;
      const ctx = pre.querySelector<HTMLElement>('.ll-diff-ctx');
      const long = [...pre.querySelectorAll<HTMLElement>('.ll-diff-add, .ll-diff-del')].find((e) => e.textContent!.length > 120) ?? null;
      const lh = parseFloat(getComputedStyle(pre).lineHeight) || 16;
      return {
        text: add.textContent,
        add: getComputedStyle(add).backgroundColor,
        ctx: ctx ? getComputedStyle(ctx).backgroundColor : null,
        whiteSpace: getComputedStyle(pre).whiteSpace,
        scrolls: pre.scrollWidth > pre.clientWidth,
        overflowX: getComputedStyle(pre).overflowX,
        longHeight: long ? long.getBoundingClientRect().height : null,
        lh,
        // the tint reaches the block's content width, not the end of its own text
        tintWide: [...pre.querySelectorAll<HTMLElement>('.ll-diff-add')].every((e) => e.getBoundingClientRect().width >= pre.scrollWidth - 2),
        pageWide: document.documentElement.scrollWidth <= window.innerWidth,
      };
    },
    null,
    (v) => v !== null,
    'the interdiff of a changed patch',
    20_000,
  );
  const r = got!;
  // a line of the diff of diffs: added (+) in the new version, an added line (+new) of its patch
  expect(r.text).toMatch(/^\+\+new line \d+ 1 rev \d+/);
  expect(r.add).not.toBe(r.ctx);
  expect(r.whiteSpace).toBe('pre');
  expect(r.overflowX).toBe('auto');
  expect(r.scrolls).toBe(true);
  expect(r.longHeight).not.toBeNull();
  expect(r.longHeight!).toBeLessThan(r.lh * 1.6);
  expect(r.tintWide).toBe(true);
  expect(r.pageWide).toBe(true);
  await d.evaluate(() => document.querySelector('.ll-interdiff')!.scrollIntoView({ block: 'start' }), null);
  await d.screenshot(join(shots, `${name}.png`));
  expect(await axeSerious(d, '#ll-b-ledger')).toEqual([]);
}

/** Screenshots and axe in light and dark (those the page can show), the matrix box in view. */
export async function checkSchemes(d: Drive, shots: string, name: string): Promise<void> {
  for (const s of d.schemes) {
    await d.scheme(s);
    await d.evaluate(() => document.querySelector('#ll-b-ledger .ll-matrix-box')?.scrollIntoView({ block: 'start' }), null);
    await d.screenshot(join(shots, `${name}-${s}.png`));
    expect(await axeSerious(d, '#ll-b-ledger'), `axe in ${s}`).toEqual([]);
  }
  await d.scheme(d.schemes[0]!);
}

/** The wide view: the same rows, titles whole where the tab is wide, the page not wider than its window. */
export async function checkWide(d: Drive, o: Oracle, shots: string): Promise<void> {
  await d.viewport(1280, 900);
  await settled(d, MATRIX_SERIES.versions);
  const rows = await d.evaluate(readRows, null);
  expect(rows.map((r) => [r.n, r.title, r.gone])).toEqual(expectedRows(o).map((w) => [w.n, w.title, w.gone]));
  expect(rows.filter((r) => r.clipped)).toEqual([]);
  const r = await d.evaluate(() => ({ wide: document.documentElement.classList.contains('ll-wide'), tree: !!document.querySelector('[role="tree"]'), box: document.querySelector('#ll-b-ledger .ll-matrix-box')!.getBoundingClientRect().width, pageWide: document.documentElement.scrollWidth <= window.innerWidth, link: !!document.querySelector('.ll-matrix-wide') }), null);
  expect(r).toMatchObject({ wide: true, tree: false, pageWide: true, link: false });
  expect(r.box).toBeGreaterThan(1000);
  for (const s of d.schemes) {
    await d.scheme(s);
    await d.screenshot(join(shots, `wide-${s}.png`));
    expect(await axeSerious(d, '#ll-b-ledger'), `axe in ${s}`).toEqual([]);
  }
  await d.scheme(d.schemes[0]!);
}
