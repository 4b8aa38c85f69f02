/**
 * A request made by an open tab of the archive instead of by the worker: the way through a
 * bot challenge the worker's own fetch cannot pass.
 *
 * Why: Anubis remembers a reader who passed its check with a cookie. Chromium sends that
 * cookie with the extension's fetch only while it is a plain cookie; Anubis 1.27+ sets it
 * `Partitioned` (CHIPS), and the worker's request then goes without it (measured in the e2e
 * rig). A script in the archive's own tab fetches same-origin, with every cookie of that
 * site, exactly as the page itself would. Firefox already sends the cookie from the worker.
 *
 * Uses `scripting.executeScript` (permission and host permissions the manifest has) on a
 * tab whose URL is on the request's origin; the bytes come back base64-encoded, because
 * executeScript results must be JSON.
 *
 * Non-goals: never opens a tab, never solves a challenge; without such a tab it answers null.
 */
import { recorded } from '../../errors.ts';

interface ScriptingApi {
  tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> };
  scripting: {
    executeScript(d: {
      target: { tabId: number };
      func: (url: string, method: string, body: string) => Promise<string | null>;
      args: [string, string, string];
    }): Promise<Array<{ result?: unknown }>>;
  };
}

function api(): ScriptingApi | null {
  const g = globalThis as unknown as { browser?: Partial<ScriptingApi>; chrome?: Partial<ScriptingApi> };
  const a = g.browser?.scripting && g.browser.tabs ? g.browser : g.chrome;
  return a?.scripting && a.tabs ? (a as ScriptingApi) : null;
}

/** Runs in the archive tab (serialised by executeScript: self-contained, no closures). */
async function fetchInPage(url: string, method: string, body: string): Promise<string | null> {
  const res = await fetch(url, { method, body: method === 'POST' ? body : undefined, credentials: 'include' });
  if (!res.ok) return null;
  const bytes = new Uint8Array(await res.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function fetchThroughTab(req: { url: string; method: 'GET' | 'POST'; body: string }): Promise<Uint8Array | null> {
  const a = api();
  if (!a) return null;
  const origin = new URL(req.url).origin;
  const tabs = await a.tabs.query({ url: `${origin}/*` }).catch(recorded('page fetch: tab query', []));
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    try {
      const [first] = await a.scripting.executeScript({ target: { tabId: tab.id }, func: fetchInPage, args: [req.url, req.method, req.body] });
      if (typeof first?.result === 'string') return fromBase64(first.result);
    } catch {
      // a tab that navigated away or is not scriptable: try the next one
    }
  }
  return null;
}
