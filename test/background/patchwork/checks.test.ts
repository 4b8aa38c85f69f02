/**
 * Patchwork's checks in the worker (issue 18, optional), on fake-indexeddb with the real
 * polite fetcher against a patchwork REST API on 127.0.0.1 that answers with a real
 * patchwork's recorded answers (test/helpers/patchwork-server.ts). Checked: nothing is asked
 * while off, for a list the instance does not track, or without the host's permission; one
 * lookup and one checks list per patch, at most two at once, the answers those of the real
 * patchwork (merged by the core as the panel merges them); cached per Message-ID and asked
 * again only when due (a day for old patches, 10 minutes while a check is pending, the
 * lookup never again); a 429 waited out, one too long stops the run; a failure keeps the
 * last copy and says so; a web page or another host is never read as patchwork's.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeCacheDB, KEY_SEP } from '../../../src/background/cache/db.ts';
import { readPatchwork } from '../../../src/background/cache/patchwork.ts';
import { configureFetcher, resetFetcher } from '../../../src/background/net/polite-fetch.ts';
import { configureOptionalHosts } from '../../../src/background/optional-hosts.ts';
import { isDue, sendChecks } from '../../../src/background/patchwork/checks.ts';
import { instanceFor } from '../../../src/background/patchwork/instance.ts';
import { threadSeries } from '../../../src/core/series/thread-series.ts';
import { withChecks, type PatchChecks } from '../../../src/core/series/patchwork-checks.ts';
import type { ChecksEvent, ChecksPatch, PortEvent } from '../../../src/protocol.ts';
import { DEFAULT_SETTINGS, type PatchworkSettings } from '../../../src/settings.ts';
import { facts } from '../../fixtures/model/series-mail.ts';
import { THREAD, UNKNOWN_ID, V1, V2 } from '../../fixtures/patchwork/series.ts';
import { startPatchworkServer, type PatchworkServer } from '../../helpers/patchwork-server.ts';

let pw: PatchworkServer;
let granted = true;
let clock = Date.parse('2024-03-01T00:00:00Z');
const now = (): number => clock;

const patches: ChecksPatch[] = [...V2.slice(1), ...V1.slice(1)].map((m) => ({ msgid: m.id, date: new Date(m.date).toISOString() }));
const threadKey = (list = 'linux-mm'): string => `${pw.origin}/${list}/${KEY_SEP}${V1[0]!.id}`;
const settings = (over: Partial<PatchworkSettings> = {}): PatchworkSettings => ({ on: true, url: `${pw.origin}/`, lists: ['linux-mm'], ...over });

async function run(s: PatchworkSettings, want: ChecksPatch[] = patches, key = threadKey()): Promise<ChecksEvent[]> {
  const events: PortEvent[] = [];
  const sink = { emit: (e: PortEvent) => void events.push(e), series: (e: PortEvent) => void events.push(e) };
  await sendChecks(s, key, want, sink, new AbortController().signal, { now });
  return events.filter((e): e is ChecksEvent => e.type === 'checks');
}

/** Everything the events said, newest per patch, as the panel keeps it. */
const known = (events: ChecksEvent[]): Map<string, PatchChecks> => new Map(events.flatMap((e) => e.patches.map((p) => [p.msgid, p] as const)));
const lookups = (): string[] => pw.hits.filter((h) => h.includes('msgid='));
const checkLists = (): string[] => pw.hits.filter((h) => h.includes('/checks/'));

beforeAll(async () => {
  pw = await startPatchworkServer();
  configureOptionalHosts(async (p) => granted && p === 'http://127.0.0.1/*');
});

afterAll(async () => {
  configureOptionalHosts(async () => false);
  resetFetcher();
  await closeCacheDB();
  await pw.close();
});

beforeEach(async () => {
  await closeCacheDB();
  globalThis.indexedDB = new IDBFactory();
  pw.hits.length = 0;
  pw.maxBusy = 0;
  pw.delayMs = 0;
  pw.once = [];
  pw.always = null;
  granted = true;
  clock = Date.parse('2024-03-01T00:00:00Z');
  // a host told to wait stays held for the fetcher's life: each test starts with none
  resetFetcher();
  configureFetcher({ baseBackoffMs: 10, maxNetworkRetries: 0 });
});

