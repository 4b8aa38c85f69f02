/**
 * Who still has to act, per patch and version: each state and what brings it (address by
 * b4's email_eq, a full name, an application, the author), keyword-only entries owing no
 * ack, THE REST kept apart, the one-line summary, and "waiting on me".
 */
import { describe, expect, it } from 'vitest';
import { compileMaintainers } from '../../../src/core/maintainers/match.ts';
import { patchOwnership, versionOwnership, versionWaitingOnMe, waitingOnMe, type OwnershipPatch } from '../../../src/core/maintainers/ownership.ts';
import { parseMaintainers } from '../../../src/core/maintainers/parse.ts';
import type { Person } from '../../../src/core/types.ts';

const FILE = `MEMORY MANAGEMENT
M:	Andrew Morton <akpm@linux-foundation.org>
L:	linux-mm@kvack.org
S:	Maintained
F:	mm/

MEMORY MANAGEMENT - ZSWAP
M:	Johannes Weiner <hannes@cmpxchg.org>
M:	Yosry Ahmed <yosry.ahmed@linux.dev>
R:	Chengming Zhou <chengming.zhou@linux.dev>
S:	Maintained
F:	mm/zswap.c

CGROUPS
M:	Tejun Heo <tj@kernel.org>
R:	Michal Koutny <mkoutny@suse.com>
S:	Maintained
F:	kernel/cgroup/

FROBNICATOR
L:	frob@example.org
S:	Orphan
F:	drivers/frob/

BPF
M:	Alexei Starovoitov <ast@kernel.org>
S:	Supported
K:	(?:\\b|_)bpf(?:\\b|_)

THE REST
M:	Linus Torvalds <torvalds@linux-foundation.org>
L:	linux-kernel@vger.kernel.org
F:	*
F:	*/
`;

const ix = compileMaintainers(parseMaintainers(FILE));
const p = (name: string, address: string): Person => ({ name, address });
const ack = (person: Person): { name: string; person: Person } => ({ name: 'Acked-by', person });
const rb = (person: Person): { name: string; person: Person } => ({ name: 'Reviewed-by', person });
const author = p('Ada Author', 'ada@example.org');

function states(patch: OwnershipPatch): Record<string, string> {
  return Object.fromEntries(patchOwnership(ix, patch).entries.map((e) => [e.entry.name, e.state]));
}

describe('patchOwnership', () => {
  it('is waiting until an M: person acks or reviews', () => {
    expect(states({ files: ['mm/zswap.c'], trailers: [], author })).toEqual({ 'MEMORY MANAGEMENT - ZSWAP': 'waiting', 'MEMORY MANAGEMENT': 'waiting' });
    expect(states({ files: ['mm/zswap.c'], trailers: [ack(p('Johannes Weiner', 'hannes@cmpxchg.org'))], author })).toEqual({ 'MEMORY MANAGEMENT - ZSWAP': 'acked', 'MEMORY MANAGEMENT': 'waiting' });
    expect(states({ files: ['mm/zswap.c'], trailers: [rb(p('Yosry Ahmed', 'yosry.ahmed@linux.dev'))], author })['MEMORY MANAGEMENT - ZSWAP']).toBe('acked');
  });

  it("knows a person by b4's email_eq or by full name", () => {
    // a +tag, case, and one domain label more than the file's
    expect(states({ files: ['mm/x.c'], trailers: [ack(p('', 'AKPM+mm@Linux-Foundation.org'))] })['MEMORY MANAGEMENT']).toBe('acked');
    expect(states({ files: ['kernel/cgroup/x.c'], trailers: [ack(p('', 'tj@mail.kernel.org'))] })['CGROUPS']).toBe('acked');
    // another address, the same full name
    expect(states({ files: ['mm/x.c'], trailers: [ack(p('andrew  MORTON', 'akpm@kernel.org'))] })['MEMORY MANAGEMENT']).toBe('acked');
    // a one-word name is not enough, nor another person's
    expect(states({ files: ['mm/x.c'], trailers: [ack(p('Andrew', 'andrew@example.org'))] })['MEMORY MANAGEMENT']).toBe('waiting');
    expect(states({ files: ['mm/x.c'], trailers: [ack(p('Andrew Mortons', 'am@example.org'))] })['MEMORY MANAGEMENT']).toBe('waiting');
  });

  it('counts only Acked-by and Reviewed-by', () => {
    expect(states({ files: ['mm/x.c'], trailers: [{ name: 'Tested-by', person: p('Andrew Morton', 'akpm@linux-foundation.org') }] })['MEMORY MANAGEMENT']).toBe('waiting');
    expect(states({ files: ['mm/x.c'], trailers: [{ name: 'acked-BY', person: p('Andrew Morton', 'akpm@linux-foundation.org') }] })['MEMORY MANAGEMENT']).toBe('acked');
  });

  it('is acked when an M: person applied it, own when one wrote it', () => {
    expect(states({ files: ['mm/x.c'], trailers: [], appliedBy: [p('Andrew Morton', 'akpm@linux-foundation.org')] })['MEMORY MANAGEMENT']).toBe('acked');
    expect(states({ files: ['mm/x.c'], trailers: [], author: p('Andrew Morton', 'akpm@linux-foundation.org') })['MEMORY MANAGEMENT']).toBe('own');
  });

  it('is reviewed when only an R: person gave a trailer', () => {
    const own = patchOwnership(ix, { files: ['kernel/cgroup/a.c'], trailers: [ack(p('Michal Koutny', 'mkoutny@suse.com'))] });
    expect(own.entries.map((e) => [e.entry.name, e.state, e.by])).toEqual([['CGROUPS', 'reviewed', [p('Michal Koutny', 'mkoutny@suse.com')]]]);
  });

  it('keeps THE REST apart and flags keyword-only entries', () => {
    const own = patchOwnership(ix, { files: ['mm/x.c'], text: 'Subject: [PATCH] mm: bpf hook\n\nBody.\n', trailers: [] });
    expect(own.entries.map((e) => [e.entry.name, e.keywordOnly])).toEqual([
      ['MEMORY MANAGEMENT', false],
      ['BPF', true],
    ]);
    expect(own.rest.map((e) => e.entry.name)).toEqual(['THE REST']);
  });
});

