/**
 * The reader's settings, in `storage.sync` (so they follow the reader across browsers where
 * the browser syncs), falling back to `storage.local` where sync storage is unavailable.
 * Used by the worker, the options page and the panel alike.
 *
 * - `instances`: public-inbox instances the reader added, as normalised inbox-root URLs
 *   (`https://host/prefix/`). Each needs an optional host permission, requested from a click.
 * - `disabledAdapters`: archive adapters switched off on the options page (ids of src/sites).
 * - `cacheLimitMB`: the thread cache's bound (default 200 MB).
 * - `refreshMinutes`: how long a cached thread is shown without asking the archive (b4's 10).
 * - `annotatePages`: ListLens on the archive page itself (folds, diff tints, marks, j/k/v);
 *   off, the content script leaves the page as the archive sent it. On by default.
 *
 * Every read tolerates missing or broken values (a hand-edited or older store gives the
 * defaults for what is wrong), so no setting can stop the extension from starting.
 *
 * Non-goals: permissions (permissions.ts), applying settings (the worker's entry does).
 */
import browser from 'webextension-polyfill';
import { normalizeInstance } from './host-rules.ts';

export { normalizeInstance, originPattern } from './host-rules.ts';

export interface Settings {
  instances: string[];
  disabledAdapters: string[];
  cacheLimitMB: number;
  refreshMinutes: number;
  annotatePages: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  instances: [],
  disabledAdapters: [],
  cacheLimitMB: 200,
  refreshMinutes: 10,
  annotatePages: true,
});

const KEY = 'settings';

type Area = browser.Storage.StorageArea;

/** storage.sync when it works, else storage.local (sync can be disabled by policy). */
async function area(): Promise<Area> {
  try {
    await browser.storage.sync.get(KEY);
    return browser.storage.sync;
  } catch {
    return browser.storage.local;
  }
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function number(v: unknown, min: number, max: number, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : dflt;
}

/** A stored value made whole: unknown keys dropped, wrong types replaced by defaults. */
export function sanitize(raw: unknown): Settings {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return {
    instances: strings(o.instances).map(normalizeInstance).filter((x): x is string => x !== null),
    disabledAdapters: strings(o.disabledAdapters),
    cacheLimitMB: number(o.cacheLimitMB, 10, 100_000, DEFAULT_SETTINGS.cacheLimitMB),
    refreshMinutes: number(o.refreshMinutes, 0, 7 * 24 * 60, DEFAULT_SETTINGS.refreshMinutes),
    annotatePages: typeof o.annotatePages === 'boolean' ? o.annotatePages : DEFAULT_SETTINGS.annotatePages,
  };
}

export async function getSettings(): Promise<Settings> {
  try {
    const a = await area();
    const got = await a.get(KEY);
    return sanitize(got[KEY]);
  } catch {
    return { ...DEFAULT_SETTINGS, instances: [], disabledAdapters: [] };
  }
}

/** Merges `patch` into the stored settings and returns the result. Throws when storage fails. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const a = await area();
  const next = sanitize({ ...(await getSettings()), ...patch });
  await a.set({ [KEY]: next });
  return next;
}

/** Adds a public-inbox instance (normalised); returns the stored URL, or null if `url` is not one. */
export async function addInstance(url: string): Promise<string | null> {
  const norm = normalizeInstance(url);
  if (!norm) return null;
  const s = await getSettings();
  if (!s.instances.includes(norm)) await updateSettings({ instances: [...s.instances, norm] });
  return norm;
}

export async function removeInstance(url: string): Promise<void> {
  const norm = normalizeInstance(url);
  const s = await getSettings();
  await updateSettings({ instances: s.instances.filter((i) => i !== norm && i !== url) });
}

/** Calls `cb` with the new settings whenever they change (any context). Returns an unsubscribe. */
export function onSettingsChanged(cb: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, areaName: string): void => {
    if ((areaName === 'sync' || areaName === 'local') && KEY in changes) cb(sanitize(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
