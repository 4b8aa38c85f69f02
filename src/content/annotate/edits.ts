/**
 * Reversible changes to an archive's page: every edit the annotator makes goes through one
 * `Edits` log, and `undo()` replays it backwards, so the page ends exactly as it was (the same
 * nodes, the same text in them, the same attributes). Text nodes are split, never rewritten;
 * the page's own nodes are moved into wrappers, never copied or re-parsed.
 *
 * Non-goals: deciding what to change (annotate.ts), event listeners (they hang on the
 * annotation's AbortController).
 */

type Entry =
  | { k: 'split'; node: Text; tail: Text }
  | { k: 'wrap'; wrapper: Element }
  | { k: 'insert'; node: Node }
  | { k: 'attr'; el: Element; name: string; old: string | null };

export class Edits {
  private log: Entry[] = [];

  /** Splits `node` at `offset` (0 < offset < length); returns the new tail node. */
  split(node: Text, offset: number): Text {
    // By hand rather than splitText, which some DOMs used in tests (linkedom) lack.
    const tail = node.ownerDocument.createTextNode(node.data.slice(offset));
    node.data = node.data.slice(0, offset);
    node.after(tail);
    this.log.push({ k: 'split', node, tail });
    return tail;
  }

  /** Moves the siblings `first`..`last` (same parent, in order) into `wrapper`, put where they were. */
  wrap(first: ChildNode, last: ChildNode, wrapper: Element): Element {
    first.before(wrapper);
    this.log.push({ k: 'wrap', wrapper });
    let n: ChildNode | null = first;
    while (n) {
      const next: ChildNode | null = n === last ? null : n.nextSibling;
      wrapper.append(n);
      n = next;
    }
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
      if (e.k === 'split') {
        e.node.appendData(e.tail.data);
        e.tail.remove();
      } else if (e.k === 'wrap') {
        e.wrapper.replaceWith(...e.wrapper.childNodes);
      } else if (e.k === 'insert') {
        e.node.parentNode?.removeChild(e.node);
      } else if (e.old === null) e.el.removeAttribute(e.name);
      else e.el.setAttribute(e.name, e.old);
    }
    this.log = [];
  }
}
