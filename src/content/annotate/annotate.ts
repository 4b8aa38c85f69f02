/**
 * ListLens on the archive's own page: in the preformatted text of each message, quoted
 * blocks and diffs fold behind toggles that name what they hide ("24 quoted lines — Jerome
 * Glisse, Jul 20", "diff: 1 file, +6 −6"), and diff lines are tinted. Everything is undone by
 * the returned handle's `undo()`, which leaves the page as it was.
 *
 * The page's text is never re-parsed: its own nodes are moved into wrappers (lines.ts), and
 * toggles carry their words in attributes drawn by CSS, so the page's textContent (folds
 * expanded) and what a reader copies are the mail as the archive shows it.
 *
 * Long thread pages are done in slices of a few milliseconds (`sliceMs`), body by body.
 *
 * Which quotes start folded follows the panel (src/core/thread/quote-fold.ts): longer than
 * LONG_BLOCK lines, or quoting a quote. Short quotes (up to 3 lines) keep no toggle: an inline
 * reply needs them. Diffs start folded on thread pages (a discussion to read) and open on a
 * message page (the patch itself).
 *
 * Non-goals: deciding whether to annotate (main.ts asks the worker), keys, marks.
 */
import { DEEP_QUOTE, LONG_BLOCK } from '../../core/thread/quote-fold.ts';
import { findRuns, type Run } from './blocks.ts';
import { Edits } from './edits.ts';
import { lineModel, wrapLines } from './lines.ts';
import { CSS } from './style.ts';

export interface AnnotateOptions {
  /** The adapter id (`public-inbox`, `marc`, …). */
  archive: string;
  /** A page with many messages (public-inbox `T/`, `t/`): diffs start folded. */
  thread: boolean;
  /**
   * Main-thread milliseconds per task: past them, the page's remaining message bodies are
   * annotated in later tasks, so a 100-message `T/` page never blocks the reader for long.
   * Unset: every body at once (tests).
   */
  sliceMs?: number;
  /** Told the span of each task's work (the bench reads it from the page's timeline). */
  onSlice?: (start: number, end: number) => void;
}

export interface Annotation {
  edits: Edits;
  /** The message bodies that were annotated. */
  bodies: Element[];
  /** Toggles made, in page order. */
  toggles: HTMLButtonElement[];
  /** Settles when every body is done (true), or the annotation was undone or failed (false). */
  done: Promise<boolean>;
  undo(): void;
}

/** Quotes this long or shorter keep no toggle. */
const SHORT_QUOTE = 3;
let seq = 0;

