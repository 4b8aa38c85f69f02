/**
 * Reversible changes to an archive's page: every edit the annotator makes goes through one
 * `Edits` log, and `undo()` replays it backwards, so the page ends exactly as it was (the same
 * nodes, the same text in them, the same attributes). Text nodes are cut, never rewritten;
 * the page's own nodes are moved into wrappers, never copied or re-parsed.
 *
 * Every change costs time linear in what it touches, never in what is left: a text node is
 * cut at all its places at once (one rewrite of its head, however many cuts: cutting a node
 * one place at a time rewrote its head each time, quadratic, and froze a tab for seconds on
 * a message of 20,000 quote runs), and moves are node by node, with no argument spreads.
 *
 * Non-goals: deciding what to change (annotate.ts), event listeners (they hang on the
 * annotation's AbortController).
 */

type Entry =
  | { k: 'cut'; node: Text; tails: Text[] }
  | { k: 'wrap'; wrapper: Element }
  | { k: 'insert'; node: Node }
  | { k: 'attr'; el: Element; name: string; old: string | null };

export class Edits {
  private log: Entry[] = [];

  /**
   * Cuts `node` at each of `offsets` (ascending, each 0 < offset < length) at once: the node
   * keeps the head, and one new node per piece follows it. Returns the new nodes, in order.
   * The node's text is rewritten once (not splitText per cut, which some DOMs used in tests
   * lack, and which copies the head each time).
   */
  cut(node: Text, offsets: readonly number[]): Text[] {
    const doc = node.ownerDocument;
    const data = node.data;
    const tails: Text[] = [];
    const frag = doc.createDocumentFragment();
    for (let i = 0; i < offsets.length; i++) {
      const t = doc.createTextNode(data.slice(offsets[i], i + 1 < offsets.length ? offsets[i + 1] : data.length));
      tails.push(t);
      frag.appendChild(t);
    }
    node.data = data.slice(0, offsets[0]);
    node.parentNode!.insertBefore(frag, node.nextSibling);
    this.log.push({ k: 'cut', node, tails });
    return tails;
  }

  /** Moves the siblings `first`..`last` (same parent, in order) into `wrapper`, put where they were. */
  wrap(first: ChildNode, last: ChildNode, wrapper: Element): Element {
    const parent = first.parentNode!;
    const ref = last.nextSibling;
    // Filled while it is out of the page, then put in: one change to the page, not one per node.
    let n: ChildNode | null = first;
    while (n) {
      const next: ChildNode | null = n === last ? null : n.nextSibling;
      wrapper.appendChild(n);
      n = next;
    }
    parent.insertBefore(wrapper, ref);
    this.log.push({ k: 'wrap', wrapper });
    return wrapper;
  }

  /** Puts a node of ours before `ref` (or appends it to `parent`). */
  insert(node: Node, parent: Node, ref: Node | null): void {
    parent.insertBefore(node, ref);
    this.log.push({ k: 'insert', node });
  }

  /** Sets an attribute on an element of the page (the old value comes back on undo). */
  attr(el: Element, name: string, value: string): void {
    this.log.push({ k: 'attr', el, name, old: el.getAttribute(name) });
    el.setAttribute(name, value);
  }

  get size(): number {
    return this.log.length;
  }

  undo(): void {
    for (let i = this.log.length - 1; i >= 0; i--) {
      const e = this.log[i]!;
      if (e.k === 'cut') {
        e.node.appendData(e.tails.map((t) => t.data).join(''));
        for (const t of e.tails) t.remove();
      } else if (e.k === 'wrap') {
        const w = e.wrapper;
        const parent = w.parentNode;
        if (parent) {
          const frag = w.ownerDocument.createDocumentFragment();
          while (w.firstChild) frag.appendChild(w.firstChild);
          parent.replaceChild(frag, w);
        }
      } else if (e.k === 'insert') {
        e.node.parentNode?.removeChild(e.node);
      } else if (e.old === null) e.el.removeAttribute(e.name);
      else e.el.setAttribute(e.name, e.old);
    }
    this.log = [];
  }
}
