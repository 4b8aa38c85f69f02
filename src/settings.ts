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
 * - `maintainers` (issue 18): whose ack a series still needs, from a MAINTAINERS file. Off
 *   by default: nothing is fetched before the reader switches it on (which asks for the
 *   source's host permission). `kernel` is the file for the kernel's lists (lore's kernel
 *   inboxes, vger and kvack lists; default the kernel's own on git.kernel.org, '' for none),
 *   `lists` names another file for a list (`qemu-devel` → a URL, or `file:<name>` for a
 *   local file loaded in the options page), `me` the reader's own addresses ("waiting on
 *   me"), `badge` whether the toolbar badge counts series waiting on them.
 * - `patchwork` (issue 18): CI's checks on each patch, read from patchwork's REST API while
 *   the matrix is open. Off by default (switching it on asks for the instance's host
 *   permission). `url` is the instance (patchwork.kernel.org by default), `lists` the lists
 *   it tracks beyond the kernel lists patchwork.kernel.org is known to (inbox names or
 *   addresses; for another instance, the only ones asked).
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

/** The kernel's MAINTAINERS as git.kernel.org's cgit serves it: the kernel lists' default. */
export const KERNEL_MAINTAINERS_URL = 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/plain/MAINTAINERS';

export interface MaintainersSettings {
  on: boolean;
  /** The kernel lists' file: a URL or `file:<name>`; '' for none. */
  kernel: string;
  /** Other lists, each by its name (an inbox name or a list address), and its file. */
  lists: Array<{ list: string; source: string }>;
  me: string[];
  badge: boolean;
}

export const KERNEL_PATCHWORK_URL = 'https://patchwork.kernel.org/';

export interface PatchworkSettings {
  on: boolean;
  /** The instance's root URL. */
  url: string;
  /** Lists it tracks beyond the built-in table (lower-case inbox names or addresses). */
  lists: string[];
}

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
  maintainers: MaintainersSettings;
  patchwork: PatchworkSettings;
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
  maintainers: Object.freeze({ on: false, kernel: KERNEL_MAINTAINERS_URL, lists: [], me: [], badge: false }) as MaintainersSettings,
  patchwork: Object.freeze({ on: false, url: KERNEL_PATCHWORK_URL, lists: [] }) as PatchworkSettings,
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

/** A MAINTAINERS source as stored: an http(s) URL or `file:<name>`, else null. */
export function maintainersSource(input: string): string | null {
  const t = input.trim();
  if (/^file:.{1,200}$/.test(t)) return t;
  try {
    const u = new URL(t);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname ? u.href : null;
  } catch {
    return null;
  }
}

function maintainersOf(v: unknown): MaintainersSettings {
  const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const d = DEFAULT_SETTINGS.maintainers;
  const lists = Array.isArray(o.lists)
    ? o.lists.flatMap((x: unknown) => {
        const r = x && typeof x === 'object' ? (x as Record<string, unknown>) : {};
        const list = typeof r.list === 'string' ? r.list.trim().toLowerCase() : '';
        const source = typeof r.source === 'string' ? maintainersSource(r.source) : null;
        return list && source ? [{ list, source }] : [];
      })
    : [];
  return {
    on: typeof o.on === 'boolean' ? o.on : d.on,
    kernel: typeof o.kernel === 'string' ? (o.kernel.trim() === '' ? '' : (maintainersSource(o.kernel) ?? d.kernel)) : d.kernel,
    lists,
    me: [...new Set(strings(o.me).map((a) => a.trim()).filter((a) => /^[^@\s]+@[^@\s]+$/.test(a)))],
    badge: typeof o.badge === 'boolean' ? o.badge : d.badge,
  };
}

/** A patchwork instance as stored: its http(s) root, `https://host/` or `https://host/prefix/`, else null. */
export function patchworkUrl(input: string): string | null {
  try {
    const u = new URL(input.trim());
    if (!/^https?:$/.test(u.protocol) || !u.hostname || u.username || u.password) return null;
    return `${u.origin}${u.pathname.replace(/\/*$/, '/')}`;
  } catch {
    return null;
  }
}

function patchworkOf(v: unknown): PatchworkSettings {
  const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const d = DEFAULT_SETTINGS.patchwork;
  return {
    on: typeof o.on === 'boolean' ? o.on : d.on,
    url: (typeof o.url === 'string' ? patchworkUrl(o.url) : null) ?? d.url,
    lists: [...new Set(strings(o.lists).map((l) => l.trim().toLowerCase()).filter((l) => /^[a-z0-9][\w.+@-]{0,200}$/.test(l)))],
  };
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
    maintainers: maintainersOf(o.maintainers),
    patchwork: patchworkOf(o.patchwork),
  };
}
