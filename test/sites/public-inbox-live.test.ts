/**
 * The public-inbox adapter against a real public-inbox-httpd 1.9 on loopback (the e2e
 * rig's archive): Message-IDs with characters that need escaping, T/ anchors, the 300
 * page, `/all/`, indexes and search, on a host the adapter has never heard of (127.0.0.1),
 * so recognition goes through the page traits exactly as for a user's own instance.
 *
 * The mail is the shared seed (a real linux-mm message) plus a few made-up messages whose
 * ids exercise URL escaping; they are generated here, into a temp dir, at run time.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMidForUrl } from '../../src/core/mail/message-id.ts';
import { rawMessageUrl, resolvePage, threadMboxUrl } from '../../src/sites/index.ts';
import type { PageDocument } from '../../src/sites/types.ts';
import { seedDir } from '../helpers/corpus.ts';
import { startArchive, type Archive } from '../e2e/rig/archive.ts';

const hasPublicInbox = spawnSync('sh', ['-c', 'command -v public-inbox-httpd'], { encoding: 'utf8' }).status === 0;
if (!hasPublicInbox) console.log('public-inbox-httpd not installed: live public-inbox suite skipped (CI installs it)');

const ROOT = '20240401090000.1000-1-root@example.org';
const ODD = ['20240401.slash/part@example.org', '20240401.a+b%c@example.org', "20240401.x!$&'()*,;=:y@example.org", '20240401.ünï@example.org'];

function mail(mid: string, subject: string, parent: string | null, minute: number): string {
  const refs = parent ? `In-Reply-To: <${parent}>\nReferences: <${parent}>\n` : '';
  return `From: Ada Example <ada@example.org>\nTo: linux-mm@kvack.org\nSubject: ${subject}\nDate: Mon, 01 Apr 2024 09:${String(minute).padStart(2, '0')}:00 +0000\nMessage-ID: <${mid}>\n${refs}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nA made-up message for ListLens' URL tests.\n`;
}

const doc = (html: string) => parseHTML(html).document as unknown as PageDocument;
const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

describe.runIf(hasPublicInbox)('public-inbox adapter on a real public-inbox-httpd', () => {
  let archive: Archive;
  let tmp: string;
  let base: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'listlens-sites-'));
    const msgs = [mail(ROOT, '[PATCH 0/2] example: escaping', null, 0), ...ODD.map((m, i) => mail(m, `Re: [PATCH 0/2] example: escaping`, i ? ODD[i - 1]! : ROOT, i + 1))];
    const files = msgs.map((m, i) => {
      const f = join(tmp, `${i}.eml`);
      writeFileSync(f, m);
      return f;
    });
    const seed = seedDir ? readdirSync(seedDir).filter((f) => f.endsWith('.eml')).map((f) => join(seedDir!, f)) : [];
    archive = await startArchive({ inboxes: [{ name: 'linux-mm', address: 'linux-mm@kvack.org', files: [...files, ...seed] }] });
    base = `${archive.httpOrigin}/linux-mm/`;
  }, 120_000);
  afterAll(async () => {
    await archive?.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function page(url: string): Promise<{ status: number; doc: PageDocument; text: string }> {
    const r = await fetch(url, { redirect: 'manual' });
    const text = await r.text();
    return { status: r.status, doc: doc(text), text };
  }

  it.each([ROOT, ...ODD])('message page of <%s>: the id, and a thread URL the server answers', async (mid) => {
    const url = `${base}${encodeMidForUrl(mid)}/`;
    const { status, doc: d } = await page(url);
    expect(status).toBe(200);
    const res = resolvePage(new URL(url), d)!;
    expect(res).toMatchObject({ archive: 'public-inbox', kind: 'message', list: 'linux-mm', messageId: mid, inboxUrl: base, threadUrl: url, confidence: 'exact' });
    const mbox = await fetch(threadMboxUrl(res)!);
    expect(mbox.status).toBe(200);
    expect((await mbox.arrayBuffer()).byteLength).toBeGreaterThan(100);
    const raw = await (await fetch(rawMessageUrl(res)!)).text();
    expect(raw).toContain(`Message-ID: <${mid}>`);
  });

  it('the T/ page: every #m<sha1> anchor maps back to its own Message-ID', async () => {
    const url = `${base}${encodeMidForUrl(ROOT)}/T/`;
    const { status, doc: d, text } = await page(url);
    expect(status).toBe(200);
    const anchors = [...text.matchAll(/\bid=m([0-9a-f]{40})\b/g)].map((m) => m[1]!);
    expect(anchors.length).toBe(1 + ODD.length);
    const seen = new Set<string>();
    for (const a of anchors) {
      const res = resolvePage(new URL(`${url}#m${a}`), d)!;
      expect(res.kind).toBe('thread');
      expect(res.messageId).toBe(ROOT);
      expect(res.anchor).toBeTruthy();
      // public-inbox hashes an 8-bit id as its bytes read as latin1 (see public-inbox.ts)
      expect([sha1(res.anchor!), sha1(Buffer.from(res.anchor!, 'utf8').toString('latin1'))]).toContain(a);
      seen.add(res.anchor!);
    }
    expect([...seen].sort()).toEqual([ROOT, ...ODD].sort());
  });

  it("public-inbox's own (broken, double-escaped) links to an 8-bit id resolve to a thread URL that serves", async () => {
    const url = `${base}20240401.%C3%83%C2%BCn%C3%83%C2%AF@example.org/`;
    const { status, doc: d } = await page(url);
    expect(status).toBe(300); // public-inbox 1.9 does not serve its own link
    const res = resolvePage(new URL(url), d)!;
    expect(res).toMatchObject({ kind: 'message', messageId: '20240401.ünï@example.org', threadUrl: `${base}20240401.%C3%BCn%C3%AF@example.org/` });
    expect((await fetch(threadMboxUrl(res)!)).status).toBe(200);
  });

  it('an unknown Message-ID: the 300 page is kind not-found', async () => {
    const url = `${base}no-such-message@example.org/`;
    const { status, doc: d } = await page(url);
    expect(status).toBe(300);
    expect(resolvePage(new URL(url), d)).toMatchObject({ kind: 'not-found', messageId: 'no-such-message@example.org', threadUrl: null });
  });

  it('/all/ (extindex), the list index and a search page', async () => {
    const all = `${archive.httpOrigin}/all/${encodeMidForUrl(ODD[0]!)}/`;
    const a = await page(all);
    expect(a.status).toBe(200);
    expect(resolvePage(new URL(all), a.doc)).toMatchObject({ messageId: ODD[0], list: 'all', inboxUrl: `${archive.httpOrigin}/all/` });
    const idx = await page(base);
    expect(resolvePage(new URL(base), idx.doc)).toMatchObject({ kind: 'index', list: 'linux-mm', messageId: null });
    const q = `${base}?q=s%3Aescaping`;
    const s = await page(q);
    expect(s.status).toBe(200);
    expect(resolvePage(new URL(q), s.doc)).toMatchObject({ kind: 'search', list: 'linux-mm', messageId: null });
  });

  it('pages of other sites on the same server are not taken for public-inbox', async () => {
    expect(resolvePage(new URL(`${archive.httpOrigin}/nothing-here`), doc('<html><head><title>x</title></head><body><pre>404</pre></body></html>'))).toBeNull();
  });
});
