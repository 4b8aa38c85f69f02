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
    // 210 mails, 34 of them a second delivery of the cifs thread (linux-fsdevel's), read once
    expect(a.messages.filter((m) => !m.ghost)).toHaveLength(176);
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

describe('analyseMbox: data that is not mail', () => {
  it('reads no message out of text or bytes without a header field, and says why', async () => {
    const text = await analyseMbox(enc('hello world\nthis is not mail\n'));
    expect(text.analysis.messages).toEqual([]);
    expect(text.analysis.errors).toEqual([{ where: 'mbox:0', reason: 'not mail: no header fields (`Name: value`) before the first blank line' }]);
    let seed = 1;
    const bytes = new Uint8Array(20000).map(() => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24);
    const garbage = await analyseMbox(bytes);
    expect(garbage.analysis.messages).toEqual([]);
    expect(garbage.analysis.errors.map((e) => e.reason)).toEqual(['not mail: no header fields (`Name: value`) before the first blank line']);
  });

  it('drops a From_ line with no headers after it (git\'s nul-plain) and keeps the mail after it', async () => {
    const r = await analyseMbox(enc('From nobody Mon Sep 17 00:00:00 2001\n\n---\ndiff --git a/foo b/foo\n\nFrom c Mon Jan  1 00:00:00 2024\nMessage-ID: <one@x>\nSubject: one\n\nbody\n\nFrom c Mon Jan  1 00:00:00 2024\nMessage-ID: <two@x>\nSubject: two\n\nbody\n'));
    expect(r.analysis.messages.map((m) => m.id)).toEqual(['one@x', 'two@x']);
    expect(r.analysis.errors).toEqual([{ where: 'mbox:37', reason: expect.stringMatching(/^not mail/) }]);
    // head.index stays the split position, so the context view still finds each body
    expect(r.heads.map((h) => h.index)).toEqual([1, 2]);
  });
});

describe('analyseMbox: a Message-ID used by two mails', () => {
  const mail = (from: string, subject: string, id: string, extra = ''): string => `From x@y Thu Jan  1 00:00:00 1970\nFrom: ${from}\nSubject: ${subject}\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nMessage-ID: <${id}>\n${extra}\n${subject}\n\n`;
  const a = mail('A <a@x.org>', 'first', 'same@x');
  const b = mail('B <b@x.org>', 'second', 'same@x');
  const c = mail('C <c@x.org>', 'Re: first', 'c@x', 'In-Reply-To: <same@x>\n');

  it('keys the copies and hangs the reply the same way whichever copy comes first', async () => {
    for (const order of [[a, b, c], [b, a, c], [c, b, a]]) {
      const { analysis } = await analyseMbox(enc(order.join('')));
      const byId = new Map(analysis.messages.map((m) => [m.id, m]));
      expect(byId.get('same@x')).toMatchObject({ subject: 'first', from: { name: 'A', address: 'a@x.org' }, children: ['c@x'] });
      expect(byId.get('same@x#2')).toMatchObject({ subject: 'second', parent: null, children: [] });
      expect(byId.get('c@x')!.parent).toBe('same@x');
    }
  });
});

describe('analyseMbox: the same mail delivered twice', () => {
  const mail = (subject: string, id: string, body: string, extra = ''): string => `From x@y Thu Jan  1 00:00:00 1970\nFrom: A <a@x.org>\nSubject: ${subject}\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nMessage-ID: <${id}>\n${extra}\n${body}\n\n`;
  const fsdevel = mail('[PATCH] frob', 'p@x', 'Frob it.\n--\nTo unsubscribe from this list: send the line "unsubscribe linux-fsdevel" in\nthe body of a message to majordomo@vger.kernel.org\nMore majordomo info at  http://vger.kernel.org/majordomo-info.html');
  const cifs = mail('[linux-cifs] [PATCH] frob', 'p@x', 'Frob it.');
  const reply = mail('Re: [PATCH] frob', 'r@x', 'Frobbed.', 'In-Reply-To: <p@x>\n');

  it('is one message, with no error, its reply under it and each body read from its own mail', async () => {
    for (const order of [[fsdevel, cifs, reply], [cifs, reply, fsdevel], [reply, fsdevel, cifs]]) {
      const { analysis, heads, bodies } = await analyseMbox(enc(order.join('')), { keepBodies: true });
      expect(analysis.errors).toEqual([]);
      expect(analysis.messages.map((m) => [m.id, m.parent, m.subject])).toEqual([
        ['p@x', null, '[PATCH] frob'],
        ['r@x', 'p@x', 'Re: [PATCH] frob'],
      ]);
      expect(heads.map((h) => h.id).sort()).toEqual(['p@x', 'r@x']);
      expect(bodies!.get('r@x')!.text).toBe('Frobbed.\n');
      // the copy kept (its subject untagged) is the one whose body is read, in every order
      expect(bodies!.get('p@x')!.text).toMatch(/^Frob it\.\n--\nTo unsubscribe/);
      expect(analysis.participants).toMatchObject([{ name: 'A', messages: 2 }]);
    }
  });
});

describe("analyseMbox: a list's DMARC rewrite of From", () => {
  const list = 'kasan-dev@googlegroups.com';
  const mbox = enc(
    [
      `From x@y Thu Jan  1 00:00:00 1970\nFrom: 'Alice Smith' via kasan-dev <${list}>\nSubject: [PATCH] kasan: frob\nDate: Mon, 1 Jan 2024 01:00:00 +0000\nMessage-ID: <a@x>\n\nFrob.\n\nSigned-off-by: Alice Smith <alice@example.org>\n---\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n`,
      `From x@y Thu Jan  1 00:00:00 1970\nFrom: 'Bob Jones' via kasan-dev <${list}>\nSubject: Re: [PATCH] kasan: frob\nDate: Mon, 1 Jan 2024 02:00:00 +0000\nMessage-ID: <b@x>\nIn-Reply-To: <a@x>\n\nReviewed-by: Bob Jones <bob@example.org>\n`,
      `From x@y Thu Jan  1 00:00:00 1970\nFrom: Bob Jones <bob@example.org>\nSubject: Re: [PATCH] kasan: frob\nDate: Mon, 1 Jan 2024 03:00:00 +0000\nMessage-ID: <c@x>\nIn-Reply-To: <b@x>\n\nhi\n`,
    ].join('\n'),
  );

  it('reads each sender by name, merges nobody by the list address, and takes the review from Bob', async () => {
    const { analysis } = await analyseMbox(mbox);
    expect(analysis.messages.map((m) => m.from)).toEqual([
      { name: 'Alice Smith', address: list },
      { name: 'Bob Jones', address: list },
      { name: 'Bob Jones', address: 'bob@example.org' },
    ]);
    expect(analysis.series[0]!.author).toEqual({ name: 'Alice Smith', address: list });
    expect(analysis.series[0]!.versions[0]!.patches[0]!.counts).toEqual({ reviewed: 1, acked: 0, tested: 0 });
    expect(analysis.participants.map((p) => [p.name, p.address, p.aliases, p.messages, p.roles, p.trailers])).toEqual([
      ['Bob Jones', 'bob@example.org', [], 2, ['reviewer'], { 'Reviewed-by': 1 }],
      ['Alice Smith', list, [], 1, ['author'], { 'Signed-off-by': 1 }],
    ]);
  });
});
