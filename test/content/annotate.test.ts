/**
 * The page annotator on real public-inbox 1.9 pages (../shared/notes, read in place) and on
 * every message of the real LKML and qemu-devel corpus laid out as archives lay mail out: one
 * text node in a <pre> (marc, MHonArc, blists) and public-inbox's own spans (span.q around
 * quote runs, span.add/del/hunk/head in diffs), built with DOM calls so mail is never HTML.
 *
 * What must hold everywhere: the page's textContent is unchanged, toggles add no text, the
 * folded wrapper holds exactly a quote run or a diff, and undo gives back the same nodes with
 * the same serialisation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { annotate, MAX_FOLDS, MAX_TINTS, messageBodies } from '../../src/content/annotate/annotate.ts';
import { cappedNote } from '../../src/content/page-annotation.ts';
import { diffLines, quoteRuns, smallDiffs } from '../helpers/hostile-bodies.ts';
import { findRuns, quoteDepth } from '../../src/content/annotate/blocks.ts';
import { parseBody } from '../../src/core/mail/body.ts';
import { splitMbox } from '../../src/core/mail/mbox.ts';
import { corpusDir, corpusPath, repoRoot } from '../helpers/corpus.ts';

const piDir = resolve(repoRoot, '../shared/notes/public-inbox-1.9-pages');

function page(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}
const pi = (name: string): Document => page(readFileSync(join(piDir, name), 'utf8'));

/** A snapshot of the page: its serialisation and the identity of every node in it. */
function snapshot(doc: Document): { html: string; nodes: Node[] } {
  const nodes: Node[] = [];
  const walk = (n: Node): void => {
    nodes.push(n);
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(doc.documentElement);
  return { html: doc.documentElement.outerHTML, nodes };
}

function expectRestored(doc: Document, before: { html: string; nodes: Node[] }): void {
  const after = snapshot(doc);
  expect(after.html).toBe(before.html);
  // The page's element nodes are the same objects, in the same order (text nodes are joined back in place).
  const els = (s: Node[]): Node[] => s.filter((n) => n.nodeType === 1);
  expect(els(after.nodes)).toEqual(els(before.nodes));
  expect(els(after.nodes).every((n, i) => n === els(before.nodes)[i])).toBe(true);
}

describe.runIf(existsSync(piDir))('annotating real public-inbox 1.9 pages', () => {
  it('a thread page (T/): diffs fold behind toggles that say what they hide, the quote keeps its attribution', () => {
    const doc = pi('T-cover.html');
    const before = snapshot(doc);
    const text = doc.body.textContent;
    const a = annotate(doc, { archive: 'public-inbox', thread: true });
    expect(a.bodies).toHaveLength(9);
    const labels = a.toggles.map((t) => `${t.getAttribute('aria-expanded')} ${t.dataset.label}`);
    expect(labels).toEqual(['false diff: 1 file, +2 \u22122', 'false diff: 1 file, +8 \u22123', 'false diff: 1 file, +4 \u22120', 'true 6 quoted lines \u2014 Sasha Author, Mar 5']);
    for (const t of a.toggles) {
      expect(t.textContent).toBe('');
      expect(t.getAttribute('aria-label')).toBe(t.dataset.label);
    }
    // The folded diff holds the archive's own diff spans, from the `diff --git` header to the
    // last line its hunk headers count (this made-up mail's last hunk is one line short of what follows).
    const diff = doc.getElementById(a.toggles[0]!.getAttribute('aria-controls')!)!;
    expect(diff.hasAttribute('hidden')).toBe(true);
    expect(diff.firstElementChild?.className).toBe('head');
    expect(diff.textContent).toMatch(/^diff --git a\/mm\/hmm\.c b\/mm\/hmm\.c\n[\s\S]*\t\tif \(required_fault == HMM_NEED_ALL_BITS\)\n$/);
    // The quote wrapper holds public-inbox's span.q itself; the attribution line stays in the page.
    const quote = doc.getElementById(a.toggles[3]!.getAttribute('aria-controls')!)!;
    expect(quote.children).toHaveLength(1);
    expect(quote.firstElementChild?.className).toBe('q');
    expect(quote.previousSibling?.previousSibling?.textContent).toMatch(/Sasha Author wrote:\n$/);
    expect(doc.body.textContent).toBe(text);
    expect(doc.head.querySelector('style#listlens-style')).not.toBeNull();
    a.undo();
    expectRestored(doc, before);
  });

  it('a message page: the patch stays open, its toggle folds it and opens it again', () => {
    const doc = pi('msg-patch1.html');
    const before = snapshot(doc);
    const a = annotate(doc, { archive: 'public-inbox', thread: false });
    expect(a.bodies.map((b) => b.id)).toEqual(['b']);
    expect(a.toggles).toHaveLength(1);
    const [btn] = a.toggles;
    const block = doc.getElementById(btn!.getAttribute('aria-controls')!)!;
    expect(btn!.getAttribute('aria-expanded')).toBe('true');
    expect(block.hasAttribute('hidden')).toBe(false);
    btn!.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event('click', { bubbles: true }));
    expect(btn!.getAttribute('aria-expanded')).toBe('false');
    expect(block.hasAttribute('hidden')).toBe(true);
    btn!.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event('click', { bubbles: true }));
    expect(btn!.getAttribute('aria-expanded')).toBe('true');
    a.undo();
    expectRestored(doc, before);
    // After undo the page's clicks no longer reach the annotator.
    btn!.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event('click', { bubbles: true }));
    expect(btn!.getAttribute('aria-expanded')).toBe('true');
  });

  it('in slices (one body per task here), the same annotation; undone between slices, the page as it was', async () => {
    const whole = pi('T-cover.html');
    const all = annotate(whole, { archive: 'public-inbox', thread: true });
    expect(await all.done).toBe(true);
    const doc = pi('T-cover.html');
    const slices: number[] = [];
    const a = annotate(doc, { archive: 'public-inbox', thread: true, sliceMs: 0, onSlice: (s, e) => slices.push(e - s) });
    expect(slices).toHaveLength(1);
    expect(await a.done).toBe(true);
    expect(slices).toHaveLength(9);
    expect(doc.body.innerHTML.replace(/listlens-fold-\d+/g, 'id')).toBe(whole.body.innerHTML.replace(/listlens-fold-\d+/g, 'id'));

    const half = pi('T-cover.html');
    const before = snapshot(half);
    const h = annotate(half, { archive: 'public-inbox', thread: true, sliceMs: 0 });
    await new Promise((r) => setTimeout(r, 0));
    h.undo();
    expect(await h.done).toBe(false);
    expectRestored(half, before);
  });

  it('the thread overview, the reply instructions and the search form are not message bodies', () => {
    for (const name of ['msg-cover.html', 'msg-patch1.html', 'index.html', 'search-s-hmm.html', 'unknown-mid.html']) {
      const bodies = messageBodies(pi(name), 'public-inbox');
      expect(bodies.every((b) => b.id === 'b'), name).toBe(true);
    }
  });
});

