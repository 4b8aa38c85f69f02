/**
 * The settings the thread loader reads, behind functions the worker's entry wires in
 * (`configureLoader`), so loading code never knows how settings are stored and tests set
 * them directly. Each read is async and tolerant: a missing or broken setting gives the
 * default.
 *
 * Non-goals: storing settings (src/settings-storage.ts), their schema and defaults (src/settings.ts), validating them for the options page.
 */
import { DEFAULT_LIMIT_BYTES, DEFAULT_SETTINGS, REFRESH_TTL_MS } from '../settings.ts';
import { fetchThroughTab } from './net/page-fetch.ts';
import { recorded } from '../errors.ts';

// b4 caches a thread for 10 minutes: never ask the archive again sooner, never poll.
export { REFRESH_TTL_MS };

export interface LoaderSettings {
  /** The cache bound in MB (settings' `cacheLimitMB`); null or absent: 200 MB. */
  cacheLimitMB(): Promise<number | null | undefined>;
  /** public-inbox instances the reader added (`https://host/prefix/`), for `resolvePage`. */
  extraHosts(): Promise<string[]>;
  /**
   * Minutes a cached thread is shown without asking the archive (default 10, b4's cache
   * time). 0 checks on every open; still one request per open, never a poll.
   */
  refreshMinutes(): Promise<number | null | undefined>;
  /** The largest thread file to download and to decompress to, in MB (settings' `maxDownloadMB`, `maxInflatedMB`). */
  sizeLimitsMB(): Promise<{ download: number; inflated: number } | null | undefined>;
  /**
   * Fetch a URL from an open tab of the archive (same origin, so with every cookie the
   * reader's browser holds for it), or null when no such tab can. The worker falls back to
   * it when its own request met a bot challenge: Chromium does not send a Partitioned
   * cookie (Anubis >= 1.27) with an extension's fetch, a page's own request does.
   */
  pageFetch(req: { url: string; method: 'GET' | 'POST'; body: string }): Promise<Uint8Array | null>;
}

let settings: LoaderSettings = {
  cacheLimitMB: async () => null,
  extraHosts: async () => [],
  refreshMinutes: async () => null,
  sizeLimitsMB: async () => null,
  // Built in: needs no settings, and answers null outside an extension (Node tests).
  pageFetch: fetchThroughTab,
};

export async function refreshTtlMs(): Promise<number> {
  const m = await settings.refreshMinutes().catch(recorded('settings: refresh minutes', null));
  return typeof m === 'number' && m >= 0 ? m * 60_000 : REFRESH_TTL_MS;
}

/** The worker's entry passes the settings here, so this module never knows how they are stored. */
export function configureLoader(s: Partial<LoaderSettings>): void {
  settings = { ...settings, ...s };
}

export async function cacheLimitBytes(): Promise<number> {
  const mb = await settings.cacheLimitMB().catch(recorded('settings: cache limit', null));
  return typeof mb === 'number' && mb > 0 ? mb * 1024 * 1024 : DEFAULT_LIMIT_BYTES;
}

/** How large a thread may be, in bytes: downloaded, and decompressed (the settings' limits, or their defaults). */
export interface SizeLimits {
  download: number;
  inflated: number;
}

export async function sizeLimits(): Promise<SizeLimits> {
  const mb = await settings.sizeLimitsMB().catch(recorded('settings: size limits', null));
  const pick = (v: unknown, dflt: number): number => (typeof v === 'number' && v > 0 ? v : dflt) * 1024 * 1024;
  return { download: pick(mb?.download, DEFAULT_SETTINGS.maxDownloadMB), inflated: pick(mb?.inflated, DEFAULT_SETTINGS.maxInflatedMB) };
}

export async function extraHosts(): Promise<string[]> {
  return settings.extraHosts().catch(recorded('settings: instances', []));
}

export async function pageFetch(req: { url: string; method: 'GET' | 'POST'; body: string }): Promise<Uint8Array | null> {
  return settings.pageFetch(req).catch(recorded('page fetch', null));
}
