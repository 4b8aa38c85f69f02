/**
 * The worker's candidates for other versions (series-find.ts) on core-built facts: ids named
 * by links, Supersedes and a lead's In-Reply-To; the search from a grouped series (change-id,
 * patch-ids once each, author and title words) and, for a thread that only answers a series
 * (the seed's case), from its title words alone; which Atom hits can lead a version.
 */
import { describe, expect, it } from 'vitest';
import { groupVersions } from '../../../src/core/series/version-group.ts';
import { knownMessages, leadHits, namedCandidates, seriesQuery } from '../../../src/background/load/series-find.ts';
import { alice, bob, facts, posting, reply } from '../../fixtures/model/series-mail.ts';

const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'b'],
]);
const v2 = posting('v2', 2, 5, 'mm: make frobnication faster', [['mm: add frob helper', 'mm/frob.c', 'a'], ['mm: use frob helper', 'mm/use.c', 'c']], { replyTo: v1[0]!.id, extraCover: 'Changes in v2:\n- faster\n- Link to v1: https://patch.msgid.link/' + v1[0]!.id + '\n' });

describe('version candidates', () => {
  it('names the threads a version links to or answers, and knows the messages in hand', async () => {
    const t2 = await facts(v2);
    const named = namedCandidates([t2]);
    expect(named).toContain(v1[0]!.id);
    const known = knownMessages([t2]);
    expect(known.has(v2[1]!.id)).toBe(true);
    expect(known.has(v1[0]!.id)).toBe(false);
  });

  it('searches a grouped series by change-id/patch-ids/author+title, each patch-id once', async () => {
    const t1 = await facts(v1);
    const t2 = await facts(v2);
    const s = groupVersions([t1, t2])[0]!;
    const q = seriesQuery(s, [t1, t2])!;
    expect(q).toContain(`f:"${alice.address}"`);
    const ids = [...q.matchAll(/patchid:([0-9a-f]{40})/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect(q).toMatch(/ AND d:\d{8}\.\.\d{8}$/);
  });

  it('a thread that only answers the series searches by its title words', async () => {
    const lost = reply('lost', v2[0]!, bob, 7, 'Looks fine.');
    const t = await facts([lost]);
    expect(t.versions).toEqual([]);
    expect(t.answers.length).toBe(1);
    const q = seriesQuery(null, [t])!;
    expect(q).toMatch(/^s:\w+ AND s:\w+/);
    expect(q).toContain('s:frobnication');
    expect(q).not.toContain('f:');
  });

  it('only covers, first patches and lone patches lead a version; replies never', () => {
    const inbox = 'https://lore.kernel.org/linux-mm/';
    const e = (title: string, mid: string, isReply = false) => ({ title, url: `${inbox}${mid}/`, updated: null, email: null, isReply });
    expect(
      leadHits([e('[PATCH v3 0/8] mm: x', 'c@x'), e('[PATCH v3 1/8] mm: a', 'p1@x'), e('[PATCH v3 2/8] mm: b', 'p2@x'), e('[PATCH] mm: lone', 'l@x'), e('Re: [PATCH v3 0/8] mm: x', 'r@x'), e('[PATCH v2 0/8] mm: x', 'q@x', true), e('mm: not a patch', 'n@x')], inbox),
    ).toEqual(['c@x', 'p1@x', 'l@x']);
  });
});
