/**
 * Debian's real cgit (/usr/lib/cgit/cgit.cgi) run as a CGI program over a repository, with its
 * cgitrc in a temp dir: once per request, synchronously (`cgitRequest`, the unit tests), or
 * behind Node's http server (test/e2e/rig/cgit.ts). The CGI variables are the ones cgit reads
 * (REQUEST_METHOD, PATH_INFO, QUERY_STRING, SCRIPT_NAME, HTTP_HOST, HTTPS); `virtual-root=/`
 * gives git.kernel.org's URL shape (`/pub/scm/…/repo.git/commit/?id=…`).
 *
 * Non-goals: cgit's caching, filters or snapshots (all off).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CGIT_BIN = '/usr/lib/cgit/cgit.cgi';
export const cgitPath: string | null = existsSync(CGIT_BIN) ? CGIT_BIN : null;
if (!cgitPath && !process.env.CI) console.log('cgit not installed (Debian package cgit): its suites are skipped (CI fails instead)');

export interface CgitSite {
  /** The cgitrc's directory (its cache, too). */
  dir: string;
  env: NodeJS.ProcessEnv;
  done(): void;
}

/** A cgitrc serving `gitDir` at `/<repoPath>/`. */
export function cgitSite(gitDir: string, repoPath: string): CgitSite {
  const dir = mkdtempSync(join(tmpdir(), 'listlens-cgit-'));
  writeFileSync(join(dir, 'cgitrc'), ['virtual-root=/', 'cache-size=0', `cache-root=${dir}/cache`, 'enable-http-clone=0', `repo.url=${repoPath}`, `repo.path=${gitDir}`, 'repo.desc=ListLens test tree', ''].join('\n'));
  return { dir, env: { PATH: process.env.PATH, CGIT_CONFIG: join(dir, 'cgitrc'), HOME: dir }, done: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CgiAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function cgiEnv(site: CgitSite, host: string, url: string): NodeJS.ProcessEnv {
  const [path = '/', query = ''] = url.split('?');
  return { ...site.env, GATEWAY_INTERFACE: 'CGI/1.1', SERVER_PROTOCOL: 'HTTP/1.1', REQUEST_METHOD: 'GET', SCRIPT_NAME: '', PATH_INFO: decodeURIComponent(path), QUERY_STRING: query, HTTP_HOST: host, SERVER_NAME: host, SERVER_PORT: '443', HTTPS: 'on' };
}

/** CGI output: headers (with an optional `Status:`), a blank line, the body. */
export function parseCgi(out: Buffer): CgiAnswer {
  let sep = out.indexOf('\r\n\r\n');
  let skip = 4;
  const lf = out.indexOf('\n\n');
  if (sep < 0 || (lf >= 0 && lf < sep)) {
    sep = lf;
    skip = 2;
  }
  const head = sep < 0 ? '' : out.subarray(0, sep).toString('latin1');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const status = Number(/^(\d{3})/.exec(headers.status ?? '')?.[1] ?? 200);
  return { status, headers, body: sep < 0 ? out : out.subarray(sep + skip) };
}

/** One GET of `url` (path and query) from cgit, run once. */
export function cgitRequest(site: CgitSite, url: string, host = 'git.kernel.org'): CgiAnswer {
  const r = spawnSync(CGIT_BIN, [], { env: cgiEnv(site, host, url), maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`cgit.cgi exited ${r.status}: ${r.stderr?.toString()}`);
  return parseCgi(r.stdout);
}

/** The same, not blocking the event loop (the e2e rig's server). */
export function cgitRequestAsync(site: CgitSite, url: string, host: string): Promise<CgiAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawn(CGIT_BIN, [], { env: cgiEnv(site, host, url), stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(parseCgi(Buffer.concat(chunks))) : reject(new Error(`cgit.cgi exited ${code}`))));
  });
}
