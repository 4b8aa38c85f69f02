/**
 * MAINTAINERS in the worker (issue 18), on fake-indexeddb with the real loader and core: a
 * Node HTTP server serves a crafted series thread as public-inbox's `t.mbox.gz` and a
 * MAINTAINERS file as a git web would. Checked: nothing is fetched while the feature is off
 * or its permission missing; the copy is fetched once, cached parsed, refreshed at most once
 * a day; a failed refresh (an error, a web page) keeps the last good copy and says so; each
 * thread's patches are matched once per copy and a reopen builds ownership from the cache
 * alone (no MAINTAINERS request, the first ledger event already has it); a local file.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeCacheDB, openCacheDB } from '../../../src/background/cache/db.ts';
import { forgetMaintainersStates, readMaintainersFile, readMaintainersState } from '../../../src/background/cache/maintainers.ts';
import { forgetHeldMatches } from '../../../src/background/maintainers/matches.ts';
import { configureFetcher, resetFetcher } from '../../../src/background/net/polite-fetch.ts';
import { loadResolved } from '../../../src/background/load/load.ts';
import { loadSeries } from '../../../src/background/series/load.ts';
import { configureMaintainers } from '../../../src/background/maintainers/config.ts';
import { configureOptionalHosts } from '../../../src/background/optional-hosts.ts';
import { ensureCopy, isKernelList, sourceFor, storeLocalFile } from '../../../src/background/maintainers/source.ts';
import { encodeMidForUrl } from '../../../src/core/mail/message-id.ts';
import type { PanelEvent, PortEvent, SeriesEvent } from '../../../src/protocol.ts';
import { DEFAULT_SETTINGS, type MaintainersSettings } from '../../../src/settings.ts';
import type { Resolution } from '../../../src/sites/types.ts';
import { bob, mark, mbox, posting, reply } from '../../fixtures/model/series-mail.ts';

const FILE = `MEMORY MANAGEMENT
M:\t${mark.name} <${mark.address}>
R:\t${bob.name} <${bob.address}>
S:\tMaintained
F:\tmm/

DOCUMENTATION
M:\tJon Docs <jon@docs.example>
S:\tOdd Fixes
F:\tDocumentation/
`;

const three: Array<[string, string, string]> = [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'b'],
  ['docs: document frob', 'Documentation/frob.rst', 'c'],
];
const v1 = posting('own', 1, 1, 'mm: make frobnication faster', three);
const thread = [...v1, reply('own-ack', v1[1]!, mark, 2, `Acked-by: ${mark.name} <${mark.address}>`)];

let server: Server;
let origin: string;
const hits: string[] = [];
let maintainersAnswer: { status: number; body: string } = { status: 200, body: FILE };
let settings: MaintainersSettings;
let granted = true;

function resolution(): Resolution {
  const inboxUrl = `${origin}/linux-mm/`;
  const mid = v1[0]!.id;
  return { archive: 'public-inbox', kind: 'message', list: 'linux-mm', messageId: mid, inboxUrl, threadUrl: `${inboxUrl}${encodeMidForUrl(mid)}/`, confidence: 'exact', needsPage: null, search: null };
}

type Ledgers = Extract<SeriesEvent, { type: 'ledger' }>;

async function open(): Promise<Ledgers[]> {
  const events: PortEvent[] = [];
  const push = (e: PortEvent): void => void events.push(e);
  const sink = { emit: (e: PanelEvent) => push(e), series: push };
  const signal = new AbortController().signal;
  const res = resolution();
  const loaded = await loadResolved(res, res.threadUrl!, sink, signal);
  if (loaded) await loadSeries(loaded, sink, signal, true);
  return events.filter((e): e is Ledgers => e.type === 'ledger');
}

const source = (): string => `${origin}/pub/scm/linux/kernel/git/torvalds/linux.git/plain/MAINTAINERS`;
const maintainersHits = (): string[] => hits.filter((h) => h.endsWith('/MAINTAINERS'));

beforeAll(async () => {
  const gz = gzipSync(Buffer.from(mbox(thread)));
  server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    hits.push(url);
    if (url.endsWith('/MAINTAINERS')) {
      res.writeHead(maintainersAnswer.status, { 'content-type': maintainersAnswer.body.startsWith('<') ? 'text/html' : 'text/plain' });
      res.end(maintainersAnswer.body);
    } else if (url.endsWith('/t.mbox.gz')) {
      res.writeHead(200, { 'content-type': 'application/gzip' });
      res.end(gz);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resetFetcher();
  configureFetcher({ baseBackoffMs: 10, maxNetworkRetries: 0, maxRetries: 0 });
  configureMaintainers({ settings: async () => settings });
  configureOptionalHosts(async () => granted);
});

afterAll(async () => {
  configureMaintainers({ settings: async () => DEFAULT_SETTINGS.maintainers });
  configureOptionalHosts(async () => false);
  await closeCacheDB();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('which file a list reads', () => {
  it("the kernel's lists: lore's kernel inboxes, vger and kvack lists; others only as the reader names them", () => {
    expect(isKernelList('https://lore.kernel.org/linux-mm/')).toBe(true);
    expect(isKernelList('https://lore.kernel.org/qemu-devel/')).toBe(false);
    expect(isKernelList('https://example.org/lists/foo/', ['foo.vger.kernel.org'])).toBe(true);
    const s: MaintainersSettings = { ...DEFAULT_SETTINGS.maintainers, on: true, lists: [{ list: 'qemu-devel', source: 'https://qemu.example/MAINTAINERS' }] };
    expect(sourceFor(s, 'https://lore.kernel.org/linux-mm/')).toBe(DEFAULT_SETTINGS.maintainers.kernel);
    expect(sourceFor(s, 'https://lore.kernel.org/qemu-devel/')).toBe('https://qemu.example/MAINTAINERS');
    expect(sourceFor(s, 'https://example.org/other/')).toBeNull();
    expect(sourceFor({ ...s, on: false }, 'https://lore.kernel.org/linux-mm/')).toBeNull();
    expect(sourceFor({ ...s, kernel: '' }, 'https://lore.kernel.org/linux-mm/')).toBeNull();
  });
});

describe('the copy and ownership in a series run', () => {
  beforeEach(async () => {
    await closeCacheDB();
    globalThis.indexedDB = new IDBFactory();
    forgetMaintainersStates();
    forgetHeldMatches();
    hits.length = 0;
    maintainersAnswer = { status: 200, body: FILE };
    granted = true;
    settings = { ...DEFAULT_SETTINGS.maintainers, on: true, lists: [{ list: 'linux-mm', source: source() }], me: ['jon@docs.example'] };
  });

  it('off, or without the permission: nothing fetched, no ownership', async () => {
    settings = { ...settings, on: false };
    const off = await open();
    expect(off.at(-1)!.series[0]!.owners).toBeUndefined();
    expect(maintainersHits()).toEqual([]);
    settings = { ...settings, on: true };
    granted = false;
    const denied = await open();
    expect(maintainersHits()).toEqual([]);
    const last = denied.at(-1)!.series[0]!;
    expect(last.owners).toBeNull();
    expect(last.maintainers!.error).toMatch(/no permission/);
  });

  it('fetched once and matched; a reopen has ownership in its first event, from the cache alone', async () => {
    const first = await open();
    expect(maintainersHits()).toHaveLength(1);
    expect(first[0]!.series[0]!.owners).toBeNull();
    expect(first[0]!.series[0]!.maintainers!.pending).toBe(true);
    const done = first.at(-1)!.series[0]!;
    const o = done.owners!;
    expect(o.cells.map((r) => r[0]!.state)).toEqual(['acked', 'waiting', 'waiting']);
    expect(o.versions[0]!.summary).toBe('0 of 2 subsystems acked; waiting on MEMORY MANAGEMENT (M: Mark Maintainer), DOCUMENTATION (M: Jon Docs)');
    expect(o.versions[0]!.waitingOnMe).toBe(true);
    expect(done.maintainers).toMatchObject({ source: source(), error: null, entries: 2, pending: false });
    expect((await readMaintainersFile(source()))!.file.entries.map((e) => e.name)).toEqual(['MEMORY MANAGEMENT', 'DOCUMENTATION']);
    const meta = await (await openCacheDB()).getAll('meta');
    expect(meta.map((m) => Object.keys(m.ownerMatches?.patches ?? {}).length)).toEqual([3]);

    hits.length = 0;
    const again = await open();
    expect(hits.filter((h) => h.endsWith('/MAINTAINERS'))).toEqual([]);
    expect(again[0]!.series[0]!.owners!.versions[0]!.summary).toBe(o.versions[0]!.summary);
  });

  it('refreshed at most once a day; a failed refresh keeps the last good copy and says why', async () => {
    await open();
    expect(maintainersHits()).toHaveLength(1);
    const day = 24 * 3600_000;
    const s0 = (await readMaintainersState(source()))!;
    await ensureCopy(source(), s0.checkedAt + day - 1000);
    expect(maintainersHits()).toHaveLength(1);
    maintainersAnswer = { status: 500, body: 'oops' };
    const failed = (await ensureCopy(source(), s0.checkedAt + day + 1000))!;
    expect(maintainersHits()).toHaveLength(2);
    expect(failed).toMatchObject({ fetchedAt: s0.fetchedAt, entries: 2 });
    expect(failed.error).toMatch(/HTTP 500/);
    // the panel still shows ownership, from the last good copy, with the failure beside it
    hits.length = 0;
    const offline = await open();
    const last = offline.at(-1)!.series[0]!;
    expect(last.owners!.versions[0]!.counts.subsystems).toBe(2);
    expect(last.maintainers).toMatchObject({ fetchedAt: s0.fetchedAt, error: expect.stringMatching(/HTTP 500/) });
    // an hour later it tries again; a web page (a login, a challenge) is no MAINTAINERS file
    maintainersAnswer = { status: 200, body: '<!DOCTYPE html><html>sign in</html>' };
    const page = (await ensureCopy(source(), failed.checkedAt + 3600_000 + 1))!;
    expect(page.error).toMatch(/web page/);
    expect((await readMaintainersFile(source()))!.fetchedAt).toBe(s0.fetchedAt);
  });

  it('a local file: stored as file:<name>, never fetched, malformed lines counted', async () => {
    const r = await storeLocalFile('MAINTAINERS.qemu', `${FILE}\nbogus line without colon\nM: nobody\n`);
    expect(r.source).toBe('file:MAINTAINERS.qemu');
    expect(r.message).toMatch(/^MAINTAINERS\.qemu: 3 entries; 1 malformed line skipped/);
    settings = { ...settings, lists: [{ list: 'linux-mm', source: r.source }] };
    const got = await open();
    expect(maintainersHits()).toEqual([]);
    expect(got.at(-1)!.series[0]!.owners!.cells.map((r) => r[0]!.state)).toEqual(['acked', 'waiting', 'waiting']);
    expect((await storeLocalFile('empty', 'nothing here')).state).toBeNull();
  });
});