describe('which lists and when nothing is asked', () => {
  it("the kernel's lists on lore go to patchwork.kernel.org; others only as the reader names them; off: none", () => {
    const s = { ...DEFAULT_SETTINGS.patchwork, on: true };
    expect(instanceFor(s, 'https://lore.kernel.org/linux-mm/')).toBe('https://patchwork.kernel.org/');
    expect(instanceFor(s, 'https://lore.kernel.org/all/')).toBe('https://patchwork.kernel.org/');
    expect(instanceFor(s, 'https://lore.kernel.org/qemu-devel/')).toBeNull();
    expect(instanceFor({ ...s, lists: ['qemu-devel@nongnu.org'] }, 'https://lore.kernel.org/qemu-devel/')).toBe('https://patchwork.kernel.org/');
    expect(instanceFor({ ...s, url: 'https://patchwork.ozlabs.org/' }, 'https://lore.kernel.org/linux-mm/')).toBeNull();
    expect(instanceFor({ ...s, url: 'https://patchwork.ozlabs.org/', lists: ['linuxppc-dev'] }, 'https://lore.kernel.org/linuxppc-dev/')).toBe('https://patchwork.ozlabs.org/');
    expect(instanceFor(DEFAULT_SETTINGS.patchwork, 'https://lore.kernel.org/linux-mm/')).toBeNull();
  });

  it('off, an untracked list, no permission: no request; without permission the copies held are still shown', async () => {
    expect(await run(settings({ on: false }))).toEqual([{ type: 'checks', threadKey: threadKey(), instance: null, state: 'off', patches: [], pending: 0, note: null }]);
    expect((await run(settings(), patches, threadKey('qemu-devel')))[0]!.state).toBe('off');
    expect(pw.hits).toEqual([]);
    await run(settings());
    pw.hits.length = 0;
    granted = false;
    const [e] = await run(settings());
    expect(e).toMatchObject({ state: 'refused', pending: 0, note: expect.stringMatching(/no permission to read 127\.0\.0\.1:\d+/) });
    expect(e!.patches).toHaveLength(6);
    expect(pw.hits).toEqual([]);
  });
});

describe('reading and caching', () => {
  it("one lookup and one checks list per patch, two at once at most; the answers are patchwork's", async () => {
    pw.delayMs = 30;
    const events = await run(settings(), [...patches, { msgid: UNKNOWN_ID, date: null }]);
    expect(lookups()).toHaveLength(7);
    expect(checkLists()).toHaveLength(6);
    expect(pw.maxBusy).toBeLessThanOrEqual(2);
    expect(events[0]).toMatchObject({ state: 'on', patches: [], pending: 7 });
    expect(events[events.length - 1]).toMatchObject({ pending: 0, note: null });
    const got = known(events);
    expect(got.get(UNKNOWN_ID)).toMatchObject({ patch: null, checks: [], error: null });
    expect(got.get(V1[2]!.id)!.patch).toEqual({ projects: ['linux-mm'], webUrl: `${pw.origin}/project/linux-mm/patch/${V1[2]!.id}/`, date: '2024-01-01T10:02:00.000Z' });
    const [ledger] = threadSeries([await facts(THREAD)]);
    const merged = withChecks(ledger!, (id) => got.get(id));
    expect(merged.checks.versions.map((v) => v.summary)).toEqual(['patchwork: 1 fail (netdev/build_clang), 1 warning, 4 success', 'patchwork: 1 fail (netdev/build_clang), 1 pending, 7 success']);
  });

  it('cached per Message-ID: asked again only when due, the lookup never again', async () => {
    await run(settings());
    pw.hits.length = 0;
    // an hour later: old patches hold a day, the pending one (v2 2/3) 10 minutes
    clock += 3600_000;
    const again = await run(settings());
    expect(lookups()).toEqual([]);
    expect(checkLists()).toEqual(['/api/patches/5/checks/?per_page=250']);
    expect(known(again).size).toBe(6);
    pw.hits.length = 0;
    clock += 25 * 3600_000;
    await run(settings());
    expect(lookups()).toEqual([]);
    expect(checkLists()).toHaveLength(6);
    const recs = await readPatchwork(`${pw.origin}/`, [V1[1]!.id]);
    expect(recs.get(V1[1]!.id)).toMatchObject({ fetchedAt: clock, checkedAt: clock, error: null });
  });

  it('how long a copy holds: pending and new patches soon, old ones a day, failures 10 minutes', () => {
    const base = { key: 'k', instance: 'i', msgid: 'm', found: [{ id: 1, project: 'p', webUrl: null, checksUrl: 'x', date: '2024-03-01T00:00:00.000Z' }], checks: [], fetchedAt: 1, checkedAt: 0, error: null };
    const t0 = Date.parse('2024-03-01T00:00:00Z');
    // no check yet on a new patch: 10 minutes
    expect(isDue({ ...base, checkedAt: t0 } as never, null, t0 + 9 * 60_000)).toBe(false);
    expect(isDue({ ...base, checkedAt: t0 } as never, null, t0 + 11 * 60_000)).toBe(true);
    const ok = { ...base, checks: [{ state: 'success', context: 'c', user: null, description: null, targetUrl: null, date: null }] } as never;
    expect(isDue({ ...(ok as object), checkedAt: t0 } as never, null, t0 + 59 * 60_000)).toBe(false);
    expect(isDue({ ...(ok as object), checkedAt: t0 } as never, null, t0 + 61 * 60_000)).toBe(true);
    const old = { ...(ok as object), found: [{ ...base.found[0]!, date: '2024-01-01T00:00:00.000Z' }], checkedAt: t0 } as never;
    expect(isDue(old, null, t0 + 23 * 3600_000)).toBe(false);
    expect(isDue(old, null, t0 + 25 * 3600_000)).toBe(true);
    expect(isDue({ ...(old as object), error: 'x' } as never, null, t0 + 11 * 60_000)).toBe(true);
    expect(isDue({ ...base, found: null, checkedAt: t0 } as never, '2024-02-29T23:00:00Z', t0 + 61 * 60_000)).toBe(true);
    expect(isDue({ ...base, found: null, checkedAt: t0 } as never, '2023-02-29T23:00:00Z', t0 + 61 * 60_000)).toBe(false);
  });
});

