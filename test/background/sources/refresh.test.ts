/**
 * The incremental refresh against a real public-inbox-httpd (1.9, the e2e rig's archive):
 * a thread is cached, more of its replies arrive in the archive, and the `dt:` refresh must
 * bring exactly those in, although 1.9 answers the per-thread search with every message of
 * the inbox in the date range. Also: what the archive answers for an unknown Message-ID.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir } from '../../helpers/corpus.ts';
import { corpusMessages } from '../fixtures.ts';
import { startArchive, toMboxrd, type Archive } from '../../e2e/rig/archive.ts';
import { politeFetch, resetFetcher } from '../../../src/background/net/polite-fetch.ts';
import { gunzip } from '../../../src/background/net/gzip.ts';
import { readThread, writeThread } from '../../../src/background/cache/threads.ts';
import { closeCacheDB } from '../../../src/background/cache/db.ts';
import { refreshCached, fetchThread } from '../../../src/background/sources/thread-fetch.ts';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { analyseMerged } from '../../../src/core/incremental.ts';
import { splitMbox } from '../../../src/core/mail/mbox.ts';
import { parseHead } from '../../../src/core/mail/headers.ts';
import { encodeMidForUrl } from '../../../src/core/mail/message-id.ts';
import type { Analysis, MessageHead } from '../../../src/core/types.ts';
import type { PanelEvent } from '../../../src/protocol.ts';

const IMPORT_PL = `use PublicInbox::Config; use PublicInbox::InboxWritable;
my $ibx = PublicInbox::InboxWritable->new(PublicInbox::Config->new->lookup_name($ARGV[0]));
open my $fh, '<', $ARGV[1] or die "open $ARGV[1]: $!"; $ibx->import_mbox($fh, 'mboxrd');`;

function headsOf(mbox: Uint8Array): MessageHead[] {
  return splitMbox(mbox).messages.map((m, i) => parseHead(m, i));
}

/** The parts of an Analysis the merge reads: every message and every referenced ghost. */
function analysisOf(heads: MessageHead[]): Analysis {
  const ids = new Set<string>();
  for (const h of heads) [h.id, ...h.references].forEach((x) => ids.add(x));
  const messages = [...ids].map((id) => ({ id, parent: null, related: null, ghost: !heads.some((h) => h.id === id), subject: '', from: null, date: null, depth: 0, children: [] }));
  return { messages, roots: [heads[0]!.id], participants: [], series: [], errors: [] };
}

const events: PanelEvent[] = [];
const sink = { emit: (e: PanelEvent) => events.push(e) };

