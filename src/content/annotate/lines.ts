/**
 * A `<pre>` (or any element of preformatted mail) seen as lines, over its own child nodes:
 * each child is a unit (a text node, or an element taken whole, such as public-inbox's
 * `span.q` or a linkified `<a>`), and each line knows where it starts and ends in those units.
 * `wrapLines` then moves whole lines into a wrapper, splitting the container's own text nodes
 * where a line starts or ends inside one. A line that starts or ends inside a child element
 * cannot be wrapped (that would cut the archive's element in two): `wrapLines` says so.
 *
 * Non-goals: what a line means (classify.ts), the wrapper's looks (annotate.ts).
 */
import type { Edits } from './edits.ts';

export interface Unit {
  node: ChildNode;
  len: number;
  text: boolean;
}

/** Where a line starts or ends: `off` characters into unit `u`. */
export interface Pos {
  u: number;
  off: number;
}

export interface Line {
  text: string;
  start: Pos;
  /** After the line's `\n` (or the container's end). */
  end: Pos;
}

export interface LineModel {
  units: Unit[];
  lines: Line[];
}

/** Lines read between two checks of the clock (`readLines`). */
export const LINES_PER_STEP = 4096;

/**
 * Fills `m` with the container's units and lines, yielding every LINES_PER_STEP lines so that
 * a caller can stop at a deadline and go on in a later task (the page must not change meanwhile).
 */
export function* readLines(container: Element, m: LineModel): Generator<void, void> {
  const { units, lines } = m;
  let buf = '';
  let start: Pos = { u: 0, off: 0 };
  let i = 0;
  let counted = 0;
  for (let n = container.firstChild; n; n = n.nextSibling, i++) {
    const isText = n.nodeType === 3;
    const s = isText ? (n as Text).data : n.nodeType === 1 ? (n.textContent ?? '') : '';
    units.push({ node: n, len: s.length, text: isText });
    let from = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', from)) {
      lines.push({ text: buf + s.slice(from, nl), start, end: { u: i, off: nl + 1 } });
      buf = '';
      from = nl + 1;
      start = { u: i, off: from };
      if (++counted % LINES_PER_STEP === 0) yield;
    }
    buf += s.slice(from);
  }
  if (buf) lines.push({ text: buf, start, end: { u: units.length - 1, off: units[units.length - 1]!.len } });
}

export function lineModel(container: Element): LineModel {
  const m: LineModel = { units: [], lines: [] };
  for (const _ of readLines(container, m));
  return m;
}

/** True when `p` falls between two units or inside a text unit. */
function clean(m: LineModel, p: Pos): boolean {
  const u = m.units[p.u];
  return !u || u.text || p.off === 0 || p.off === u.len;
}

/** Cuts made in one text unit, largest offset first: each piece's start and its node. */
interface UnitCuts {
  offs: number[];
  nodes: Text[];
}

/**
 * Wraps ranges of lines of one model, from the last range to the first, in batches: `can`
 * tells whether a range can be wrapped at all (a boundary inside an element would cut the
 * archive's element in two), `prepare` cuts the text units at every boundary of the next
 * ranges to wrap (each unit once per batch, whatever the number of cuts in it), and `wrap`
 * moves a prepared range's nodes into a wrapper.
 *
 * Why batches from the end: a cut leaves the head of the text in the page's own node, so
 * cutting from the end never rewrites text already cut, and the work of a batch is linear in
 * the batch (plus one rewrite of each head it cuts). Why prepare and wrap in one task: the
 * new nodes are moved before the browser lays them out; moving text nodes that were laid out
 * beside ones that were not cost Chromium time quadratic in their number.
 */
export class LineWrapper {
  private cuts = new Map<number, UnitCuts>();

  constructor(
    readonly m: LineModel,
    private readonly edits: Edits,
  ) {}

  /** Whether lines `from`..`to` can be wrapped. */
  can(from: number, to: number): boolean {
    const s = this.m.lines[from]?.start;
    const e = this.m.lines[to]?.end;
    return !!s && !!e && clean(this.m, s) && clean(this.m, e);
  }

  /**
   * Cuts the text at the boundaries of `ranges` (lines `from`..`to`, each `can`), which must
   * all lie before every range prepared earlier.
   */
  prepare(ranges: ReadonlyArray<readonly [number, number]>): void {
    const want = new Map<number, number[]>();
    const add = (p: Pos): void => {
      const u = this.m.units[p.u];
      if (!u || !u.text || p.off === 0 || p.off >= u.len) return;
      const c = this.cuts.get(p.u);
      if (c && c.offs.length && p.off >= c.offs[c.offs.length - 1]!) {
        if (this.at(p.u, p.off) >= 0) return;
        throw new Error('ranges prepared out of order');
      }
      let w = want.get(p.u);
      if (!w) want.set(p.u, (w = []));
      w.push(p.off);
    };
    for (const [from, to] of ranges) {
      add(this.m.lines[from]!.start);
      add(this.m.lines[to]!.end);
    }
    for (const [u, offs] of want) {
      const sorted = [...new Set(offs)].sort((a, b) => a - b);
      const made = this.edits.cut(this.m.units[u]!.node as Text, sorted);
      let c = this.cuts.get(u);
      if (!c) this.cuts.set(u, (c = { offs: [], nodes: [] }));
      for (let i = sorted.length - 1; i >= 0; i--) {
        c.offs.push(sorted[i]!);
        c.nodes.push(made[i]!);
      }
    }
  }

  /** Index in the unit's cuts (largest first) of the first cut at or below `off` (`exact`: at it), or -1. */
  private at(u: number, off: number, exact = true): number {
    const offs = this.cuts.get(u)?.offs;
    if (!offs) return -1;
    let lo = 0;
    let hi = offs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offs[mid]! > off) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= offs.length) return -1;
    return !exact || offs[lo] === off ? lo : -1;
  }

  /** The node that holds the end of unit `u`: its last piece, or the unit itself when uncut. */
  private lastOf(u: number): ChildNode | null {
    const c = this.cuts.get(u);
    return c?.nodes.length ? c.nodes[0]! : (this.m.units[u]?.node ?? null);
  }

  /** The node a range starting at `p` starts with. */
  private first(p: Pos): ChildNode | null {
    const u = this.m.units[p.u];
    if (!u) return null;
    if (p.off === 0) return u.node;
    if (p.off >= u.len) return this.m.units[p.u + 1]?.node ?? null;
    const i = this.at(p.u, p.off);
    return i < 0 ? null : this.cuts.get(p.u)!.nodes[i]!;
  }

  /** The node a range ending at `p` (exclusive) ends with. */
  private last(p: Pos): ChildNode | null {
    const u = this.m.units[p.u];
    if (!u) return null;
    if (p.off === 0) return p.u > 0 ? this.lastOf(p.u - 1) : null;
    if (p.off >= u.len) return this.lastOf(p.u);
    // the piece before the cut at `off`: the next smaller cut's, or the unit's own node
    const i = this.at(p.u, p.off - 1, false);
    return i < 0 ? u.node : this.cuts.get(p.u)!.nodes[i]!;
  }

  /** Moves lines `from`..`to` (inclusive, prepared) into `wrapper`; null when they cannot be. */
  wrap(from: number, to: number, wrapper: Element): Element | null {
    const s = this.m.lines[from]?.start;
    const e = this.m.lines[to]?.end;
    if (!s || !e) return null;
    const first = this.first(s);
    const last = this.last(e);
    if (!first || !last) return null;
    return this.edits.wrap(first, last, wrapper);
  }
}
