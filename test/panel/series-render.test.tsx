/**
 * One answer for one series (issue 15, item 10): the header, the Versions section and the
 * tree's marks of a thread read the worker's ledgers and nothing else. Rendered by Preact into
 * linkedom with the panel's real stores: the thread on screen holds only v2 of a series whose
 * v1 is another thread; its analysis knows one version, the ledger two. Before, the header
 * counted from the analysis and the search's links ("2 versions" beside Versions' "4"), and
 * the tree counted trailers again from the replies' text. Also: a thread holding two series
 * shows both, the page's open and the other folded below it.
 */
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { linkedomWindow } from '../helpers/dom.ts';
import { analyseMbox } from '../../src/core/analyse.ts';
import { threadFacts } from '../../src/core/series/series-facts.ts';
import { threadSeries } from '../../src/core/series/thread-series.ts';
import { createFilterStore, createLoadStore, createReadStore, createTreeStore, StoreContext, type Actions, type Store } from '../../src/panel/store.ts';
import { empty } from '../../src/panel/panel-state.ts';
import { createSeriesStore } from '../../src/panel/series/series-state.ts';
import { createCommitStore } from '../../src/panel/commit-state.ts';
import { bob, carol, mbox, posting, reply, type Mail } from '../fixtures/model/series-mail.ts';
import { strangerMail } from '../fixtures/model/stranger-mail.ts';

