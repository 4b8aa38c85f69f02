/**
 * gmane-mangled addresses in the real LKML corpus: the cifs FS-Cache series "[RFC][PATCH 00/10]"
 * (June 2010) came in partly through gmane, which rewrote every address, in From and in the
 * trailers alike, to `name-HASH@public.gmane.org`. Those addresses identify nobody, so the
 * people behind them are found by name: an ack written with a gmane address still counts for
 * the man who gave it, and the series' author is the one with a real address.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseMbox } from '../../src/core/analyse.ts';
import type { Analysis, Participant } from '../../src/core/types.ts';
import { corpusDir, readCorpus } from '../helpers/corpus.ts';

describe.runIf(corpusDir)('gmane addresses in the LKML corpus', () => {
  let a: Analysis;
  const person = (name: string): Participant => {
    const found = a.participants.filter((p) => p.name === name);
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  beforeAll(async () => {
    a = (await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'))).analysis;
  });

  it('keeps the gmane spellings in the patches the trailers came with', () => {
    const cifs = a.series.find((s) => s.subject.startsWith('cifs: local caching support using FS-Cache'))!;
    const acks = cifs.versions[0]!.patches.map((p) => [p.counter, p.trailers.filter((t) => t.name === 'Acked-by').map((t) => t.value)]);
    expect(acks.filter(([, v]) => (v as string[]).length)).toEqual([
      [2, ['Jeff Layton <jlayton-eUNUBHrolfbYtjvyW6yDsg@public.gmane.org>']],
      [7, ['David Howells <dhowells@redhat.com>']],
      [8, ['David Howells <dhowells-H+wXaHxf7aLQT0dZR+AlfA@public.gmane.org>']],
      [9, ['David Howells <dhowells-H+wXaHxf7aLQT0dZR+AlfA@public.gmane.org>']],
      [10, ['David Howells <dhowells@redhat.com>']],
    ]);
  });

  it('counts an ack under a gmane address for the person of that name', () => {
    expect(person('Jeff Layton')).toMatchObject({ address: 'jlayton@samba.org', roles: ['acker'], trailers: { 'Acked-by': 1 } });
    // patches 7 and 10 acked from his own address, 8 and 9 through gmane: four in all
    expect(person('David Howells')).toMatchObject({ address: 'dhowells@redhat.com', roles: ['acker'], trailers: { 'Acked-by': 4 } });
    // patches 6 and 42 reached the corpus through gmane, Signed-off-by and all
    expect(person('Joe Perches').trailers).toEqual({ 'Signed-off-by': 44 });
  });

  it('gives the series a real author address, and its author the author role', () => {
    const cifs = a.series.find((s) => s.subject.startsWith('cifs: local caching support using FS-Cache'))!;
    expect(cifs.author).toEqual({ name: 'Suresh Jayaraman', address: 'sjayaraman@suse.de' });
    // 17 mails; 14 of them came twice (linux-cifs and linux-fsdevel) and count once
    expect(person('Suresh Jayaraman')).toMatchObject({ address: 'sjayaraman@suse.de', messages: 17, roles: ['author'], trailers: { 'Signed-off-by': 10 } });
    expect(a.participants.some((p) => /gmane/.test(p.address + p.aliases.join(' ')))).toBe(false);
  });
});
