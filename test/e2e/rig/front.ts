/**
 * The test front: one HTTPS server on 127.0.0.1 that the browsers reach for every archive
 * hostname. By the Host header it either proxies to the real public-inbox-httpd (lore.kernel.org,
 * and yhbt.net/lore/ as a mirror under a path prefix) or serves the hand-made pages of the other archives from test/e2e/pages/. Rules set by a test
 * (`rules`) put faults (bad statuses, cut or bogus bodies, stalls: faults.e2e.ts), an
 * Anubis-like challenge or 429s in front of chosen paths, or serve them slowly (a slow link,
 * with the Content-Length the archive's answer had or not), and every request is logged so a
 * test can say what the extension actually sent.
 *
 * Non-goals: not a general proxy. No caching, no rewriting of bodies.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Anubis, type AnubisPolicy } from './anubis.ts';
import type { Cert } from './net.ts';

export const PAGES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../pages');

export type FrontRule =
  | { kind: 'challenge'; path: RegExp; policy?: AnubisPolicy }
  | { kind: 'rate-limit'; path: RegExp; count: number; retryAfter: number; status?: 429 | 503 }
  /** The first `count` requests for `path` meet `fault` instead of the archive (fault matrix). */
  | { kind: 'fault'; path: RegExp; count: number; fault: Fault }
  /**
   * A slow link for matching proxied paths: the archive's answer is sent at `bytesPerSecond`,
   * with a Content-Length (as a static or cached file would have) unless `noLength`.
   */
  | { kind: 'throttle'; path: RegExp; bytesPerSecond: number; noLength?: boolean };

/**
 * What a faulty archive or network does to a request:
 * - `status`: that status with a small HTML body (a 300 page, a 404, or an error page sent as 200);
 * - `not-gzip`: 200 `application/gzip` whose body has gzip's magic but is no gzip stream;
 * - `cut`: the archive's real answer, its headers promising the whole body, cut off halfway;
 * - `stall`: no answer for `ms`, then the archive's real one (a slow load to interrupt);
 * - `body`: 200 with these bytes as `type` (a gzip bomb made by the test: test/helpers/gzip-bomb.ts).
 */
export type Fault =
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'not-gzip' }
  | { kind: 'cut' }
  | { kind: 'stall'; ms: number }
  | { kind: 'body'; body: Buffer; type: string };

export interface FrontLogEntry {
  at: number;
  host: string;
  method: string;
  url: string;
  userAgent: string;
  /** The request carried a valid Anubis auth cookie. */
  authed: boolean;
  /** `proxy` (public-inbox answered; `proxy-slow` through a throttle), `challenge`, `rate-limit`, `static`, `anubis`, `404`. */
  outcome: string;
  status: number;
}

/** An entry of test/e2e/pages/routes.json (see the README there). */
export interface StaticRoute {
  archive: string;
  host: string;
  /** Path and query exactly as requested. */
  path: string;
  /** A hand-made page under test/e2e/pages/ … */
  file?: string;
  /** … or this message's raw text, fetched live from public-inbox (marc's `&q=raw`) … */
  raw?: string;
  /** … or a hand-made mbox (path from test/e2e/pages/), served gzip'd: a pipermail month's `.txt.gz`. */
  mbox?: string;
  type: string;
  /** What the tests expect of a page route. */
  messageId?: string;
  subject?: string;
  idOnPage?: 'url' | 'raw' | 'comment' | 'line' | 'mailto' | 'guess' | 'none';
  /** A list no public-inbox carries: the thread comes from this file of the archive's own. */
  mboxUrl?: string;
  /** Subjects of other threads in that file, which the panel must not show. */
  otherThreads?: string[];
  /** Participants (name or address) the panel must show. */
  participants?: string[];
}

/** Hosts proxied to public-inbox-httpd, with the path prefix a mirror serves it under. */
const PROXIED = new Map([['lore.kernel.org', ''], ['yhbt.net', '/lore']]);