describe('consecutive folded quotes on the page', () => {
  it('quote runs with only blank lines between them, each folded, are one toggle; a line of text between keeps them apart', () => {
    const text = ['On Mon, Ann wrote:', '> > a deep one', '', '> > another deep one, long enough', '> > to keep', '> > a toggle', '> > of its own', '', '> > > deeper', '> > > still', '> > > and', '> > > more', 'My answer.', '> > > > after the answer', '> > > > two', '> > > > three', '> > > > four', ''].join('\n');
    const doc = page('<!doctype html><html><head></head><body></body></html>');
    const pre = doc.createElement('pre');
    pre.append(doc.createTextNode(text));
    doc.body.append(pre);
    const before = snapshot(doc);
    const a = annotate(doc, { archive: 'marc', thread: true });
    expect(a.toggles.map((t) => `${t.getAttribute('aria-expanded')} ${t.dataset.label}`)).toEqual(['false 8 quoted lines \u2014 Ann', 'false 4 quoted lines \u2014 Ann']);
    expect(doc.body.textContent).toBe(text);
    // folded: neither run shows; the blank line between them went with them
    const block = doc.getElementById(a.toggles[0]!.getAttribute('aria-controls')!)!;
    expect(block.hasAttribute('hidden')).toBe(true);
    expect(block.textContent).toBe('> > another deep one, long enough\n> > to keep\n> > a toggle\n> > of its own\n\n> > > deeper\n> > > still\n> > > and\n> > > more\n');
    a.undo();
    expectRestored(doc, before);
  });
});

/** Builds a <pre> as Mailman 2.1's pipermail does, with DOM calls: quote runs in <i>, the rest text. */
function pipermailPre(doc: Document, text: string): HTMLPreElement {
  const pre = doc.createElement('pre');
  const lines = text.split(/(?<=\n)/);
  let i: HTMLElement | null = null;
  for (const line of lines) {
    if (quoteDepth(line) > 0) {
      if (!i) pre.append((i = doc.createElement('i')));
      i.append(doc.createTextNode(line));
    } else {
      i = null;
      pre.append(doc.createTextNode(line));
    }
  }
  return pre;
}

