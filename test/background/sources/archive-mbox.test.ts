/**
 * Threads of lists no public-inbox carries, loaded from the archive's own file, end to end in
 * Node: a real HTTP server on 127.0.0.1 in the shapes Mailman serves (a pipermail month as
 * `.txt.gz`, or only as `.txt`; a HyperKitty thread export), the real adapters reading the
 * hand-made pipermail page, the real fetcher, core and idb cache (fake-indexeddb).
 *
 * The month is test/fixtures/pipermail/example-dev-2010-March.txt, hand-made in Mailman 2.1's
 * archive text format: the shared corpus holds no pipermail mail.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { resolvePage } from '../../../src/sites/index.ts';
import type { PageDocument, Resolution } from '../../../src/sites/types.ts';
import type { PanelEvent, PortEvent, SeriesEvent } from '../../../src/protocol.ts';
import { closeCacheDB } from '../../../src/background/cache/db.ts';
import { findThreadKey, readThread, updateMeta } from '../../../src/background/cache/threads.ts';
import { configureFetcher, resetFetcher } from '../../../src/background/net/polite-fetch.ts';
import { forgetArchiveFile, isArchiveNamespace } from '../../../src/background/sources/archive-mbox.ts';
import { loadResolved } from '../../../src/background/load/load.ts';
import { loadSeries } from '../../../src/background/series/load.ts';
import { loadContext } from '../../../src/background/load/context.ts';
import { Anubis } from '../../e2e/rig/anubis.ts';

const MONTH = readFileSync(new URL('../../fixtures/pipermail/example-dev-2010-March.txt', import.meta.url), 'latin1');
const PAGE = readFileSync(new URL('../../e2e/pages/mail.python.org/pipermail-example-dev-2010-March-000103.html', import.meta.url), 'utf8');
const LIST = '/pipermail/example-dev/2010-March';
const HASH = 'ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU';
const EXPORT = `/archives/list/example-dev@example.org/export/${HASH}.mbox.gz?thread=${HASH}`;
const MHASH = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const MESSAGE_EXPORT = `/archives/list/example-dev@example.org/export/${MHASH}.mbox.gz?message=${MHASH}`;

type Mode = 'gz' | 'txt-only' | 'down' | 'challenge';
let mode: Mode = 'gz';
let month = MONTH;
let server: Server;
let origin: string;
const hits: string[] = [];
const anubis = new Anubis();

/** A reply to the lazy-imports thread that Mailman appends to the month later. */
const LATE = `From dan at example.com  Fri Mar  5 08:00:00 2010
From: dan at example.com (Dan Example)
Date: Fri, 05 Mar 2010 08:00:00 +0000
Subject: [Example-dev] Lazy imports proposal
In-Reply-To: <lazy-4@example.de>
References: <lazy-1@example.org> <lazy-4@example.de>
Message-ID: <lazy-5@example.com>

Nice numbers.


`;

/** Browsers lower-case attribute names; linkedom keeps Mailman's upper case (see pages.test.ts). */
function pageDoc(html: string): PageDocument {
  const lower = html.replace(/<[A-Za-z][^>]*>/g, (tag) => tag.replace(/(\s)([A-Z][A-Za-z-]*)(?==)/g, (_m, sp: string, n: string) => sp + n.toLowerCase()));
  return parseHTML(lower).document as unknown as PageDocument;
}

function pageResolution(html = PAGE, file = '000103.html'): Resolution {
  return resolvePage(new URL(`${origin}${LIST}/${file}`), pageDoc(html))!;
}

async function load(res: Resolution): Promise<PanelEvent[]> {
  const events: PanelEvent[] = [];
  await loadResolved(res, `${origin}${LIST}/000103.html`, { emit: (e) => events.push(e) }, new AbortController().signal);
  return events;
}

const types = (ev: PanelEvent[]): string[] => ev.map((e) => e.type);
const analysisOf = (ev: PanelEvent[]) => ev.find((e): e is Extract<PanelEvent, { type: 'analysis' }> => e.type === 'analysis');
const errorsOf = (ev: PanelEvent[]) => ev.filter((e): e is Extract<PanelEvent, { type: 'error' }> => e.type === 'error');
const real = (ev: PanelEvent[]): string[] => analysisOf(ev)!.analysis.messages.filter((m) => !m.ghost).map((m) => m.id);

