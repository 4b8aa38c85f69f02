/**
 * The one error path (src/errors.ts) and the loader's cache reads built on it: a failure is
 * recorded with where and why, the caller gets its fallback, and a cache read that threw
 * reaches the panel as a `cache` error rather than as "not saved".
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { causeOf, recentErrors, recorded } from '../src/errors.ts';
import { cacheReads } from '../src/background/load/events.ts';
import type { PanelEvent } from '../src/protocol.ts';

afterEach(() => vi.restoreAllMocks());

describe('recorded', () => {
  it('gives the fallback and keeps where and the cause', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const got = await Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')).catch(recorded('cache: write', 'fallback'));
    expect(got).toBe('fallback');
    expect(recentErrors().at(-1)).toMatchObject({ where: 'cache: write', cause: 'QuotaExceededError: The quota has been exceeded.' });
    expect(warn).toHaveBeenCalledWith('ListLens: cache: write: QuotaExceededError: The quota has been exceeded.');
  });

  it('keeps only the latest failures', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (let i = 0; i < 200; i++) recorded(`n${i}`, null)(new Error('x'));
    expect(recentErrors().length).toBeLessThanOrEqual(50);
    expect(recentErrors().at(-1)?.where).toBe('n199');
  });

  it('says what a non-Error rejection was', () => {
    expect(causeOf('gone')).toBe('gone');
    expect(causeOf({ code: 3 })).toBe('{"code":3}');
    expect(causeOf(new Error('plain'))).toBe('plain');
  });
});

describe('cacheReads', () => {
  it('a thread that is not saved is "not found"; a read that threw is a cache error with its cause', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const absent = cacheReads();
    const ev: PanelEvent[] = [];
    expect(await absent.read('read thread', Promise.resolve(null))).toBeNull();
    absent.missing({ emit: (e) => ev.push(e) });
    const broken = cacheReads();
    expect(await broken.read('read mbox', Promise.reject(new Error('UnknownError: IO error')))).toBeNull();
    broken.missing({ emit: (e) => ev.push(e) });
    expect(ev.map((e) => e.type === 'error' && e.error.kind)).toEqual(['not-found', 'cache']);
    expect(ev[1]).toMatchObject({ error: { message: expect.stringContaining('IO error') } });
    expect(recentErrors().at(-1)).toMatchObject({ where: 'cache: read mbox' });
  });
});
