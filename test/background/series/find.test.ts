/**
 * The worker's candidates for the rest of a series (series/find.ts) on core-built facts: ids
 * named by links, Supersedes and a lead's In-Reply-To; the search from a grouped series
 * (change-id, patch-ids once each, author and title words) and, for a thread that only answers
 * a series (the seed's case), from its title words alone; which Atom hits can lead a version
 * (a cover before its patch 1); a version lacking patches with its thread elsewhere; the
 * search for a version's unthreaded postings.
 */
import { describe, expect, it } from 'vitest';
import { groupVersions } from '../../../src/core/series/version-group.ts';
import { incompleteVersions, knownMessages, leadHits, namedCandidates, postingQuery, seriesQuery } from '../../../src/background/series/find.ts';
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

  it('only covers, first patches and lone patches lead a version; replies never; a cover before its own patch 1', () => {
    const inbox = 'https://lore.kernel.org/linux-mm/';
    const e = (title: string, mid: string, isReply = false, email: string | null = null) => ({ title, url: `${inbox}${mid}/`, updated: null, email, isReply });
    expect(
      leadHits([e('[PATCH v3 0/8] mm: x', 'c@x'), e('[PATCH v3 2/8] mm: b', 'p2@x'), e('[PATCH v2 1/8] mm: a', 'p1@x'), e('[PATCH] mm: lone', 'l@x'), e('Re: [PATCH v3 0/8] mm: x', 'r@x'), e('[PATCH v2 0/8] mm: x', 'q@x', true), e('mm: not a patch', 'n@x')], inbox),
    ).toEqual(['c@x', 'p1@x', 'l@x']);
    // v1 sent as a cover and nine threads of their own: the cover leads, not its patch 1
    expect(leadHits([e('[PATCH 0/9] mm: x', 'c1@x', false, 'd@x'), e('[PATCH 1/9] mm: a', 'p1@x', false, 'd@x'), e('[PATCH 1/9] mm: other', 'o1@x', false, 'e@x')], inbox)).toEqual(['c1@x', 'o1@x']);
  });

  it("a version whose lead is here without its thread is fetched for its patches (the seed's v4 cover)", async () => {
    const t2 = await facts(v2);
    // the cover came by subject into another thread, without its patches
    const coverOnly = { thread: 'page@x', versions: t2.versions.map((v) => ({ ...v, patches: [], missing: [1, 2] })), answers: [], senders: [] };
    expect(incompleteVersions([coverOnly], new Set(['page@x'])).map((v) => v.key)).toEqual([v2[0]!.id]);
    expect(incompleteVersions([coverOnly], new Set(['page@x', coverOnly.versions[0]!.thread]))).toEqual([]);
    expect(incompleteVersions([t2], new Set(['page@x']))).toEqual([]);
  });

  it("searches a version's postings by author, subject prefix and the days around it", async () => {
    const [v] = (await facts(v2)).versions;
    const q = postingQuery(v!)!;
    expect(q).toMatch(new RegExp(`^f:"${alice.address}" AND s:PATCH AND s:v2 AND d:\\d{8}\\.\\.\\d{8}$`));
    const [one] = (await facts(v1)).versions;
    expect(postingQuery(one!)).not.toContain('s:v1');
    expect(postingQuery({ ...one!, date: null })).toBeNull();
    expect(postingQuery({ ...one!, author: { name: 'x', address: '' } })).toBeNull();
  });
});
