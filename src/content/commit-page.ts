/**
 * The content script of git webs' commit pages (`commit.js`), registered by the worker only on
 * the hosts the reader switched on in Options → Git web (browser/git-hosts.ts). It says which
 * commit the page shows (src/sites/git-web.ts, from the URL alone) and puts the "ListLens"
 * control on the page, which opens the panel: the worker then looks the commit's discussion up.
 *
 * Apart from content.js so the archives' script does not grow by the git webs' adapters, and
 * this one stays a few KB. GitHub moves between pages without loading them (Turbo): its
 * `turbo:load` and the history's `popstate` start a new run.
 *
 * Non-goals: reading or changing the page beyond the one control; fetching.
 */
import type { PageAnswer, RuntimeRequest } from '../protocol.ts';
import { commitPageOf } from '../sites/git-web.ts';
import { removeControl, showControl } from './control.ts';
import { sendMessage } from './runtime.ts';

let lastHref = '';

async function run(): Promise<void> {
  const href = location.href;
  if (href === lastHref) return;
  lastHref = href;
  let res: ReturnType<typeof commitPageOf>;
  try {
    res = commitPageOf(new URL(href));
  } catch {
    res = null;
  }
  if (!res) {
    removeControl();
    await sendMessage({ type: 'no-page', url: href } satisfies RuntimeRequest);
    return;
  }
  const answer = (await sendMessage({ type: 'page', url: href, resolution: res } satisfies RuntimeRequest)) as PageAnswer | null;
  if (location.href !== href) return;
  if (answer?.ok) showControl(() => void sendMessage({ type: 'open-panel', url: location.href } satisfies RuntimeRequest));
  else removeControl();
}

const MARK = '__listlensCommit';
const w = window as unknown as Record<string, unknown>;
if (!w[MARK]) {
  w[MARK] = true;
  void run();
  window.addEventListener('popstate', () => void run());
  document.addEventListener('turbo:load', () => void run());
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) {
      lastHref = '';
      void run();
    }
  });
}
