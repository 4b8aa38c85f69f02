/**
 * Where a list's MAINTAINERS comes from, and the copy the worker holds (issue 18).
 *
 * - Which file: for a list the reader named in Options (`settings.maintainers.lists`, by
 *   inbox name or list address), that one; for the kernel's lists (lore.kernel.org's
 *   inboxes but the few that carry other projects, and vger/kvack lists) the kernel file
 *   (`settings.maintainers.kernel`, git.kernel.org's by default); none otherwise, and none
 *   at all while the feature is off.
 * - Fetching: only when the feature is on AND the source's host permission is granted
 *   (asked for from the options page's click); through the polite fetcher; at most once a
 *   day per source (a failed attempt waits an hour). The file is parsed and kept in the
 *   cache; a failed fetch, a web page instead of the file, or a file with no entry keeps
 *   the last good copy and records why (the panel says so).
 * - A local file (`file:<name>`) is loaded by the options page (`maintainers-file`) and
 *   never fetched.
 *
 * Non-goals: matching patches (matches.ts), showing anything.
 */
import { parseMaintainers } from '../../core/maintainers/parse.ts';
import type { MaintainersSettings } from '../../settings.ts';
import { hostPattern } from '../../sites/host-pattern.ts';
import { inboxOf } from '../../sites/public-inbox-url.ts';
import { originGranted } from './config.ts';
import { readMaintainersState, writeMaintainersCopy, writeMaintainersFailure, type MaintainersState } from '../cache/maintainers.ts';
import { politeFetch } from '../net/polite-fetch.ts';
import { recorded } from '../../errors.ts';

export const DAY_MS = 24 * 3600_000;
export const RETRY_MS = 3600_000;
/** The kernel's file is ~0.7 MB; anything past this is not a MAINTAINERS file. */
const MAX_BYTES = 16 * 1024 * 1024;

/** lore.kernel.org inboxes of other projects: the kernel's MAINTAINERS says nothing of them. */
const NOT_KERNEL = new Set(['git', 'qemu-devel', 'xen-devel', 'u-boot', 'buildroot', 'openbmc', 'mesa-dev', 'fstests', 'b4-sent', 'tools', 'workflows', 'users']);

/** Is this a kernel list, by its inbox URL or its List-Id / address? */
export function isKernelList(inboxUrl: string, listIds: readonly string[] = []): boolean {
  const ib = inboxOf(inboxUrl);
  if (ib?.host === 'lore.kernel.org' && ib.name && ib.name !== 'all' && !NOT_KERNEL.has(ib.name)) return true;
  return listIds.some((l) => /(?:^|[.@])(?:vger\.kernel\.org|kvack\.org)$/i.test(l.trim()));
}

/** The source of the thread's MAINTAINERS, or null (feature off, or no file for that list). */
export function sourceFor(s: MaintainersSettings, inboxUrl: string, listIds: readonly string[] = []): string | null {
  if (!s.on) return null;
  const ib = inboxOf(inboxUrl);
  const names = new Set([ib?.name ?? '', ...listIds.map((l) => l.trim().toLowerCase()), ...listIds.map((l) => l.trim().toLowerCase().split(/[.@]/)[0] ?? '')]);
  const own = s.lists.find((r) => names.has(r.list) || (r.list.includes('@') && names.has(r.list.split('@')[0]!)));
  if (own) return own.source;
  return s.kernel && isKernelList(inboxUrl, listIds) ? s.kernel : null;
}

export const isFileSource = (source: string): boolean => source.startsWith('file:');


const inFlight = new Map<string, Promise<MaintainersState | null>>();

/** The copy's state, fetching first when none is held or it is a day old (permission permitting). */
export function ensureCopy(source: string, now = Date.now()): Promise<MaintainersState | null> {
  let p = inFlight.get(source);
  if (!p) {
    p = refresh(source, now).finally(() => inFlight.delete(source));
    inFlight.set(source, p);
  }
  return p;
}

/** Whether the held copy is due a check (never for a local file). */
export function due(state: MaintainersState | null, source: string, now: number): boolean {
  if (isFileSource(source)) return false;
  if (!state) return true;
  return now - state.checkedAt >= (state.error ? RETRY_MS : DAY_MS);
}

async function refresh(source: string, now: number): Promise<MaintainersState | null> {
  const state = await readMaintainersState(source).catch(recorded('maintainers: read state', null));
  if (!due(state, source, now)) return state;
  const pattern = hostPattern(source);
  if (!pattern || !(await originGranted(pattern))) return state ?? { source, fetchedAt: 0, checkedAt: 0, error: `ListLens has no permission to read ${hostOf(source)}: switch it on in Options → MAINTAINERS.`, entries: 0, errors: 0 };
  return fetchCopy(source, now);
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Fetches and stores a copy now; a failure is recorded beside the last good copy. */
export async function fetchCopy(source: string, now = Date.now()): Promise<MaintainersState> {
  const fail = (why: string): Promise<MaintainersState> => writeMaintainersFailure(source, why, now);
  let text: string;
  try {
    const r = await politeFetch({ url: source, accept: 'text/plain' });
    if (r.status !== 200) return fail(`${hostOf(source)} answered HTTP ${r.status}`);
    if (r.bytes.length > MAX_BYTES) return fail(`the file at ${hostOf(source)} is larger than ${MAX_BYTES >> 20} MB`);
    text = new TextDecoder().decode(r.bytes);
  } catch (e) {
    return fail(`${hostOf(source)} could not be reached (${e instanceof Error ? e.message : String(e)})`);
  }
  if (/^\s*<(?:!doctype|html)/i.test(text)) return fail(`${hostOf(source)} answered with a web page, not a MAINTAINERS file`);
  const file = parseMaintainers(text);
  if (!file.entries.length) return fail(`no MAINTAINERS entry in the file at ${hostOf(source)}`);
  return writeMaintainersCopy(source, file, now);
}

/** A local file the reader chose in Options, stored as `file:<name>`. */
export async function storeLocalFile(name: string, text: string, now = Date.now()): Promise<{ source: string; state: MaintainersState | null; message: string }> {
  const source = `file:${name.replace(/[\r\n]/g, ' ').slice(0, 200) || 'MAINTAINERS'}`;
  if (text.length > MAX_BYTES) return { source, state: null, message: `${name} is larger than ${MAX_BYTES >> 20} MB: not a MAINTAINERS file.` };
  const file = parseMaintainers(text);
  if (!file.entries.length) return { source, state: null, message: `${name} holds no MAINTAINERS entry.` };
  const state = await writeMaintainersCopy(source, file, now);
  const bad = file.errorCount ? `; ${file.errorCount} malformed line${file.errorCount === 1 ? '' : 's'} skipped (the first at line ${file.errors[0]!.line})` : '';
  return { source, state, message: `${name}: ${file.entries.length} entries${bad}.` };
}
