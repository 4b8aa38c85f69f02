/**
 * What the panel says when it cannot simply show a thread: errors by kind, list-level pages,
 * and search-matched threads that may be the wrong one. Each is a title a reader understands
 * plus the worker's own sentence; never a stack or an object dump.
 *
 * Non-goals: recovering (the worker retries politely; the panel only offers "retry").
 */
import type { LoadError, LoadErrorKind } from '../protocol.ts';
import type { PanelState } from './panel-state.ts';

export interface Status {
  tone: 'error' | 'warn' | 'info';
  title: string;
  detail: string;
  retry: boolean;
  /** Offer "Enable ListLens on <origin>" (a public-inbox host without permission). */
  enableHost?: boolean;
}

const TITLES: Record<LoadErrorKind, { title: string; retry: boolean; hint?: string }> = {
  challenge: {
    title: 'The archive asked for a bot check (challenge)',
    retry: true,
    hint: 'Open the message page in a tab once so the archive can check your browser, then retry.',
  },
  network: { title: 'The archive could not be reached', retry: true },
  'not-found': { title: 'This Message-ID is not in the archive', retry: false },
  'rate-limited': { title: 'The archive asked ListLens to slow down', retry: true },
  quota: { title: 'Could not save this thread for offline reading', retry: false },
  cache: { title: 'The saved copy of this thread could not be read', retry: true },
  unsupported: { title: 'No thread to show here', retry: false },
  http: { title: 'The archive answered with an error', retry: true },
  parse: { title: 'The thread could not be read', retry: true },
  'too-large': {
    title: 'This thread is larger than ListLens opens',
    retry: true,
    hint: 'To open it, raise the limits under "Large threads" in ListLens\'s options, then retry.',
  },
};

export function errorStatus(e: LoadError, tone: Status['tone'] = 'error'): Status {
  const t = TITLES[e.kind] ?? { title: 'Something went wrong', retry: true };
  const detail = [clean(e.message), t.hint ?? ''].filter(Boolean).join(' ');
  return { tone, title: t.title, detail, retry: t.retry };
}

/** Error sentences are shown as text; this only keeps them to one readable line. */
function clean(s: string): string {
  const line = s.split('\n')[0] ?? '';
  return line.length > 300 ? line.slice(0, 297) + '…' : line;
}

export function statuses(s: PanelState): Status[] {
  const out: Status[] = [];
  const r = s.resolution;
  if (s.error) out.push(errorStatus(s.error));
  if (s.host) {
    out.push({
      tone: 'info',
      title: `${s.host.origin} looks like a public-inbox archive`,
      detail: 'ListLens may read this archive once you allow it. It then fetches only the threads you open here.',
      retry: false,
      enableHost: true,
    });
  }
  if (s.notice) out.push(errorStatus(s.notice, 'warn'));
  if (s.waiting) out.push({ tone: 'info', title: 'Waiting for the archive', detail: clean(s.waiting), retry: false });
  if (r && !s.error && s.threadKey === null && !s.loading && (r.kind === 'index' || r.kind === 'search')) {
    const list = r.list ? ` of ${r.list}` : '';
    out.push({
      tone: 'info',
      title: r.kind === 'index' ? `This is the list index${list}, not a message` : `This is a search page${list}, not a message`,
      detail: 'There is no thread here: open a message to see its thread, participants and series.',
      retry: false,
    });
  }
  if (r?.confidence === 'search' && !s.error) {
    out.push({
      tone: 'warn',
      title: 'Uncertain match',
      detail: 'This archive hides the Message-ID, so the thread was matched by subject and author and may be the wrong one.',
      retry: false,
    });
  }
  return out;
}
