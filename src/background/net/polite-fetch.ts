/**
 * Polite HTTP for the worker: every request to an archive goes through `politeFetch`.
 *
 * Archives are run by volunteers (lore's admins put Anubis in front of it because of
 * scrapers), so the worker must be a better citizen than a browser tab:
 * - the same request in flight twice is sent once (two panels on one thread share it);
 * - at most `perHost` requests run at once per host, the rest queue;
 * - 429 and 503 are retried after `Retry-After` (seconds or an HTTP date), capped; a wait
 *   longer than the cap is not waited out but reported, and the whole host waits, not just
 *   the request that was told to, for the whole wait, even across worker restarts (`holds`);
 * - network errors are retried a bounded number of times with exponential backoff;
 * - nothing here ever polls: one call, one logical request.
 * Requests carry `credentials: 'include'`, so a reader who passed the archive's bot check in
 * a tab brings that cookie along.
 *
 * Non-goals: no caching, not even the browser's (the idb cache is elsewhere), no body interpretation (challenge.ts
 * and the loader decide what a body is), no User-Agent (Chrome drops it from fetch; the
 * declarativeNetRequest rule in user-agent.ts sets an honest one).
 */
import { concatBytes, readCapped } from '../../core/mail/bytes.ts';
import { recorded } from '../../errors.ts';

export interface FetchSpec {
  url: string;
  method?: 'GET' | 'POST';
  /** Request body for POST (public-inbox search wants an empty one). */
  body?: string;
  accept?: string;
  /** The most body bytes to read (the reader's download limit; DEFAULT_MAX_BYTES when unset). */
  maxBytes?: number;
}

/**
 * Without a limit of the caller's, no body is read past this: every archive page ListLens
 * asks for is far smaller, and a body that is not would only fill the worker's memory.
 */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export type WaitReason = 'rate-limited' | 'unavailable' | 'network';

export interface FetchHooks {
  signal?: AbortSignal;
  /** Bytes of body received so far, and the announced length when there is one. */
  onBytes?(received: number, total: number | null): void;
  /** Called before each wait, so the panel can say why nothing moves. */
  onWait?(info: { reason: WaitReason; ms: number; attempt: number; host: string }): void;
}

export interface FetchResult {
  /** Final URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  /** Retry-After of the last response in ms, when it carried one. */
  retryAfterMs: number | null;
  /** Its Link header (a REST API's next page), when it carried one. */
  link?: string | null;
  bytes: Uint8Array;
}

/**
 * A request that produced no HTTP response at all (or was cancelled), or whose body was
 * larger than the caller's limit (`too-large`: read no further, nothing kept).
 */
export class FetchFailure extends Error {
  constructor(
    readonly kind: 'network' | 'aborted' | 'too-large',
    message: string,
    /** The archive answered, then the body broke off (vs. no answer at all). */
    readonly midBody = false,
    /** `too-large`: the size the archive announced (Content-Length), when it did. */
    readonly announced: number | null = null,
  ) {
    super(message);
    this.name = 'FetchFailure';
  }
}

export interface FetcherPolicy {
  perHost: number;
  /** Retries after 429/503. */
  maxRetries: number;
  /** Retries after a network error. */
  maxNetworkRetries: number;
  /** Longest Retry-After we wait out; longer ones are reported instead. */
  retryAfterCapMs: number;
  /** First backoff when the server gives no Retry-After, doubled per attempt. */
  baseBackoffMs: number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  fetchImpl: typeof fetch;
  /**
   * Where a host's "not before" outlives the worker (storage.session in the extension): MV3
   * stops an idle worker within 30 s, and a panel that asks again must not find the host
   * forgotten and send the request the archive just refused early.
   */
  holds: HoldStore | null;
}

export interface HoldStore {
  get(host: string): Promise<number>;
  set(host: string, notBefore: number): Promise<void>;
}

function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new FetchFailure('aborted', 'cancelled'));
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new FetchFailure('aborted', 'cancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const defaults: FetcherPolicy = {
  perHost: 2,
  maxRetries: 3,
  maxNetworkRetries: 2,
  // Under Chrome's 30 s idle limit for a worker: a longer wait would be cut off with the worker.
  retryAfterCapMs: 25_000,
  baseBackoffMs: 1_000,
  sleep: realSleep,
  fetchImpl: (...a) => fetch(...a),
  holds: null,
};
let policy: FetcherPolicy = { ...defaults };

