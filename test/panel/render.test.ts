/**
 * The context view rendered by Preact into a real DOM implementation (linkedom): hostile mail
 * stays text, only http(s) URLs become links, and folded blocks are absent until toggled.
 */
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { linkedomWindow } from '../helpers/dom.ts';
import type { ContextEntry, ThreadMessage } from '../../src/core/types.ts';

const { window } = linkedomWindow();

const hostile = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">click</a> javascript:alert(2)',
  'See https://lore.kernel.org/linux-mm/x@y/ and data:text/html,<b>x</b>',
];

const entry: ContextEntry = {
  id: 'b@x',
  ghost: false,
  subject: '<b>Re: [PATCH] mm: x</b>',
  from: { name: '<i>Mallory</i>', address: 'm@x.org' },
  date: '2018-07-21T16:11:46Z',
  blocks: [
    { kind: 'text', lines: hostile },
    { kind: 'quote', depth: 3, lines: ['> > > Problem is, that patch is eighth in a series'], attribution: null, author: 'Andrew Morton', quotedId: null },
    { kind: 'signature', lines: ['-- ', '<script>sig()</script>'] },
  ],
};

describe('mail rendered as text only', () => {
  it('creates no element from mail, links only http(s), and keeps folded text out of the DOM', async () => {
    const { ContextMessage } = await import('../../src/panel/ContextMessage.tsx');
    const root = window.document.getElementById('app') as unknown as HTMLElement;
    render(h(ContextMessage, { entry, current: true, byId: new Map<string, ThreadMessage>(), onOpen: () => undefined }), root);

    expect(root.querySelectorAll('script, img, b, i').length).toBe(0);
    const links = [...root.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')]);
    expect(links).toEqual([['https://lore.kernel.org/linux-mm/x@y/', 'noopener noreferrer', '_blank']]);
    const text = root.textContent ?? '';
    for (const line of hostile) expect(text).toContain(line);
    expect(text).toContain('<i>Mallory</i>');

    // The deep quote and the signature start folded: their text is not in the document.
    expect(text).not.toContain('Problem is, that patch is eighth');
    expect(text).not.toContain('sig()');
    const toggles = [...root.querySelectorAll('button[aria-expanded]')];
    expect(toggles.map((b) => [b.textContent, b.getAttribute('aria-expanded')])).toEqual([
      ['▸ 1 quoted line — Andrew Morton', 'false'],
      ['▸ signature (2 lines)', 'false'],
    ]);

    // Toggled open, the quote shows, still as text.
    toggles[0]?.dispatchEvent(new window.Event('click'));
    await new Promise((r) => setTimeout(r, 20));
    expect(root.textContent).toContain('> > > Problem is, that patch is eighth in a series');
    expect(root.querySelector('button[aria-expanded="true"]')?.textContent).toBe('▾ 1 quoted line — Andrew Morton');
    expect(root.textContent).not.toContain('sig()');
  });
});
