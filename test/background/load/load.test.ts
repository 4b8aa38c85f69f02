/**
 * The thread loader end to end in Node: real public-inbox-httpd with corpus mail, a small
 * front on 127.0.0.1 that can go down, serve an Anubis challenge or a 429, the real core,
 * and the idb cache on fake-indexeddb. Checks what the panel is told, in what order.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readdirSync } from 'node:fs';
import { corpusDir, corpusPath } from '../../helpers/corpus.ts';
import { corpusMessages, LKML } from '../fixtures.ts';
import { startArchive, type Archive } from '../../e2e/rig/archive.ts';
import { Anubis } from '../../e2e/rig/anubis.ts';
import { startRelay, type Relay } from '../archive-relay.ts';
import { encodeMidForUrl } from '../../../src/core/mail/message-id.ts';
import type { Resolution } from '../../../src/sites/types.ts';
import type { PanelEvent, SeriesEvent } from '../../../src/protocol.ts';
import { closeCacheDB, openCacheDB } from '../../../src/background/cache/db.ts';
import { refreshThread } from '../../../src/background/load/refresh.ts';
import type { Analysis, MessageHead } from '../../../src/core/types.ts';
import { findThreadKey, readMeta, updateMeta } from '../../../src/background/cache/threads.ts';
import { configureFetcher, resetFetcher } from '../../../src/background/net/polite-fetch.ts';
import { configureLoader, loadResolved } from '../../../src/background/load/load.ts';
import { loadSeries } from '../../../src/background/series/load.ts';
import { loadContext } from '../../../src/background/load/context.ts';

type Mode = 'proxy' | 'down' | 'challenge' | 'ratelimit-once' | 'empty';

let archive: Archive;
let front: Relay;
let origin: string;
let mode: Mode = 'proxy';
let frontHits = 0;
/** Requests for a whole thread (t.mbox.gz), apart from searches. */
let mboxHits = 0;
const anubis = new Anubis();

function resolutionFor(list: string, mid: string): Resolution {
  const inboxUrl = `${origin}/${list}/`;
  return {
    archive: 'public-inbox',
    kind: 'message',
    list,
    messageId: mid,
    inboxUrl,
    threadUrl: `${inboxUrl}${encodeMidForUrl(mid)}/`,
    confidence: 'exact',
    needsPage: null,
    search: null,
  };
}

async function load(res: Resolution, signal = new AbortController().signal): Promise<PanelEvent[]> {
  const events: PanelEvent[] = [];
  await loadResolved(res, res.threadUrl ?? '', { emit: (e) => events.push(e) }, signal);
  return events;
}

const types = (ev: PanelEvent[]): string[] => ev.map((e) => e.type);
const mainTypes = types;
const semicolons = (): { cover: string; replies: string[] } => {
  const t = corpusMessages().filter((m) => /unnecessary semicolons/.test(m.head.subject));
  return {
    cover: t.find((m) => /^\[PATCH 00\/44\]/.test(m.head.subject))!.head.messageId,
    replies: t.filter((m) => /^Re:/i.test(m.head.subject)).map((m) => m.head.messageId),
  };
};