/** The elements holding one message's preformatted text each. */
export function messageBodies(doc: Document, archive: string): Element[] {
  if (archive === 'public-inbox') {
    // pre#b on a message page; on T/ and t/ one <pre> per message, opened by its `id=m<sha1>` anchor.
    return [...doc.querySelectorAll('pre')].filter((p) => p.id === 'b' || /^m[0-9a-f]{40}$/.test(p.querySelector('a[id]')?.id ?? ''));
  }
  // Other archives keep a message's text in a <pre> (MHonArc, marc, blists, pipermail, patchwork).
  return [...doc.querySelectorAll('pre')].filter((p) => !p.closest('form, textarea, [contenteditable]'));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function labelOf(r: Run): string {
  if (r.kind === 'quote') return `${plural(r.to - r.from + 1, 'quoted line')}${r.who ? ` — ${r.who}` : ''}`;
  return `diff: ${plural(Math.max(r.files, 1), 'file')}, +${r.added} \u2212${r.removed}`;
}

function startsFolded(r: Run, thread: boolean): boolean {
  return r.kind === 'quote' ? r.to - r.from + 1 > LONG_BLOCK || r.depth >= DEEP_QUOTE : thread;
}

export function setFolded(btn: Element, folded: boolean): void {
  const block = btn.ownerDocument.getElementById(btn.getAttribute('aria-controls') ?? '');
  btn.setAttribute('aria-expanded', String(!folded));
  if (folded) block?.setAttribute('hidden', '');
  else block?.removeAttribute('hidden');
}

/** Tints the `+`/`-`/`@@` lines of a wrapped diff where the archive did not mark them. */
function tintDiff(wrapper: Element, doc: Document, edits: Edits): void {
  const m = lineModel(wrapper);
  const runs = findRuns(m.lines.map((l) => l.text));
  const marks = runs.flatMap((r) => (r.kind === 'diff' ? r.marks : []));
  // Consecutive lines of one kind share a span; from the last, so earlier positions stay true.
  for (let i = marks.length - 1; i >= 0; ) {
    const [to, kind] = marks[i]!;
    let from = to;
    while (i > 0 && marks[i - 1]![1] === kind && marks[i - 1]![0] === from - 1) from = marks[--i]![0];
    i--;
    const span = doc.createElement('span');
    span.className = `listlens-${kind}`;
    wrapLines(m, from, to, span, edits);
  }
}

function annotateBody(pre: Element, opts: AnnotateOptions, edits: Edits, toggles: HTMLButtonElement[]): void {
  const doc = pre.ownerDocument;
  const m = lineModel(pre);
  const runs = findRuns(m.lines.map((l) => l.text)).filter((r) => r.kind === 'diff' || r.to - r.from + 1 > SHORT_QUOTE);
  const made: HTMLButtonElement[] = [];
  for (let i = runs.length - 1; i >= 0; i--) {
    const r = runs[i]!;
    const id = `listlens-fold-${++seq}`;
    const block = doc.createElement('span');
    block.id = id;
    block.className = `listlens-${r.kind}`;
    if (!wrapLines(m, r.from, r.to, block, edits)) continue;
    if (r.kind === 'diff' && opts.archive !== 'public-inbox') tintDiff(block, doc, edits);
    const btn = doc.createElement('button');
    btn.type = 'button';
    btn.className = 'listlens-fold';
    const label = labelOf(r);
    btn.dataset.label = label;
    btn.setAttribute('aria-label', label);
    btn.setAttribute('aria-controls', id);
    edits.insert(btn, pre, block);
    setFolded(btn, startsFolded(r, opts.thread));
    made.push(btn);
  }
  toggles.push(...made.reverse());
}

/** Annotates the page's message bodies; an annotation with nothing in it when there is nothing to fold. */
export function annotate(doc: Document, opts: AnnotateOptions): Annotation {
  const edits = new Edits();
  const toggles: HTMLButtonElement[] = [];
  const bodies = messageBodies(doc, opts.archive);
  const style = doc.createElement('style');
  style.id = 'listlens-style';
  style.textContent = CSS;
  edits.insert(style, doc.head ?? doc.documentElement, null);
  const ctl = new AbortController();
  const budget = opts.sliceMs ?? Infinity;
  let next = 0;
  const done = new Promise<boolean>((resolve) => {
    const slice = (): void => {
      if (ctl.signal.aborted) return resolve(false);
      const t0 = performance.now();
      try {
        while (next < bodies.length) {
          annotateBody(bodies[next++]!, opts, edits, toggles);
          if (performance.now() - t0 >= budget) break;
        }
      } catch {
        // Half an annotation is worse than none: the page goes back as it was.
        ctl.abort();
        edits.undo();
        return resolve(false);
      } finally {
        opts.onSlice?.(t0, performance.now());
      }
      if (next < bodies.length) setTimeout(slice, 0);
      else resolve(true);
    };
    slice();
  });
  doc.addEventListener(
    'click',
    (e) => {
      const btn = (e.target as Element | null)?.closest?.('.listlens-fold');
      if (btn) setFolded(btn, btn.getAttribute('aria-expanded') === 'true');
    },
    { signal: ctl.signal },
  );
  return {
    edits,
    bodies,
    toggles,
    done,
    undo() {
      ctl.abort();
      edits.undo();
    },
  };
}
