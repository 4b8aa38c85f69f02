/**
 * The thread tree as the panel draws it: a flat list of visible rows (collapsed branches
 * skipped, an optional participant filter applied), and the keyboard model of an ARIA tree
 * over those rows. Flat rows keep a 1,000-message thread cheap to draw: one element per row,
 * no nested groups, and the component can show the first N and grow.
 *
 * Non-goals: threading (src/core built `children` and `depth`), rendering, focus handling.
 */
import type { Person, ThreadMessage } from '../core/types.ts';

export interface Row {
  id: string;
  depth: number;
  ghost: boolean;
  subject: string;
  /** False when the subject only repeats the parent's with a "Re:": the row shows no subject. */
  subjectChanged: boolean;
  from: Person | null;
  date: string | null;
  parent: string | null;
  hasChildren: boolean;
  expanded: boolean;
  /** Shown only as an ancestor of a filtered person's message. */
  dim: boolean;
  /** 1-based position among its siblings, and their number (aria-posinset/setsize). */
  pos: number;
  size: number;
}

/**
 * Messages by key, built once per messages array: the tree, the filter, the ancestors and the
 * quote labels all look messages up, and a 1,000-entry Map per call showed in profiles.
 */
const indexes = new WeakMap<ThreadMessage[], Map<string, ThreadMessage>>();

export function indexById(messages: ThreadMessage[]): ReadonlyMap<string, ThreadMessage> {
  let m = indexes.get(messages);
  if (!m) {
    m = new Map(messages.map((x) => [x.id, x]));
    indexes.set(messages, m);
  }
  return m;
}

