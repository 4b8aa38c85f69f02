/**
 * The one extension API the content script uses: `runtime.sendMessage`, promise-based.
 *
 * Why not webextension-polyfill here, as everywhere else: the content script runs on every
 * archive page view, and the polyfill's API table is a third of its size and evaluated on
 * each load. Both browsers answer `runtime.sendMessage` with a promise natively in MV3
 * (Firefox's `browser`, Chrome's `chrome` since 99), which is all this script needs.
 *
 * Non-goals: any other API (the worker and the pages use the polyfill).
 */

interface Runtime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
}

function runtime(): Runtime | null {
  const g = globalThis as { browser?: { runtime?: Runtime }; chrome?: { runtime?: Runtime } };
  return g.browser?.runtime ?? g.chrome?.runtime ?? null;
}

/** Sends `message` to the worker; null when there is no answer or no extension any more. */
export function sendMessage(message: unknown): Promise<unknown> {
  const rt = runtime();
  // A content script left behind by an updated or removed extension has no runtime id.
  if (!rt?.id) return Promise.resolve(null);
  try {
    // A worker that is restarting or an extension being updated: the page simply gets no
    // panel offer this time, and the next page load asks again.
    // A worker that is restarting or an extension being updated: the page simply gets no
    // panel offer this time, and the next page load asks again.
    // A worker that is restarting or an extension being updated: the page simply gets no
    // panel offer this time, and the next page load asks again.
    return rt.sendMessage(message).catch(() => null);
  } catch {
    return Promise.resolve(null);
  }
}
