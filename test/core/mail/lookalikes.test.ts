/**
 * Look-alike senders (issue 9, item 6) and masked senders (item 4), on the real LKML corpus
 * thread: the cifs FS-Cache series, where David Howells acked patches from
 * dhowells@redhat.com. An impostor is made from one of his real mails, with the address or
 * the name spelled with a Cyrillic letter and a new Message-ID; everything else is the mail
 * as the list delivered it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { splitMbox } from '../../../src/core/mail/mbox.ts';
import { renderOverview } from '../../../src/cli/render.ts';
import { factsOf, ledgersOf } from '../../../src/cli/ledgers.ts';
import { buildParticipants } from '../../../src/core/thread/participants.ts';
import type { Analysis, Participant, SeriesPatch } from '../../../src/core/types.ts';
import { head } from '../../fixtures/model/heads.ts';
import { corpusDir, readCorpus } from '../../helpers/corpus.ts';

const LKML = 'notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd';
const latin1 = new TextDecoder('latin1');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The corpus as one mbox with `extra` raw messages appended. */
function withExtra(mbox: Uint8Array, extra: string[]): Uint8Array {
  const tail = extra.map((m) => `From mboxrd@z Thu Jan  1 00:00:00 1970\n${m}\n`).join('');
  const out = new Uint8Array(mbox.length + 1 + enc(tail).length);
  out.set(mbox);
  out.set(enc(`\n${tail}`), mbox.length);
  return out;
}

describe.runIf(corpusDir)('look-alike senders in the LKML corpus', () => {
  let mbox: Uint8Array;
  let real: Analysis;
  let ack: string;
  const cifs = (a: Analysis): SeriesPatch[] => a.series.find((s) => s.subject.startsWith('cifs: local caching support using FS-Cache'))!.versions[0]!.patches;
  const people = (a: Analysis, name: RegExp): Participant[] => a.participants.filter((p) => name.test(p.name));

  beforeAll(async () => {
    mbox = readCorpus(LKML);
    real = (await analyseMbox(mbox)).analysis;
    // his real reply acking a patch from his own address
    ack = splitMbox(mbox)
      .messages.map((m) => latin1.decode(m))
      .find((m) => /^From: David Howells <dhowells@redhat\.com>$/m.test(m) && /^Acked-by: David Howells <dhowells@redhat\.com>$/m.test(m))!;
    expect(ack).toBeDefined();
  });

  const forge = (from: string, mid: string): string =>
    ack
      .replace(/^Message-ID: .*$/im, `Message-ID: <${mid}>`)
      .replace(/^From: .*$/m, `From: ${from}`)
      .replace(/^Acked-by: .*$/m, `Acked-by: ${from}`);

  it('marks a sender whose address is a Cyrillic look-alike, and flags and discounts its ack', async () => {
    const fake = 'dhowells@rеdhat.com'; // Cyrillic е
    const a = (await analyseMbox(withExtra(mbox, [forge(`David Howells <${fake}>`, 'forged-1@example.org')]))).analysis;
    const impostor = a.participants.find((p) => p.address === fake)!;
    expect(impostor).toMatchObject({ lookalikeOf: 'dhowells@redhat.com', mixedScript: true, messages: 1 });
    // the real David Howells is unchanged: not a look-alike, his acks are still four
    const david = a.participants.find((p) => p.address === 'dhowells@redhat.com')!;
    expect(david.lookalikeOf).toBeUndefined();
    expect(david.trailers).toEqual(real.participants.find((p) => p.address === 'dhowells@redhat.com')!.trailers);
    // the forged ack is in the patch, flagged, and the patch's counts are what they were
    const flagged = cifs(a).flatMap((p) => p.trailers.filter((t) => t.lookalikeOf));
    expect(flagged.map((t) => [t.name, t.value, t.lookalikeOf])).toEqual([['Acked-by', `David Howells <${fake}>`, 'dhowells@redhat.com']]);
    expect(cifs(a).map((p) => p.counts)).toEqual(cifs(real).map((p) => p.counts));
    // nobody else in the thread is a look-alike
    expect(a.participants.filter((p) => p.lookalikeOf).map((p) => p.address)).toEqual([fake]);
    expect(real.participants.filter((p) => p.lookalikeOf || p.mixedScript)).toEqual([]);
  });

  it('marks a sender whose name is a look-alike, with an address of its own', async () => {
    const a = (await analyseMbox(withExtra(mbox, [forge('Dаvid Howells <david@example.net>', 'forged-2@example.org')]))).analysis;
    expect(a.participants.find((p) => p.address === 'david@example.net')).toMatchObject({ name: 'Dаvid Howells', lookalikeOf: 'dhowells@redhat.com', mixedScript: true });
    expect(cifs(a).map((p) => p.counts)).toEqual(cifs(real).map((p) => p.counts));
    expect(people(a, /^David Howells$/)[0]!.trailers).toEqual(people(real, /^David Howells$/)[0]!.trailers);
  });

  it('marks an ASCII look-alike (rn for m, 1 for l) as the later, lesser sender', async () => {
    const a = (await analyseMbox(withExtra(mbox, [forge('David Howells <dhowe11s@redhat.com>', 'forged-3@example.org')]))).analysis;
    expect(a.participants.find((p) => p.address === 'dhowe11s@redhat.com')).toMatchObject({ lookalikeOf: 'dhowells@redhat.com' });
    expect(a.participants.find((p) => p.address === 'dhowe11s@redhat.com')!.mixedScript).toBeUndefined();
  });

  it('the CLI text warns about the look-alike and its trailer; the ledger counts it for nobody', async () => {
    const fake = 'dhowells@rеdhat.com';
    const forged = await analyseMbox(withExtra(mbox, [forge(`David Howells <${fake}>`, 'forged-4@example.org')]), { keepBodies: true });
    const ledgers = ledgersOf([factsOf(forged)]);
    const text = renderOverview(forged.analysis, ledgers);
    expect(text).toContain(`David Howells <${fake}>  1 msg`);
    expect(text).toMatch(/David Howells <dhowells@rеdhat\.com> {2}1 msg.*WARNING: looks like dhowells@redhat\.com, a different sender {2}WARNING: mixes scripts/);
    expect(text).toContain(`WARNING: Acked-by: David Howells <${fake}> names a look-alike of dhowells@redhat.com; not counted`);
    const realRun = await analyseMbox(mbox, { keepBodies: true });
    const realLedgers = ledgersOf([factsOf(realRun)]);
    expect(renderOverview(realRun.analysis, realLedgers)).not.toContain('WARNING');
    // the overview's series is the ledger: the forged ack adds no A anywhere
    const acks = (ls: typeof ledgers) => ls.flatMap((l) => l.rows.flatMap((r) => r.cells.map((c) => c?.marks.acked ?? 0)));
    expect(acks(ledgers)).toEqual(acks(realLedgers));
  });

  it('shows a trailer\'s bidi controls and a subject\'s zero-width space as visible escapes', async () => {
    const m = forge('David Howells <dhowells@redhat.com>', 'forged-5@example.org').replace(/^Subject: .*$/m, 'Subject: Re: fix\u202eexe.txt\u200b');
    const a = (await analyseMbox(withExtra(mbox, [m]))).analysis;
    expect(renderOverview(a, [])).toContain('Re: fix⟨U+202E⟩exe.txt⟨U+200B⟩');
  });
});