/** Builds a <pre> as public-inbox 1.9 does, with DOM calls: quote runs in span.q, diff lines in spans. */
function publicInboxPre(doc: Document, text: string): HTMLPreElement {
  const pre = doc.createElement('pre');
  const lines = text.split(/(?<=\n)/);
  const runs = findRuns(text.split('\n'));
  const kindOf = new Map<number, string>();
  for (const r of runs) {
    if (r.kind === 'quote') for (let i = r.from; i <= r.to; i++) kindOf.set(i, 'q');
    else for (const [i, k] of r.marks) kindOf.set(i, k);
  }
  let cur: { kind: string; el: Node } | null = null;
  lines.forEach((line, i) => {
    const kind = kindOf.get(i) ?? (/^diff --git /.test(line) ? 'head' : '');
    if (!kind) {
      cur = null;
      pre.append(doc.createTextNode(line));
      return;
    }
    if (!cur || cur.kind !== kind || kind === 'hunk') {
      const span = doc.createElement('span');
      span.className = kind;
      pre.append(span);
      cur = { kind, el: span };
    }
    cur.el.appendChild(doc.createTextNode(line));
  });
  return pre;
}

async function corpusBodies(rel: string): Promise<string[]> {
  const split = splitMbox(new Uint8Array(readFileSync(corpusPath(rel))));
  const out: string[] = [];
  for (const m of split.messages) {
    const body = await parseBody(m).catch(() => null);
    if (body?.text) out.push(body.text);
  }
  return out;
}

describe.runIf(corpusDir)('annotating every message of the real LKML corpus', () => {
  it.each([
    ['one text node in a <pre> (marc, MHonArc, blists)', 'marc', 'text'],
    ["pipermail's <i> around quotes", 'pipermail', 'pipermail'],
    ["public-inbox's spans", 'public-inbox', 'spans'],
  ] as const)('%s: text unchanged, each fold is one quote run or diff, undo exact', async (_shape, archive, shape) => {
    const bodies = await corpusBodies('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd');
    expect(bodies.length).toBeGreaterThan(200);
    let quotes = 0;
    let diffs = 0;
    let merged = 0;
    for (const text of bodies) {
      const doc = page('<!doctype html><html><head></head><body></body></html>');
      const spans = shape === 'spans';
      const pre = spans ? publicInboxPre(doc, text) : shape === 'pipermail' ? pipermailPre(doc, text) : doc.createElement('pre');
      if (shape === 'text') pre.append(doc.createTextNode(text));
      if (spans) pre.id = 'b';
      doc.body.append(pre);
      const before = snapshot(doc);
      const a = annotate(doc, { archive, thread: true });
      expect(doc.body.textContent).toBe(text);
      for (const t of a.toggles) {
        const block = doc.getElementById(t.getAttribute('aria-controls')!)!;
        const lines = block.textContent!.replace(/\n$/, '').split('\n');
        if (block.className === 'listlens-quote') {
          quotes++;
          // one quote run, or folded runs with only blank lines between them (one toggle)
          const quoted = lines.filter((l) => quoteDepth(l) > 0);
          expect(quoted.length).toBeGreaterThan(3);
          expect(lines.every((l) => quoteDepth(l) > 0 || l.trim() === '')).toBe(true);
          if (quoted.length < lines.length) merged++;
          expect(t.dataset.label).toMatch(new RegExp(`^${quoted.length} quoted lines`));
        } else {
          diffs++;
          expect(block.textContent).toMatch(/^(diff |Index: |--- )/);
          // Without the archive's spans, the tints are ours, and only on + / - / @@ lines.
          for (const s of block.querySelectorAll('.listlens-add, .listlens-del, .listlens-hunk')) {
            const first = s.className === 'listlens-add' ? '+' : s.className === 'listlens-del' ? '-' : '@';
            expect(s.textContent!.split('\n').filter(Boolean).every((l) => l.startsWith(first))).toBe(true);
          }
        }
      }
      a.undo();
      expectRestored(doc, before);
    }
    expect(quotes).toBeGreaterThan(50);
    expect(diffs).toBeGreaterThan(50);
    console.log(`[annotate] ${shape}: ${quotes} quote toggles (${merged} of them merged runs), ${diffs} diffs`);
  });
});

/** A page of one <pre> holding `text` in one text node (marc, MHonArc, blists, pipermail's diffs). */
function onePre(text: string): { doc: Document; pre: HTMLPreElement } {
  const doc = page('<!doctype html><html><head></head><body></body></html>');
  const pre = doc.createElement('pre');
  pre.append(doc.createTextNode(text));
  doc.body.append(pre);
  return { doc, pre };
}