describe.skipIf(!corpusDir)('refresh against public-inbox-httpd', () => {
  let archive: Archive;
  let tmp: string;
  let held: string;
  let coverId: string;
  let heldIds: string[];
  let inbox: string;

  beforeAll(async () => {
    globalThis.indexedDB = new IDBFactory();
    resetFetcher();
    tmp = mkdtempSync(join(tmpdir(), 'listlens-refresh-'));
    const all = corpusMessages();
    const thread = all.filter((m) => /unnecessary semicolons/.test(m.head.subject));
    coverId = thread.find((m) => /^\[PATCH 00\/44\]/.test(m.head.subject))!.head.messageId;
    // The newest replies "arrive later".
    const later = thread.filter((m) => /^Re:/i.test(m.head.subject) && m.head.date).sort((a, b) => a.head.date!.localeCompare(b.head.date!)).slice(-6);
    heldIds = later.map((m) => m.head.messageId);
    const base = join(tmp, 'base.mbox');
    held = join(tmp, 'held.mbox');
    writeFileSync(base, all.filter((m) => !heldIds.includes(m.head.messageId)).map((m) => toMboxrd(m.raw)).join(''), 'latin1');
    writeFileSync(held, later.map((m) => toMboxrd(m.raw)).join(''), 'latin1');
    archive = await startArchive({ inboxes: [{ name: 'lkml', address: 'linux-kernel@vger.kernel.org', files: [base] }] });
    inbox = `${archive.httpOrigin}/lkml/`;
  }, 120_000);

  afterAll(async () => {
    await closeCacheDB();
    await archive?.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('answers an unknown Message-ID with not-found, and the thread with gzip mbox', async () => {
    const missing = await fetchThread(`${inbox}${encodeMidForUrl('no-such-message@example.invalid')}/`, sink, new AbortController().signal, () => undefined);
    expect(missing).toMatchObject({ ok: false, kind: 'not-found' });
    const got = await fetchThread(`${inbox}${encodeMidForUrl(coverId)}/`, sink, new AbortController().signal, () => undefined);
    expect(got.ok).toBe(true);
  });

  it('brings in exactly the replies that arrived since, from an inbox-wide dt: answer', async () => {
    const threadUrl = `${inbox}${encodeMidForUrl(coverId)}/`;
    const first = await fetchThread(threadUrl, sink, new AbortController().signal, () => undefined);
    if (!first.ok) throw new Error(first.message);
    const heads = headsOf(first.bytes);
    expect(heads.some((h) => heldIds.includes(h.messageId))).toBe(false);
    // As if the thread was cached an hour after its newest message (2010), and refreshed a
    // day later: the held replies, dated within days of the rest, arrive in between.
    const newestDate = heads.map((h) => h.date ?? '').sort().at(-1)!;
    const cachedAt = Date.parse(newestDate) + 3600_000;
    const now = cachedAt + 24 * 3600_000;
    const stored = await writeThread(
      {
        meta: { inboxUrl: inbox, rootId: coverId, anchorId: coverId, subject: '', messages: heads.length, newestDate, cachedAt, lastRefresh: cachedAt, lastFullFetch: cachedAt },
        analysis: analysisOf(heads),
        heads,
        raw: first.bytes,
      },
      { limitBytes: 50e6, pinned: new Set() },
    );
    if (!stored.ok) throw new Error(stored.message);

    // Nothing new yet.
    const cached = (await readThread(stored.key))!;
    expect(await refreshCached(cached, sink, new AbortController().signal, now)).toEqual({ kind: 'unchanged' });

    // The held replies reach the archive. (The Perl import fills over.sqlite3 but, in 1.9, not
    // Xapian until a --reindex; lore's own indexing does both.)
    const env = { ...process.env, PI_CONFIG: join(archive.dir, 'config'), HOME: archive.dir };
    for (const [cmd, args] of [['perl', ['-e', IMPORT_PL, 'lkml', held]], ['public-inbox-index', ['-j0', '--reindex', join(archive.dir, 'lkml')]]] as const) {
      const r = spawnSync(cmd, [...args], { env, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    // httpd 1.9 keeps its Xapian reader open until it idles out; a restart is the quick way.
    await archive.stop();
    await archive.start();

    const out = await refreshCached(cached, sink, new AbortController().signal, now);
    expect(out.kind).toBe('changed');
    if (out.kind !== 'changed') return;
    expect(out.full).toBe(false);
    const merged = headsOf(out.bytes).map((h) => h.messageId);
    const full = await fetchThread(threadUrl, sink, new AbortController().signal, () => undefined);
    if (!full.ok) throw new Error(full.message);
    expect(new Set(merged)).toEqual(new Set(headsOf(full.bytes).map((h) => h.messageId)));
    expect(merged).toHaveLength(new Set(merged).size);
    for (const id of heldIds) expect(merged).toContain(id);

    // The filter mattered: 1.9 sent messages of other threads too.
    const since = encodeURIComponent(`dt:${cached.meta.newestDate!.slice(0, 10).replace(/-/g, '')}000000..`);
    const raw = await politeFetch({ url: `${threadUrl}?x=m&q=${since}`, method: 'POST', body: '' });
    const inboxWide = headsOf(await gunzip(raw.bytes)).map((h) => h.messageId);
    expect(inboxWide.some((id) => !merged.includes(id))).toBe(true);

    // What the loader does with it: the new mail merged into what was cached, not all read
    // again, and the same analysis as reading the grown mbox whole.
    expect(out.base).toBeDefined();
    const inc = await analyseMerged({ analysis: cached.view.analysis, heads: cached.view.heads, bytes: out.base! }, out.bytes);
    expect(inc.reused).toBe(heads.length);
    const whole = await analyseMbox(out.bytes);
    expect(inc.heads).toEqual(whole.heads);
    expect({ ...inc.analysis, errors: [] }).toEqual({ ...whole.analysis, errors: [] });
  });
});