describe.skipIf(!corpusDir)('thread loader against public-inbox-httpd', () => {
  beforeAll(async () => {
    const patchew = readdirSync(corpusPath('patchew')).filter((f) => f.endsWith('.mbox')).map((f) => `patchew/${f}`);
    archive = await startArchive({
      inboxes: [
        { name: 'lkml', address: 'linux-kernel@vger.kernel.org', files: [LKML] },
        { name: 'qemu-devel', address: 'qemu-devel@nongnu.org', files: patchew },
      ],
    });
    let limited = false;
    front = await startRelay(archive.httpOrigin, {
      intercept: (req, res) => {
        frontHits++;
        if (req.url?.endsWith('/t.mbox.gz')) mboxHits++;
        if (mode === 'down') req.socket.destroy();
        else if (mode === 'challenge') anubis.challenge(req, res);
        else if (mode === 'empty') {
          res.writeHead(200, { 'content-type': 'application/gzip' });
          res.end();
        } else if (mode === 'ratelimit-once' && !limited) {
          limited = true;
          res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' });
          res.end('Too Many Requests');
        } else return false;
        return true;
      },
    });
    origin = front.origin;
  }, 120_000);

  afterAll(async () => {
    await closeCacheDB();
    await front?.close();
    await archive?.dispose();
  });

  beforeEach(() => {
    mode = 'proxy';
    frontHits = 0;
    mboxHits = 0;
    resetFetcher();
    // Waits are recorded elsewhere; here they only need to be short.
    configureFetcher({ baseBackoffMs: 10 });
  });

  describe('one cache across these steps', () => {
    beforeAll(async () => {
      await closeCacheDB();
      globalThis.indexedDB = new IDBFactory();
    });

    it('draws the tree before the analysis ends, focuses the message, and caches the thread', async () => {
      const { cover, replies } = semicolons();
      const ev = await load(resolutionFor('lkml', cover));
      expect(ev[0]).toMatchObject({ type: 'resolved', threadKey: null });
      const tree = types(ev).indexOf('tree');
      const analysis = types(ev).indexOf('analysis');
      expect(tree).toBeGreaterThan(0);
      expect(analysis).toBeGreaterThan(tree);
      expect(ev.some((e) => e.type === 'progress' && e.progress.phase === 'download' && e.progress.bytes > 0)).toBe(true);
      const a = ev[analysis] as Extract<PanelEvent, { type: 'analysis' }>;
      expect(a.focus).toBe(cover);
      expect(a.cache).toMatchObject({ state: 'fresh', offline: false });
      expect(a.analysis.messages.filter((m) => !m.ghost).length).toBeGreaterThan(50);
      expect(ev.filter((e) => e.type === 'error')).toEqual([]);
      expect(await findThreadKey(`${origin}/lkml/`, replies[3]!)).toBe(a.threadKey);
      // stored as fetched whole just now, anchored on the page's message, named by its first real subject
      const meta = (await readMeta(a.threadKey))!;
      const real = a.analysis.messages.filter((m) => !m.ghost);
      expect(meta).toMatchObject({ inboxUrl: `${origin}/lkml/`, anchorId: cover, subject: real[0]!.subject, messages: real.length, lastRefresh: meta.cachedAt, lastFullFetch: meta.cachedAt });
      expect(a.threadKey).toBe(`${origin}/lkml/ ${meta.rootId}`);
    });

    it('reopens from another message of the thread at once, without asking the archive (TTL)', async () => {
      const { replies } = semicolons();
      mode = 'down';
      const ev = await load(resolutionFor('lkml', replies[3]!));
      expect(frontHits).toBe(0);
      expect(mainTypes(ev)).toEqual(['resolved', 'analysis']);
      expect(ev[0]).toMatchObject({ threadKey: expect.any(String) });
      const a = ev[1] as Extract<PanelEvent, { type: 'analysis' }>;
      expect(a.cache).toMatchObject({ state: 'cached', offline: false });
      expect(a.focus).toBe(replies[3]);
    });

    it('past the TTL with the archive unreachable: shows the cached copy, then marks it offline', async () => {
      const { cover } = semicolons();
      const key = (await findThreadKey(`${origin}/lkml/`, cover))!;
      const old = Date.now() - 11 * 60_000;
      await updateMeta(key, { lastRefresh: old });
      mode = 'down';
      const ev = await load(resolutionFor('lkml', cover));
      expect(mainTypes(ev)).toEqual(['resolved', 'analysis', 'cache']);
      expect(ev.find((e) => e.type === 'analysis')).toMatchObject({ cache: { state: 'refreshing', cachedAt: old } });
      expect(ev.at(-1)).toMatchObject({ type: 'cache', cache: { offline: true, cachedAt: old } });
      expect(frontHits).toBeGreaterThan(0);
    });

    it('past the TTL with the archive back: one refresh request, nothing new, marked fresh', async () => {
      const { cover } = semicolons();
      const key = (await findThreadKey(`${origin}/lkml/`, cover))!;
      await updateMeta(key, { lastRefresh: Date.now() - 11 * 60_000 });
      const ev = await load(resolutionFor('lkml', cover));
      expect(frontHits).toBe(1);
      expect(mainTypes(ev)).toEqual(['resolved', 'analysis', 'cache']);
      expect(ev.at(-1)).toMatchObject({ type: 'cache', cache: { state: 'fresh', offline: false } });
    });

    it('within the TTL, a thread page anchored on a message the cache lacks refreshes at once', async () => {
      const { cover } = semicolons();
      const key = (await findThreadKey(`${origin}/lkml/`, cover))!;
      // Checked two minutes ago: past the manual-refresh floor, well within the 10-minute TTL.
      await updateMeta(key, { lastRefresh: Date.now() - 2 * 60_000 });
      const unknown = { ...resolutionFor('lkml', cover), kind: 'thread' as const, anchorSha1: 'f'.repeat(40) };
      const ev = await load(unknown);
      expect(ev.find((e) => e.type === 'analysis')).toMatchObject({ cache: { state: 'refreshing' } });
      expect(frontHits).toBe(1);
      // The same page anchored on a message the cache has: nothing is asked.
      frontHits = 0;
      await updateMeta(key, { lastRefresh: Date.now() - 2 * 60_000 });
      const known = { ...unknown, anchorSha1: createHash('sha1').update(cover).digest('hex') };
      const again = await load(known);
      expect(again.find((e) => e.type === 'analysis')).toMatchObject({ cache: { state: 'cached' }, focus: cover });
      expect(frontHits).toBe(0);
    });

    it('gives the context of a reply from the cache after the worker restarted', async () => {
      const { cover, replies } = semicolons();
      const key = (await findThreadKey(`${origin}/lkml/`, cover))!;
      vi.resetModules();
      const fresh = (await import('../../../src/background/load/context.ts')) as typeof import('../../../src/background/load/context.ts');
      const ev: PanelEvent[] = [];
      await fresh.loadContext(key, replies[0]!, { emit: (e) => ev.push(e) });
      expect(ev).toHaveLength(1);
      const c = ev[0] as Extract<PanelEvent, { type: 'context' }>;
      expect(c.type).toBe('context');
      expect(c.entries.at(-1)?.id).toBe(replies[0]);
      expect(c.entries.length).toBeGreaterThan(1);
      expect(c.entries.at(-1)!.blocks.length).toBeGreaterThan(0);
    });
  });

  it('says clearly that an unknown Message-ID is not in the archive, and caches nothing', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    const ev = await load(resolutionFor('lkml', 'no-such-message@example.invalid'));
    const err = ev.find((e) => e.type === 'error') as Extract<PanelEvent, { type: 'error' }>;
    expect(err.error.kind).toBe('not-found');
    expect(err.error.message).toMatch(/does not have this message/);
    expect(types(ev)).not.toContain('analysis');
  });

  it('reports a bot challenge with what to do, never parsing the page as mail', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    mode = 'challenge';
    const { cover } = semicolons();
    const ev = await load(resolutionFor('lkml', cover));
    expect(types(ev)).toEqual(['resolved', 'progress', 'error']);
    const err = ev[2] as Extract<PanelEvent, { type: 'error' }>;
    expect(err.error.kind).toBe('challenge');
    expect(err.error.message).toMatch(/Open 127\.0\.0\.1:\d+ in a tab once/);
    expect(await findThreadKey(`${origin}/lkml/`, cover)).toBeNull();
  });

  it('behind a challenge, gets the thread through an open archive tab when the worker may', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    mode = 'challenge';
    const asked: string[] = [];
    // The tab's own request reaches the archive (its cookie passed the check); the worker's does not.
    configureLoader({
      pageFetch: async ({ url }) => {
        asked.push(url);
        const direct = url.replace(origin, archive.httpOrigin);
        return new Uint8Array(await (await fetch(direct)).arrayBuffer());
      },
    });
    try {
      const { cover } = semicolons();
      const ev = await load(resolutionFor('lkml', cover));
      expect(asked).toEqual([`${origin}/lkml/${encodeMidForUrl(cover)}/t.mbox.gz`]);
      expect(types(ev)).toContain('analysis');
      expect(ev.filter((e) => e.type === 'error')).toEqual([]);
      expect(await findThreadKey(`${origin}/lkml/`, cover)).not.toBeNull();
    } finally {
      configureLoader({ pageFetch: async () => null });
    }
  });

  it('waits out a 429 with Retry-After, telling the panel, then loads', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    mode = 'ratelimit-once';
    const { cover } = semicolons();
    const ev = await load(resolutionFor('lkml', cover));
    // A wait the load outlives is said as a wait, never as an error the panel would stop on.
    expect(types(ev)).not.toContain('error');
    const wait = ev.find((e) => e.type === 'wait') as Extract<PanelEvent, { type: 'wait' }>;
    expect(wait).toMatchObject({ seconds: 1, message: expect.stringMatching(/trying again in 1 s/) });
    expect(types(ev).indexOf('analysis')).toBeGreaterThan(ev.indexOf(wait));
    expect(mboxHits).toBe(2);
  });

  it('shows a thread the cache could not store, reports it, and still gives its context', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'mbox') throw new DOMException('quota', 'QuotaExceededError');
      return put.apply(this, args as Parameters<typeof put>);
    });
    try {
      const { cover, replies } = semicolons();
      const ev = await load(resolutionFor('lkml', cover));
      const a = ev.find((e) => e.type === 'analysis') as Extract<PanelEvent, { type: 'analysis' }>;
      const err = ev.find((e) => e.type === 'error') as Extract<PanelEvent, { type: 'error' }>;
      expect(a).toBeDefined();
      expect(err.error.kind).toBe('quota');
      expect(ev.indexOf(err)).toBeGreaterThan(ev.indexOf(a));
      expect(await findThreadKey(`${origin}/lkml/`, cover)).toBeNull();
      const ctx: PanelEvent[] = [];
      await loadContext(a.threadKey, replies[1]!, { emit: (e) => ctx.push(e) });
      expect(ctx[0]).toMatchObject({ type: 'context', id: replies[1] });
    } finally {
      spy.mockRestore();
    }
  });

  it('says so when a thread is larger than the cache limit: shown, not kept offline', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    configureLoader({ cacheLimitMB: async () => 0.01 });
    try {
      const { cover } = semicolons();
      const ev = await load(resolutionFor('lkml', cover));
      expect(types(ev)).toContain('analysis');
      const err = ev.find((e) => e.type === 'error') as Extract<PanelEvent, { type: 'error' }>;
      expect(err.error).toMatchObject({ kind: 'quota', message: expect.stringMatching(/larger than the cache limit/) });
      expect(await findThreadKey(`${origin}/lkml/`, cover)).toBeNull();
    } finally {
      configureLoader({ cacheLimitMB: async () => null });
    }
  });

  it('finds a hidden Message-ID from the archive\'s raw view, then loads its thread', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    const { cover, replies } = semicolons();
    const hidden = { ...resolutionFor('lkml', cover), messageId: null, threadUrl: null, confidence: 'none' as const, rawUrl: `${origin}/lkml/${encodeMidForUrl(replies[2]!)}/raw` };
    const ev = await load(hidden);
    const a = ev.find((e) => e.type === 'analysis') as Extract<PanelEvent, { type: 'analysis' }>;
    expect(a.focus).toBe(replies[2]);
    expect(ev.find((e) => e.type === 'resolved')).toMatchObject({ resolution: { messageId: replies[2], confidence: 'exact' } });
  });

  it('finds a hidden Message-ID by subject, author and date, and says it was a search', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    const msg = corpusMessages().find((m) => /^\[PATCH 07\/44\]/.test(m.head.subject))!;
    const author = /^(.*?)\s*</.exec(msg.head.from.address)?.[1] ?? msg.head.from.address;
    const hidden = { ...resolutionFor('lkml', msg.head.messageId), messageId: null, threadUrl: null, confidence: 'search' as const, search: { subject: msg.head.subject, author, date: msg.head.date } };
    const ev = await load(hidden);
    expect(ev.find((e) => e.type === 'resolved')).toMatchObject({ resolution: { messageId: msg.head.messageId, confidence: 'search' } });
    expect((ev.find((e) => e.type === 'analysis') as Extract<PanelEvent, { type: 'analysis' }>).focus).toBe(msg.head.messageId);
  });

  it('hands on what it showed, and the series found from it holds the other versions the archive has', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    const res = resolutionFor('qemu-devel', await quorumV3Id());
    const series: SeriesEvent[] = [];
    const loaded = await loadResolved(res, res.threadUrl!, { emit: () => undefined }, new AbortController().signal);
    expect(loaded).toMatchObject({ inbox: `${origin}/qemu-devel/`, page: res.messageId, asked: true });
    await loadSeries(loaded!, { emit: () => undefined, series: (e) => series.push(e) }, new AbortController().signal);
    const last = series.filter((e): e is Extract<SeriesEvent, { type: 'ledger' }> => e.type === 'ledger').at(-1)!;
    expect(last.pending).toBe(0);
    expect(last.series[0]!.ledger.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    // every version's patch is in the archive, and the panel opens it by its Message-ID
    expect(last.series[0]!.ledger.versions.every((v) => v.present === v.total)).toBe(true);
    // the other versions' threads, fetched for the series, are stored as the loader stores a thread, with their facts
    const inbox = `${origin}/qemu-devel/`;
    for (const v of last.series[0]!.ledger.versions.slice(0, 2)) {
      const mid = v.shazam.replace(/^b4 shazam /, '');
      const key = (await findThreadKey(inbox, mid))!;
      const meta = (await readMeta(key))!;
      expect(meta).toMatchObject({ inboxUrl: inbox, anchorId: mid, lastRefresh: meta.cachedAt, lastFullFetch: meta.cachedAt });
      expect(meta.seriesData).toMatchObject({ messages: meta.messages, newestDate: meta.newestDate });
      expect(key).toBe(`${inbox} ${meta.rootId}`);
    }
  });

  // Issue 9, item 3: a page's "not found" kept in the tab's state outlives the fault.
  it('asks the archive again for a page that said "not found" when its tab loaded it', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    const { cover } = semicolons();
    const stale: Resolution = { ...resolutionFor('lkml', cover), kind: 'not-found', threadUrl: null, confidence: 'none' };
    const ev = await load(stale);
    expect(mboxHits).toBe(1);
    expect(ev.filter((e) => e.type === 'error')).toEqual([]);
    expect(types(ev)).toContain('analysis');
    const gone = await load({ ...resolutionFor('lkml', 'no-such-message@example.invalid'), kind: 'not-found', threadUrl: null, confidence: 'none' });
    expect(gone.find((e) => e.type === 'error')).toMatchObject({ error: { kind: 'not-found' } });
  });

  it('reads a damaged cache entry as a miss: fetched again and replaced; with the archive down it says the saved copy is unreadable', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    const { cover } = semicolons();
    await load(resolutionFor('lkml', cover));
    const key = (await findThreadKey(`${origin}/lkml/`, cover))!;
    const damage = async (): Promise<void> => {
      const db = await openCacheDB();
      await db.put('views', { key, analysis: { messages: 'garbage' } as unknown as Analysis, heads: 42 as unknown as MessageHead[] });
    };
    await damage();
    mode = 'down';
    const down = await load(resolutionFor('lkml', cover));
    expect(types(down)).not.toContain('analysis');
    const err = down.find((e) => e.type === 'error') as Extract<PanelEvent, { type: 'error' }>;
    expect(err.error.kind).toBe('cache');
    expect(err.error.message).toMatch(/saved copy of this thread could not be read \(DamagedEntry: .*\), and the archive did not give it again: Could not reach/);
    mode = 'proxy';
    mboxHits = 0;
    const up = await load(resolutionFor('lkml', cover));
    expect(mboxHits).toBe(1);
    expect(up.filter((e) => e.type === 'error')).toEqual([]);
    expect(up.find((e) => e.type === 'analysis')).toMatchObject({ cache: { state: 'fresh' } });
    // Replaced: the next open draws from the cache without asking.
    mboxHits = 0;
    const again = await load(resolutionFor('lkml', cover));
    expect(again.find((e) => e.type === 'analysis')).toMatchObject({ cache: { state: 'cached' } });
    expect(mboxHits).toBe(0);
  });

  it('an empty thread file is said, and never cached as if it were a thread', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    const { cover } = semicolons();
    mode = 'empty';
    const ev = await load(resolutionFor('lkml', cover));
    expect(types(ev)).not.toContain('analysis');
    expect(ev.find((e) => e.type === 'error')).toMatchObject({ error: { kind: 'not-found', message: expect.stringMatching(/empty thread file/) } });
    const db = await openCacheDB();
    expect(await db.count('meta')).toBe(0);
    mode = 'proxy';
    expect(types(await load(resolutionFor('lkml', cover)))).toContain('analysis');
  });

  // Issue 9, item 8: a refresh within the minute asks nothing, and says when it may.
  it('a refresh within a minute of the last check fetches nothing and says when the next check is possible', async () => {
    globalThis.indexedDB = new IDBFactory();
    await closeCacheDB();
    const { cover } = semicolons();
    const first = await load(resolutionFor('lkml', cover));
    const { threadKey } = first.find((e) => e.type === 'analysis') as Extract<PanelEvent, { type: 'analysis' }>;
    const checked = Date.now() - 20_000;
    await updateMeta(threadKey, { lastRefresh: checked });
    frontHits = 0;
    const ev: PanelEvent[] = [];
    await refreshThread(threadKey, { emit: (e) => ev.push(e) });
    expect(frontHits).toBe(0);
    expect(ev).toEqual([{ type: 'cache', threadKey, cache: { cachedAt: checked, offline: false, state: 'fresh', nextCheckAt: checked + 60_000 } }]);
  });
});

/** The Message-ID of "[PATCH v3] quorum: Only compile when supported" in the patchew corpus. */
async function quorumV3Id(): Promise<string> {
  const { readFileSync } = await import('node:fs');
  for (const f of readdirSync(corpusPath('patchew')).filter((x) => x.endsWith('.mbox'))) {
    const text = readFileSync(corpusPath(`patchew/${f}`), 'latin1');
    for (const part of text.split(/\n(?=From )/)) {
      const head = part.slice(0, part.indexOf('\n\n'));
      if (/^Subject: \[Qemu-devel\] \[PATCH v3\] quorum: Only compile/m.test(head)) {
        return /^Message-I[dD]:\s*<([^>]+)>/m.exec(head)![1]!;
      }
    }
  }
  throw new Error('quorum v3 not in the corpus');
}
