/**
 * An Anubis-like bot challenge, faithful to what ../shared/notes/anubis.md records of
 * TecharoHQ/anubis (v1.23–1.26 cookie names, `fast` proof of work): the same status, headers,
 * HTML markers, cookies and `pass-challenge` endpoint, so a browser that visits a page solves it
 * the way it would on lore.kernel.org, and a client is judged by its User-Agent and cookie.
 *
 * Non-goals: no JWT, no IP binding (everything is 127.0.0.1), no DENY lists (the browsers under
 * test are headless and Anubis would deny them, which would test nothing of ListLens).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const AUTH_COOKIE = 'techaro.lol-anubis-auth';
export const TEST_COOKIE = 'techaro.lol-anubis-cookie-verification';
export const ANUBIS_PREFIX = '/.within.website/x/cmd/anubis/';
const VERSION = 'v1.24.0';

/** Paths Anubis' default policy always lets through (data/common/keep-internet-working.yaml). */
const ALWAYS_ALLOWED = [/^\/\.well-known\//, /^\/favicon\.(?:ico|png|gif|jpg|jpeg|svg)$/, /^\/robots\.txt$/, /^\/sitemap\.xml$/];

export function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(/;\s*/)) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
}

interface Issued {
  randomData: string;
  difficulty: number;
}

/**
 * `policy`: `default` challenges browser User-Agents (`Mozilla|Opera`) without a valid auth
 * cookie and lets honest clients (b4/, curl/, ListLens/) through; `everyone` challenges every
 * request without a valid auth cookie whatever its User-Agent (a stricter site policy).
 */
export type AnubisPolicy = 'default' | 'everyone';

export class Anubis {
  readonly issued = new Map<string, Issued>();
  readonly tokens = new Set<string>();
  difficulty = 2;
  /**
   * Anubis v1.27+ sets its cookies `Partitioned` (CHIPS) and suffixes their names; whether an
   * extension's fetch still carries a partitioned cookie is what this switch lets a test ask.
   */
  partitioned = false;

  private attrs(maxAge: number): string {
    return `Path=/; Max-Age=${maxAge}; SameSite=None; Secure${this.partitioned ? '; Partitioned' : ''}`;
  }

  /** Whether this request must see a challenge under `policy`. */
  mustChallenge(req: IncomingMessage, policy: AnubisPolicy): boolean {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (ALWAYS_ALLOWED.some((re) => re.test(path)) || path.startsWith(ANUBIS_PREFIX)) return false;
    if (this.isAuthed(req)) return false;
    if (policy === 'everyone') return true;
    return /Mozilla|Opera/.test(req.headers['user-agent'] ?? '');
  }

  isAuthed(req: IncomingMessage): boolean {
    const token = cookies(req).get(AUTH_COOKIE);
    return token !== undefined && this.tokens.has(token);
  }

