/**
 * Patchwork's checks for the patches of the matrix on screen (issue 18, optional): the
 * panel asks (`checks` request) when the matrix is shown; the worker answers with `checks`
 * events — what the cache holds at once, then each patch as its answer comes.
 *
 * - Nothing is asked while the feature is off or the thread's list is not one the instance
 *   tracks (instance.ts), nor from a host the browser has not granted (the copies held are
 *   still shown, and the event says why nothing is asked).
 * - Each patch is one record in the cache (cache/patchwork.ts), refreshed when due: checks
 *   change while CI runs, so a patch with a pending check (or none yet, posted within two
 *   days) is asked again after 10 minutes, one posted within a week after an hour, older
 *   ones after a day; "not in patchwork" after an hour while the patch is new, else a day;
 *   a failed attempt after 10 minutes. A failure keeps the last copy and says so.
 * - Politely: at most two patches asked at once (and the fetcher's two per host), the same
 *   patch asked once however many panels want it, and when the instance says to wait longer
 *   than the fetcher waits (429/503 + Retry-After) or cannot be reached, nothing more is
 *   asked in this run.
 * - Events are sent at most every 250 ms while answers come, then once at the end.
 *
 * Non-goals: asking one patch (lookup.ts), merging checks into the ledger (core
 * patchwork-checks.ts, which the panel and the CLI call), drawing.
 */
import type { PatchChecks } from '../../core/series/patchwork-checks.ts';
import type { ChecksEvent, ChecksPatch } from '../../protocol.ts';
import type { PatchworkSettings } from '../../settings.ts';
import { KEY_SEP } from '../cache/db.ts';
import { patchworkKey, readPatchwork, writePatchwork, writePatchworkFailure, type PatchworkRecord } from '../cache/patchwork.ts';
import type { LoadSink } from '../load/events.ts';
import { FetchFailure, type WaitReason } from '../net/polite-fetch.ts';
import { originGranted } from '../optional-hosts.ts';
import { recorded } from '../../errors.ts';
import { hostOf, instanceFor } from './instance.ts';
import { originPattern } from '../../sites/host-pattern.ts';
import { AskFailure, askPatch } from './lookup.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
export const PENDING_MS = 10 * MIN;
export const RETRY_MS = 10 * MIN;
export const RECENT_MS = HOUR;
export const OLD_MS = DAY;
/** At most this many patches per request (a 30-patch series in 8 versions is 240). */
export const MAX_PATCHES = 400;
const PARALLEL = 2;
const THROTTLE_MS = 250;

/** How long a record holds before it is asked again. `posted`: the patch's date as the ledger knows it. */
export function refreshAfter(rec: PatchworkRecord, posted: string | null, now: number): number {
  if (rec.error) return RETRY_MS;
  const when = Date.parse(rec.found?.[0]?.date ?? posted ?? '');
  const age = Number.isNaN(when) ? Infinity : now - when;
  if (rec.checks.some((c) => c.state === 'pending')) return PENDING_MS;
  if (!rec.found) return age < 2 * DAY ? RECENT_MS : OLD_MS;
  if (!rec.checks.length && age < 2 * DAY) return PENDING_MS;
  return age < 7 * DAY ? RECENT_MS : OLD_MS;
}

export const isDue = (rec: PatchworkRecord | undefined, posted: string | null, now: number): boolean => !rec || now - rec.checkedAt >= refreshAfter(rec, posted, now);

export function viewOf(r: PatchworkRecord): PatchChecks {
  return {
    msgid: r.msgid,
    patch: r.found ? { projects: r.found.map((p) => p.project ?? '?'), webUrl: r.found[0]?.webUrl ?? null, date: r.found[0]?.date ?? null } : null,
    checks: r.checks,
    fetchedAt: r.fetchedAt || null,
    error: r.error,
  };
}

