/**
 * A real cgit on loopback: Node's http server running Debian's cgit.cgi once per request as
 * a CGI program (test/helpers/cgit.ts), over a repository the test built. The test front maps
 * git.kernel.org to it (`front.backends`), so Chromium opens commit pages under their real URL.
 *
 * Non-goals: HTTPS (the front does it), caching, anything but GET.
 */
import { createServer, type Server } from 'node:http';
import { cgitRequestAsync, type CgitSite } from '../../helpers/cgit.ts';
import { freePort } from './net.ts';

export interface CgitServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Requests served, path and query. */
  served: string[];
  stop(): Promise<void>;
}

export async function startCgitServer(site: CgitSite): Promise<CgitServer> {
  const port = await freePort();
  const served: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    served.push(url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    cgitRequestAsync(site, url, (req.headers.host ?? 'git.kernel.org').replace(/:\d+$/, '')).then(
      (a) => {
        const headers = { ...a.headers };
        delete headers.status;
        res.writeHead(a.status, headers);
        res.end(req.method === 'HEAD' ? undefined : a.body);
      },
      (e: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(e));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${port}`,
    served,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
