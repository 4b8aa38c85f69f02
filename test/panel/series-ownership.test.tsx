/**
 * Issue 18 in the panel: the Versions section draws what the worker sent — per version the
 * ownership line (highlighted when it waits on the reader) and which copy of MAINTAINERS was
 * read (its failure said), per cell its ownership sign and words, bots' findings on the
 * version they are about and whether a later version had them again — and nothing when the
 * feature is off. Rendered by Preact into linkedom with the panel's real stores; ledgers and
 * ownership from crafted series mail through the core (the worker's path).
 */
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { linkedomWindow } from '../helpers/dom.ts';
import { analyseMbox } from '../../src/core/analyse.ts';
import { threadFacts } from '../../src/core/series/series-facts.ts';
import { threadSeries } from '../../src/core/series/thread-series.ts';
import { compileMaintainers, matchPatch } from '../../src/core/maintainers/match.ts';
import { parseMaintainers } from '../../src/core/maintainers/parse.ts';
import { ledgerOwnership } from '../../src/core/maintainers/ledger-ownership.ts';
import { createFilterStore, createLoadStore, createReadStore, createTreeStore, StoreContext, type Actions, type Store } from '../../src/panel/store.ts';
import { empty } from '../../src/panel/panel-state.ts';
import { createSeriesStore } from '../../src/panel/series/series-state.ts';
import { createCommitStore } from '../../src/panel/commit-state.ts';
import type { MaintainersInfo, SeriesLedger } from '../../src/protocol.ts';
import { bob, mark, mbox, posting, reply, type Mail } from '../fixtures/model/series-mail.ts';

