import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyseHeads, analyseMbox } from '../../src/core/analyse.ts';
import type { Progress } from '../../src/core/types.ts';
import { corpusDir, readCorpus } from '../helpers/corpus.ts';

const fixture = new Uint8Array(readFileSync(new URL('../fixtures/core/series.mbox', import.meta.url)));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('analyseMbox on our own fixture', () => {
  it('builds tree, ghosts, series with trailers, participants, and reports progress in order', async () => {
    const phases: Progress['phase'][] = [];
    let treeSeen = 0;
    const r = await analyseMbox(fixture, {
      onProgress: (p) => {
        if (phases[phases.length - 1] !== p.phase) phases.push(p.phase);
      },
      onTree: (thread, heads) => {
        treeSeen = thread.messages.length;
        expect(heads).toHaveLength(6);
      },
      keepBodies: true,
    });
    expect(phases).toEqual(['download', 'split', 'headers', 'bodies', 'done']);
    expect(treeSeen).toBe(r.analysis.messages.length);
    const a = r.analysis;
    expect(a.errors).toEqual([]);
    const byId = new Map(a.messages.map((m) => [m.id, m]));
    expect(byId.get('cover-v2@example.org')).toMatchObject({ parent: null, ghost: false });
    expect(byId.get('patch1-v2@example.org')!.parent).toBe('cover-v2@example.org');
    expect(byId.get('review1@example.com')!.parent).toBe('patch1-v2@example.org');
    expect(byId.get('missing-parent@example.org')).toMatchObject({ ghost: true });
    const dave = a.messages.find((m) => m.from?.address === 'dave@example.com')!;
    expect(dave.id).toMatch(/^synthetic\./);
    expect(dave.parent).toBe('missing-parent@example.org');
    expect(dave.date).toBeNull();

    expect(a.series).toHaveLength(1);
    const v2 = a.series[0]!.versions[0]!;
    expect(v2).toMatchObject({ version: 2, total: 2, cover: 'cover-v2@example.org' });
    expect(v2.patches.map((p) => p.counter)).toEqual([1, 2]);
    const reviewed = v2.patches[0]!.trailers.find((t) => t.name === 'Reviewed-by');
    expect(reviewed?.value).toBe('Björn Reviewer <bjorn@example.com>');
    // Tested-by given in an HTML-only reply to the cover applies to every patch
    expect(v2.patches.every((p) => p.counts.tested === 1)).toBe(true);

    const alice = a.participants.find((p) => p.address === 'alice@example.org')!;
    expect(alice.messages).toBe(3);
    expect(alice.roles).toContain('author');
    expect(a.participants.find((p) => p.address === 'bjorn@example.com')!.trailers['Reviewed-by']).toBe(1);

    // bodies and quotes on request; the mboxrd escape was undone
    expect(r.bodies!.get('patch1-v2@example.org')!.text).toContain('\nFrom the changelog');
    const quote = r.quotes!.get('review1@example.com')!.find((b) => b.kind === 'quote');
    expect(quote).toMatchObject({ kind: 'quote', depth: 1 });
    expect(JSON.parse(JSON.stringify(a))).toEqual(a); // plain JSON all the way
  });

  it('never throws: garbage, empty input and a damaged gzip come back as errors', async () => {
    const garbage = await analyseMbox(new Uint8Array([0xff, 0xfe, 0, 1, 2, 3]));
    expect(garbage.analysis).toBeTypeOf('object');
    const empty = await analyseMbox(new Uint8Array(0));
    expect(empty.analysis.messages).toEqual([]);
    expect(empty.analysis.errors[0]!.reason).toMatch(/empty/);
    const gz = new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5]);
    const bad = await analyseMbox(gz);
    expect(bad.analysis.errors.some((e) => e.where === 'input' && /gzip/.test(e.reason))).toBe(true);
  });

  it('a bad message costs no good ones', async () => {
    const big = 'x'.repeat(33 * 1024 * 1024);
    const mbox = enc(`From a Mon Jan  1 00:00:00 2024\nMessage-ID: <good@x>\nSubject: good\n\nfine\n\nFrom a Mon Jan  1 00:00:00 2024\nMessage-ID: <huge@x>\nIn-Reply-To: <good@x>\nSubject: huge\n\n${big}\n\nFrom a Mon Jan  1 00:00:00 2024\nMessage-ID: <after@x>\nIn-Reply-To: <huge@x>\nSubject: after\n\nalso fine\n`);
    const r = await analyseMbox(mbox);
    expect(r.analysis.messages.map((m) => m.id)).toEqual(['good@x', 'huge@x', 'after@x']);
    expect(r.analysis.errors).toEqual([{ where: 'huge@x', reason: expect.stringMatching(/body not decoded: the message is 33\.0 MB/) }]);
  });

  it('reads a stream of gzip bytes', async () => {
    const gz = new Uint8Array(await new Response(new Blob([fixture]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    const chunks = [gz.subarray(0, 100), gz.subarray(100)];
    const stream = new ReadableStream<Uint8Array>({ pull(c) { const n = chunks.shift(); if (n) c.enqueue(n); else c.close(); } });
    const r = await analyseMbox(stream);
    expect(r.analysis.messages.filter((m) => !m.ghost)).toHaveLength(6);
  });
});

describe('analyseHeads', () => {
  it('is enough for the tree without decoding a body', () => {
    const { heads, thread, errors } = analyseHeads(fixture);
    expect(errors).toEqual([]);
    expect(heads).toHaveLength(6);
    expect(thread.roots).toContain('cover-v2@example.org');
  });
});

describe.runIf(corpusDir)('analyseMbox on real mail', () => {
  it('the LKML corpus: the 98-message semicolons thread with its cover and 44 patches', async () => {
    const r = await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'));
    const a = r.analysis;
    expect(a.messages.filter((m) => !m.ghost)).toHaveLength(210);
    const cover = a.messages.find((m) => m.subject.startsWith('[PATCH 00/44] remove unnecessary semicolons'))!;
    expect(cover).toBeTruthy();
    const inThread = (id: string): boolean => {
      const byId = new Map(a.messages.map((m) => [m.id, m]));
      let m = byId.get(id);
      const seen = new Set<string>();
      while (m?.parent && !seen.has(m.id)) {
        seen.add(m.id);
        m = byId.get(m.parent);
      }
      return m?.id === cover.id || (m?.ghost === true && m.children.includes(cover.id));
    };
    expect(a.messages.filter((m) => !m.ghost && (m.id === cover.id || inThread(m.id))).length).toBeGreaterThanOrEqual(98);
    const s = a.series.find((x) => x.versions.some((v) => v.cover === cover.id))!;
    expect(s.versions[0]!.patches).toHaveLength(44);
  });
});