/** Tests and settings adjust the policy; `resetFetcher()` restores the defaults. */
export function configureFetcher(p: Partial<FetcherPolicy>): void {
  policy = { ...policy, ...p };
}

export function resetFetcher(): void {
  policy = { ...defaults };
  inFlight.clear();
  hosts.clear();
}

/** Parse Retry-After: delta-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

// ---- per-host slots and shared backoff ----

interface HostState {
  active: number;
  queue: Array<() => void>;
  /** Epoch ms before which no request to this host starts (set by 429/503). */
  notBefore: number;
  /** Whether `notBefore` was read back from `policy.holds` in this worker's life. */
  restored: boolean;
}
const hosts = new Map<string, HostState>();

function hostState(host: string): HostState {
  let h = hosts.get(host);
  if (!h) hosts.set(host, (h = { active: 0, queue: [], notBefore: 0, restored: false }));
  return h;
}

async function acquire(h: HostState, signal: AbortSignal): Promise<void> {
  if (h.active < policy.perHost) {
    h.active++;
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const grant = (): void => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = (): void => {
      const i = h.queue.indexOf(grant);
      if (i >= 0) h.queue.splice(i, 1);
      reject(new FetchFailure('aborted', 'cancelled'));
    };
    h.queue.push(grant);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  // The releasing request handed its slot over: `active` was not decremented.
}

function release(h: HostState): void {
  const next = h.queue.shift();
  if (next) next();
  else h.active--;
}

/**
 * An archive that says "come back tomorrow" (a misconfigured Retry-After, or one meant for
 * crawlers) would lock the reader out for that long: an hour is the most we keep to.
 */
export const MAX_HOLD_MS = 3600_000;

/** The host waits until `until` (never less than it already does), in memory and in `holds`. */
function holdHost(host: string, h: HostState, until: number): void {
  until = Math.min(until, Date.now() + MAX_HOLD_MS);
  if (until <= h.notBefore) return;
  h.notBefore = until;
  void policy.holds?.set(host, until).catch(recorded('fetch: save host hold', undefined));
}

// ---- one request with retries ----

/** Reads a body of at most `max` bytes; past it (or announced past it) cancels, lets go of what came, and throws `too-large`. */
async function readBody(res: Response, max: number, onBytes: (n: number, total: number | null) => void): Promise<Uint8Array> {
  const len = Number(res.headers.get('content-length'));
  const total = Number.isFinite(len) && len > 0 ? len : null;
  const tooLarge = (): FetchFailure => new FetchFailure('too-large', `the body is larger than ${max} bytes`, false, total);
  if (total !== null && total > max) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) {
    const all = new Uint8Array(await res.arrayBuffer());
    if (all.length > max) throw tooLarge();
    return all;
  }
  const r = await readCapped(res.body.getReader(), max, (received) => onBytes(received, total));
  if (r.failed) throw r.failed.error;
  if (r.over) throw tooLarge();
  return concatBytes(r.chunks, r.total);
}