  /** The challenge page, as Anubis renders it: status 200, HTML, no-store, the test cookie. */
  challenge(req: IncomingMessage, res: ServerResponse): void {
    const id = randomUUID();
    const randomData = randomBytes(64).toString('hex');
    this.issued.set(id, { randomData, difficulty: this.difficulty });
    const json = JSON.stringify({
      rules: { algorithm: 'fast', difficulty: this.difficulty, report_as: this.difficulty },
      challenge: {
        issuedAt: new Date().toISOString(),
        metadata: { 'User-Agent': req.headers['user-agent'] ?? '', 'X-Real-Ip': '127.0.0.1' },
        id,
        method: 'fast',
        randomData,
        policyRuleHash: 'f1b0e7f6c4a2',
        difficulty: this.difficulty,
        spent: false,
      },
    }).replace(/</g, '\\u003c');
    const html = `<!doctype html><html lang="en"><head><title>Making sure you&#39;re not a bot!</title>
<link rel="stylesheet" href="${ANUBIS_PREFIX}static/css/styles.css">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="robots" content="noindex,nofollow">
<script id="anubis_version" type="application/json">"${VERSION}"</script>
<script id="anubis_challenge" type="application/json">${json}</script>
<script id="anubis_base_prefix" type="application/json">""</script>
<script id="anubis_public_url" type="application/json">""</script>
<script id="anubis-main" type="module" src="${ANUBIS_PREFIX}static/js/main.mjs?cacheBuster=${VERSION}"></script>
</head><body id="top"><main><h1 id="title" class="centered-div">Making sure you&#39;re not a bot!</h1>
<div class="centered-div"><img id="image" style="width:100%;max-width:256px;" src="${ANUBIS_PREFIX}static/img/pensive.webp" alt="">
<p id="status">Loading...</p>
<div id="progress" role="progressbar" aria-labelledby="status"><div class="bar-inner"></div></div>
<p>You are seeing this because the administrator of this website has set up Anubis to protect the server against the scourge of AI companies aggressively scraping websites.</p>
<a href="${ANUBIS_PREFIX}api/honeypot/${randomUUID()}/init" style="display:none">Don't click me</a>
</div><footer><p>Protected by <a href="https://github.com/TecharoHQ/anubis">Anubis</a> From Techaro.</p></footer></main></body></html>`;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'set-cookie': `${TEST_COOKIE}=${id}; ${this.attrs(1800)}`,
    });
    res.end(html);
  }

  /** Anubis' own endpoints. Returns false when `path` is not one of them. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'https://x');
    if (!url.pathname.startsWith(ANUBIS_PREFIX)) return false;
    const rest = url.pathname.slice(ANUBIS_PREFIX.length);
    if (rest === 'static/js/main.mjs') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(SOLVER_JS);
    } else if (rest === 'api/pass-challenge') {
      this.pass(req, res, url);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
    return true;
  }

  private pass(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const id = url.searchParams.get('id') ?? '';
    const nonce = url.searchParams.get('nonce') ?? '';
    const response = url.searchParams.get('response') ?? '';
    const redir = url.searchParams.get('redir') ?? '/';
    const issued = this.issued.get(id);
    const hash = issued ? createHash('sha256').update(issued.randomData + nonce).digest('hex') : '';
    const ok = issued !== undefined && cookies(req).get(TEST_COOKIE) === id && hash === response
      && hash.startsWith('0'.repeat(issued.difficulty)) && redir.startsWith('/');
    if (!ok) {
      res.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end('<!doctype html><title>Oh noes!</title><h1 id="title">Oh noes!</h1><p>Invalid response</p>');
      return;
    }
    this.issued.delete(id);
    const token = randomBytes(24).toString('base64url');
    this.tokens.add(token);
    res.writeHead(302, {
      location: redir,
      'cache-control': 'no-store',
      'set-cookie': [
        `${AUTH_COOKIE}=${token}; ${this.attrs(604800)}`,
        `${TEST_COOKIE}=; ${this.attrs(0)}`,
      ],
    });
    res.end();
  }
}

/** What the real main.mjs does for `fast`: find a nonce, then GET pass-challenge. */
const SOLVER_JS = `
const data = JSON.parse(document.getElementById('anubis_challenge').textContent);
const { id, randomData, difficulty } = data.challenge;
const status = document.getElementById('status');
status.textContent = 'Calculating...';
const t0 = Date.now();
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
for (let nonce = 0; ; nonce++) {
  const hash = hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(randomData + nonce)));
  if (hash.startsWith('0'.repeat(difficulty))) {
    const u = new URL('${ANUBIS_PREFIX}api/pass-challenge', location.href);
    u.searchParams.set('id', id);
    u.searchParams.set('response', hash);
    u.searchParams.set('nonce', String(nonce));
    u.searchParams.set('redir', location.pathname + location.search);
    u.searchParams.set('elapsedTime', String(Date.now() - t0));
    status.textContent = 'Success!';
    location.replace(u.href);
    break;
  }
}
`;
