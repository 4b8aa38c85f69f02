/**
 * The rig itself, without the extension: the archive answers as public-inbox does, the front
 * behaves like Anubis and a rate limiter, the hand-made pages are served under their hosts, and
 * both browsers reach lore.kernel.org under its real name. If this file fails, the extension
 * tests' failures say nothing about the extension.
 */
import { gunzipSync } from 'node:zlib';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.ts';
import { AUTH_COOKIE } from './rig/anubis.ts';
import { launchChromium, launchFirefox } from './rig/browsers.ts';
import { loadRoutes } from './rig/front.ts';
import { SEED, SEMICOLONS, UNKNOWN_MID } from './rig/mail.ts';
import { loreUrl, startRig, type Rig } from './rig/rig.ts';

interface Answer { status: number; type: string; body: Buffer; headers: Record<string, string | string[] | undefined> }

/** A request to the rig as a client on the network would make it, trusting the rig's cert. */
function get(rig: Rig, port: number, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, path: u.pathname + u.search, servername: u.hostname, ca: rig.archive.cert.cert,
      headers: { host: u.hostname, 'user-agent': 'curl/8.14.1', ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

describe.skipIf(!corpusDir)('the e2e rig', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ port443: true });
    console.log(`[e2e timing] rig: archive setup ${rig.timings.archiveSetup}s, httpd up ${rig.timings.archiveStart}s, total ${rig.timings.total}s`);
  });
  afterAll(async () => {
    await rig?.dispose();
  });

  it('public-inbox-httpd serves the seed thread as gzip mboxrd over its own HTTPS listener', async () => {
    const r = await get(rig, rig.archive.httpsPort, loreUrl(SEED.list, SEED.mid, 't.mbox.gz'));
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/gzip');
    const mbox = gunzipSync(r.body).toString('utf8');
    expect(mbox.startsWith('From mboxrd@z')).toBe(true);
    expect(mbox).toContain(`Message-ID: <${SEED.mid}>`);
  });

  it('the 98-message LKML thread and the /all/ extindex are there', async () => {
    const r = await get(rig, rig.port, loreUrl('all', SEMICOLONS.cover, 't.mbox.gz'));
    expect(r.status).toBe(200);
    const n = gunzipSync(r.body).toString('latin1').split(/^From mboxrd@z/m).length - 1;
    expect(n).toBeGreaterThanOrEqual(90);
  });

  it('the mirror under a path prefix (yhbt.net/lore/) is the same archive', async () => {
    const r = await get(rig, rig.port, `https://yhbt.net/lore/all/${SEED.mid}/t.mbox.gz`);
    expect(r.status).toBe(200);
    expect(gunzipSync(r.body).toString('utf8')).toContain(`Message-ID: <${SEED.mid}>`);
    const page = await get(rig, rig.port, `https://yhbt.net/lore/all/${SEED.mid}/`);
    expect(page.body.toString()).toContain('<pre\nid=b>');
  });

  it('an unknown Message-ID answers 300, as on lore', async () => {
    const r = await get(rig, rig.port, loreUrl('all', UNKNOWN_MID));
    expect(r.status).toBe(300);
  });

  it('the front challenges browser User-Agents like Anubis and lets honest clients through', async () => {
    rig.front.reset();
    rig.front.rules = [{ kind: 'challenge', path: /\/t\.mbox\.gz$/ }];
    const url = loreUrl(SEED.list, SEED.mid, 't.mbox.gz');
    const browser = await get(rig, rig.port, url, { 'user-agent': BROWSER_UA });
    expect(browser.status).toBe(200);
    expect(browser.type).toBe('text/html; charset=utf-8');
    expect(browser.body.toString()).toContain('<title>Making sure you&#39;re not a bot!</title>');
    expect(browser.body.toString()).toContain('<script id="anubis_challenge" type="application/json">');
    for (const ua of ['b4/0.12.0', 'curl/8.14.1', 'ListLens/0.1.0 (+https://example.invalid)']) {
      const honest = await get(rig, rig.port, url, { 'user-agent': ua });
      expect(honest.type, ua).toBe('application/gzip');
    }
    rig.front.reset();
  });

  it('the front answers 429 with Retry-After for the first N requests of a path', async () => {
    rig.front.reset();
    rig.front.rules = [{ kind: 'rate-limit', path: /\/t\.mbox\.gz$/, count: 2, retryAfter: 1 }];
    const url = loreUrl(SEED.list, SEED.mid, 't.mbox.gz');
    const a = await get(rig, rig.port, url);
    const b = await get(rig, rig.port, url);
    const c = await get(rig, rig.port, url);
    expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
    expect(a.headers['retry-after']).toBe('1');
    rig.front.reset();
  });

  it('every hand-made archive page is served under its real hostname', async () => {
    for (const route of loadRoutes()) {
      const r = await get(rig, rig.port, `https://${route.host}${route.path}`);
      expect(r.status, route.path).toBe(200);
      if (route.raw) expect(r.body.toString('latin1')).toContain(`Message-ID: <${route.raw}>`);
    }
  });

  it('Chromium reaches lore.kernel.org under its real name and passes the challenge as a browser does', async () => {
    const chrome = await launchChromium({ port: rig.port, spki: rig.spki, extensionDir: null });
    try {
      console.log(`[e2e timing] chromium (no extension) start ${chrome.startSeconds}s`);
      const page = await chrome.ctx.newPage();
      const resp = await page.goto(loreUrl(SEED.list, SEED.mid));
      expect(resp?.status()).toBe(200);
      await expect.poll(() => page.locator('pre#b').innerText()).toContain(`Message-ID: <${SEED.mid}>`);

      rig.front.reset();
      rig.front.rules = [{ kind: 'challenge', path: /^\/lkml\// }];
      await page.goto(loreUrl(SEMICOLONS.list, SEMICOLONS.cover));
      // The challenge page solves itself, gets the cookie and comes back to the message.
      await page.waitForURL((u) => u.pathname.includes(SEMICOLONS.cover) && !u.pathname.includes('anubis'));
      await expect.poll(() => page.title()).toContain(SEMICOLONS.subject);
      const cookies = await chrome.ctx.cookies('https://lore.kernel.org/');
      expect(cookies.map((c) => c.name)).toContain(AUTH_COOKIE);
      expect(rig.front.log.some((e) => e.outcome === 'challenge')).toBe(true);
      rig.front.reset();
      const route = loadRoutes().find((r) => r.archive === 'marc' && r.file);
      await page.goto(`https://${route?.host}${route?.path}`);
      expect(await page.title()).toContain('MARC');
    } finally {
      await chrome.close();
    }
  });

  it('Firefox ESR reaches lore.kernel.org under its real name over BiDi', async () => {
    const ff = await launchFirefox({ extensionDir: null });
    try {
      console.log(`[e2e timing] firefox (no extension) start ${ff.startSeconds}s`);
      const page = await ff.browser.newPage();
      const resp = await page.goto(loreUrl(SEED.list, SEED.mid));
      expect(resp?.status()).toBe(200);
      const text = await page.$eval('pre#b', (el) => (el as HTMLElement).innerText);
      expect(text).toContain(`Message-ID: <${SEED.mid}>`);
    } finally {
      await ff.close();
    }
  });
});