describe('politeness and failures', () => {
  it('a 429 with Retry-After is waited out (the wait said), then the answers come', async () => {
    pw.once = [{ status: 429, headers: { 'retry-after': '1' }, body: '{"detail":"Request was throttled."}' }];
    const events = await run(settings(), patches.slice(0, 1));
    expect(pw.hits).toHaveLength(3);
    expect(events.some((e) => /asked ListLens to wait 1 s \(HTTP 429\)/.test(e.note ?? ''))).toBe(true);
    expect(events[events.length - 1]).toMatchObject({ pending: 0, note: null });
    expect(known(events).get(V2[1]!.id)!.checks).toHaveLength(3);
  });

  it('a wait longer than the fetcher waits stops the run: nothing more is asked, the copies held stay', async () => {
    await run(settings());
    clock += 25 * 3600_000;
    pw.hits.length = 0;
    pw.always = { status: 429, headers: { 'retry-after': '600' }, body: '{}' };
    const events = await run(settings());
    expect(pw.hits.length).toBeLessThanOrEqual(2);
    const last = events[events.length - 1]!;
    expect(last).toMatchObject({ pending: 0, note: expect.stringMatching(/asked ListLens to wait for \d+ s \(HTTP 429\); the checks held are shown; 4 patches not asked/) });
    const got = known(events);
    expect(got.size).toBe(6);
    expect([...got.values()].every((p) => p.fetchedAt !== null && p.patch !== null)).toBe(true);
  });

  it('an instance that cannot be reached: said once, nothing more asked in the run', async () => {
    const events = await run(settings({ url: 'http://127.0.0.1:9/' }));
    const last = events[events.length - 1]!;
    // the two asked at once both fail; the four behind them are not asked
    expect(last).toMatchObject({ pending: 0, note: '127.0.0.1:9 could not be reached (fetch failed); 4 patches not asked' });
    expect(known(events).size).toBe(2);
    expect([...known(events).values()].map((p) => [p.fetchedAt, p.error])).toEqual([
      [null, '127.0.0.1:9 could not be reached (fetch failed)'],
      [null, '127.0.0.1:9 could not be reached (fetch failed)'],
    ]);
  });

  it('a failed refresh keeps the last copy and says why; a web page is not read as JSON', async () => {
    await run(settings(), patches.slice(0, 1));
    clock += 25 * 3600_000;
    pw.always = { status: 500, body: 'oops' };
    let got = known(await run(settings(), patches.slice(0, 1))).get(V2[1]!.id)!;
    expect(got).toMatchObject({ error: expect.stringMatching(/answered HTTP 500/), fetchedAt: Date.parse('2024-03-01T00:00:00Z') });
    expect(got.checks).toHaveLength(3);
    clock += 11 * 60_000;
    pw.always = { status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><title>Making sure you are not a bot</title>' };
    got = known(await run(settings(), patches.slice(0, 1))).get(V2[1]!.id)!;
    expect(got.error).toMatch(/answered with a web page, not patchwork's REST API/);
    expect(got.checks).toHaveLength(3);
  });

  it('an instance without API 1.2, a checks URL on another host: said, not followed', async () => {
    pw.always = { status: 404, body: '{"detail":"Not found."}' };
    let got = known(await run(settings(), patches.slice(0, 1))).get(V2[1]!.id)!;
    expect(got).toMatchObject({ fetchedAt: null, error: expect.stringMatching(/has no patchwork REST API 1\.2/) });
    pw.always = null;
    clock += 11 * 60_000;
    pw.hits.length = 0;
    const msgid = V2[1]!.id;
    pw.once = [{ status: 200, body: JSON.stringify([{ id: 9, msgid: `<${msgid}>`, checks: 'https://elsewhere.example/api/patches/9/checks/', project: { link_name: 'linux-mm' } }]) }];
    got = known(await run(settings(), patches.slice(0, 1))).get(msgid)!;
    expect(got.error).toMatch(/named another host \(elsewhere\.example\): not asked/);
    expect(pw.hits).toHaveLength(1);
  });
});
