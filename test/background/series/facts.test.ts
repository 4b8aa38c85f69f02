/**
 * Cached series facts from an older shape are computed again, not read as if complete: facts
 * without `format` (or another format) lack fields a newer core relies on (a trailer's
 * patch-id, code prints, evidence), and would carry forward wrongly or never split.
 */
import { describe, expect, it } from 'vitest';
import { FACTS_FORMAT } from '../../../src/core/series/series-facts.ts';
import { isCurrent } from '../../../src/background/series/facts.ts';
import type { SeriesThreadData, ThreadMeta } from '../../../src/background/cache/db.ts';

const meta = (facts: SeriesThreadData['facts']): ThreadMeta => ({ messages: 3, newestDate: '2024-01-01T00:00:00.000Z', seriesData: { messages: 3, newestDate: '2024-01-01T00:00:00.000Z', facts, changelogs: {} } }) as unknown as ThreadMeta;

describe('series facts in the cache', () => {
  it('are current only in the current format', () => {
    expect(isCurrent(meta({ format: FACTS_FORMAT, thread: 't', versions: [], answers: [], senders: [] }))).toBe(true);
    expect(isCurrent(meta({ thread: 't', versions: [], answers: [], senders: [] }))).toBe(false);
    expect(isCurrent(meta({ format: FACTS_FORMAT - 1, thread: 't', versions: [], answers: [], senders: [] }))).toBe(false);
  });
});
