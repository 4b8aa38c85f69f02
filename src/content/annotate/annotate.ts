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
 * The work is done in slices of a few milliseconds (`sliceMs`), between message bodies and
 * within one (BodyJob), and each step is linear in what it touches (lines.ts, edits.ts). A
 * page may cost at most MAX_FOLDS folds and MAX_TINTS tinted ranges: hostile mail (20,000
 * quote runs in one message) would otherwise take seconds of the tab's main thread, mostly
 * in the browser's layout of every slice's changes. What the caps leave out is said in
 * `capped`, which the page's control shows.
 *
 * Which quotes start folded follows the panel (src/core/thread/quote-fold.ts): longer than
 * LONG_BLOCK lines, or quoting a quote. Short quotes (up to 3 lines) keep no toggle: an inline
 * reply needs them. Folded quotes with only blank lines between them are one toggle, by the
 * panel's rule (`quoteFoldRuns`). Diffs start folded on thread pages (a discussion to read) and open on a
 * message page (the patch itself).
 *
 * Non-goals: deciding whether to annotate (main.ts asks the worker), keys, marks.
 */
import { DEEP_QUOTE, LONG_BLOCK, quoteFoldRuns, quoteLabel } from '../../core/thread/quote-fold.ts';
import { plural } from '../../core/format.ts';
import { runsOf, type DiffRun, type Run } from './blocks.ts';
import { Edits } from './edits.ts';
import { LineWrapper, readLines } from './lines.ts';
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
  /** The caps, for tests (MAX_FOLDS, MAX_TINTS by default). */
  maxFolds?: number;
  maxTints?: number;
}

export interface Annotation {
  edits: Edits;
  /** The message bodies that were annotated. */
  bodies: Element[];
  /** Toggles made, in page order. */
  toggles: HTMLButtonElement[];
  /** Settles when every body is done (true), or the annotation was undone or failed (false). */
  done: Promise<boolean>;
  /** What the caps left out (counted as bodies are read); zero counts when nothing. */
  capped: Capped;
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


function labelOf(r: Run): string {
  if (r.kind === 'quote') return quoteLabel(r.to - r.from + 1, [r.who]);
  return `diff: ${plural(Math.max(r.files, 1), 'file')}, +${r.added} \u2212${r.removed}`;
}

function startsFolded(r: Run, thread: boolean): boolean {
  return r.kind === 'quote' ? r.to - r.from + 1 > LONG_BLOCK || r.depth >= DEEP_QUOTE : thread;
}

/** A fold to make: its run (merged quotes: first to last line), its words, how it starts. */
export interface Toggle {
  run: Run;
  label: string;
  folded: boolean;
}

/**
 * The toggles of one body from its runs (quotes that keep a toggle, and diffs, each one the
 * wrapper `can` wrap), in page order: consecutive folded quotes with only blank lines between
 * them are one (the core's `quoteFoldRuns`, the panel's rule). The merged span can be wrapped
 * too: whether a range can depends only on its first line's start and its last line's end.
 * Linear in the runs and the lines between them.
 */
export function toggleRuns(runs: readonly Run[], text: readonly string[], thread: boolean): Toggle[] {
  const pieces = runs.map((r) => ({ quote: r.kind === 'quote', folded: startsFolded(r, thread), lines: r.to - r.from + 1, source: r.kind === 'quote' ? r.who : '' }));
  const blankBetween = (i: number): boolean => {
    for (let k = runs[i - 1]!.to + 1; k < runs[i]!.from; k++) if (text[k]!.trim()) return false;
    return true;
  };
  return quoteFoldRuns(pieces, blankBetween).map((g) => {
    const r = runs[g.from]!;
    return g.label === null ? { run: r, label: labelOf(r), folded: pieces[g.from]!.folded } : { run: { ...r, to: runs[g.to]!.to }, label: g.label, folded: true };
  });
}

export function setFolded(btn: Element, folded: boolean): void {
  const block = btn.ownerDocument.getElementById(btn.getAttribute('aria-controls') ?? '');
  btn.setAttribute('aria-expanded', String(!folded));
  if (folded) block?.setAttribute('hidden', '');
  else block?.removeAttribute('hidden');
}

/** Consecutive `+`, `-` or `@@` lines of a diff, each range one tint: [from, to, kind]. */
function tintRanges(r: DiffRun): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  for (const [line, kind] of r.marks) {
    const last = out[out.length - 1];
    if (last && last[2] === kind && last[1] === line - 1) last[1] = line;
    else out.push([line, line, kind]);
  }
  return out;
}

/** What one page may cost: past these, the rest is left as the archive shows it (and the control says so). */
export const MAX_FOLDS = 1000;
export const MAX_TINTS = 2000;
/**
 * Wraps per batch (lines.ts): at least MIN_BATCH (a few milliseconds), and at most
 * MAX_BATCHES batches per body, since each batch rewrites the head of the text nodes it cuts:
 * a body's text is rewritten a bounded number of times, whatever the number of its cuts.
 */
const MIN_BATCH = 256;
const MAX_BATCHES = 8;
/** The longest slice that changes a long body (`BodyJob.step`), and the body lines per millisecond of it. */
const LONG_SLICE_MS = 40;
const LINES_PER_MS = 2500;

/** What the caps left out of a page: folds not made, diffs left untinted. */
export interface Capped {
  folds: number;
  tints: number;
}

/** The page's remaining allowance of folds and tints (MAX_FOLDS, MAX_TINTS), shared by its bodies. */
interface Allowance {
  folds: number;
  tints: number;
  capped: Capped;
}

/** One wrap of a body's plan: a tint inside a diff, or a fold (which takes in its tints). */
type Op = { tint: [number, number, string] } | { fold: Toggle };