export interface Front {
  port: number;
  /**
   * Other hosts proxied as they are (path and query kept) to a backend on loopback, set by a
   * test: `git.kernel.org` → the cgit server of dig.e2e.ts (rig/cgit.ts).
   */
  backends: Map<string, string>;
  ports: number[];
  rules: FrontRule[];
  log: FrontLogEntry[];
  anubis: Anubis;
  /** Requests for `path` seen so far (for rate-limit counting and assertions). */
  requests(path: RegExp, host?: string): FrontLogEntry[];
  reset(): void;
  listening(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface FrontOptions {
  cert: Cert;
  /** http://127.0.0.1:<port> of public-inbox-httpd. */
  backend: string;
  ports: number[];
}

export function loadRoutes(): StaticRoute[] {
  return JSON.parse(readFileSync(join(PAGES_DIR, 'routes.json'), 'utf8')) as StaticRoute[];
}

export async function startFront(opts: FrontOptions): Promise<Front> {
  const routes = loadRoutes();
  const anubis = new Anubis();
  const counts = new Map<FrontRule, number>();
  let servers: Server[] = [];

  const front: Front = {
    port: opts.ports[0] as number,
    ports: opts.ports,
    backends: new Map(),
    rules: [],
    log: [],
    anubis,
    requests: (path, host = 'lore.kernel.org') => front.log.filter((e) => e.host === host && path.test(e.url)),
    reset() {
      front.rules = [];
      front.log.length = 0;
      counts.clear();
    },
    listening: () => servers.length > 0,
    async start() {
      if (servers.length) return;
      servers = await Promise.all(opts.ports.map((p) => new Promise<Server>((res, rej) => {
        const s = createServer({ cert: opts.cert.cert, key: opts.cert.key }, handle);
        s.once('error', rej);
        s.listen(p, '127.0.0.1', () => res(s));
      })));
    },
    async stop() {
      const all = servers;
      servers = [];
      await Promise.all(all.map((s) => new Promise<void>((res) => {
        s.close(() => res());
        s.closeAllConnections();
      })));
    },
  };

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = req.url ?? '/';
    const entry: FrontLogEntry = {
      at: Date.now(), host, method: req.method ?? 'GET', url,
      userAgent: req.headers['user-agent'] ?? '', authed: anubis.isAuthed(req), outcome: '', status: 0,
    };
    front.log.push(entry);
    res.on('finish', () => { entry.status = res.statusCode; });
    const path = url.split('?')[0] ?? '/';
    let slow: Extract<FrontRule, { kind: 'throttle' }> | null = null;
    for (const rule of front.rules) {
      if (!rule.path.test(url)) continue;
      if (rule.kind === 'throttle') slow ??= rule;
      if (rule.kind === 'challenge' && anubis.mustChallenge(req, rule.policy ?? 'default')) {
        entry.outcome = 'challenge';
        anubis.challenge(req, res);
        return;
      }
      if (rule.kind === 'fault') {
        const n = counts.get(rule) ?? 0;
        counts.set(rule, n + 1);
        if (n < rule.count) {
          entry.outcome = `fault:${rule.fault.kind}`;
          if (rule.fault.kind === 'stall') {
            const t = setTimeout(() => proxyTo(req, res, host, url), rule.fault.ms);
            req.socket.once('close', () => clearTimeout(t));
          } else {
            serveFault(rule.fault, req, res, host, url);
          }
          return;
        }
      }
      if (rule.kind === 'rate-limit') {
        const n = counts.get(rule) ?? 0;
        counts.set(rule, n + 1);
        if (n < rule.count) {
          entry.outcome = 'rate-limit';
          res.writeHead(rule.status ?? 429, { 'retry-after': String(rule.retryAfter), 'content-type': 'text/plain' });
          res.end('Too Many Requests\n');
          return;
        }
      }
    }
    if (anubis.serve(req, res)) {
      entry.outcome = 'anubis';
      return;
    }
    const other = front.backends.get(host);
    if (other) {
      entry.outcome = 'proxy';
      proxy(req, res, host, url, null, other);
      return;
    }
    const prefix = PROXIED.get(host);
    if (prefix !== undefined && url.startsWith(`${prefix}/`)) {
      entry.outcome = slow ? 'proxy-slow' : 'proxy';
      proxy(req, res, host, url.slice(prefix.length), slow);
      return;
    }
    const route = routes.find((r) => r.host === host && r.path === url) ?? routes.find((r) => r.host === host && r.path === path);
    if (route?.file) {
      entry.outcome = 'static';
      res.writeHead(200, { 'content-type': route.type });
      res.end(readFileSync(join(PAGES_DIR, route.file)));
      return;
    }
    if (route?.mbox) {
      entry.outcome = 'static';
      res.writeHead(200, { 'content-type': route.type });
      res.end(gzipSync(readFileSync(join(PAGES_DIR, route.mbox))));
      return;
    }
    if (route?.raw) {
      entry.outcome = 'static';
      rawMessage(route.raw, route.type, res);
      return;
    }
    entry.outcome = '404';
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>404 Not Found</title><h1>Not Found</h1>');
  }

  /** Proxies a lore.kernel.org or mirror URL (the prefix still on it), as `handle` does. */
  function proxyTo(req: IncomingMessage, res: ServerResponse, host: string, url: string): void {
    const prefix = PROXIED.get(host) ?? '';
    proxy(req, res, host, url.slice(prefix.length));
  }

  function serveFault(fault: Fault, req: IncomingMessage, res: ServerResponse, host: string, url: string): void {
    switch (fault.kind) {
      case 'status':
        // No Cache-Control: a bare error page, as a misbehaving front would send it.
        res.writeHead(fault.status, { 'content-type': 'text/html; charset=utf-8' });
        res.end(fault.body ?? `<!doctype html><title>${fault.status}</title><h1>Error ${fault.status}</h1><p>Something went wrong.</p>`);
        return;
      case 'not-gzip':
        res.writeHead(200, { 'content-type': 'application/gzip' });
        res.end(Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('this is not a gzip stream at all\n'.repeat(64))]));
        return;
      case 'cut': {
        const prefix = PROXIED.get(host) ?? '';
        const up = request(`${opts.backend}${url.slice(prefix.length)}`, { method: req.method, headers: { ...req.headers, host, 'x-forwarded-proto': 'https' } }, (upRes) => {
          const chunks: Buffer[] = [];
          upRes.on('data', (c: Buffer) => chunks.push(c));
          upRes.on('end', () => {
            const body = Buffer.concat(chunks);
            res.writeHead(upRes.statusCode ?? 200, { 'content-type': upRes.headers['content-type'] ?? 'application/gzip', 'content-length': String(body.length) });
            res.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => res.socket?.destroy(), 50));
          });
        });
        up.on('error', () => res.socket?.destroy());
        req.pipe(up);
        return;
      }
      case 'stall':
        return;
      case 'body':
        res.writeHead(200, { 'content-type': fault.type, 'content-length': String(fault.body.length) });
        res.end(fault.body);
        return;
    }
  }

  function proxy(req: IncomingMessage, res: ServerResponse, host: string, path: string, slow: Extract<FrontRule, { kind: 'throttle' }> | null = null, backend = opts.backend): void {
    const headers = { ...req.headers, host, 'x-forwarded-proto': 'https', 'x-forwarded-for': '127.0.0.1' };
    const up = request(`${backend}${path}`, { method: req.method, headers }, (upRes) => {
      if (slow) return dribble(upRes, res, slow);
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    // The archive being down must look like a network failure to the browser, not a 502
    // page that could be mistaken for content.
    up.on('error', () => res.socket?.destroy());
    req.pipe(up);
  }

  /** The whole answer read from the archive, then sent in ten slices a second at the rule's rate. */
  function dribble(upRes: IncomingMessage, res: ServerResponse, rule: Extract<FrontRule, { kind: 'throttle' }>): void {
    const chunks: Buffer[] = [];
    upRes.on('data', (c: Buffer) => chunks.push(c));
    upRes.on('end', () => {
      const body = Buffer.concat(chunks);
      const out = { ...upRes.headers };
      delete out['transfer-encoding'];
      delete out['content-length'];
      if (!rule.noLength) out['content-length'] = String(body.length);
      res.writeHead(upRes.statusCode ?? 502, out);
      const slice = Math.max(1, Math.round(rule.bytesPerSecond / 10));
      let at = 0;
      const next = (): void => {
        if (res.destroyed) return;
        if (at >= body.length) return void res.end();
        res.write(body.subarray(at, at + slice));
        at += slice;
        setTimeout(next, 100);
      };
      next();
    });
  }

  function rawMessage(mid: string, type: string, res: ServerResponse): void {
    const up = request(`${opts.backend}/all/${encodeURIComponent(mid)}/raw`, { headers: { host: 'lore.kernel.org' } }, (upRes) => {
      const chunks: Buffer[] = [];
      upRes.on('data', (c: Buffer) => chunks.push(c));
      upRes.on('end', () => {
        // marc's raw view is the bare message: no mbox `From ` line.
        const body = Buffer.concat(chunks).toString('latin1').replace(/^From [^\n]*\n/, '');
        res.writeHead(upRes.statusCode === 200 ? 200 : 404, { 'content-type': type });
        res.end(Buffer.from(body, 'latin1'));
      });
    });
    up.on('error', () => res.socket?.destroy());
    up.end();
  }

  await front.start();
  return front;
}