async function freshCache(): Promise<void> {
  await closeCacheDB();
  globalThis.indexedDB = new IDBFactory();
}

describe('threads from the archive\'s own file (pipermail month, HyperKitty export)', () => {
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = req.url ?? '/';
      hits.push(url);
      if (mode === 'down') return req.socket.destroy();
      if (mode === 'challenge') return anubis.challenge(req, res);
      if (url === `${LIST}.txt.gz` && mode === 'gz') {
        res.writeHead(200, { 'content-type': 'application/x-gzip' });
        return res.end(gzipSync(Buffer.from(month, 'latin1')));
      }
      if (url === `${LIST}.txt`) {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end(Buffer.from(month, 'latin1'));
      }
      if (url === MESSAGE_EXPORT) {
        const one = month.split(/\n(?=From \S+ at \S+ {2})/).find((m) => m.includes('Message-ID: <lazy-2@example.net>'))!;
        res.writeHead(200, { 'content-type': 'application/mbox' });
        return res.end(gzipSync(Buffer.from(one, 'latin1')));
      }
      if (url === EXPORT) {
        // HyperKitty's thread: what it filed under the thread, references or not.
        const mbox = month.split(/\n(?=From \S+ at \S+ {2})/).filter((m) => /Lazy imports|Buildbot outage\nMessage-ID: <bb-1/.test(m)).join('\n');
        res.writeHead(200, { 'content-type': 'application/mbox' });
        return res.end(gzipSync(Buffer.from(mbox.replace(/^From: (\S+) at (\S+) /gm, 'From: $1@$2 '), 'latin1')));
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>404 Not Found</title><h1>Not Found</h1>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await closeCacheDB();
    await new Promise<void>((r) => server.close(() => r()));
  });

  beforeEach(() => {
    mode = 'gz';
    month = MONTH;
    hits.length = 0;
    resetFetcher();
    configureFetcher({ baseBackoffMs: 10, maxNetworkRetries: 1 });
  });

  it('tells archive files from inboxes in cache keys, patchwork series exports too', () => {
    expect(isArchiveNamespace(`${origin}${LIST}.txt.gz`)).toBe(true);
    expect(isArchiveNamespace('https://patchwork.freedesktop.org/series/1234/mbox/')).toBe(true);
    expect(isArchiveNamespace('https://lore.kernel.org/all/')).toBe(false);
    expect(isArchiveNamespace('https://yhbt.net/lore/all/')).toBe(false);
  });

  it('the pipermail page resolves to its month file, with the id from the mailto link', () => {
    expect(pageResolution()).toMatchObject({
      archive: 'pipermail',
      messageId: 'lazy-2@example.net',
      inboxUrl: null,
      threadUrl: null,
      mboxUrl: `${origin}${LIST}.txt.gz`,
    });
  });

  describe('one cache across these steps', () => {
    beforeAll(async () => {
      await freshCache();
      forgetArchiveFile();
    });

    it("shows the page's thread, not the month: tree first, focus on the page's message, real participants, cached", async () => {
      const ev = await load(pageResolution());
      expect(hits).toEqual([`${LIST}.txt.gz`]);
      expect(types(ev).filter((t) => t !== 'progress')).toEqual(['resolved', 'tree', 'analysis']);
      const a = analysisOf(ev)!;
      expect(a.focus).toBe('lazy-2@example.net');
      expect(a.cache).toMatchObject({ state: 'fresh', offline: false });
      expect(real(ev)).toEqual(['lazy-1@example.org', 'lazy-2@example.net', 'lazy-3@example.com', 'lazy-4@example.de']);
      expect(a.analysis.participants.map((p) => p.address)).toEqual(['ada@example.org', 'bob@example.net', 'carol@example.com', 'juergen@example.de']);
      expect(a.threadKey).toBe(`${origin}${LIST}.txt.gz lazy-1@example.org`);
      expect(errorsOf(ev)).toEqual([]);
      // Any message of the thread finds it in the cache.
      expect(await findThreadKey(`${origin}${LIST}.txt.gz`, 'lazy-4@example.de')).toBe(a.threadKey);
      expect(await findThreadKey(`${origin}${LIST}.txt.gz`, 'bb-1@example.com')).toBeNull();
    });

    it('gives the context of the message from what it loaded, bodies as the archive wrote them', async () => {
      const key = (await findThreadKey(`${origin}${LIST}.txt.gz`, 'lazy-3@example.com'))!;
      const ev: PanelEvent[] = [];
      await loadContext(key, 'lazy-3@example.com', { emit: (e) => ev.push(e) });
      const c = ev[0] as Extract<PanelEvent, { type: 'context' }>;
      expect(c.entries.map((e) => e.id)).toEqual(['lazy-1@example.org', 'lazy-2@example.net', 'lazy-3@example.com']);
    });

    it('reopens from another message of the thread at once, asking the archive nothing (TTL)', async () => {
      mode = 'down';
      const ev = await load({ ...pageResolution(), messageId: 'lazy-4@example.de' });
      expect(hits).toEqual([]);
      expect(types(ev)).toEqual(['resolved', 'analysis']);
      expect(analysisOf(ev)).toMatchObject({ focus: 'lazy-4@example.de', cache: { state: 'cached' } });
    });

    it('another thread of the same month costs no second download within the TTL', async () => {
      const ev = await load({ ...pageResolution(), messageId: 'sched-2@example.org' });
      expect(hits).toEqual([]);
      const a = analysisOf(ev)!;
      expect(a.threadKey).toBe(`${origin}${LIST}.txt.gz sched-0@example.org`);
      expect(a.analysis.messages.map((m) => [m.id, m.ghost])).toEqual([
        ['sched-0@example.org', true],
        ['sched-1@example.org', false],
        ['sched-2@example.org', false],
      ]);
    });

    it('past the TTL: one request for the file; unchanged, it is marked fresh', async () => {
      const key = (await findThreadKey(`${origin}${LIST}.txt.gz`, 'lazy-2@example.net'))!;
      await updateMeta(key, { lastRefresh: Date.now() - 11 * 60_000 });
      const ev = await load(pageResolution());
      expect(hits).toEqual([`${LIST}.txt.gz`]);
      expect(types(ev)).toEqual(['resolved', 'analysis', 'cache']);
      expect(ev.at(-1)).toMatchObject({ type: 'cache', cache: { state: 'fresh', offline: false } });
    });

    it('past the TTL with the archive down: the cached copy, marked offline', async () => {
      const key = (await findThreadKey(`${origin}${LIST}.txt.gz`, 'lazy-2@example.net'))!;
      await updateMeta(key, { lastRefresh: Date.now() - 11 * 60_000 });
      mode = 'down';
      const ev = await load(pageResolution());
      expect(types(ev)).toEqual(['resolved', 'analysis', 'cache']);
      expect(ev.at(-1)).toMatchObject({ type: 'cache', cache: { offline: true } });
    });

    it('past the TTL after Mailman added a reply: the new message is shown and stored', async () => {
      const key = (await findThreadKey(`${origin}${LIST}.txt.gz`, 'lazy-2@example.net'))!;
      await updateMeta(key, { lastRefresh: Date.now() - 11 * 60_000 });
      month = MONTH + LATE;
      const ev = await load(pageResolution());
      expect(hits).toEqual([`${LIST}.txt.gz`]);
      expect(types(ev).filter((t) => t !== 'progress')).toEqual(['resolved', 'analysis', 'analysis']);
      expect(real(ev.slice(2))).toContain('lazy-5@example.com');
      expect((await readThread(key))!.view.heads.map((h) => h.messageId)).toContain('lazy-5@example.com');
      expect(await findThreadKey(`${origin}${LIST}.txt.gz`, 'lazy-5@example.com')).toBe(key);
    });

    it('past the TTL, a month file older than the cached copy (last night\'s .txt.gz) loses nothing', async () => {
      const key = (await findThreadKey(`${origin}${LIST}.txt.gz`, 'lazy-2@example.net'))!;
      await updateMeta(key, { lastRefresh: Date.now() - 11 * 60_000 });
      month = MONTH; // without the reply the cached copy already has
      const ev = await load(pageResolution());
      expect(ev.at(-1)).toMatchObject({ type: 'cache', cache: { state: 'fresh' } });
      expect((await readThread(key))!.view.heads.map((h) => h.messageId)).toContain('lazy-5@example.com');
    });
  });

  it('a site that does not gzip its archives: the plain .txt beside the missing .txt.gz', async () => {
    await freshCache();
    forgetArchiveFile();
    mode = 'txt-only';
    const ev = await load(pageResolution());
    expect(hits).toEqual([`${LIST}.txt.gz`, `${LIST}.txt`]);
    expect(real(ev)).toHaveLength(4);
    expect(errorsOf(ev)).toEqual([]);
    // The next thread of the month: the file in memory, no request for the missing .txt.gz.
    hits.length = 0;
    const next = await load({ ...pageResolution(), messageId: 'bb-2@example.net' });
    expect(hits).toEqual([]);
    expect(real(next)).toEqual(['bb-1@example.com', 'bb-2@example.net']);
  });

  it('a message the month does not have: a clear not-found, nothing cached', async () => {
    await freshCache();
    forgetArchiveFile();
    const ev = await load({ ...pageResolution(), messageId: 'elsewhere@example.org' });
    expect(errorsOf(ev)).toHaveLength(1);
    expect(errorsOf(ev)[0]!.error).toMatchObject({ kind: 'not-found', message: expect.stringContaining('2010-March archive') });
    expect(analysisOf(ev)).toBeUndefined();
    expect(await findThreadKey(`${origin}${LIST}.txt.gz`, 'elsewhere@example.org')).toBeNull();
  });

  it('a bot check in front of the file is reported as one, never parsed as mail', async () => {
    await freshCache();
    forgetArchiveFile();
    mode = 'challenge';
    const ev = await load(pageResolution());
    expect(errorsOf(ev).map((e) => e.error.kind)).toEqual(['challenge']);
    expect(analysisOf(ev)).toBeUndefined();
  });

  it('a page without the mailto link: its subject, author and date find the message, and the match stays uncertain', async () => {
    await freshCache();
    forgetArchiveFile();
    const noMailto = PAGE.replace(/<LINK REL="made"[^>]*>/, '').replace(/<A HREF="mailto:[^"]*"/, '<A');
    const res = pageResolution(noMailto);
    expect(res).toMatchObject({ messageId: null, confidence: 'search', search: { subject: '[Example-dev] Lazy imports proposal', author: 'Bob Example' } });
    const ev = await load(res);
    const resolved = ev.filter((e): e is Extract<PanelEvent, { type: 'resolved' }> => e.type === 'resolved');
    expect(resolved.at(-1)!.resolution).toMatchObject({ messageId: 'lazy-2@example.net', confidence: 'search' });
    expect(analysisOf(ev)).toMatchObject({ focus: 'lazy-2@example.net' });
    expect(real(ev)).toHaveLength(4);

    // Reopened with the archive down and the month gone from memory (a new worker): the page's
    // URL finds the cached thread, and its subject and author the message again.
    forgetArchiveFile();
    mode = 'down';
    hits.length = 0;
    const again = await load(res);
    expect(hits).toEqual([]);
    expect(analysisOf(again)).toMatchObject({ focus: 'lazy-2@example.net', cache: { state: 'cached' } });
    expect(again.find((e) => e.type === 'resolved')).toMatchObject({ resolution: { messageId: 'lazy-2@example.net', confidence: 'search' } });
  });

  it('HyperKitty: the thread export is shown as it is, not cut by References', async () => {
    await freshCache();
    forgetArchiveFile();
    const res = resolvePage(new URL(`${origin}/archives/list/example-dev@example.org/thread/${HASH}/`))!;
    expect(res).toMatchObject({ archive: 'hyperkitty', kind: 'thread', inboxUrl: null, mboxUrl: `${origin}${EXPORT}` });
    const ev = await load(res);
    expect(hits).toEqual([EXPORT]);
    expect(real(ev)).toEqual(['lazy-1@example.org', 'lazy-2@example.net', 'lazy-3@example.com', 'lazy-4@example.de', 'bb-1@example.com']);
    expect(errorsOf(ev)).toEqual([]);
  });

  it("HyperKitty: a message page without the id learns it from the message's export, then shows its thread", async () => {
    await freshCache();
    forgetArchiveFile();
    const url = new URL(`${origin}/archives/list/example-dev@example.org/message/${MHASH}/`);
    // fromPage takes the thread export from the page's link to its thread.
    const res: Resolution = { ...resolvePage(url)!, mboxUrl: `${origin}${EXPORT}` };
    expect(res).toMatchObject({ kind: 'message', messageId: null, rawUrl: `${origin}${MESSAGE_EXPORT}` });
    const ev = await load(res);
    expect(hits).toEqual([MESSAGE_EXPORT, EXPORT]);
    expect(analysisOf(ev)).toMatchObject({ focus: 'lazy-2@example.net' });
    expect(await findThreadKey(`${origin}${EXPORT}`, 'lazy-2@example.net')).toBe(analysisOf(ev)!.threadKey);
  });

  it('a series in a pipermail month: its ledger from the one thread, no search and no other fetch (issue 15)', async () => {
    await freshCache();
    forgetArchiveFile();
    const diff = (f: string, l: string): string => `diff --git a/${f} b/${f}\nindex 1111111..2222222 100644\n--- a/${f}\n+++ b/${f}\n@@ -1,2 +1,2 @@\n ctx\n-old\n+${l}\n`;
    const mail = (who: string, date: string, subject: string, id: string, body: string, parent?: string): string =>
      `From ${who.replace('@', ' at ')}  ${date}\nFrom: ${who.replace('@', ' at ')} (${who.split('@')[0]})\nDate: ${date}\nSubject: [Example-dev] ${subject}\n${parent ? `In-Reply-To: <${parent}>\nReferences: <ser-0@example.org> <${parent}>\n` : ''}Message-ID: <${id}>\n\n${body}\n\n`;
    month =
      MONTH +
      mail('ada@example.org', 'Tue, 09 Mar 2010 10:00:00 +0000', '[PATCH 0/2] lazy: two steps', 'ser-0@example.org', 'Two steps.\n\n---\n 2 files changed') +
      mail('ada@example.org', 'Tue, 09 Mar 2010 10:01:00 +0000', '[PATCH 1/2] lazy: defer', 'ser-1@example.org', `Defer.\n\nSigned-off-by: Ada <ada@example.org>\n---\n${diff('a.py', 'x')}`, 'ser-0@example.org') +
      mail('ada@example.org', 'Tue, 09 Mar 2010 10:02:00 +0000', '[PATCH 2/2] lazy: document', 'ser-2@example.org', `Doc.\n\nSigned-off-by: Ada <ada@example.org>\n---\n${diff('b.rst', 'y')}`, 'ser-0@example.org') +
      mail('bob@example.net', 'Wed, 10 Mar 2010 09:00:00 +0000', 'Re: [PATCH 2/2] lazy: document', 'ser-r@example.net', 'Reviewed-by: Bob <bob@example.net>', 'ser-2@example.org');
    const page = PAGE.replace(/lazy-2%40example\.net/g, 'ser-2%40example.org').replace(/Lazy%20imports%20proposal/g, '%5BPATCH%202%2F2%5D%20lazy%3A%20document');
    const events: PortEvent[] = [];
    const sink = { emit: (e: PanelEvent) => void events.push(e), series: (e: SeriesEvent) => void events.push(e) };
    const loaded = await loadResolved(pageResolution(page), `${origin}${LIST}/000110.html`, sink, new AbortController().signal);
    expect(loaded).not.toBeNull();
    await loadSeries(loaded!, sink, new AbortController().signal);
    // only the month file: an archive's own mbox has no search, and the thread is all there is
    expect(hits).toEqual([`${LIST}.txt.gz`]);
    const ledgers = events.filter((e): e is Extract<SeriesEvent, { type: 'ledger' }> => e.type === 'ledger');
    expect(ledgers).toHaveLength(1);
    const l = ledgers[0]!.series[0]!.ledger;
    expect(ledgers[0]!.pending).toBe(0);
    expect(l.versions.map((v) => [v.version, v.present, v.total])).toEqual([[1, 2, 2]]);
    expect(l.rows.map((r) => r.cells[0]!.marks.reviewed)).toEqual([0, 1]);
  });

  it('the id known but no source for the thread: says so, not "which message?"', async () => {
    const res: Resolution = { ...pageResolution(), mboxUrl: null };
    const ev = await load(res);
    expect(hits).toEqual([]);
    expect(errorsOf(ev)[0]!.error).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('knows which message this is') });
    expect(errorsOf(ev)[0]!.error.message).not.toMatch(/does not say which message/);
    const none = await load({ ...res, messageId: null, search: null, confidence: 'none' });
    expect(errorsOf(none)[0]!.error.message).toMatch(/does not say which message/);
  });
});