/** The request's patches, checked (the worker trusts no message's shape), each once. */
export function patchesOf(v: unknown): ChecksPatch[] {
  if (!Array.isArray(v)) return [];
  const seen = new Set<string>();
  const out: ChecksPatch[] = [];
  for (const x of v) {
    const o = x && typeof x === 'object' ? (x as Record<string, unknown>) : null;
    const msgid = typeof o?.msgid === 'string' ? o.msgid.replace(/#\d+$/, '') : '';
    if (!msgid || msgid.length > 500 || /[\s<>]/.test(msgid) || seen.has(msgid)) continue;
    seen.add(msgid);
    out.push({ msgid, date: typeof o!.date === 'string' ? o!.date.slice(0, 40) : null });
    if (out.length >= MAX_PATCHES) break;
  }
  return out;
}

/** Patches being asked now, by record key: a second panel waits for the same answer. */
const asking = new Map<string, Promise<PatchworkRecord>>();

/** What a wait of the fetcher is, in words: the instance's own request, or a retry after a network failure. */
const waitWords = (host: string, reason: WaitReason, ms: number): string =>
  reason === 'network' ? `${host} could not be reached; trying again in ${Math.ceil(ms / 1000)} s…` : `${host} asked ListLens to wait ${Math.ceil(ms / 1000)} s (HTTP ${reason === 'rate-limited' ? 429 : 503})…`;

async function ask(instance: string, msgid: string, had: PatchworkRecord | undefined, now: () => number, onWait: (reason: WaitReason, ms: number) => void, signal: AbortSignal): Promise<PatchworkRecord> {
  const key = patchworkKey(instance, msgid);
  let p = asking.get(key);
  if (!p) {
    p = (async () => {
      const got = await askPatch(instance, msgid, had?.found ?? null, { signal, onWait: (w) => onWait(w.reason, w.ms) });
      const at = now();
      const rec: PatchworkRecord = { key, instance, msgid, found: got.found, checks: got.checks, fetchedAt: at, checkedAt: at, error: null };
      await writePatchwork(rec).catch(recorded('patchwork: save', undefined));
      return rec;
    })().finally(() => asking.delete(key));
    asking.set(key, p);
  }
  return p;
}

export interface ChecksOptions {
  now?: () => number;
}

/**
 * Answers a panel's `checks` request for the thread `threadKey`: `patches` as the request
 * carried them (checked here), the settings as they are now.
 */
export async function sendChecks(s: PatchworkSettings, threadKey: string, patches: unknown, sink: LoadSink, signal: AbortSignal, opts: ChecksOptions = {}): Promise<void> {
  const now = opts.now ?? Date.now;
  const wanted = patchesOf(patches);
  const inbox = threadKey.slice(0, threadKey.indexOf(KEY_SEP));
  const instance = instanceFor(s, inbox);
  const send = (e: Omit<ChecksEvent, 'type' | 'threadKey' | 'instance'>): void => {
    if (!signal.aborted) sink.series({ type: 'checks', threadKey, instance, ...e });
  };
  if (!instance || !wanted.length) return send({ state: 'off', patches: [], pending: 0, note: null });
  const held = await readPatchwork(
    instance,
    wanted.map((p) => p.msgid),
  ).catch(recorded('patchwork: read cache', new Map<string, PatchworkRecord>()));
  const cached = [...held.values()].map(viewOf);
  if (!(await originGranted(originPattern(instance)))) {
    return send({ state: 'refused', patches: cached, pending: 0, note: `ListLens has no permission to read ${hostOf(instance)}: switch Patchwork checks on again in Options.` });
  }
  const due = wanted.filter((p) => isDue(held.get(p.msgid), p.date, now()));
  let pending = due.length;
  let note: string | null = null;
  let out: PatchChecks[] = cached;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    send({ state: 'on', patches: out, pending, note });
    out = [];
  };
  const later = (): void => {
    timer ??= setTimeout(flush, THROTTLE_MS);
  };
  flush();
  let stopped = false;
  const queue = [...due];
  const worker = async (): Promise<void> => {
    while (!stopped && !signal.aborted) {
      const p = queue.shift();
      if (!p) return;
      const had = held.get(p.msgid);
      let rec: PatchworkRecord;
      try {
        rec = await ask(instance, p.msgid, had, now, (reason, ms) => ((note = waitWords(hostOf(instance), reason, ms)), later()), signal);
        note = null;
      } catch (e) {
        if (signal.aborted || (e instanceof FetchFailure && e.kind === 'aborted')) return;
        const why = e instanceof AskFailure ? e.message : `ListLens could not read ${hostOf(instance)} (${e instanceof Error ? e.message : String(e)})`;
        rec = await writePatchworkFailure(instance, p.msgid, why, now()).catch(recorded('patchwork: save failure', { ...(had ?? { key: patchworkKey(instance, p.msgid), instance, msgid: p.msgid, found: null, checks: [], fetchedAt: 0 }), checkedAt: now(), error: why }));
        if (e instanceof AskFailure && e.stop) {
          stopped = true;
          note = `${why}; ${queue.length} patches not asked`;
        } else note = why;
      }
      pending--;
      out.push(viewOf(rec));
      later();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, worker));
  if (signal.aborted) {
    if (timer) clearTimeout(timer);
    return;
  }
  pending = stopped ? 0 : pending;
  flush();
}
