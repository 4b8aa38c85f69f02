/**
 * The reader's settings in browser storage: `storage.sync` (so they follow the reader across
 * browsers where the browser syncs), falling back to `storage.local` where sync storage is
 * unavailable. Used by the worker and the options page.
 *
 * Non-goals: the schema and defaults (settings.ts), permissions.
 */
import browser from 'webextension-polyfill';
import { normalizeInstance } from './sites/public-inbox-url.ts';
import { DEFAULT_SETTINGS, sanitize, type Settings } from './settings.ts';

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

export async function getSettings(): Promise<Settings> {
  try {
    const a = await area();
    const got = await a.get(KEY);
    return sanitize(got[KEY]);
  } catch {
    return { ...DEFAULT_SETTINGS, instances: [], disabledAdapters: [], gitHosts: [] };
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
