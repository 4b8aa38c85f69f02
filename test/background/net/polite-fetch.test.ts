/**
 * The polite fetcher against a real HTTP server on 127.0.0.1: Retry-After (seconds, date,
 * too long), 503 backoff, network errors, dedupe in flight, the per-host bound, progress,
 * cancellation, and an Anubis challenge page served where an mbox was expected.
 *
 * Waits are recorded, not slept: the fetcher's `sleep` is replaced by one that records the
 * duration asked for and resolves at once, so the tests check *what* the fetcher waited for
 * without timing anything.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { configureFetcher, FetchFailure, inFlightCount, MAX_HOLD_MS, politeFetch, resetFetcher, parseRetryAfter } from '../../../src/background/net/polite-fetch.ts';
import { slowDown } from '../../../src/background/sources/thread-fetch.ts';
import { inspectBody } from '../../../src/background/net/challenge.ts';
import { Anubis } from '../../e2e/rig/anubis.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let origin: string;
let handler: Handler;
const seen: Array<{ method: string; url: string; body: string }> = [];
const sleeps: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  resetFetcher();
  seen.length = 0;
  sleeps.length = 0;
  configureFetcher({
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
});
afterEach(() => resetFetcher());

const MBOX = 'From mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <a@b>\nSubject: x\n\nbody\n';

function ok(res: ServerResponse, text = MBOX): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(text);
}

describe('Retry-After and backoff', () => {
  it('waits the seconds a 429 asks for, tells the caller, then succeeds', async () => {
    let n = 0;
    handler = (_q, res) => {
      if (n++ === 0) {
        res.writeHead(429, { 'retry-after': '7' });
        res.end('slow down');
      } else ok(res);
    };
    const waits: Array<{ reason: string; ms: number }> = [];
    const r = await politeFetch({ url: `${origin}/t.mbox.gz` }, { onWait: (w) => waits.push(w) });
    expect(r.status).toBe(200);
    expect(new TextDecoder().decode(r.bytes)).toBe(MBOX);
    expect(seen).toHaveLength(2);
    expect(waits).toEqual([expect.objectContaining({ reason: 'rate-limited', ms: 7000 })]);
    // The host-wide wait is what was slept: at most the 7 s asked for, and most of it.
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(6000);
    expect(sleeps[0]).toBeLessThanOrEqual(7000);
  });

  it('reads Retry-After as an HTTP date', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('does not wait out a Retry-After above the cap: one request, the 429 is returned', async () => {
    handler = (_q, res) => {
      res.writeHead(429, { 'retry-after': '3600' });
      res.end();
    };
    const r = await politeFetch({ url: `${origin}/x` });
    expect(r.status).toBe(429);
    expect(r.retryAfterMs).toBe(3_600_000);
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('backs off exponentially on 503 without Retry-After, and gives up after maxRetries', async () => {
    handler = (_q, res) => {
      res.writeHead(503);
      res.end();
    };
    configureFetcher({ maxRetries: 3, baseBackoffMs: 100 });
    const waits: number[] = [];
    const r = await politeFetch({ url: `${origin}/x` }, { onWait: (w) => waits.push(w.ms) });
    expect(r.status).toBe(503);
    expect(seen).toHaveLength(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('makes the whole host wait after a 429, not only the request told to', async () => {
    let n = 0;
    handler = (q, res) => {
      if (q.url === '/a' && n++ === 0) {
        res.writeHead(429, { 'retry-after': '5' });
        res.end();
      } else ok(res);
    };
    await politeFetch({ url: `${origin}/a` });
    sleeps.length = 0;
    await politeFetch({ url: `${origin}/b` });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(4000);
  });
});

describe('a host told to wait stays told across worker restarts (holds)', () => {
  // What storage.session is to the worker: a map that outlives resetFetcher(), MV3's restart.
  const session = new Map<string, number>();
  const holds = {
    get: async (host: string) => session.get(host) ?? 0,
    set: async (host: string, t: number) => void session.set(host, t),
  };
  const restart = (): void => {
    resetFetcher();
    configureFetcher({ holds, sleep: async (ms) => void sleeps.push(ms) });
  };

  it('a new worker waits out what the old one was told, before any request', async () => {
    session.clear();
    restart();
    handler = (_q, res) => {
      res.writeHead(429, { 'retry-after': '20' });
      res.end();
    };
    configureFetcher({ maxRetries: 0 });
    expect((await politeFetch({ url: `${origin}/a` })).status).toBe(429);
    expect(seen).toHaveLength(1);

    restart();
    handler = (_q, res) => ok(res);
    sleeps.length = 0;
    expect((await politeFetch({ url: `${origin}/b` })).status).toBe(200);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(15_000);
    expect(seen).toHaveLength(2);
  });

  it('a wait longer than the cap is answered as a 429 without asking the archive again', async () => {
    session.clear();
    restart();
    handler = (_q, res) => {
      res.writeHead(429, { 'retry-after': '3600' });
      res.end();
    };
    await politeFetch({ url: `${origin}/a` });
    restart();
    const r = await politeFetch({ url: `${origin}/a` });
    expect(r.status).toBe(429);
    expect(r.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('an archive that asks for a day is kept to an hour at most, and the reader is told when', async () => {
    session.clear();
    restart();
    handler = (_q, res) => {
      res.writeHead(503, { 'retry-after': '86400' });
      res.end();
    };
    await politeFetch({ url: `${origin}/a` });
    const held = [...session.values()][0]!;
    expect(held - Date.now()).toBeLessThanOrEqual(MAX_HOLD_MS);
    expect(held - Date.now()).toBeGreaterThan(MAX_HOLD_MS - 60_000);
    const at = Date.parse('2026-11-26T10:00:00Z');
    expect(slowDown('lore.kernel.org', 7_000, at)).toBe('lore.kernel.org asked ListLens to slow down for 7 s. Retry after that.');
    expect(slowDown('lore.kernel.org', MAX_HOLD_MS, at)).toMatch(/^lore\.kernel\.org asked ListLens to wait until \d{1,2}:\d{2}( [AP]M)?\. Retry after that\.$/);
    expect(slowDown('lore.kernel.org', null, at)).toContain('Retry in a moment');
  });
});

describe('network errors', () => {
  it('retries a dropped connection a bounded number of times', async () => {
    let n = 0;
    handler = (q, res) => {
      if (n++ === 0) q.socket.destroy();
      else ok(res);
    };
    const waits: string[] = [];
    const r = await politeFetch({ url: `${origin}/x` }, { onWait: (w) => waits.push(w.reason) });
    expect(r.status).toBe(200);
    expect(waits).toEqual(['network']);
  });

  it('fails with kind network when the host cannot be reached', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    configureFetcher({ maxNetworkRetries: 2 });
    const err = await politeFetch({ url: `http://127.0.0.1:${port}/x` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailure);
    expect((err as FetchFailure).kind).toBe('network');
    expect(sleeps).toHaveLength(2);
  });
});

describe('dedupe and concurrency', () => {
  it('sends one request for the same URL, method and body in flight', async () => {
    handler = (_q, res) => setTimeout(() => ok(res), 30);
    const [a, b] = await Promise.all([politeFetch({ url: `${origin}/t` }), politeFetch({ url: `${origin}/t` })]);
    expect(seen).toHaveLength(1);
    expect(a.bytes).toBe(b.bytes);
    expect(inFlightCount()).toBe(0);
  });

  it('keeps POSTs with different bodies apart, and sends the body', async () => {
    handler = (_q, res) => setTimeout(() => ok(res), 10);
    await Promise.all([
      politeFetch({ url: `${origin}/s?x=m`, method: 'POST', body: '' }),
      politeFetch({ url: `${origin}/s?x=m`, method: 'POST', body: 'x=full+threads' }),
      politeFetch({ url: `${origin}/s?x=m`, method: 'POST', body: '' }),
    ]);
    expect(seen.map((s) => `${s.method} ${s.body}`).sort()).toEqual(['POST ', 'POST x=full+threads']);
  });

  it('runs at most two requests at once per host', async () => {
    let active = 0;
    let max = 0;
    handler = (_q, res) => {
      active++;
      max = Math.max(max, active);
      setTimeout(() => {
        active--;
        ok(res);
      }, 20);
    };
    const urls = [1, 2, 3, 4, 5, 6].map((i) => `${origin}/m${i}`);
    const all = await Promise.all(urls.map((url) => politeFetch({ url })));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(seen).toHaveLength(6);
    expect(max).toBe(2);
  });
});

describe('progress and cancellation', () => {
  it('reports bytes as they arrive, ending at the body length', async () => {
    const big = 'x'.repeat(300_000);
    handler = (_q, res) => {
      res.writeHead(200, { 'content-length': String(big.length) });
      res.end(big);
    };
    const seenBytes: Array<[number, number | null]> = [];
    const r = await politeFetch({ url: `${origin}/big` }, { onBytes: (n, t) => seenBytes.push([n, t]) });
    expect(r.bytes.length).toBe(big.length);
    expect(seenBytes.at(-1)).toEqual([big.length, big.length]);
    for (let i = 1; i < seenBytes.length; i++) expect(seenBytes[i]![0]).toBeGreaterThan(seenBytes[i - 1]![0]);
  });

  it('detaches one caller on abort while the other still gets the answer', async () => {
    let release!: () => void;
    handler = (_q, res) => (release = () => ok(res));
    const ac = new AbortController();
    const a = politeFetch({ url: `${origin}/slow` }, { signal: ac.signal });
    const b = politeFetch({ url: `${origin}/slow` });
    await waitUntil(() => seen.length === 1);
    ac.abort();
    await expect(a).rejects.toMatchObject({ kind: 'aborted' });
    release();
    expect((await b).status).toBe(200);
  });

  it('stops the request when its only caller aborts', async () => {
    let closed = false;
    handler = (q) => q.socket.on('close', () => (closed = true));
    const ac = new AbortController();
    const p = politeFetch({ url: `${origin}/hang` }, { signal: ac.signal });
    await waitUntil(() => seen.length === 1);
    ac.abort();
    await expect(p).rejects.toMatchObject({ kind: 'aborted' });
    await waitUntil(() => closed);
    expect(inFlightCount()).toBe(0);
  });
});

describe('bot challenge where an mbox was expected', () => {
  it('comes back as status 200 HTML that inspectBody calls a challenge, never mail', async () => {
    const anubis = new Anubis();
    handler = (q, res) => {
      if (anubis.mustChallenge(q, 'everyone')) anubis.challenge(q, res);
      else ok(res);
    };
    const r = await politeFetch({ url: `${origin}/linux-mm/x@y/t.mbox.gz` });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/text\/html/);
    expect(inspectBody(r.bytes, 'mbox')).toEqual({ kind: 'challenge', vendor: 'anubis' });
  });

  it('lets an honest non-browser client through under the default policy', async () => {
    const anubis = new Anubis();
    handler = (q, res) => {
      if (anubis.mustChallenge(q, 'default')) anubis.challenge(q, res);
      else ok(res);
    };
    const r = await politeFetch({ url: `${origin}/linux-mm/x@y/t.mbox.gz` });
    expect(inspectBody(r.bytes, 'mbox')).toEqual({ kind: 'ok' });
  });
});

async function waitUntil(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

describe('the download limit (issue 16)', () => {
  it('a body announced past the limit is not read; one streamed past it is cut there; neither is retried', async () => {
    const big = Buffer.alloc(300_000, 'x');
    handler = (req, res) => {
      if (req.url === '/announced') res.writeHead(200, { 'content-length': String(big.length) });
      else res.writeHead(200, { 'transfer-encoding': 'chunked' });
      res.end(big);
    };
    for (const path of ['/announced', '/streamed']) {
      seen.length = 0;
      const e = await politeFetch({ url: `${origin}${path}`, maxBytes: 100_000 }).catch((x: unknown) => x);
      expect(e, path).toBeInstanceOf(FetchFailure);
      expect((e as FetchFailure).kind).toBe('too-large');
      expect((e as FetchFailure).announced).toBe(path === '/announced' ? big.length : null);
      expect(seen).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
    const ok = await politeFetch({ url: `${origin}/streamed`, maxBytes: big.length });
    expect(ok.bytes.length).toBe(big.length);
  });
});

describe('the decompressed limit (issue 16)', () => {
  it('gunzip stops past its limit and says how far it got and what the trailer claims', async () => {
    const { gunzip, maybeGunzip, InflateLimit } = await import('../../../src/background/net/gzip.ts');
    const { gzipSync } = await import('node:zlib');
    const gz = new Uint8Array(gzipSync(Buffer.alloc(4_000_000, 'a')));
    const e = await gunzip(gz, 1_000_000).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InflateLimit);
    expect(e).toMatchObject({ limit: 1_000_000, compressed: gz.length, claimed: 4_000_000 });
    expect((await gunzip(gz, 4_000_000)).length).toBe(4_000_000);
    await expect(maybeGunzip(new Uint8Array(2_000), 1_000)).rejects.toBeInstanceOf(InflateLimit);
  });
});
