/**
 * A participant known only by a masked address (gmane's `name-HASH@public.gmane.org`) has no
 * address of their own; pressing them must still filter the tree to their messages. Checked on
 * the real LKML corpus, where such senders wrote 47 of the 210 messages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseMbox } from '../../src/core/analyse.ts';
import type { Analysis } from '../../src/core/types.ts';
import { filterIds, isFrom } from '../../src/panel/tree-model.ts';
import { corpusDir, readCorpus } from '../helpers/corpus.ts';

describe.runIf(corpusDir)('the tree filtered to a masked participant', () => {
  let a: Analysis;
  beforeAll(async () => {
    a = (await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'))).analysis;
  });

  it('shows each masked participant exactly their own messages', () => {
    const masked = a.participants.filter((p) => p.masked);
    expect(masked.length).toBeGreaterThan(0);
    for (const p of masked) {
      expect(p.address).toBe('');
      const { hits } = filterIds(a.messages, (m) => isFrom(m.from, p));
      expect([p.name, hits.size]).toEqual([p.name, p.messages]);
    }
  });
});
