/**
 * Diffs drawn by Preact into a real DOM implementation (linkedom): a patch's diff in the context
 * view and an interdiff's hunks are text, one classed span per line; hostile lines create no
 * element.
 */
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { linkedomWindow } from '../helpers/dom.ts';

const { window } = linkedomWindow();

const lines = ['diff --git a/x.c b/x.c', '--- a/x.c', '+++ b/x.c', '@@ -1,2 +1,2 @@ int f()', ' ctx', '-<script>alert(1)</script>', '+<img src=x onerror=alert(1)>'];

describe('diffs rendered as text only', () => {
  it('a patch diff: one classed span per line, no element from mail', async () => {
    const { DiffText } = await import('../../src/panel/DiffText.tsx');
    const root = window.document.getElementById('app') as unknown as HTMLElement;
    render(h(DiffText, { lines }), root);
    expect(root.querySelectorAll('script, img').length).toBe(0);
    expect([...root.querySelectorAll('pre > .ll-diff-body > span')].map((s) => s.getAttribute('class'))).toEqual(['ll-diff-file', 'll-diff-file', 'll-diff-file', 'll-diff-hunk', 'll-diff-ctx', 'll-diff-del', 'll-diff-add']);
    expect(root.textContent).toBe(lines.join('\n'));
    render(null, root);
  });

  it('an interdiff: hunk headers and outer +/- markers', async () => {
    const { InterHunks } = await import('../../src/panel/InterHunks.tsx');
    const root = window.document.getElementById('app') as unknown as HTMLElement;
    render(h(InterHunks, { hunks: [{ header: '@@ -1 +1 @@', lines: [{ kind: ' ', text: ' ctx' }, { kind: '-', text: '-<b>old</b>' }, { kind: '+', text: '+new' }] }] }), root);
    expect(root.querySelectorAll('b').length).toBe(0);
    expect([...root.querySelectorAll('.ll-diff-add, .ll-diff-del')].map((s) => s.textContent)).toEqual(['--<b>old</b>\n', '++new\n']);
    render(null, root);
  });
});
