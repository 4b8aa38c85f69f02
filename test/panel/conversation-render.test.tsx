/**
 * The conversation view rendered by Preact into a real DOM implementation (linkedom), with the
 * panel's real stores: a message whose body is not here yet is asked for and shows as pending,
 * a quote of text shown above is a closed toggle with its attribution, new messages carry the
 * mark, and collapse-all leaves only the headers. The actions are a recorder: the controller
 * behind them needs the extension's port.
 */
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { linkedomWindow } from '../helpers/dom.ts';
import type { Analysis, ContextEntry } from '../../src/core/types.ts';
import { createFilterStore, createLoadStore, createReadStore, createTreeStore, StoreContext, type Actions, type Store } from '../../src/panel/store.ts';
import { empty } from '../../src/panel/panel-state.ts';
import { createCommitStore } from '../../src/panel/commit-state.ts';
import { createSeriesStore } from '../../src/panel/series/series-state.ts';
import { tree } from './fixtures.ts';

const { window } = linkedomWindow({ CSS: { escape: (s: string) => s.replace(/["\\]/g, '\\$&') } });

const T = tree(`
a | [PATCH] mm: fix the reclaim path @ Andrew Morton
  b | Re: [PATCH] mm: fix the reclaim path @ Michal Hocko
    c | Re: [PATCH] mm: fix the reclaim path @ Andrew Morton
  d | Re: [PATCH] mm: fix the reclaim path @ Vlastimil Babka`);
const KEY = 'https://lore.kernel.org/linux-mm/ a';
const body = (id: string, blocks: ContextEntry['blocks']): ContextEntry => {
  const m = T.messages.find((x) => x.id === id)!;
  return { id, ghost: false, subject: m.subject, from: m.from, date: m.date, blocks };
};
const quote = (lines: string[], author: string, quotedId: string) => ({ kind: 'quote' as const, depth: 1, lines, attribution: `On Fri, ${author} wrote:`, author, quotedId });

/** Preact runs effects after the next frame; without frames, after its 100 ms fallback. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 150));

describe('the conversation view', () => {
  it('asks for missing bodies, folds repeated quotes, marks new mail and collapses all', async () => {
    const { ConversationView } = await import('../../src/panel/ConversationView.tsx');
    const asked: string[][] = [];
    const actions: Actions = {
      retry: () => undefined,
      refresh: () => undefined,
      navigate: () => undefined,
      openUrl: () => undefined,
      enableHost: () => undefined,
      popOutHref: () => null,
      openTab: () => undefined,
      loadBodies: (ids) => asked.push(ids),
      markAllRead: () => undefined,
      interdiff: () => undefined,
      linkThread: () => undefined,
      am: () => undefined,
      openMessage: () => undefined,
      checks: () => undefined,
    };
    const load = createLoadStore();
    const analysis: Analysis = { messages: T.messages, roots: T.roots, participants: [], series: [], errors: [] };
    load.reset({
      ...empty,
      threadKey: KEY,
      messages: T.messages,
      roots: T.roots,
      analysis,
      focus: 'a',
      anchor: 'a',
      visits: { seen: ['a', 'b', 'd'], lastVisit: 1 },
      bodies: {
        a: body('a', [{ kind: 'text', lines: ['The reclaim path drops the lock twice under pressure.'] }]),
        b: body('b', [quote(['> The reclaim path drops the lock twice under pressure.'], 'Andrew Morton', 'a'), { kind: 'text', lines: ['Acked-by: Michal Hocko <mhocko@suse.com>'] }]),
        c: body('c', [quote(['> Acked-by: Michal Hocko <mhocko@suse.com>'], 'Michal Hocko', 'b'), { kind: 'text', lines: ['Thanks, applied to mm-unstable.'] }]),
      },
    });
    const store: Store = { load, filter: createFilterStore(), tree: createTreeStore(), read: createReadStore(), series: createSeriesStore(), commit: createCommitStore(), actions, now: () => 0 };
    const root = window.document.getElementById('app') as unknown as HTMLElement;
    render(h(StoreContext.Provider, { value: store }, h(ConversationView, {} as Record<string, never>)), root);
    await settle();

    const articles = [...root.querySelectorAll('article')];
    expect(articles.map((a) => a.getAttribute('data-id'))).toEqual(['a', 'b', 'c', 'd']);
    expect(asked).toEqual([['d']]);
    expect(articles[3]?.textContent).toContain('Reading the message…');
    // Michal's quote of Andrew's words, just above: a closed toggle naming Andrew.
    const toggle = articles[1]?.querySelector('button.ll-fold-toggle');
    expect([toggle?.textContent, toggle?.getAttribute('aria-expanded')]).toEqual(['▸ 1 quoted line — Andrew Morton, Jul 20', 'false']);
    expect(articles[1]?.textContent).not.toContain('drops the lock twice');
    expect(articles[1]?.textContent).toContain('Acked-by: Michal Hocko');
    // c is new since the last visit; the others are not.
    expect(articles.map((a) => a.classList.contains('ll-ctx-new'))).toEqual([false, false, true, false]);
    expect(articles[2]?.textContent).toContain('new');
    // Replies that only repeat the parent's subject show none.
    expect(articles[2]?.querySelector('.ll-ctx-subject')).toBeNull();

    store.read.setAll('closed');
    await settle();
    expect(root.textContent).not.toContain('Thanks, applied');
    expect(root.querySelectorAll('article').length).toBe(4);
    store.read.setAll('open');
    await settle();
    expect(root.textContent).toContain('Thanks, applied to mm-unstable.');
    render(null, root);
    await settle();
  });

  it('consecutive folded quotes of one reply are one toggle; opened, each keeps its depth', async () => {
    const { ContextMessage } = await import('../../src/panel/ContextMessage.tsx');
    const deep = (depth: number, line: string) => ({ kind: 'quote' as const, depth, lines: [line], attribution: null, author: depth === 2 ? 'Andrew Morton' : 'Michal Hocko', quotedId: null });
    const entry = body('d', [deep(2, 'one'), deep(3, 'two'), deep(2, 'three'), deep(3, 'four'), { kind: 'text', lines: ['My answer.'] }, deep(2, 'five')]);
    const root = window.document.getElementById('app') as unknown as HTMLElement;
    render(h(ContextMessage, { entry, current: true, byId: new Map(), onOpen: () => undefined }), root);
    await settle();
    const toggles = [...root.querySelectorAll('button.ll-fold-toggle')];
    expect(toggles.map((t) => t.textContent)).toEqual(['▸ 4 quoted lines — Andrew Morton; Michal Hocko', '▸ 1 quoted line — Andrew Morton']);
    expect(root.textContent).toContain('My answer.');
    expect(root.textContent).not.toContain('three');
    (toggles[0] as unknown as HTMLButtonElement).click();
    await settle();
    expect([...root.querySelectorAll('.ll-fold-part')].map((p) => [p.getAttribute('data-depth'), p.textContent])).toEqual([
      ['2', 'one'],
      ['3', 'two'],
      ['2', 'three'],
      ['3', 'four'],
    ]);
    expect(root.querySelector('button.ll-fold-toggle')?.getAttribute('aria-expanded')).toBe('true');
    render(null, root);
    await settle();
  });
});
