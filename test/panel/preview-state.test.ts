/**
 * The slow-link preview and the download's total in the panel's state and header: a preview
 * shows until the analysis, never over it; the progress says "x of y" and a share only when
 * the archive announced its size.
 */
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/core/types.ts';
import type { MessagePreview, PanelEvent } from '../../src/protocol.ts';
import { opening, reduce } from '../../src/panel/panel-state.ts';
import { progressShare, progressText } from '../../src/panel/header-model.ts';
import { tree } from './fixtures.ts';

const T = tree(`
a | [PATCH] mm: x @ Alice
  b | Re: [PATCH] mm: x @ Bob
`);
const analysis: Analysis = { messages: T.messages, roots: T.roots, participants: [], series: [], errors: [] };
const KEY = 'https://lore.kernel.org/linux-mm/\na';
const preview: MessagePreview = { messageId: 'b', subject: 'Re: [PATCH] mm: x', from: { name: 'Bob', address: 'bob@example.org' }, date: null, text: 'hello', truncated: false };
const done: PanelEvent = { type: 'analysis', threadKey: KEY, analysis, focus: 'b', cache: { cachedAt: 1, offline: false, state: 'fresh' }, url: 'u' };

describe('the preview in the panel state', () => {
  it('is kept through the tree and dropped by the analysis', () => {
    let s = reduce(opening('u'), { type: 'preview', preview });
    expect(s.preview).toEqual(preview);
    s = reduce(s, { type: 'tree', threadKey: KEY, thread: T, focus: 'b' });
    expect(s.preview).toEqual(preview);
    expect(s.focus).toBe('b');
    s = reduce(s, done);
    expect(s.preview).toBeNull();
  });

  it('a late preview never covers the analysed thread', () => {
    const s = reduce(reduce(opening('u'), done), { type: 'preview', preview });
    expect(s.preview).toBeNull();
  });

  it('a failed load drops the preview, and a late one does not come back (it would say the rest is still loading)', () => {
    const error: PanelEvent = { type: 'error', error: { kind: 'network', message: 'The download broke off.' }, cache: null };
    let s = reduce(reduce(opening('u'), { type: 'preview', preview }), error);
    expect(s.preview).toBeNull();
    expect(s.error?.message).toBe('The download broke off.');
    s = reduce(s, { type: 'preview', preview });
    expect(s.preview).toBeNull();
  });

  it('a new load forgets the previous page\'s preview', () => {
    expect(opening('v').preview).toBeNull();
  });
});

describe('the download total', () => {
  it('shows "x of y" and a share when the archive sent a Content-Length', () => {
    const p = { phase: 'download' as const, bytes: 2048, messages: 0, total: 8192 };
    expect(progressText(p)).toBe('Downloading the thread… 2 KB of 8 KB');
    expect(progressShare(p)).toBe(0.25);
  });

  it('no share without a total, nor after the download', () => {
    expect(progressShare({ phase: 'download', bytes: 2048, messages: 0, total: null })).toBeNull();
    expect(progressShare({ phase: 'headers', bytes: 2048, messages: 3, total: 8192 })).toBeNull();
    expect(progressShare(null)).toBeNull();
  });
});