/** The subject without reply markers, for "did it change" (`Re: Re: [PATCH] x` = `[PATCH] x`). */
export function subjectCore(s: string): string {
  return s.replace(/^\s*((re|aw|sv|fwd?|antw)\s*(\[\d+\])?\s*:\s*)+/i, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Does this message come from `who` (by address, or by name when the archive gave none)? A
 * participant known only by a masked address has none of its own: its messages carry the
 * masked spelling, and that spelling is theirs.
 */
export function isFrom(from: Person | null, who: { address: string; name: string; aliases?: string[]; maskedAddress?: string }): boolean {
  if (!from) return false;
  const addr = from.address.toLowerCase();
  if (addr && who.address && addr === who.address.toLowerCase()) return true;
  if (addr && who.aliases?.some((a) => a.toLowerCase() === addr)) return true;
  if (addr && !who.address && who.maskedAddress && addr === who.maskedAddress.toLowerCase()) return true;
  return !addr && !!from.name && from.name === who.name;
}

/** Ids to show for a filter: the person's messages and, to keep the shape, their ancestors. */
export function filterIds(messages: ThreadMessage[], matches: (m: ThreadMessage) => boolean): { show: Set<string>; hits: Set<string> } {
  const byId = indexById(messages);
  const hits = new Set<string>();
  const show = new Set<string>();
  for (const m of messages) {
    if (m.ghost || !matches(m)) continue;
    hits.add(m.id);
    for (let cur: ThreadMessage | undefined = m; cur && !show.has(cur.id); cur = cur.parent ? byId.get(cur.parent) : undefined) show.add(cur.id);
  }
  return { show, hits };
}

/**
 * Visible rows, depth first from `roots`, children in the core's order. Iterative and
 * cycle-safe (a cycle the core let through is drawn once). `filter` null shows everything.
 */
export function flatten(messages: ThreadMessage[], roots: string[], collapsed: ReadonlySet<string>, filter: { show: Set<string>; hits: Set<string> } | null): Row[] {
  const byId = indexById(messages);
  const rows: Row[] = [];
  const seen = new Set<string>();
  const visible = (id: string): boolean => !filter || filter.show.has(id);
  const topIds = roots.filter((id) => byId.has(id) && visible(id));
  // A stack of [id, pos, size, parentSubject]; pushed in reverse so pops come in order.
  const stack: Array<[string, number, number, string | null]> = [];
  const pushAll = (ids: string[], parentSubject: string | null): void => {
    for (let i = ids.length - 1; i >= 0; i--) stack.push([ids[i] as string, i + 1, ids.length, parentSubject]);
  };
  pushAll(topIds, null);
  while (stack.length) {
    const [id, pos, size, parentSubject] = stack.pop() as [string, number, number, string | null];
    const m = byId.get(id);
    if (!m || seen.has(id)) continue;
    seen.add(id);
    const kids = m.children.filter((c) => byId.has(c) && !seen.has(c) && visible(c));
    const expanded = kids.length > 0 && !collapsed.has(id);
    const core = subjectCore(m.subject);
    rows.push({
      id,
      depth: m.depth,
      ghost: m.ghost,
      subject: m.subject,
      subjectChanged: parentSubject === null || (!m.ghost && core !== '' && core !== parentSubject),
      from: m.from,
      date: m.date,
      parent: m.parent,
      hasChildren: kids.length > 0,
      expanded,
      dim: !!filter && !filter.hits.has(id),
      pos,
      size,
    });
    if (expanded) pushAll(kids, m.ghost ? parentSubject : core || parentSubject);
  }
  return rows;
}

export type TreeAction =
  | { kind: 'move'; index: number }
  | { kind: 'collapse'; id: string }
  | { kind: 'expand'; id: string }
  | { kind: 'open'; id: string }
  | { kind: 'none' };

/** What a key does on the row at `index`, following the WAI-ARIA tree pattern. */
export function keyAction(rows: Row[], index: number, key: string): TreeAction {
  const row = rows[index];
  if (!row) return rows.length ? { kind: 'move', index: 0 } : { kind: 'none' };
  switch (key) {
    case 'ArrowDown':
      return index + 1 < rows.length ? { kind: 'move', index: index + 1 } : { kind: 'none' };
    case 'ArrowUp':
      return index > 0 ? { kind: 'move', index: index - 1 } : { kind: 'none' };
    case 'Home':
      return { kind: 'move', index: 0 };
    case 'End':
      return { kind: 'move', index: rows.length - 1 };
    case 'ArrowRight':
      if (row.hasChildren && !row.expanded) return { kind: 'expand', id: row.id };
      if (row.hasChildren) return { kind: 'move', index: index + 1 };
      return { kind: 'none' };
    case 'ArrowLeft': {
      if (row.hasChildren && row.expanded) return { kind: 'collapse', id: row.id };
      const parent = row.parent === null ? -1 : rows.findIndex((r) => r.id === row.parent);
      return parent >= 0 ? { kind: 'move', index: parent } : { kind: 'none' };
    }
    case 'Enter':
    case ' ':
      return row.ghost ? { kind: 'none' } : { kind: 'open', id: row.id };
    default:
      return { kind: 'none' };
  }
}

/** The row to start the roving tabindex on: the current message, else the first row. */
export function initialIndex(rows: Row[], current: string | null): number {
  const i = current ? rows.findIndex((r) => r.id === current) : -1;
  return i >= 0 ? i : 0;
}

/** Ids of every ancestor of `id`, so expanding them reveals it. */
export function ancestorsOf(messages: ThreadMessage[], id: string): string[] {
  const byId = indexById(messages);
  const out: string[] = [];
  const seen = new Set<string>([id]);
  for (let p = byId.get(id)?.parent ?? null; p && !seen.has(p); p = byId.get(p)?.parent ?? null) {
    seen.add(p);
    out.push(p);
  }
  return out;
}

/** The rows drawn: one contiguous slice, so keyboard order and DOM order stay the same. */
export interface Range {
  start: number;
  end: number;
}

/** The same rows (a new but equal slice set again would redraw the list for nothing). */
export function sameRange(a: Range | null, b: Range | null): boolean {
  return a === b || (!!a && !!b && a.start === b.start && a.end === b.end);
}

/**
 * The first slice drawn: `size` rows around the current message (a quarter before it), else
 * the first `size`. A 1,000-message thread opened at reply 700 draws rows 663–812, not 812 rows.
 */
export function initialRange(total: number, current: number, size: number): Range {
  if (current < 0 || current >= total) return { start: 0, end: Math.min(total, size) };
  let start = Math.max(0, current - Math.floor(size / 4));
  const end = Math.min(total, start + size);
  if (end - start < size) start = Math.max(0, end - size);
  return { start, end };
}

/** `r` grown to hold `index`, and clamped to `total` (rows shrink when branches collapse). */
export function including(r: Range, index: number, total: number): Range {
  const start = Math.max(0, Math.min(r.start, index, total));
  const end = Math.min(total, Math.max(r.end, index + 1));
  return { start: Math.min(start, end), end };
}
