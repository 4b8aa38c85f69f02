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
 * - `newMarks`: remember, in this browser only, which messages the reader has seen, and mark
 *   what is new since the last visit (panel, badge, archive pages). On by default.
 * - `annotatePages`: ListLens on the archive page itself (folds, diff tints, marks, j/k/v);
 *   off, the content script leaves the page as the archive sent it. On by default.
 * - `gitHosts`: git webs (cgit, GitHub, GitLab) the reader switched on in Options → Git web,
 *   as origins (`https://git.kernel.org/`). Each also needs its optional host permission; none
 *   is on by default, so no commit page is read and nothing is fetched from a git web before.
 * - `maxDownloadMB`, `maxInflatedMB`: the largest thread file ListLens downloads (64 MB) and
 *   the most it decompresses to (512 MB); past either it stops and says so (issue 16: a
 *   4.7 MB t.mbox.gz that inflated to 1.5 GB took the browser to 4.8 GB). The CLI's
 *   `--max-download` and `--max-size` flags are the same limits, with the same defaults.
 *
 * Every read tolerates missing or broken values (a hand-edited or older store gives the
 * defaults for what is wrong), so no setting can stop the extension from starting.
 *
 * This module is the schema and its defaults, pure so that Node (tests, the worker's
 * loader) can read them; settings-storage.ts reads and writes them in the browser.
 *
 * Non-goals: storage (settings-storage.ts), permissions (background/browser/permissions.ts),
 * applying settings (the worker's entry does).
 */
import { normalizeInstance } from './sites/public-inbox-url.ts';

export interface Settings {
  instances: string[];
  disabledAdapters: string[];
  cacheLimitMB: number;
  refreshMinutes: number;
  newMarks: boolean;
  annotatePages: boolean;
  gitHosts: string[];
  maxDownloadMB: number;
  maxInflatedMB: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  instances: [],
  disabledAdapters: [],
  cacheLimitMB: 200,
  refreshMinutes: 10,
  newMarks: true,
  annotatePages: true,
  gitHosts: [],
  maxDownloadMB: 64,
  maxInflatedMB: 512,
});

/** The bounds the options page and the CLI accept for the size limits, in MB. */
export const SIZE_LIMIT_RANGE = { download: [1, 4096], inflated: [16, 16384] } as const;

/** The defaults in the units the worker uses. b4 caches a thread for 10 minutes. */
export const REFRESH_TTL_MS = DEFAULT_SETTINGS.refreshMinutes * 60_000;
export const DEFAULT_LIMIT_BYTES = DEFAULT_SETTINGS.cacheLimitMB * 1024 * 1024;

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A git web's origin as stored: `https://host/` (a path or query typed is dropped). */
export function gitOrigin(input: string): string | null {
  const norm = normalizeInstance(input);
  return norm ? new URL(norm).origin + '/' : null;
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
    newMarks: typeof o.newMarks === 'boolean' ? o.newMarks : DEFAULT_SETTINGS.newMarks,
    annotatePages: typeof o.annotatePages === 'boolean' ? o.annotatePages : DEFAULT_SETTINGS.annotatePages,
    gitHosts: [...new Set(strings(o.gitHosts).map(gitOrigin).filter((x): x is string => x !== null))],
    maxDownloadMB: number(o.maxDownloadMB, ...SIZE_LIMIT_RANGE.download, DEFAULT_SETTINGS.maxDownloadMB),
    maxInflatedMB: number(o.maxInflatedMB, ...SIZE_LIMIT_RANGE.inflated, DEFAULT_SETTINGS.maxInflatedMB),
  };
}
