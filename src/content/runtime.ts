/**
 * The extension APIs the content script uses: `runtime.sendMessage`, promise-based, and
 * `storage.onChanged` for the reader's settings (so switching the annotation off on the
 * options page takes effect on pages already open).
 *
 * Why not webextension-polyfill here, as everywhere else: the content script runs on every
 * archive page view, and the polyfill's API table is a third of its size and evaluated on
 * each load. Both browsers answer `runtime.sendMessage` with a promise natively in MV3
 * (Firefox's `browser`, Chrome's `chrome` since 99), which is all this script needs.
 *
 * Non-goals: any other API (the worker and the pages use the polyfill); reading settings
 * (the worker answers with them).
 */

interface Runtime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
}

interface StorageEvents {
  onChanged?: { addListener(cb: (changes: Record<string, unknown>, area: string) => void): void };
}

type Ext = { runtime?: Runtime; storage?: StorageEvents };

function ext(): Ext | null {
  const g = globalThis as { browser?: Ext; chrome?: Ext };
  return g.browser ?? g.chrome ?? null;
}

function runtime(): Runtime | null {
  return ext()?.runtime ?? null;
}

/** Calls `cb` when the stored settings change (the key the settings module writes). */
export function onSettingsChanged(cb: () => void): void {
  try {
    ext()?.storage?.onChanged?.addListener((changes, area) => {
      if ((area === 'sync' || area === 'local') && 'settings' in changes) cb();
    });
  } catch {
    // no storage API here (an old or removed extension): settings apply from the next page
  }
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
