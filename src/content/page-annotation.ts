/**
 * The content script's part on an archive page beyond saying what it is: annotating it
 * (folds, diff tints), the reading keys, and the marks beside thread links, on pages the
 * worker said may be annotated. One annotation per document: a new page run (an anchor
 * change) keeps it, and a run told "no" undoes it.
 *
 * Non-goals: the folding itself (annotate/), detection and the control (main.ts).
 */
import type { PageMarksAnswer, RuntimeRequest } from '../protocol.ts';
import type { Resolution } from '../sites/types.ts';
import { annotate, MAX_FOLDS, type Annotation, type Capped } from './annotate/annotate.ts';
import { noteControl } from './control.ts';
import { installKeys } from './keys.ts';
import { markTargets, renderMarks } from './marks.ts';

/** Page kinds whose <pre> is mail. */
const MAIL_PAGES = new Set(['message', 'thread', 'patch', 'cover']);
const MAX_IDS = 2000;
/** Main-thread time per annotation task: half a frame. */
const SLICE_MS = 8;

let current: { annotation: Annotation; keys: AbortController } | null = null;

export function annotatable(res: Resolution): boolean {
  return MAIL_PAGES.has(res.kind);
}

/** Takes the page back to what the archive sent. */
export function unannotate(): void {
  current?.keys.abort();
  current?.annotation.undo();
  if (current) noteControl(null);
  current = null;
}

/** What the annotation's caps left out, in the words of the control's tooltip; null when nothing. */
export function cappedNote(c: Capped): string | null {
  const parts: string[] = [];
  if (c.folds) parts.push(`folded its first ${MAX_FOLDS.toLocaleString('en-US')} quotes and diffs and left ${c.folds.toLocaleString('en-US')} more unfolded`);
  if (c.tints) parts.push(`left ${c.tints === 1 ? 'a long diff' : `${c.tints.toLocaleString('en-US')} long diffs`} untinted`);
  return parts.length ? `This page is too large to annotate whole: ListLens ${parts.join(', and ')}.` : null;
}

/** Annotates the page once; asks for marks on public-inbox pages. */
export async function annotatePage(res: Resolution, href: string, send: (r: RuntimeRequest) => Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (current) return;
  const start = performance.now();
  // Each task's span is left on the page's timeline for bench/content-script.ts, like detection's measure.
  const onSlice = (s: number, e: number): void => void performance.measure('listlens-annotate-slice', { start: s, end: e });
  const annotation = annotate(document, { archive: res.archive, thread: res.kind === 'thread', sliceMs: SLICE_MS, onSlice });
  const keys = new AbortController();
  current = { annotation, keys };
  installKeys(
    document,
    {
      anchors: () => (res.kind === 'thread' ? annotation.bodies.map((b) => b.querySelector('a[id^="m"]') ?? b) : []),
      openPanel: () => void send({ type: 'open-panel', url: location.href }),
    },
    keys.signal,
  );
  if (!(await annotation.done)) return;
  performance.measure('listlens-annotate', { start, end: performance.now() });
  noteControl(cappedNote(annotation.capped));
  if (res.archive !== 'public-inbox' || !res.inboxUrl) return;
  const targets = markTargets(document, href, res.inboxUrl, res.messageId);
  const ids = [...new Set(targets.map((t) => t.id))].slice(0, MAX_IDS);
  if (!ids.length) return;
  const answer = (await send({ type: 'page-marks', url: href, threadId: res.messageId, ids })) as PageMarksAnswer | null;
  if (signal.aborted || current?.annotation !== annotation || !answer?.marks || typeof answer.marks !== 'object') return;
  renderMarks(targets, answer.marks, annotation.edits);
}
