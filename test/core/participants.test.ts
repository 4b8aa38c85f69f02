import { describe, expect, it } from 'vitest';
import { buildParticipants } from '../../src/core/participants.ts';
import type { Series, Trailer } from '../../src/core/types.ts';
import { at, head } from '../fixtures/model/heads.ts';

const t = (name: string, who: string, address: string, from: string): Trailer => ({ name, value: `${who} <${address}>`, person: { name: who, address }, from });

describe('buildParticipants', () => {
  const heads = [
    head('a1', { from: { name: 'Alice Author', address: 'alice@example.org' }, date: at(0) }),
    head('a2', { from: { name: 'Alice Author', address: 'ALICE@Example.org' }, date: at(5) }),
    head('a3', { from: { name: 'alice author', address: 'alice@work.example.com' }, date: at(9) }),
    head('b1', { from: { name: 'Bob Reviewer', address: 'bob@example.org' }, date: at(3) }),
    head('masked', { from: { name: 'Bob Reviewer', address: 'bob@xxxxxxxxxxx' }, date: at(20) }),
    head('masked-alone', { from: { name: 'Nobody Known', address: 'nk@...ample.org' }, date: at(21) }),
    head('gmane', { from: { name: 'Gmane Only', address: 'g-AbC@public.gmane.org' }, date: at(22) }),
    head('c1', { from: { name: 'Carol', address: 'carol@example.net' }, date: null }),
    head('root', { from: { name: 'root', address: 'root@host1.example' }, date: at(30) }),
    head('root2', { from: { name: 'root', address: 'root@host2.example' }, date: at(31) }),
  ];
  const series: Series[] = [
    {
      subject: 'x',
      author: { name: 'Alice Author', address: 'alice@example.org' },
      changeId: null,
      versions: [
        {
          version: 1,
          versionInferred: true,
          total: 2,
          cover: null,
          date: at(0),
          subject: 'x',
          missing: [],
          coverTrailers: [],
          changeId: null,
          patches: [1, 2].map((counter) => {
            const trailers = [t('Signed-off-by', 'Alice Author', 'alice@example.org', `p${counter}`), t('Reviewed-by', 'Bob Reviewer', 'bob@example.org', 'b1'), t('Tested-by', 'Carol', 'CAROL@example.net', 'c1')];
            return { counter, id: `p${counter}`, subject: 'x', trailers, counts: { reviewed: 1, acked: 0, tested: 1 }, borrowedFrom: null };
          }),
        },
      ],
    },
  ];
  const people = buildParticipants(heads, series);
  const by = (addr: string) => people.find((p) => p.address.toLowerCase() === addr || p.aliases.some((a) => a.toLowerCase() === addr));

  it('merges one address in any case and one name across addresses (aliases)', () => {
    const alice = by('alice@example.org')!;
    expect(alice).toMatchObject({ name: 'Alice Author', address: 'alice@example.org', aliases: ['alice@work.example.com'], messages: 3, first: at(0), last: at(9) });
    expect(people[0]).toBe(alice);
  });

  it('never lists a masked address; a masked mail counts for the same name', () => {
    expect(people.some((p) => /xxx|\.\.\.|gmane/.test(p.address + p.aliases.join()))).toBe(false);
    expect(by('bob@example.org')).toMatchObject({ messages: 2, last: at(20) });
    expect(people.some((p) => p.name === 'Nobody Known' || p.name === 'Gmane Only')).toBe(false);
  });

  it('roles and trailers given, counting a trailer once per mail that carries it', () => {
    expect(by('alice@example.org')).toMatchObject({ roles: ['author'], trailers: { 'Signed-off-by': 2 } });
    expect(by('bob@example.org')).toMatchObject({ roles: ['reviewer'], trailers: { 'Reviewed-by': 1 } });
    expect(by('carol@example.net')).toMatchObject({ roles: ['tester'], trailers: { 'Tested-by': 1 }, first: null, last: null });
  });

  it('does not merge generic names', () => {
    expect(people.filter((p) => p.name === 'root')).toHaveLength(2);
  });

  it('has nobody for no mail', () => {
    expect(buildParticipants([], [])).toEqual([]);
  });
});