describe.runIf(corpusDir)('gmane-only senders in the LKML corpus (issue 9 item 4)', () => {
  it('47 of the 210 messages come from gmane-mangled addresses, and no sender is dropped', async () => {
    const mbox = readCorpus(LKML);
    const raw = splitMbox(mbox).messages.map((m) => latin1.decode(m));
    expect(raw).toHaveLength(210);
    const gmane = raw.filter((m) => /^From:.*@public\.gmane\.org/im.test(m));
    expect(gmane).toHaveLength(47);
    const r = await analyseMbox(mbox);
    const a = r.analysis;
    // every message the thread shows is some participant's
    expect(a.participants.reduce((n, p) => n + p.messages, 0)).toBe(r.heads.length);
    // each gmane sender is a participant by name, with a real address when one is known…
    const names = new Set(gmane.map((m) => /^From: *"?([^"<\n]+?)"? *</m.exec(m)![1]!.trim()));
    for (const name of names) expect(a.participants.filter((p) => p.name === name), name).toHaveLength(1);
    // …else masked, never with the gmane address as the address
    expect(a.participants.filter((p) => p.masked).map((p) => [p.name, p.address, p.maskedAddress, p.messages])).toEqual([
      ['Christoph Hellwig', '', 'hch-wEGCiKHe2LqWVfeAwA7xHQ@public.gmane.org', 1],
      ['Justin Mattock', '', 'justinmattock-Re5JQEeQqe8AvxtiuMwx3w@public.gmane.org', 1],
    ]);
    expect(renderOverview(a, [])).toMatch(/Christoph Hellwig {2}1 msg .* {2}address masked by the archive \(hch-wEGCiKHe2LqWVfeAwA7xHQ@public\.gmane\.org\)/);
  });

  it('a single gmane message shows one participant, not zero', async () => {
    const one = splitMbox(readCorpus(LKML)).messages.find((m) => /^From: Justin Mattock/m.test(latin1.decode(m)))!;
    const a = (await analyseMbox(one)).analysis;
    expect(a.participants).toHaveLength(1);
    expect(a.participants[0]).toMatchObject({ name: 'Justin Mattock', address: '', masked: true, messages: 1 });
    expect(renderOverview(a, [])).toContain('1 message, 0 missing from the archive, 1 thread, 1 participant');
  });
});

describe('look-alike detection at scale', () => {
  it('20,000 people at one domain and 20,000 addresses under one name cost no pairwise comparison', () => {
    const heads = [
      ...Array.from({ length: 20_000 }, (_, i) => head(`a${i}`, { from: { name: `Person ${i}`, address: `p${i}@example.org` } })),
      ...Array.from({ length: 20_000 }, (_, i) => head(`b${i}`, { from: { name: 'Same Name', address: `same${i}@host${i}.example` } })),
    ];
    const people = buildParticipants(heads, []);
    expect(people).toHaveLength(20_001);
    expect(people[0]).toMatchObject({ name: 'Same Name', messages: 20_000 });
    expect(people[0]!.aliases).toHaveLength(19_999);
    // digits and `l`/`1` fold alike: p1@ and pl@ would collide, but nobody here spells so
    expect(people.filter((p) => p.lookalikeOf || p.mixedScript)).toEqual([]);
  }, 30_000);
});
