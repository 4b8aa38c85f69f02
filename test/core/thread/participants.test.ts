import { describe, expect, it } from 'vitest';
import { buildParticipants } from '../../../src/core/thread/participants.ts';
import type { Series, Trailer } from '../../../src/core/types.ts';
import { at, head } from '../../fixtures/model/heads.ts';

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
    // issue 9 item 4: a masked sender nobody else is named like is a participant, by name,
    // its masked address marked masked (this line said they were dropped, the defect)
    expect(people.filter((p) => p.masked).map((p) => [p.name, p.address, p.maskedAddress, p.messages])).toEqual([
      ['Nobody Known', '', 'nk@...ample.org', 1],
      ['Gmane Only', '', 'g-AbC@public.gmane.org', 1],
    ]);
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

describe('buildParticipants: mangled and list-rewritten addresses', () => {
  const version = (trailers: Trailer[]): Series['versions'][number] => ({
    version: 1,
    versionInferred: true,
    total: 1,
    cover: null,
    date: at(0),
    subject: 'x',
    missing: [],
    coverTrailers: [],
    changeId: null,
    patches: [{ counter: 1, id: 'p1', subject: 'x', trailers, counts: { reviewed: 0, acked: 0, tested: 0 }, borrowedFrom: null }],
  });

  it('matches a trailer or a series author with a gmane address to the person by name', () => {
    const heads = [
      head('p1', { from: { name: 'Suresh Jayaraman', address: 'sjayaraman-l3A5Bk7waGM@public.gmane.org' }, date: at(0) }),
      head('s2', { from: { name: 'Suresh Jayaraman', address: 'sjayaraman@suse.de' }, date: at(1) }),
      head('j1', { from: { name: 'Jeff Layton', address: 'jlayton@samba.org' }, date: at(2) }),
      head('j2', { from: { name: 'Jeff Layton', address: 'jlayton-eUNUBHrolfbYtjvyW6yDsg@public.gmane.org' }, date: at(3) }),
    ];
    const series: Series[] = [
      {
        subject: 'x',
        author: { name: 'Suresh Jayaraman', address: 'sjayaraman-l3A5Bk7waGM@public.gmane.org' },
        changeId: null,
        versions: [version([t('Acked-by', 'Jeff Layton', 'jlayton-eUNUBHrolfbYtjvyW6yDsg@public.gmane.org', 'j2'), t('Reviewed-by', 'Jeff Layton', 'jlayton@redhat.com', 'j1')])],
      },
    ];
    const people = buildParticipants(heads, series);
    expect(people).toEqual([
      { name: 'Suresh Jayaraman', address: 'sjayaraman@suse.de', aliases: [], messages: 2, first: at(0), last: at(1), roles: ['author'], trailers: {} },
      // an address never used to write here (jlayton@redhat.com) finds him by name too
      { name: 'Jeff Layton', address: 'jlayton@samba.org', aliases: [], messages: 2, first: at(2), last: at(3), roles: ['reviewer', 'acker'], trailers: { 'Acked-by': 1, 'Reviewed-by': 1 } },
    ]);
  });

  it("reads `'Name' via List` as Name, and never merges two people by the list's address", () => {
    const list = 'kasan-dev@googlegroups.com';
    const heads = [
      head('a', { from: { name: 'Alice Smith', address: list }, via: 'kasan-dev', date: at(1) }),
      head('b', { from: { name: 'Bob Jones', address: list }, via: 'kasan-dev', date: at(2) }),
      head('c', { from: { name: 'Bob Jones', address: 'bob@example.org' }, date: at(3) }),
    ];
    expect(buildParticipants(heads, [])).toEqual([
      { name: 'Bob Jones', address: 'bob@example.org', aliases: [], messages: 2, first: at(2), last: at(3), roles: [], trailers: {} },
      { name: 'Alice Smith', address: list, aliases: [], messages: 1, first: at(1), last: at(1), roles: [], trailers: {} },
    ]);
  });

  it('does not count Cc: as a trailer anybody gave', () => {
    const heads = [head('p1', { from: { name: 'Paul Burton', address: 'paul@example.org' } }), head('l1', { from: { name: 'Leon Alrae', address: 'leon@example.org' } })];
    const series: Series[] = [{ subject: 'x', author: { name: 'Paul Burton', address: 'paul@example.org' }, changeId: null, versions: [version([t('Signed-off-by', 'Paul Burton', 'paul@example.org', 'p1'), t('Cc', 'Leon Alrae', 'leon@example.org', 'p1')])] }];
    const people = buildParticipants(heads, series);
    expect(people.map((p) => [p.name, p.roles, p.trailers])).toEqual([
      ['Paul Burton', ['author'], { 'Signed-off-by': 1 }],
      ['Leon Alrae', [], {}],
    ]);
  });
});