const { window } = linkedomWindow({ CSS: { escape: (s: string) => s.replace(/["\\]/g, '\\$&') }, navigator: { clipboard: { writeText: async () => undefined } } });
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 150));
const KEY = 'https://lore.kernel.org/linux-mm/ v1-0@example.org';
const noop = (): void => undefined;
const actions: Actions = { retry: noop, refresh: noop, navigate: noop, openUrl: noop, enableHost: noop, popOutHref: () => null, openTab: noop, loadBodies: noop, markAllRead: noop, interdiff: noop, linkThread: noop, openMessage: noop, am: noop, checks: noop };

const FILE = `MEMORY MANAGEMENT\nM:\t${mark.name} <${mark.address}>\nR:\t${bob.name} <${bob.address}>\nS:\tMaintained\nF:\tmm/\n\nDOCUMENTATION\nM:\tJon Docs <jon@docs.example>\nS:\tOdd Fixes\nF:\tDocumentation/\n`;
const ix = compileMaintainers(parseMaintainers(FILE));
const three: Array<[string, string, string]> = [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'b'],
  ['docs: document frob', 'Documentation/frob.rst', 'c'],
];
const ci = (id: string, to: Mail, title: string): Mail => ({
  id,
  from: { name: 'syzbot ci', address: 'syzbot+ci0a@syzkaller.appspotmail.com' },
  subject: `[syzbot ci] Re: ${to.subject}`,
  date: to.date,
  replyTo: to.id,
  body: `syzbot ci has tested the following series\n\n[v1] x\nhttps://lore.kernel.org/all/${to.id}\n\nand found the following issue:\n${title}\n\nFull report is available here:\nhttps://ci.syzbot.org/series/${id}\n`,
});

async function series(threads: Mail[][], info: MaintainersInfo | undefined, me: string[] = []): Promise<SeriesLedger[]> {
  const rs = await Promise.all(threads.map((t) => analyseMbox(mbox(t), { keepBodies: true })));
  const facts = rs.map((r) => threadFacts(r.analysis, r.heads, new Map([...r.bodies!].map(([k, b]) => [k, b.text]))));
  const files = new Map(facts.flatMap((f) => f.versions.flatMap((v) => v.patches.map((p) => [p.id, p.files] as const))));
  return threadSeries(facts).map((ledger) => ({
    ledger,
    changelogs: {},
    ...(info ? { owners: info.fetchedAt ? ledgerOwnership(ledger, { matchOf: (c) => matchPatch(ix, { files: files.get(c.id!) ?? [] }), entryAt: (i) => ix.entries[i]!, me }) : null, maintainers: info } : {}),
  }));
}

async function mount(list: SeriesLedger[]): Promise<HTMLElement> {
  const load = createLoadStore();
  load.reset({ ...empty, threadKey: KEY, loading: false });
  const s = createSeriesStore();
  s.apply({ type: 'ledger', threadKey: KEY, series: list, pending: 0, done: 1, total: 1, failures: [] });
  const store: Store = { load, filter: createFilterStore(), tree: createTreeStore(), read: createReadStore(), series: s, commit: createCommitStore(), actions, now: () => Date.parse('2024-02-01T00:00:00Z') };
  const { VersionsSection } = await import('../../src/panel/series/VersionsSection.tsx');
  const root = window.document.getElementById('app') as unknown as HTMLElement;
  render(null, root);
  render(h(StoreContext.Provider, { value: store }, h(VersionsSection, {} as Record<string, never>)), root);
  await settle();
  return root;
}

const info = (over: Partial<MaintainersInfo> = {}): MaintainersInfo => ({ source: 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/plain/MAINTAINERS', fetchedAt: Date.parse('2024-01-31T09:00:00Z'), checkedAt: Date.parse('2024-01-31T09:00:00Z'), error: null, entries: 2, pending: false, ...over });
const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('ownership and findings in the Versions section', () => {
  it('the version line, the copy read, each cell acked or waiting, waiting on the reader highlighted', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
    const root = await mount(await series([[...v1, reply('a1', v1[1]!, mark, 2, `Acked-by: ${mark.name} <${mark.address}>`)]], info(), ['jon@docs.example']));
    const line = root.querySelector('.ll-owners');
    expect(text(line?.querySelector('summary'))).toBe('Waiting on you: 0 of 2 subsystems acked; waiting on MEMORY MANAGEMENT (M: Mark Maintainer), DOCUMENTATION (M: Jon Docs)');
    expect(line?.querySelector('.ll-owners-summary')?.classList.contains('ll-owners-mine')).toBe(true);
    expect(text(line?.querySelector('.ll-owners-copy'))).toBe('MAINTAINERS from git.kernel.org, 2024-01-31 09:00 UTC');
    const cells = [...root.querySelectorAll('.ll-matrix tbody td button')];
    expect(cells.map((b) => b.getAttribute('title')!.replace(/^.*?MAINTAINERS: /, ''))).toEqual([
      'MEMORY MANAGEMENT: acked by Mark Maintainer [Maintained]',
      'waiting on MEMORY MANAGEMENT (M: Mark Maintainer) [Maintained]',
      'waiting on DOCUMENTATION (M: Jon Docs) [Odd Fixes]; waiting on you',
    ]);
    expect(cells.map((b) => text(b.querySelector('.ll-owner-sign')))).toEqual(['◆', '◇', '◇']);
  });

  it('a failed refresh is said beside the copy still shown; while fetching, nothing is counted', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
    const failed = await mount(await series([v1], info({ error: 'git.kernel.org answered HTTP 503', checkedAt: Date.parse('2024-02-01T08:00:00Z') })));
    expect(text(failed.querySelector('.ll-owners-problem'))).toBe('the last refresh (2024-02-01 08:00 UTC) failed: git.kernel.org answered HTTP 503; showing the copy held');
    expect(failed.querySelector('.ll-owners summary')).not.toBeNull();
    const fetching = await mount(await series([v1], info({ fetchedAt: null, pending: true })));
    expect(text(fetching.querySelector('.ll-owners'))).toBe('MAINTAINERS: fetching from git.kernel.org…');
    expect(fetching.querySelectorAll('.ll-owner-sign')).toHaveLength(0);
    const off = await mount(await series([v1], undefined));
    expect(off.querySelector('.ll-owners')).toBeNull();
  });

  it("a finding stays on its version, flagged on its column; the next version says it was reported again", async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', three);
    const v2 = posting('v2', 2, 5, 'mm: make frobnication faster', three, { replyTo: v1[0]!.id });
    const root = await mount(await series([[...v1, ci('c1', v1[0]!, 'WARNING in folio_memcg')], [...v2, ci('c2', v2[0]!, 'WARNING in folio_memcg')]], undefined));
    const heads = [...root.querySelectorAll('.ll-matrix thead th')].map((th) => text(th));
    expect(heads.slice(1)).toEqual(['v1⚑bot findings: warning: WARNING in folio_memcg', 'v2⚑bot findings: warning: WARNING in folio_memcg']);
    const sums = [...root.querySelectorAll('.ll-vsum')];
    expect(text(sums[0]!.querySelector('.ll-finding'))).toMatch(/^⚠ WARNING in folio_memcg — syzbot ci on the version, Jan 1, 2024; reported again on v2 mail$/);
    expect(sums[0]!.querySelector('.ll-finding a')?.getAttribute('href')).toBe('https://ci.syzbot.org/series/c1');
    expect(text(sums[1]!.querySelector('.ll-finding'))).toMatch(/first reported on v1/);
    expect(text(sums[1]!.querySelector('.ll-finding-again'))).toBe('v1 WARNING in folio_memcg — reported again on v2');
    expect(sums[0]!.querySelector('.ll-vsum-bots')).toBeNull();
  });
});
