/**
 * The HTTP front the worker tests run in Node put on 127.0.0.1 before public-inbox-httpd:
 * it relays each request as asked (method and body too: public-inbox's searches are POSTs),
 * so a test can count what the loader asks, hold it back (a busy archive), or answer it
 * itself (a fault). The headers Node's fetch has already applied (its decoded body's length
 * and encoding) are not passed on.
 *
 * Non-goals: TLS and the archives' real hostnames, challenges by rule (the browsers' front:
 * test/e2e/rig/front.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RelayOptions {
  /** Sees every request first; true when it answered (or dropped) the request itself. */
  intercept?(req: IncomingMessage, res: ServerResponse): boolean | void;
  /** Milliseconds to hold the request for `url` before relaying it. */
  lag?(url: string): number;
  /** Called once the archive's answer to `url` has been sent. */
  answered?(url: string): void;
}

export interface Relay {
  /** `http://127.0.0.1:<port>`: the archive as the loader is to see it. */
  origin: string;
  close(): Promise<void>;
}

const APPLIED = ['transfer-encoding', 'connection', 'content-encoding', 'content-length'];

/** A relay to `target` (public-inbox-httpd's HTTP origin). */
export async function startRelay(target: string, opts: RelayOptions = {}): Promise<Relay> {
  const server = createServer((req, res) => {
    if (opts.intercept?.(req, res)) return;
    const url = req.url ?? '';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const lag = opts.lag?.(url) ?? 0;
      const held = lag > 0 ? new Promise((r) => setTimeout(r, lag)) : Promise.resolve();
      void held
        .then(() => fetch(`${target}${url}`, { method: req.method, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined, redirect: 'manual' }))
        .then(
          async (r) => {
            const headers: Record<string, string> = {};
            r.headers.forEach((v, k) => {
              if (!APPLIED.includes(k)) headers[k] = v;
            });
            const body = Buffer.from(await r.arrayBuffer());
            res.writeHead(r.status, headers);
            res.end(body, () => opts.answered?.(url));
          },
          () => req.socket.destroy(),
        );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