/** Counts the characters written into existing text nodes (`data` set, `appendData`) while `fn` runs. */
function textRewrites(doc: Document, fn: () => void): number {
  let proto = Object.getPrototypeOf(doc.createTextNode('')) as object | null;
  let desc: PropertyDescriptor | undefined;
  while (proto && !(desc = Object.getOwnPropertyDescriptor(proto, 'data'))) proto = Object.getPrototypeOf(proto) as object | null;
  if (!proto || !desc?.set) throw new Error('no data setter to watch');
  let written = 0;
  const set = desc.set;
  Object.defineProperty(proto, 'data', { ...desc, set(this: Text, v: string) { written += String(v).length; set.call(this, v); } });
  try {
    fn();
  } finally {
    Object.defineProperty(proto, 'data', desc);
  }
  return written;
}

describe('hostile bodies (issue 16): linear work, sliced within a message, capped per page', () => {
  const shapes = [
    ['4,000 indented quote runs', quoteRuns(4000), 'marc'],
    ['2,000 small diffs', smallDiffs(2000), 'pipermail'],
    ['a 12,000-line diff of alternating - and + lines', diffLines(12000), 'pipermail'],
  ] as const;

  it.each(shapes)('%s in one text node: the text is rewritten a bounded number of times, not once per cut; text and undo exact', (_name, text, archive) => {
    const { doc, pre } = onePre(text);
    const before = snapshot(doc);
    let a: ReturnType<typeof annotate> | null = null;
    // Uncapped, so the count is the algorithm's: cutting one place at a time rewrote the node's
    // whole head at every cut (quadratic: over 1,000 times the text here); now once per batch
    // of cuts, and a body has at most 8 batches.
    const written = textRewrites(doc, () => (a = annotate(doc, { archive, thread: true, maxFolds: Infinity, maxTints: Infinity })));
    expect(a!.toggles.length).toBeGreaterThan(0);
    expect(written).toBeLessThan(8 * text.length);
    expect(pre.textContent).toBe(text);
    const cuts = pre.querySelectorAll('.listlens-add, .listlens-del, .listlens-hunk, .listlens-quote').length;
    expect(cuts).toBeGreaterThan(1000);
    a!.undo();
    expectRestored(doc, before);
    expect(pre.childNodes).toHaveLength(1);
  });

  it('one long message is done in many slices (not one task), with the same result as at once', async () => {
    const text = quoteRuns(3000);
    const whole = onePre(text);
    await annotate(whole.doc, { archive: 'marc', thread: true }).done;
    const sliced = onePre(text);
    const before = snapshot(sliced.doc);
    let slices = 0;
    const a = annotate(sliced.doc, { archive: 'marc', thread: true, sliceMs: 0, onSlice: () => slices++ });
    expect(await a.done).toBe(true);
    expect(slices).toBeGreaterThan(3);
    expect(sliced.doc.body.innerHTML.replace(/listlens-fold-\d+/g, 'id')).toBe(whole.doc.body.innerHTML.replace(/listlens-fold-\d+/g, 'id'));
    a.undo();
    expectRestored(sliced.doc, before);
  });

  it('past the page caps, the first folds are made, the rest is left as the archive shows it, and the control is told', async () => {
    const { doc, pre } = onePre(quoteRuns(MAX_FOLDS + 500) + smallDiffs(MAX_TINTS));
    const text = pre.textContent;
    const a = annotate(doc, { archive: 'pipermail', thread: false });
    expect(await a.done).toBe(true);
    expect(a.toggles).toHaveLength(MAX_FOLDS);
    // the first quote runs are folded, the last ones and the diff after them are not
    expect(a.toggles[0]!.dataset.label).toBe('4 quoted lines \u2014 Someone Else, Nov 15');
    expect(a.capped).toEqual({ folds: 501, tints: 0 });
    expect(pre.textContent).toBe(text);
    expect(cappedNote(a.capped)).toBe('This page is too large to annotate whole: ListLens folded its first 1,000 quotes and diffs and left 501 more unfolded.');
    const d = onePre(diffLines(3 * MAX_TINTS));
    const b = annotate(d.doc, { archive: 'pipermail', thread: false });
    expect(await b.done).toBe(true);
    expect(b.toggles).toHaveLength(1);
    expect(d.pre.querySelectorAll('.listlens-add')).toHaveLength(0);
    expect(cappedNote(b.capped)).toBe('This page is too large to annotate whole: ListLens left a long diff untinted.');
    expect(cappedNote({ folds: 0, tints: 0 })).toBeNull();
  });
});
