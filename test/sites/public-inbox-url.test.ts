/**
 * The one public-inbox URL module: every URL it builds is answered by a real
 * public-inbox-httpd 1.9 (the e2e rig's archive, on loopback) for ids that need escaping,
 * every URL public-inbox writes reads back to its Message-ID, and the grammar is
 * recognised on a host ListLens does not know (`listlens resolve`, issue 9 item 9).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atomSearchUrl, messageUrl, midOfUrl, rawUrl, threadBaseOf, threadMbox, threadSearchUrl } from '../../src/sites/public-inbox-url.ts';
import { resolveUrl } from '../../src/sites/resolve.ts';
import { main, type Io } from '../../src/cli/main.ts';
import { parseAtom } from '../../src/background/sources/atom.ts';
import { startArchive, type Archive } from '../e2e/rig/archive.ts';

const hasPublicInbox = spawnSync('sh', ['-c', 'command -v public-inbox-httpd'], { encoding: 'utf8' }).status === 0;
if (!hasPublicInbox && process.env.CI === 'true') throw new Error('public-inbox-httpd is required on CI (apt install public-inbox)');
if (!hasPublicInbox) console.log('public-inbox-httpd not installed: live part of the URL module suite skipped (CI installs it)');

describe('public-inbox URL grammar', () => {
  it('builds message, mbox, raw, search and refresh URLs under an inbox with or without its slash', () => {
    for (const inbox of ['https://yhbt.net/lore/all/', 'https://yhbt.net/lore/all']) {
      const m = messageUrl(inbox, 'a/b+c@x');
      expect(m).toBe('https://yhbt.net/lore/all/a%2Fb+c@x/');
      expect(threadMbox(m)).toBe(m + 't.mbox.gz');
      expect(rawUrl(m)).toBe(m + 'raw');
      expect(atomSearchUrl(inbox, 's:"a b" f:x')).toBe('https://yhbt.net/lore/all/?q=s%3A%22a+b%22+f%3Ax&x=A');
      expect(threadSearchUrl(m, 'dt:20240101000000..')).toBe(m + '?x=m&q=dt%3A20240101000000..');
    }
  });

  it('reads the Message-ID back from every view of a message, and only under the given inbox', () => {
    const inbox = 'https://lore.kernel.org/linux-mm/';
    for (const tail of ['', 'raw', 'T/', 't/', 'T/#u', 't.mbox.gz', 't.atom']) {
      expect(midOfUrl(`${inbox}a%2Fb@c/${tail}`), tail).toBe('a/b@c');
      expect(midOfUrl(`${inbox}a%2Fb@c/${tail}`, inbox), tail).toBe('a/b@c');
    }
    expect(midOfUrl(`${inbox}a@c/`, 'https://lore.kernel.org/lkml/')).toBeNull();
    expect(midOfUrl(inbox)).toBeNull();
    expect(midOfUrl('not a url')).toBeNull();
    // public-inbox 1.9's own double-escaped link to an 8-bit id reads as the header spells it
    expect(midOfUrl(`${inbox}20240401.%C3%83%C2%BCn%C3%83%C2%AF@example.org/`)).toBe('20240401.ünï@example.org');
  });

  it('finds the thread of any view, keeping the escaping the archive wrote', () => {
    expect(threadBaseOf(new URL('https://lore.kernel.org/git/a%2Fb@x/T/#mabc'))).toBe('https://lore.kernel.org/git/a%2Fb@x/');
    expect(threadBaseOf(new URL('https://lore.kernel.org/r/a@x'))).toBe('https://lore.kernel.org/all/a@x/');
    expect(threadBaseOf(new URL('https://lore.kernel.org/a@x/'))).toBe('https://lore.kernel.org/all/a@x/');
    expect(threadBaseOf(new URL('https://lore.kernel.org/linux-mm/?q=x'))).toBeNull();
  });
});

describe('listlens resolve on a host it does not know (issue 9 item 9)', () => {
  it('reads public-inbox grammar as a guess of lower confidence, not as a known archive', () => {
    const r = resolveUrl('https://mirror.example/pi/git/20240101.GA1@example.com/T/#u');
    expect(r).toMatchObject({ archive: null, messageId: null, confidence: 'none' });
    expect(r.guess).toEqual({
      archive: 'public-inbox',
      confidence: 'url-grammar',
      kind: 'thread',
      list: 'git',
      messageId: '20240101.GA1@example.com',
      inboxUrl: 'https://mirror.example/pi/git/',
      threadUrl: 'https://mirror.example/pi/git/20240101.GA1@example.com/',
    });
    expect(r.note).toContain('--host <host>');
  });

  it('guesses nothing where the URL names no Message-ID, and nothing for a host it knows', () => {
    expect(resolveUrl('https://example.org/some/page/').guess).toBeUndefined();
    expect(resolveUrl('https://example.org/list/?q=a@b').guess).toBeUndefined();
    expect(resolveUrl('https://lore.kernel.org/linux-mm/a@b/').guess).toBeUndefined();
  });

  it('prints the guess through the CLI', async () => {
    let out = '';
    const io: Io = { out: (s) => void (out += s), err: () => undefined };
    expect(await main(['resolve', 'https://any.example/linux-mm/a.b@c/'], io)).toBe(0);
    expect(JSON.parse(out).guess).toMatchObject({ archive: 'public-inbox', list: 'linux-mm', messageId: 'a.b@c', confidence: 'url-grammar' });
  });
});

const IDS = ['20240402090000.1-1-root@example.org', '20240402.slash/part+plus@example.org', "20240402.x!$&'()*,;=:y@example.org", '20240402.ünï@example.org'];

function mail(mid: string, parent: string | null, minute: number): string {
  const refs = parent ? `In-Reply-To: <${parent}>\nReferences: <${parent}>\n` : '';
  return `From: Ada Example <ada@example.org>\nTo: linux-mm@kvack.org\nSubject: ${parent ? 'Re: ' : ''}[PATCH] url module check\nDate: Tue, 02 Apr 2024 09:${String(minute).padStart(2, '0')}:00 +0000\nMessage-ID: <${mid}>\n${refs}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nA made-up message for ListLens' URL module test.\n`;
}

describe.runIf(hasPublicInbox)('public-inbox URL module against a real public-inbox-httpd', () => {
  let archive: Archive;
  let tmp: string;
  let inbox: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'listlens-url-'));
    const files = IDS.map((mid, i) => {
      const f = join(tmp, `${i}.eml`);
      writeFileSync(f, mail(mid, i ? IDS[0]! : null, i));
      return f;
    });
    archive = await startArchive({ inboxes: [{ name: 'linux-mm', address: 'linux-mm@kvack.org', files }] });
    inbox = `${archive.httpOrigin}/linux-mm/`;
  }, 120_000);
  afterAll(async () => {
    await archive?.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.each(IDS)('<%s>: message, raw and t.mbox.gz are served; the page links read back to the id', async (mid) => {
    const m = messageUrl(inbox, mid);
    const page = await fetch(m);
    expect(page.status).toBe(200);
    const html = await page.text();
    const links = [...html.matchAll(/href="([^"]*)"/g)].map((x) => new URL(x[1]!.replace(/&amp;/g, '&'), m).href);
    const own = links.filter((l) => l.startsWith(inbox) && /\/(raw|T\/|t\.mbox\.gz)?(#.*)?$/.test(l) && midOfUrl(l, inbox) !== null);
    expect(own.length).toBeGreaterThan(0);
    // public-inbox 1.9 links an 8-bit id double-escaped; midOfUrl repairs it to the header's spelling
    for (const l of own.filter((l) => midOfUrl(l, inbox) === mid || /raw$/.test(l))) expect(midOfUrl(l, inbox)).toBe(mid);
    expect(await (await fetch(rawUrl(m))).text()).toContain(`Message-ID: <${mid}>`);
    const gz = await fetch(threadMbox(m));
    expect(gz.status).toBe(200);
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toContain(`Message-ID: <${IDS[0]}>`);
  });

  it('the Atom search finds the thread, and every entry link reads back to a Message-ID of it', async () => {
    const r = await fetch(atomSearchUrl(inbox, 's:"url module check"'));
    expect(r.status).toBe(200);
    const xml = await r.text();
    // read as the worker reads it: its Atom scanner decodes the entities in the links
    const hrefs = parseAtom(xml).map((e) => e.url);
    const mids = new Set(hrefs.map((h) => midOfUrl(h, inbox)));
    expect(mids.size).toBe(IDS.length);
    for (const id of mids) expect(IDS).toContain(id);
  });

  it('the thread-scoped search (POST, x=m) answers the thread as mbox', async () => {
    const r = await fetch(threadSearchUrl(messageUrl(inbox, IDS[0]!), 'dt:20240101000000..'), { method: 'POST', body: '' });
    expect(r.status).toBe(200);
    const body = Buffer.from(await r.arrayBuffer());
    const text = (body[0] === 0x1f ? gunzipSync(body) : body).toString('utf8');
    for (const id of IDS) expect(text).toContain(`Message-ID: <${id}>`);
  });
});
