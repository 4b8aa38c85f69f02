import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { ancestry, messageContext } from '../../../src/core/thread/context.ts';

const fixture = new Uint8Array(readFileSync(new URL('../../fixtures/core/series.mbox', import.meta.url)));

describe('messageContext', () => {
  it('returns the message and its ancestors, root first, with quote blocks', async () => {
    const r = await analyseMbox(fixture);
    const entries = await messageContext(r.bytes, r.analysis, r.heads, 'review1@example.com');
    expect(entries.map((e) => e.id)).toEqual(['cover-v2@example.org', 'patch1-v2@example.org', 'review1@example.com']);
    const review = entries[2]!;
    expect(review.from).toEqual({ name: 'Björn Reviewer', address: 'bjorn@example.com' });
    const kinds = review.blocks.map((b) => b.kind);
    expect(kinds).toContain('quote');
    expect(kinds).toContain('text');
    expect(kinds).toContain('signature');
    expect(entries[1]!.blocks.some((b) => b.kind === 'diff')).toBe(true);
  });

  it('shows ghosts as entries without blocks, and an unknown id as nothing', async () => {
    const r = await analyseMbox(fixture);
    const dave = r.analysis.messages.find((m) => m.from?.address === 'dave@example.com')!;
    const entries = await messageContext(r.bytes, r.analysis, r.heads, dave.id);
    expect(entries[0]).toMatchObject({ id: 'missing-parent@example.org', ghost: true, blocks: [] });
    expect(entries[1]!.blocks.length).toBeGreaterThan(0);
    expect(await messageContext(r.bytes, r.analysis, r.heads, 'nope@x')).toEqual([]);
  });

  it('ancestry is iterative and stops at a cycle', () => {
    const m = (id: string, parent: string | null) => ({ id, parent, related: null, ghost: false, subject: '', from: null, date: null, depth: 0, children: [] });
    expect(ancestry([m('a', 'b'), m('b', 'a')], 'a').map((x) => x.id)).toEqual(['b', 'a']);
    const chain = Array.from({ length: 20000 }, (_, i) => m(`m${i}`, i ? `m${i - 1}` : null));
    expect(ancestry(chain, 'm19999')).toHaveLength(20000);
  });
});