async function attemptLoop(spec: FetchSpec, shared: SharedRequest): Promise<FetchResult> {
  const host = new URL(spec.url).host;
  const h = hostState(host);
  const signal = shared.controller.signal;
  let retries = 0;
  let netRetries = 0;
  if (!h.restored && policy.holds) {
    h.notBefore = Math.max(h.notBefore, await policy.holds.get(host).catch(recorded('fetch: read host hold', 0)));
    h.restored = true;
  }
  for (let attempt = 1; ; attempt++) {
    const wait = h.notBefore - Date.now();
    // Still told to wait longer than we would sleep: answer as the archive did, unasked.
    if (wait > policy.retryAfterCapMs) return { url: spec.url, status: 429, contentType: '', retryAfterMs: wait, bytes: new Uint8Array() };
    if (wait > 0) await policy.sleep(wait, signal);
    await acquire(h, signal);
    let res: Response | null = null;
    let bytes: Uint8Array;
    try {
      res = await policy.fetchImpl(spec.url, {
        method: spec.method ?? 'GET',
        body: spec.method === 'POST' ? (spec.body ?? '') : undefined,
        headers: spec.accept ? { Accept: spec.accept } : undefined,
        credentials: 'include',
        // The browser's HTTP cache must not answer for the archive: Chrome keeps a 300 (and a
        // 301/308/410) without Cache-Control as fresh forever, so one transient "not found" at
        // t.mbox.gz stuck until the browser's cache was cleared. `no-cache` still revalidates
        // with ETag/Last-Modified, so an unchanged file costs a 304, not a download.
        cache: 'no-cache',
        redirect: 'follow',
        signal,
      });
      bytes = await readBody(res, spec.maxBytes ?? DEFAULT_MAX_BYTES, (n, t) => shared.emitBytes(n, t));
    } catch (e) {
      release(h);
      if (signal.aborted) throw new FetchFailure('aborted', 'cancelled');
      // Too large is an answer, not a failure to retry: the same body would come again.
      if (e instanceof FetchFailure && e.kind === 'too-large') throw e;
      if (netRetries >= policy.maxNetworkRetries) {
        throw new FetchFailure('network', `could not reach ${host}: ${(e as Error).message}`, res !== null);
      }
      const ms = policy.baseBackoffMs * 2 ** netRetries++;
      shared.emitWait({ reason: 'network', ms, attempt, host });
      await policy.sleep(ms, signal);
      continue;
    }
    release(h);
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    const result: FetchResult = {
      url: res.url || spec.url,
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      retryAfterMs,
      link: res.headers.get('link'),
      bytes,
    };
    if (res.status !== 429 && res.status !== 503) return result;
    // Told to slow down: the whole host waits, then this request tries again.
    const ms = retryAfterMs ?? policy.baseBackoffMs * 2 ** retries;
    holdHost(host, h, Date.now() + ms);
    if (retries >= policy.maxRetries || ms > policy.retryAfterCapMs) return result;
    retries++;
    shared.emitWait({ reason: res.status === 429 ? 'rate-limited' : 'unavailable', ms, attempt, host });
  }
}

// ---- dedupe in flight ----

class SharedRequest {
  readonly controller = new AbortController();
  readonly subscribers = new Set<FetchHooks>();
  promise!: Promise<FetchResult>;
  emitBytes(n: number, total: number | null): void {
    for (const s of this.subscribers) s.onBytes?.(n, total);
  }
  emitWait(info: Parameters<NonNullable<FetchHooks['onWait']>>[0]): void {
    for (const s of this.subscribers) s.onWait?.(info);
  }
}

const inFlight = new Map<string, SharedRequest>();

/** Number of distinct requests in flight (tests check the dedupe with it). */
export function inFlightCount(): number {
  return inFlight.size;
}

/**
 * Fetch with the politeness rules above. Resolves with any HTTP response (the caller maps
 * statuses; 429/503 come back only after the retries are spent); rejects with
 * `FetchFailure` for network failure or cancellation. A caller's abort detaches only that
 * caller; the request itself stops when nobody waits for it any more.
 */
export function politeFetch(spec: FetchSpec, hooks: FetchHooks = {}): Promise<FetchResult> {
  const key = `${spec.method ?? 'GET'} ${spec.url}\n${spec.body ?? ''}\n${spec.maxBytes ?? ''}`;
  let shared = inFlight.get(key);
  if (!shared) {
    const s = new SharedRequest();
    shared = s;
    inFlight.set(key, s);
    s.promise = attemptLoop(spec, s).finally(() => {
      if (inFlight.get(key) === s) inFlight.delete(key);
    });
    // Avoid an unhandled rejection when every caller detached before it settled.
    // Only to keep an unawaited shared promise from being reported unhandled: every caller
    // awaits it and gets the failure itself.
    // Only to keep an unawaited shared promise from being reported unhandled: every caller
    // awaits it and gets the failure itself.
    s.promise.catch(() => undefined);
  }
  const s = shared;
  s.subscribers.add(hooks);
  const signal = hooks.signal;
  if (!signal) return s.promise.finally(() => s.subscribers.delete(hooks));
  return new Promise<FetchResult>((resolve, reject) => {
    const detach = (): void => {
      s.subscribers.delete(hooks);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      detach();
      if (s.subscribers.size === 0) {
        s.controller.abort();
        if (inFlight.get(key) === s) inFlight.delete(key);
      }
      reject(new FetchFailure('aborted', 'cancelled'));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    s.promise.then(
      (r) => (detach(), resolve(r)),
      (e: unknown) => (detach(), reject(e)),
    );
  });
}
