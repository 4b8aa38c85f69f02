/**
 * The content script, on every archive page ListLens knows (and once, on the toolbar's
 * request, on a page of an unknown host). It says what the page is and nothing more: the
 * URL first, the page only where the URL is not enough (src/sites' `resolvePage`), then one
 * message to the worker. On pages with a thread it adds one small "ListLens" control that
 * opens the panel (Firefox cannot open its sidebar from the page; Chrome may).
 *
 * It runs on every page view, so it must stay small (one classic script, ≤ 15 KB gzip) and
 * cheap (≤ 5 ms of main thread): no parsing of mail, no fetching, no waiting on the worker
 * before the page is free. Each page run has its own AbortController; a `#m…` anchor change
 * on a thread page, or a return from the back-forward cache, starts a new run.
 *
 * Where the worker allows it (the `annotatePages` setting), the page is annotated once the
 * worker has answered (page-annotation.ts): after the page is free, never before it paints.
 *
 * Non-goals: the annotation itself, anything the worker or panel does.
 */
import type { Resolution } from '../sites/types.ts';
import type { PageAnswer, RuntimeRequest } from '../protocol.ts';
import { removeControl, showControl } from './control.ts';
import { detect } from './detect.ts';
import { annotatable, annotatePage, unannotate } from './page-annotation.ts';
import { onSettingsChanged, sendMessage } from './runtime.ts';

/** Kinds of page that have a thread for the panel to show. */
const THREADED = new Set(['message', 'thread', 'patch', 'cover', 'series']);

let current: AbortController | null = null;

function send(req: RuntimeRequest): Promise<unknown> {
  return sendMessage(req);
}

async function pageRun(signal: AbortSignal): Promise<void> {
  performance.mark('listlens-content-start');
  const href = location.href;
  let res: Resolution | null;
  try {
    res = detect(href, document);
  } catch {
    res = null; // a malformed URL or page: not ours, never an error in the reader's console
  }
  // Left on the page's timeline for bench/content-script.ts; the start mark is not.
  performance.measure('listlens-content', 'listlens-content-start');
  performance.clearMarks('listlens-content-start');
  if (!res) {
    removeControl();
    unannotate();
    await send({ type: 'no-page', url: href });
    return;
  }
  const answer = (await send({ type: 'page', url: href, resolution: res })) as PageAnswer | null;
  if (signal.aborted) return;
  if (answer?.ok && THREADED.has(res.kind)) showControl(() => void send({ type: 'open-panel', url: location.href }));
  else removeControl();
  if (answer?.ok && answer.annotate === true && annotatable(res)) await annotatePage(res, href, send, signal).catch(() => undefined);
  else unannotate();
}

function start(): void {
  current?.abort();
  const ctl = new AbortController();
  current = ctl;
  void pageRun(ctl.signal);
}

// The toolbar may inject this script into a page where it already runs: one run per page.
const MARK = '__listlensContent';
const w = window as unknown as Record<string, unknown>;
if (!w[MARK]) {
  w[MARK] = true;
  start();
  window.addEventListener('hashchange', start);
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) start();
  });
  // The annotation switched on or off: a new run asks the worker, which answers with the setting.
  onSettingsChanged(start);
} else {
  start();
}
