/**
 * One-to-one pairs between two lists of patches that all share a key (one exact tier's
 * bucket in patch-match.ts), chosen greedily: the pair with the nearest counters first, ties
 * to the lower newer index, then the lower older index. The same answer as sorting every
 * pair by (distance, newer, older) and taking them in that order, without making every pair:
 * 2,000 patches touching one file are 4,000,000 pairs (issue 16 measured 2.7 s), and this is
 * O(n log n).
 *
 *   nearestPairs(olds, news, oldCounter, newCounter): Array<[newer, older]>
 *
 * Why it holds: pairs at distance 0 (the same counter) come first and, per counter, pair in
 * index order. After them every counter holds patches of one side only, so the nearest
 * remaining pair is always between neighbouring counters of opposite sides (a counter in
 * between would be nearer to one of them); a heap of neighbouring pairs, each keyed by its
 * distance and the lowest free index on either side, gives the next pair.
 *
 * Non-goals: scores other than the counter distance (the fuzzy tiers sort their few pairs).
 */

interface Node {
  counter: number;
  isNew: boolean;
  /** Free indices, ascending, from `at` on. */
  ids: number[];
  at: number;
  prev: Node | null;
  next: Node | null;
  alive: boolean;
}

type Entry = [dist: number, newer: number, older: number, left: Node, right: Node];

function less(a: Entry, b: Entry): boolean {
  return a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];
}

class Heap {
  private items: Entry[] = [];
  get size(): number {
    return this.items.length;
  }
  push(e: Entry): void {
    const a = this.items;
    a.push(e);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): Entry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l]!, a[m]!)) m = l;
        if (r < a.length && less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

const head = (n: Node): number => n.ids[n.at]!;

export function nearestPairs(olds: readonly number[], news: readonly number[], oldCounter: (i: number) => number, newCounter: (i: number) => number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!olds.length || !news.length) return out;
  // the usual bucket: one patch on each side
  if (olds.length === 1 && news.length === 1) return [[news[0]!, olds[0]!]];
  // distance 0 first: per counter, the lowest indices pair in order
  const byCounter = new Map<number, { o: number[]; n: number[] }>();
  for (const o of olds) {
    const c = oldCounter(o);
    const g = byCounter.get(c);
    if (g) g.o.push(o);
    else byCounter.set(c, { o: [o], n: [] });
  }
  for (const n of news) {
    const c = newCounter(n);
    const g = byCounter.get(c);
    if (g) g.n.push(n);
    else byCounter.set(c, { o: [], n: [n] });
  }
  const nodes: Node[] = [];
  for (const [counter, g] of byCounter) {
    g.o.sort((a, b) => a - b);
    g.n.sort((a, b) => a - b);
    const k = Math.min(g.o.length, g.n.length);
    for (let i = 0; i < k; i++) out.push([g.n[i]!, g.o[i]!]);
    const rest = g.o.length > k ? { isNew: false, ids: g.o.slice(k) } : g.n.length > k ? { isNew: true, ids: g.n.slice(k) } : null;
    if (rest) nodes.push({ counter, ...rest, at: 0, prev: null, next: null, alive: true });
  }
  nodes.sort((a, b) => a.counter - b.counter);
  for (let i = 0; i < nodes.length; i++) {
    nodes[i]!.prev = nodes[i - 1] ?? null;
    nodes[i]!.next = nodes[i + 1] ?? null;
  }
  const heap = new Heap();
  const offer = (l: Node | null, r: Node | null): void => {
    if (!l || !r || l.isNew === r.isNew || !l.alive || !r.alive) return;
    const [n, o] = l.isNew ? [l, r] : [r, l];
    heap.push([r.counter - l.counter, head(n), head(o), l, r]);
  };
  for (const n of nodes) offer(n, n.next);
  while (heap.size) {
    const [, ni, oi, l, r] = heap.pop()!;
    // stale: a side was used up, moved on, or the two are no longer neighbours
    if (!l.alive || !r.alive || l.next !== r) continue;
    const [n, o] = l.isNew ? [l, r] : [r, l];
    if (head(n) !== ni || head(o) !== oi) continue;
    out.push([ni, oi]);
    for (const x of [l, r]) {
      x.at++;
      if (x.at < x.ids.length) continue;
      x.alive = false;
      if (x.prev) x.prev.next = x.next;
      if (x.next) x.next.prev = x.prev;
    }
    // the pairs whose keys changed, or that became neighbours
    const left = l.alive ? l : l.prev;
    const right = r.alive ? r : r.next;
    if (l.alive) offer(l.prev, l);
    if (r.alive) offer(r, r.next);
    if (left && right && left.next === right) offer(left, right);
    if (left && !l.alive && left.next) offer(left, left.next);
    if (right && !r.alive && right.prev) offer(right.prev, right);
  }
  return out;
}