/**
 * One message body's annotation as work that can stop between batches and go on in a later
 * task: reading its lines and runs (linear, done at once), then batches of wraps from the
 * body's end to its start, each cutting the text it needs and wrapping it in the same task.
 * A diff's tints are wrapped before its fold, which then takes them in. Between two tasks
 * the page shows the mail as it was, partly tinted or folded; never anything else.
 */
class BodyJob {
  private readonly w: LineWrapper;
  /** Reading the lines, then finding the runs: both resumable. */
  private reading: Generator<void, void>;
  private finding: Generator<Run | null, void> | null = null;
  /** The plan, in page order while it is made; then reversed (last wrap first) and worked through. */
  private ops: Op[] = [];
  /** The runs that keep a toggle, gathered until the body is read through, then merged (toggleRuns). */
  private runs: Run[] = [];
  private text: string[] | null = null;
  private planned = false;
  private next = 0;
  private made: HTMLButtonElement[] = [];

  constructor(
    private readonly pre: Element,
    private readonly opts: AnnotateOptions,
    private readonly edits: Edits,
    private readonly allowance: Allowance,
  ) {
    this.w = new LineWrapper({ units: [], lines: [] }, edits);
    this.reading = readLines(pre, this.w.m);
  }

  /**
   * Works until `deadline` (performance.now()); the body's toggles, in page order, once done.
   * Changing a long body, it may go on past the deadline up to `start` + LONG_SLICE_MS: after
   * each task that changed the page the browser lays the whole <pre> out again, which for a
   * body of 100,000 lines costs far more than the slice (hundreds of milliseconds), so fewer,
   * longer slices cost the reader less there. Reading and planning change nothing and keep
   * to the deadline.
   */
  step(start: number, deadline: number): HTMLButtonElement[] | null {
    if (!this.planned && !this.plan(deadline)) return null;
    deadline = Math.max(deadline, start + Math.min(LONG_SLICE_MS, this.w.m.lines.length / LINES_PER_MS));
    const w = this.w;
    const size = Math.max(MIN_BATCH, Math.ceil(this.ops.length / MAX_BATCHES));
    while (this.next < this.ops.length) {
      const batch = this.ops.slice(this.next, this.next + size);
      this.next += batch.length;
      w.prepare(batch.map((op) => ('tint' in op ? ([op.tint[0], op.tint[1]] as const) : ([op.fold.run.from, op.fold.run.to] as const))));
      for (const op of batch) this.apply(op);
      if (performance.now() >= deadline) break;
    }
    return this.next >= this.ops.length ? this.made.reverse() : null;
  }

  private apply(op: Op): void {
    const doc = this.pre.ownerDocument;
    if ('tint' in op) {
      const span = doc.createElement('span');
      span.className = `listlens-${op.tint[2]}`;
      this.w.wrap(op.tint[0], op.tint[1], span);
      return;
    }
    const { run: r, label, folded } = op.fold;
    const id = `listlens-fold-${++seq}`;
    const block = doc.createElement('span');
    block.id = id;
    block.className = `listlens-${r.kind}`;
    if (!this.w.wrap(r.from, r.to, block)) return;
    const btn = doc.createElement('button');
    btn.type = 'button';
    btn.className = 'listlens-fold';
    btn.dataset.label = label;
    btn.setAttribute('aria-label', label);
    btn.setAttribute('aria-controls', id);
    this.edits.insert(btn, this.pre, block);
    setFolded(btn, folded);
    this.made.push(btn);
  }

  /** Reads the body and plans its wraps until `deadline`; true once the plan is whole. */
  private plan(deadline: number): boolean {
    const w = this.w;
    while (!this.reading.next().done) if (performance.now() >= deadline) return false;
    this.text ??= w.m.lines.map((l) => l.text);
    this.finding ??= runsOf(this.text);
    for (let it = this.finding.next(); !it.done; it = this.finding.next()) {
      const r = it.value;
      if (!r) {
        if (performance.now() >= deadline) return false;
        continue;
      }
      if (r.kind === 'quote' && r.to - r.from + 1 <= SHORT_QUOTE) continue;
      if (w.can(r.from, r.to)) this.runs.push(r);
    }
    const a = this.allowance;
    for (const t of toggleRuns(this.runs, this.text, this.opts.thread)) {
      const r = t.run;
      if (a.folds <= 0) {
        a.capped.folds++;
        continue;
      }
      a.folds--;
      this.ops.push({ fold: t });
      if (r.kind !== 'diff' || this.opts.archive === 'public-inbox') continue;
      const tints = tintRanges(r).filter(([from, to]) => w.can(from, to));
      // A diff is tinted whole or not at all: half a tinted diff would read as another diff.
      if (tints.length > a.tints) {
        a.capped.tints++;
        continue;
      }
      a.tints -= tints.length;
      for (const x of tints) this.ops.push({ tint: x });
    }
    // Last wrap first: each diff's tints (listed after its fold) come before the fold that takes them in.
    this.ops.reverse();
    this.planned = true;
    return true;
  }
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
  let job: BodyJob | null = null;
  const allowance: Allowance = { folds: opts.maxFolds ?? MAX_FOLDS, tints: opts.maxTints ?? MAX_TINTS, capped: { folds: 0, tints: 0 } };
  const done = new Promise<boolean>((resolve) => {
    const slice = (): void => {
      if (ctl.signal.aborted) return resolve(false);
      const t0 = performance.now();
      try {
        while (next < bodies.length) {
          job ??= new BodyJob(bodies[next]!, opts, edits, allowance);
          const made = job.step(t0, t0 + budget);
          if (made) {
            toggles.push(...made);
            job = null;
            next++;
          }
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
    capped: allowance.capped,
    undo() {
      ctl.abort();
      edits.undo();
    },
  };
}
