/**
 * Patchwork's checks in the panel (issue 18, optional): the series slice puts each `checks`
 * answer on the ledgers through the core (failures among the findings, tallies per cell and
 * version), and the Versions section draws them — the version's line, the ⚑ and the words
 * on the failing cell only, every check in the cell's detail (names and descriptions as
 * text, links only http(s)), a failed refresh or a wait said — and asks for the checks of
 * the matrix on screen, the newest version's patches first, saying so when it goes.
 * Rendered by Preact into linkedom with the panel's real stores; the answers are a real
 * patchwork's (test/fixtures/patchwork/recorded.json) read by the core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { linkedomWindow } from '../helpers/dom.ts';
import { repoRoot } from '../helpers/corpus.ts';
import { threadSeries } from '../../src/core/series/thread-series.ts';
import { latestChecks, type PatchChecks } from '../../src/core/series/patchwork-checks.ts';
import { checksPageUrl, lookupPatches, lookupUrl, readChecks } from '../../src/core/series/patchwork-json.ts';
import { createFilterStore, createLoadStore, createReadStore, createTreeStore, StoreContext, type Actions, type Store } from '../../src/panel/store.ts';
import { empty } from '../../src/panel/panel-state.ts';
import { createSeriesStore, reduceSeries, emptySeries } from '../../src/panel/series/series-state.ts';
import { createCommitStore } from '../../src/panel/commit-state.ts';
import type { ChecksEvent, ChecksPatch, SeriesLedger } from '../../src/protocol.ts';
import { facts } from '../fixtures/model/series-mail.ts';
import { THREAD, V1, V2 } from '../fixtures/patchwork/series.ts';

const { window } = linkedomWindow({ CSS: { escape: (s: string) => s.replace(/["\\]/g, '\\$&') }, navigator: { clipboard: { writeText: async () => undefined } } });
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 150));
const KEY = 'https://lore.kernel.org/linux-mm/ pw1-0@example.org';
const PW = 'https://patchwork.kernel.org/';
const noop = (): void => undefined;

const recorded = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/patchwork/recorded.json'), 'utf8')) as { host: string; answers: Record<string, { body: unknown }> };
const body = (url: string): unknown => recorded.answers[url.slice(recorded.host.length)]!.body;
function answer(msgid: string, over: Partial<PatchChecks> = {}): PatchChecks {
  const found = lookupPatches(body(lookupUrl(`${recorded.host}/`, msgid)), msgid);
  const checks = latestChecks(found.flatMap((p) => readChecks(body(checksPageUrl(p.checksUrl)))));
  return { msgid, patch: found.length ? { projects: ['linux-mm'], webUrl: found[0]!.webUrl, date: found[0]!.date } : null, checks, fetchedAt: Date.parse('2024-02-01T09:00:00Z'), error: null, ...over };
}
const event = (patches: PatchChecks[], over: Partial<ChecksEvent> = {}): ChecksEvent => ({ type: 'checks', threadKey: KEY, instance: PW, state: 'on', patches, pending: 0, note: null, ...over });

async function ledgers(): Promise<SeriesLedger[]> {
  return threadSeries([await facts(THREAD)]).map((ledger) => ({ ledger, changelogs: {} }));
}

async function mount(list: SeriesLedger[], checks: ChecksEvent[], asked: ChecksPatch[][] = []): Promise<{ root: HTMLElement; store: Store }> {
  const load = createLoadStore();
  load.reset({ ...empty, threadKey: KEY, loading: false });
  const s = createSeriesStore();
  s.apply({ type: 'ledger', threadKey: KEY, series: list, pending: 0, done: 1, total: 1, failures: [] });
  for (const e of checks) s.apply(e);
  const actions: Actions = { retry: noop, refresh: noop, navigate: noop, openUrl: noop, enableHost: noop, popOutHref: () => null, openTab: noop, loadBodies: noop, markAllRead: noop, interdiff: noop, linkThread: noop, openMessage: noop, am: noop, checks: (p) => void asked.push(p) };
  const store: Store = { load, filter: createFilterStore(), tree: createTreeStore(), read: createReadStore(), series: s, commit: createCommitStore(), actions, now: () => Date.parse('2024-02-01T00:00:00Z') };
  const { VersionsSection } = await import('../../src/panel/series/VersionsSection.tsx');
  const root = window.document.getElementById('app') as unknown as HTMLElement;
  render(null, root);
  render(h(StoreContext.Provider, { value: store }, h(VersionsSection, {} as Record<string, never>)), root);
  await settle();
  return { root, store };
}

const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const all = (): PatchChecks[] => THREAD.filter((m) => !m.id.endsWith('-0@example.org')).map((m) => answer(m.id));

describe('the series slice', () => {
  it('each answer is kept by Message-ID and put on the ledgers; a new ledger keeps them; off clears them', async () => {
    const list = await ledgers();
    let s = reduceSeries(emptySeries, { type: 'ledger', threadKey: KEY, series: list, pending: 1, done: 1, total: 2, failures: [] });
    s = reduceSeries(s, event([answer(V1[2]!.id)], { pending: 5 }));
    expect(s.checks).toMatchObject({ state: 'on', pending: 5 });
    expect(s.series[0]!.ledger.versions[0]!.findings?.map((f) => f.title)).toEqual(['netdev/build_clang']);
    s = reduceSeries(s, event([answer(V2[2]!.id)]));
    expect(Object.keys(s.checks.byId)).toEqual([V1[2]!.id, V2[2]!.id]);
    s = reduceSeries(s, { type: 'ledger', threadKey: KEY, series: list, pending: 0, done: 2, total: 2, failures: [] });
    expect(s.series[0]!.checks?.versions.map((v) => v.read)).toEqual([1, 1]);
    expect(s.raw).toBe(list);
    s = reduceSeries(s, event([], { state: 'off', instance: null }));
    expect(s.series).toBe(list);
    // another thread's answer is not this one's
    expect(reduceSeries(s, { ...event([answer(V1[1]!.id)]), threadKey: 'other' })).toBe(s);
  });
});

describe('checks in the Versions section', () => {
  it("each version's line; the ⚑ and the words on the failing cells only; asked newest first", async () => {
    const asked: ChecksPatch[][] = [];
    const { root } = await mount(await ledgers(), [event(all())], asked);
    const lines = [...root.querySelectorAll('.ll-vsum .ll-checks-summary')].map(text);
    expect(lines).toEqual(['✗ patchwork: 1 fail (netdev/build_clang), 1 warning, 4 success', '✗ patchwork: 1 fail (netdev/build_clang), 1 pending, 7 success']);
    const cells = [...root.querySelectorAll('table.ll-matrix tbody td button')];
    expect(cells.map((b) => (b.querySelector('.ll-finding-flag') ? '⚑' : ''))).toEqual(['', '', '⚑', '⚑', '', '']);
    expect(cells.map((b) => /patchwork: [^;]*/.exec(b.getAttribute('title') ?? '')?.[0])).toEqual([
      'patchwork: 1 warning, 2 success',
      'patchwork: 3 success',
      'patchwork: 1 fail (netdev/build_clang), 2 success',
      'patchwork: 1 fail (netdev/build_clang), 1 pending, 1 success',
      'patchwork: no checks',
      'patchwork: 3 success',
    ]);
    // no bot-mail findings list for checks: they are the checks' own
    expect(root.querySelectorAll('.ll-findings').length).toBe(0);
    expect(asked.map((a) => a.map((p) => p.msgid))).toEqual([[...V2.slice(1), ...V1.slice(1)].map((m) => m.id)]);
    expect(asked[0]![0]!.date).toBe(V2[0]!.date && new Date(V2[0]!.date).toISOString());
  });

  it("a cell's detail lists every check: state, name, description as text, http(s) links only", async () => {
    const hostile = answer(V2[3]!.id);
    hostile.checks = [...hostile.checks, { state: 'warning', context: 'evil', user: 'x', description: '<img src=x onerror=alert(1)>', targetUrl: 'javascript:alert(1)', date: null }];
    const { root } = await mount(await ledgers(), [event([...all().filter((p) => p.msgid !== V2[3]!.id), hostile])]);
    const rows = [...root.querySelectorAll('table.ll-matrix tbody tr')];
    (rows[2]!.querySelectorAll('td button')[1] as HTMLElement).click();
    await settle();
    const detail = root.querySelector('.ll-cell-checks');
    expect(text(detail?.querySelector('.ll-evidence-head'))).toMatch(/^Patchwork checks \(not trailers\) in linux-mm: read 2024-02-01 \d\d:00 .* · patch in patchwork$/);
    const items = [...(detail?.querySelectorAll('li') ?? [])].map(text);
    expect(items).toEqual([
      expect.stringMatching(/^⚠ warning x\/evil: <img src=x onerror=alert\(1\)>$/),
      expect.stringMatching(/^✓ success bpf-ci\/vmtest-bpf-next — Jan 6(, 2024)?$/),
      expect.stringMatching(/^✓ success netdev\/build_clang — Jan 6(, 2024)?$/),
      expect.stringMatching(/^✓ success netdev\/checkpatch: ok ⟨U\+202E⟩txt\.exe — Jan 6(, 2024)?$/),
    ]);
    expect(detail?.querySelector('img')).toBeNull();
    const links = [...(detail?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'));
    expect(links).toEqual([`${recorded.host}/project/linux-mm/patch/${V2[3]!.id}/`, 'https://ci.example.org/netdev/build_clang/pw2-3', 'https://ci.example.org/netdev/checkpatch/pw2-3']);
  });

  it('a failed refresh is said beside the copy held; a wait or no permission above the versions', async () => {
    const failed = all().map((p) => (p.msgid === V1[2]!.id ? { ...p, error: 'patchwork.kernel.org could not be reached (offline)' } : p));
    const { root } = await mount(await ledgers(), [event(failed, { note: 'patchwork.kernel.org asked ListLens to wait for 600 s (HTTP 429); the checks held are shown; 3 patches not asked' })]);
    expect(text(root.querySelector('.ll-vsum .ll-checks-problem'))).toBe("a patch's last refresh failed: patchwork.kernel.org could not be reached (offline); showing the checks held");
    expect(text(root.querySelector('.ll-vsum .ll-checks-summary'))).toBe('✗ patchwork: 1 fail (netdev/build_clang), 1 warning, 4 success');
    expect(text(root.querySelector('p.ll-checks[role=status]'))).toBe('Patchwork: patchwork.kernel.org asked ListLens to wait for 600 s (HTTP 429); the checks held are shown; 3 patches not asked');
    const refused = await mount(await ledgers(), [event([], { state: 'refused', note: 'ListLens has no permission to read patchwork.kernel.org: switch Patchwork checks on again in Options.' })]);
    expect(text(refused.root.querySelector('p.ll-checks[role=status]'))).toMatch(/no permission to read patchwork\.kernel\.org/);
    expect(refused.root.querySelectorAll('.ll-vsum .ll-checks').length).toBe(0);
  });

  it('off: nothing drawn; a closed section asks for nothing more', async () => {
    const asked: ChecksPatch[][] = [];
    const { root } = await mount(await ledgers(), [event([], { state: 'off', instance: null })], asked);
    expect(root.querySelectorAll('.ll-checks').length).toBe(0);
    expect(asked).toHaveLength(1);
    (root.querySelector('.ll-section-toggle') as HTMLElement).click();
    await settle();
    expect(asked[1]).toEqual([]);
  });
});
