/**
 * The cache line after a refresh asked within the minute (issue 9, item 8): nothing was
 * fetched, so the line must not say "checked with the archive just now".
 */
import { describe, expect, it } from 'vitest';
import { cacheNote } from '../../src/panel/header-model.ts';

describe('the cache line of a refresh within the 60-second floor', () => {
  const checked = Date.UTC(2024, 4, 2, 10, 11);

  it('says how long ago the check was and when the next one is possible', () => {
    const c = { cachedAt: checked, offline: false, state: 'fresh' as const, nextCheckAt: checked + 60_000 };
    expect(cacheNote(c, checked + 20_000)).toBe('Checked 20 s ago; next check possible in 40 s');
    expect(cacheNote(c, checked + 59_500)).toBe('Checked 60 s ago; next check possible in 1 s');
    expect(cacheNote(c, checked + 20_000)).not.toMatch(/just now/);
  });

  it('after the floor, the usual line', () => {
    const c = { cachedAt: checked, offline: false, state: 'fresh' as const, nextCheckAt: checked + 60_000 };
    expect(cacheNote(c, checked + 180_000)).toBe('checked with the archive 3 minutes ago');
  });
});
