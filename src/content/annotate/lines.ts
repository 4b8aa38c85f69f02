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

export function lineModel(container: Element): LineModel {
  const units: Unit[] = [];
  const lines: Line[] = [];
  let buf = '';
  let start: Pos = { u: 0, off: 0 };
  let i = 0;
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
    }
    buf += s.slice(from);
  }
  if (buf) lines.push({ text: buf, start, end: { u: units.length - 1, off: units[units.length - 1]!.len } });
  return { units, lines };
}

/** True when `p` falls between two units or inside a text unit. */
function clean(m: LineModel, p: Pos): boolean {
  const u = m.units[p.u];
  return !u || u.text || p.off === 0 || p.off === u.len;
}

/**
 * Moves lines `from`..`to` (inclusive) into `wrapper`. Returns null, touching nothing, when a
 * boundary is inside an element. Call it on a model only for ranges after any range already
 * wrapped in that model (so from the last range to the first): a split keeps the head of the
 * text in the original node, so positions before it stay true.
 */
export function wrapLines(m: LineModel, from: number, to: number, wrapper: Element, edits: Edits): Element | null {
  const s = m.lines[from]?.start;
  const e = m.lines[to]?.end;
  if (!s || !e || !clean(m, s) || !clean(m, e)) return null;
  // The end first: when both cut the same text node, the start's cut then lands in the head.
  const eu = m.units[e.u]!;
  let last: ChildNode | null;
  if (e.off === 0) last = m.units[e.u - 1]?.node ?? null;
  else {
    if (e.off < eu.len) edits.split(eu.node as Text, e.off);
    last = eu.node;
  }
  const su = m.units[s.u]!;
  let first: ChildNode | null;
  if (s.off === 0) first = su.node;
  else if (s.off === su.len) first = m.units[s.u + 1]?.node ?? null;
  else {
    first = edits.split(su.node as Text, s.off);
    if (last === su.node) last = first;
  }
  if (!first || !last) return null;
  return edits.wrap(first, last, wrapper);
}
