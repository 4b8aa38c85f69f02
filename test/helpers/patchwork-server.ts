/**
 * A patchwork REST API on 127.0.0.1 for the tests of patchwork checks (issue 18): it answers
 * with what a real patchwork (v3.1.3, run by test/fixtures/patchwork/record.py) answered for
 * the same URLs — status, body and Link header — the recorded host swapped for the origin
 * the client sees (`publicOrigin`: the server's own, or the front's `https://patchwork.kernel.org`
 * in the e2e rig). A lookup by a Message-ID patchwork never saw answers `[]`, as patchwork
 * does; any other unrecorded URL a 404 JSON `{"detail": "Not found."}`, as DRF does.
 * Debian ships no patchwork server, hence this; the answers are patchwork's own.
 *
 * `hits` logs every request; `busy`/`maxBusy` how many ran at once (answers wait `delayMs`);
 * `once` queues answers that replace the next requests' (a 429 with Retry-After, a failure).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './corpus.ts';

interface Answer {
  status: number;
  link: string | null;
  body: unknown;
}

export interface Override {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface PatchworkServer {
  origin: string;
  hits: string[];
  maxBusy: number;
  delayMs: number;
  /** Answers for the next requests, in order (each used once). */
  once: Override[];
  /** When set, every request gets this answer. */
  always: Override | null;
  close(): Promise<void>;
}

const recorded = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/patchwork/recorded.json'), 'utf8')) as { host: string; answers: Record<string, Answer> };

/** Path and query with the query's pairs sorted and encoded one way, so equal requests match. */
export function canonical(pathAndQuery: string): string {
  const u = new URL(pathAndQuery, 'http://x');
  const q = [...u.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return u.pathname + (q.length ? `?${q.join('&')}` : '');
}

const answers = new Map(Object.entries(recorded.answers).map(([k, v]) => [canonical(k), v]));

export async function startPatchworkServer(publicOrigin?: string): Promise<PatchworkServer> {
  let busy = 0;
  const state: PatchworkServer = { origin: '', hits: [], maxBusy: 0, delayMs: 0, once: [], always: null, close: async () => undefined };
  const swap = (s: string): string => s.split(recorded.host).join(publicOrigin ?? state.origin);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    state.hits.push(url);
    busy++;
    state.maxBusy = Math.max(state.maxBusy, busy);
    try {
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      const o = state.once.shift() ?? state.always;
      if (o) {
        res.writeHead(o.status, { 'content-type': 'application/json', ...o.headers });
        res.end(o.body);
        return;
      }
      const a = answers.get(canonical(url));
      const lookup = /^\/api\/1\.2\/patches\/\?/.test(url) && new URL(url, 'http://x').searchParams.has('msgid');
      const answer: Answer = a ?? (lookup ? { status: 200, link: null, body: [] } : { status: 404, link: null, body: { detail: 'Not found.' } });
      res.writeHead(answer.status, { 'content-type': 'application/json', vary: 'Accept, Cookie', allow: 'GET, HEAD, OPTIONS', ...(answer.link ? { link: swap(answer.link) } : {}) });
      res.end(swap(JSON.stringify(answer.body)));
    } finally {
      busy--;
    }
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((r) => server.close(() => r()));
  return state;
}
