/**
 * Big and deep input finishes, or stops at a documented limit with a clear error, without
 * hanging or overflowing the stack. Inputs are generated here. No timing assertions: a slow
 * machine is not a failure, a stack overflow or an exception is.
 */
import { describe, expect, it } from 'vitest';
import { analyseMbox } from '../../src/core/analyse.ts';
import { messageContext } from '../../src/core/thread/context.ts';
import { MAX_BODY_BYTES } from '../../src/core/mail/body.ts';
import { MAX_HEADER_BYTES, parseHead } from '../../src/core/mail/headers.ts';
import { renderOverview } from '../../src/cli/render.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function mbox(n: number, msg: (i: number) => string): Uint8Array {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`From mboxrd@z Thu Jan  1 00:00:00 1970\n${msg(i)}\n`);
  return enc(parts.join(''));
}

const date = (i: number): string => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString();

describe('limits', () => {
  it('a 10,000-message mbox finishes with every message', async () => {
    const bytes = mbox(10_000, (i) => `Message-ID: <m${i}@x>\n${i % 100 ? `In-Reply-To: <m${i - (i % 100)}@x>\n` : ''}From: P${i % 37} <p${i % 37}@x.org>\nSubject: ${i % 100 ? 'Re: ' : ''}[PATCH ${Math.floor(i / 100)}] thing\nDate: ${date(i)}\n\nBody ${i}\n> quoted\n`);
    const r = await analyseMbox(bytes);
    expect(r.analysis.errors).toEqual([]);
    expect(r.analysis.messages.filter((m) => !m.ghost)).toHaveLength(10_000);
    expect(r.analysis.roots).toHaveLength(100);
  }, 120_000);

  it('a 50 MB message keeps its headers and stops at the body limit with a clear error', async () => {
    const line = 'All work and no play makes a very long mail.\n';
    const body = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
    const bytes = enc(`From mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <big@x>\nFrom: Big <big@x.org>\nSubject: huge\nDate: ${date(0)}\n\n${body}\nFrom mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <small@x>\nIn-Reply-To: <big@x>\nSubject: Re: huge\n\nok\n`);
    expect(bytes.length).toBeGreaterThan(50 * 1024 * 1024);
    const r = await analyseMbox(bytes);
    expect(r.analysis.messages.map((m) => m.id)).toEqual(['big@x', 'small@x']);
    expect(r.analysis.messages[0]!.subject).toBe('huge');
    expect(r.analysis.errors).toEqual([{ where: 'big@x', reason: `body not decoded: the message is 50.0 MB; bodies over ${MAX_BODY_BYTES >> 20} MB are not decoded` }]);
  }, 120_000);

  it('a header block over the limit is cut there, not read for ever', () => {
    const junk = 'X-Junk: ' + 'a'.repeat(1000) + '\n';
    const raw = enc('Message-ID: <h@x>\n' + junk.repeat(Math.ceil((MAX_HEADER_BYTES * 2) / junk.length)) + 'Subject: never seen\n\nbody\n');
    const h = parseHead(raw, 0);
    expect(h.id).toBe('h@x');
    expect(h.subject).toBe('');
  });

  it('a 5,000-deep reply chain threads, renders and gives a context without overflowing the stack', async () => {
    const depth = 5000;
    const bytes = mbox(depth, (i) => {
      // References as MUAs trim them: the root and the last few ids
      const refs = i === 0 ? [] : [0, ...Array.from({ length: Math.min(i, 8) }, (_, k) => i - Math.min(i, 8) + k)].filter((v, k, a) => a.indexOf(v) === k);
      return `Message-ID: <d${i}@x>\n${i ? `In-Reply-To: <d${i - 1}@x>\nReferences: ${refs.map((r) => `<d${r}@x>`).join(' ')}\n` : ''}From: P${i % 2} <p${i % 2}@x.org>\nSubject: Re: deep\nDate: ${date(i)}\n\n${'> '.repeat(Math.min(i, 12))}quoted\nreply ${i}\n`;
    });
    const r = await analyseMbox(bytes);
    expect(r.analysis.errors).toEqual([]);
    const last = r.analysis.messages.find((m) => m.id === `d${depth - 1}@x`)!;
    expect(last.depth).toBe(depth - 1);
    expect(r.analysis.roots).toEqual(['d0@x']);
    const ctx = await messageContext(r.bytes, r.analysis, r.heads, last.id);
    expect(ctx).toHaveLength(depth);
    expect(ctx[0]!.id).toBe('d0@x');
    const text = renderOverview(r.analysis, []);
    expect(text).toContain(`[${depth - 1}]`);
  }, 120_000);
});