describe('versionOwnership', () => {
  const hannes = p('Johannes Weiner', 'hannes@cmpxchg.org');
  const akpm = p('Andrew Morton', 'akpm@linux-foundation.org');
  const patches: OwnershipPatch[] = [
    { files: ['mm/zswap.c'], trailers: [ack(hannes), ack(akpm)], author, text: 'Subject: [PATCH 1/4] mm: zswap: bpf\n\nx\n' },
    { files: ['mm/zswap.c', 'mm/page_io.c'], trailers: [ack(akpm)], author },
    { files: ['kernel/cgroup/cgroup.c'], trailers: [rb(p('Michal Koutny', 'mkoutny@suse.com'))], author },
    { files: ['drivers/frob/frob.c'], trailers: [], author },
  ];

  it('takes an entry at its worst over the patches it owns, and says so in one line', () => {
    const v = versionOwnership(ix, patches);
    expect(v.entries.map((e) => [e.entry.name, e.state, e.patches.map((x) => `${x.patch}:${x.state}`).join(' ')])).toEqual([
      ['MEMORY MANAGEMENT - ZSWAP', 'waiting', '0:acked 1:waiting'],
      ['MEMORY MANAGEMENT', 'acked', '0:acked 1:acked'],
      ['CGROUPS', 'reviewed', '2:reviewed'],
      ['FROBNICATOR', 'waiting', '3:waiting'],
      ['BPF', 'waiting', '0:waiting'],
    ]);
    expect(v.counts).toEqual({ subsystems: 3, acked: 1, own: 0, reviewed: 1, waiting: 1 });
    expect(v.summary).toBe('1 of 3 subsystems acked; reviewed, not acked: CGROUPS (M: Tejun Heo); waiting on MEMORY MANAGEMENT - ZSWAP (M: Johannes Weiner, Yosry Ahmed); no maintainer: FROBNICATOR (Orphan)');
    expect(v.rest.map((e) => [e.entry.name, e.patches.length])).toEqual([['THE REST', 4]]);
  });

  it("counts a maintainer's own patch apart", () => {
    const v = versionOwnership(ix, [{ files: ['mm/x.c'], trailers: [], author: akpm }, { files: ['mm/zswap.c'], trailers: [ack(hannes)], author: akpm }]);
    expect(v.summary).toBe("2 of 2 subsystems acked (1 by their own maintainer's patch)");
  });

  it('says when nothing but the catch-all matched', () => {
    expect(versionOwnership(ix, [{ files: ['README'], trailers: [] }]).summary).toBe('no subsystem but the catch-all');
  });

  it('knows what waits on the reader', () => {
    const v = versionOwnership(ix, patches);
    const zswap = v.entries[0]!;
    expect(waitingOnMe(zswap, ['yosry.ahmed@linux.dev'])).toBe(true);
    expect(waitingOnMe(zswap, ['akpm@linux-foundation.org'])).toBe(false);
    // an R: person, while nobody reviewed: waiting; once reviewed, on the M: people only
    expect(waitingOnMe(zswap, ['chengming.zhou@linux.dev'])).toBe(true);
    const cgroups = v.entries[2]!;
    expect(waitingOnMe(cgroups, ['mkoutny@suse.com'])).toBe(false);
    expect(waitingOnMe(cgroups, ['TJ@kernel.org'])).toBe(true);
    expect(versionWaitingOnMe(v, patches, ['tj@kernel.org'])).toBe(true);
    expect(versionWaitingOnMe(v, patches, ['akpm@linux-foundation.org'])).toBe(false);
    // keyword-only entries do not wait on anyone
    expect(versionWaitingOnMe(v, patches, ['ast@kernel.org'])).toBe(false);
    // nor does a patch on its own author
    const mine = [{ files: ['mm/zswap.c'], trailers: [], author: p('Chengming Zhou', 'chengming.zhou@linux.dev') }];
    expect(versionWaitingOnMe(versionOwnership(ix, mine), mine, ['chengming.zhou@linux.dev'])).toBe(false);
  });
});