const { window } = linkedomWindow({ CSS: { escape: (s: string) => s.replace(/["\\]/g, '\\$&') }, navigator: { clipboard: { writeText: async () => undefined } } });
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 150));
const KEY = 'https://lore.kernel.org/linux-mm/ v2-0@example.org';

const noop = (): void => undefined;
const actions: Actions = { retry: noop, refresh: noop, navigate: noop, openUrl: noop, enableHost: noop, popOutHref: () => null, openTab: noop, loadBodies: noop, markAllRead: noop, interdiff: noop, linkThread: noop, openMessage: noop, am: noop, checks: noop };

async function analysed(mails: Mail[]) {
  const r = await analyseMbox(mbox(mails), { keepBodies: true });
  return { r, facts: threadFacts(r.analysis, r.heads, new Map([...r.bodies!].map(([k, b]) => [k, b.text]))) };
}

async function mount(page: Mail[], others: Mail[][]): Promise<{ root: HTMLElement; store: Store }> {
  const { r, facts } = await analysed(page);
  const ledgers = threadSeries([facts, ...(await Promise.all(others.map(async (o) => (await analysed(o)).facts)))], { held: facts.versions.map((v) => v.key), anchor: facts.versions[0]?.key });
  const load = createLoadStore();
  load.reset({ ...empty, threadKey: KEY, messages: r.analysis.messages, roots: r.analysis.roots, analysis: r.analysis, focus: r.analysis.roots[0]!, anchor: r.analysis.roots[0]!, loading: false });
  const series = createSeriesStore();
  series.apply({ type: 'ledger', threadKey: KEY, series: ledgers.map((ledger) => ({ ledger, changelogs: {} })), pending: 0, done: 1 + others.length, total: 1 + others.length, failures: [] });
  const store: Store = { load, filter: createFilterStore(), tree: createTreeStore(), read: createReadStore(), series, commit: createCommitStore(), actions, now: () => Date.parse('2024-02-01T00:00:00Z') };
  const { Header } = await import('../../src/panel/Header.tsx');
  const { VersionsSection } = await import('../../src/panel/series/VersionsSection.tsx');
  const { ThreadTree } = await import('../../src/panel/ThreadTree.tsx');
  const root = window.document.getElementById('app') as unknown as HTMLElement;
  const none = {} as Record<string, never>;
  render(h(StoreContext.Provider, { value: store }, h('div', null, h(Header, none), h(VersionsSection, none), h(ThreadTree, none))), root);
  await settle();
  return { root, store };
}

describe('the panel reads the series from the ledger alone', () => {
  it('header, Versions and tree marks agree with the ledger, not with the thread`s own analysis', async () => {
    const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', [
      ['mm: add frob helper', 'mm/frob.c', 'a'],
      ['mm: use frob helper', 'mm/use.c', 'b'],
    ]);
    const v2 = posting('v2', 2, 5, 'mm: make frobnication faster', [
      ['mm: add frob helper', 'mm/frob.c', 'a'],
      ['mm: use frob helper', 'mm/use.c', 'c'],
    ]);
    const page = [...v2, reply('rb', v2[1]!, bob, 6, `Reviewed-by: ${bob.name} <${bob.address}>`), reply('rc', v2[2]!, carol, 6, 'I had a look, it reads fine.\n\n> Reviewed-by: Someone Else <else@example.org>')];
    const { root } = await mount(page, [[...v1, reply('r1', v1[1]!, carol, 2, `Tested-by: ${carol.name} <${carol.address}>`)]]);
    // the analysis of this thread alone knows one version; the ledger knows both
    expect(root.querySelector('.ll-counts')?.textContent).toContain('2 versions');
    expect(root.querySelector('#ll-h-ledger')?.textContent).toContain('2 versions');
    expect([...root.querySelectorAll('.ll-vsum .ll-version-open')].map((b) => b.textContent)).toEqual(['v1', 'v2']);
    // the tree marks Bob's review, as the ledger counts it; Carol's quoted trailer is no trailer
    const mark = (id: string) => root.querySelector(`[data-id="${id}"] .ll-row-marks`)?.getAttribute('title') ?? null;
    expect(mark('rb@example.org')).toBe('gives Reviewed-by');
    expect(mark('rc@example.org')).toBeNull();
    expect(mark('v2-1@example.org')).toBeNull();
    render(null, root);
    await settle();
  });

  it("what counts for nobody is shown apart: a trailer on someone's behalf, a bot's report", async () => {
    const v = posting('bv', 1, 1, 'mm: make frobnication faster', [
      ['mm: add frob helper', 'mm/frob.c', 'a'],
      ['mm: use frob helper', 'mm/use.c', 'b'],
    ]);
    const bot = { name: 'syzbot ci', address: 'syzbot+ci2a4f0c51b6d2c7a1@syzkaller.appspotmail.com' };
    const report: Mail = { id: 'syzci@google.com', from: bot, subject: `[syzbot ci] Re: ${v[0]!.subject}`, date: v[2]!.date, replyTo: v[0]!.id, body: 'syzbot ci has tested the following series\n\nand found the following issue:\nWARNING in frob_use\n\nTested-by: syzbot@syzkaller.appspotmail.com\n\n---\nThis report is generated by a bot. It may contain errors.\n' };
    const { root, store } = await mount([...v, report, reply('behalf', v[1]!, bob, 2, 'Carol tested it:\n\nTested-by: Carol Tester <carol@example.org>')], []);
    // the report is a finding (issue 18): listed as what it found, never as a trailer
    expect(root.querySelector('.ll-vsum .ll-finding')?.textContent).toMatch(/^⚠ WARNING in frob_use — syzbot ci on the version/);
    store.series.select({ series: 0, row: 0, col: 0 });
    await settle();
    const notCounted = [...root.querySelectorAll('.ll-cell-evidence li')].map((li) => li.textContent);
    expect(notCounted).toEqual(['Tested-by: Carol Tester <carol@example.org> (given by Bob Reviewer on behalf of Carol Tester)', 'Tested-by: syzbot@syzkaller.appspotmail.com (in a report of syzbot ci, a bot: no trailer)']);
    expect(root.querySelector('.ll-cell-trailers')?.textContent).not.toMatch(/Tested-by/);
    const title = root.querySelector('td.ll-cell button')?.getAttribute('title');
    expect(title).toContain('2 not counted');
    expect(title).not.toMatch(/Tested-by/);
    render(null, root);
    await settle();
  });

  it('a thread with two series shows both, the page`s open first and the other folded', async () => {
    const a = posting('sa', 1, 1, 'mm/slab: tidy the freelist helpers', [
      ['mm/slab: rename freelist_next()', 'mm/slab.c', 'a'],
      ['mm/slab: drop freelist_prev()', 'mm/slab.c', 'b'],
    ]);
    const inner: Mail = { id: 'inner@example.org', from: bob, subject: '[PATCH] mm/slab: fix the freelist comment', date: a[1]!.date, body: `Fix it.\n\nSigned-off-by: ${bob.name} <${bob.address}>\n---\n mm/slab.h | 2 +-\n 1 file changed\n\ndiff --git a/mm/slab.h b/mm/slab.h\nindex 1111111..2222222 100644\n--- a/mm/slab.h\n+++ b/mm/slab.h\n@@ -1,2 +1,2 @@\n ctx\n-old\n+new\n`, replyTo: a[1]!.id };
    const { root } = await mount([...a, inner], []);
    const blocks = [...root.querySelectorAll('details.ll-series-block')];
    expect(blocks.map((d) => [d.querySelector('summary bdi')?.textContent, d.hasAttribute('open')])).toEqual([
      ['mm/slab: tidy the freelist helpers', true],
      ['mm/slab: fix the freelist comment', false],
    ]);
    expect(root.querySelector('#ll-h-ledger')?.textContent).toMatch(/1 version · 2 series/);
    render(null, root);
    await settle();
  });

  it("a version in the author's name from an address new for it (issue 16): @ by its number, and in words", async () => {
    const m = strangerMail();
    const { root } = await mount(m.v9, [m.v8]);
    const block = root.querySelector('.ll-ledger')!;
    expect([...block.querySelectorAll('table.ll-matrix thead th')].map((t) => t.textContent)).toEqual(['Patch (n/3)', 'v8', 'v9', 'v10@, posted from an address not seen before for its name']);
    expect([...block.querySelectorAll('.ll-vsum-newaddr')].map((d) => d.textContent)).toEqual(['@ posted from alice.author@evil.example, an address not seen before for Alice Author (who wrote from alice@example.org)']);
    render(null, root);
    await settle();
  });
});
