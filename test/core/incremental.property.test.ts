/**
 * Incremental analysis (src/core/incremental.ts): merging mail b into the analysis of a must
 * give what the whole analysis of a+b gives. Over real threads (the LKML corpus, b4's and
 * Patchew's series with their follow-ups, the bench's review thread), the messages are shuffled
 * and cut in two at random: replies before their patches, copies on both sides, trailers
 * arriving later, threads joined by a late message. Checked from a fresh analysis (split and
 * texts at hand) and from what the worker's cache keeps (analysis, heads, bytes).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { corpusDir, corpusPath } from '../helpers/corpus.ts';
import { analyseMbox, type AnalysisResult } from '../../src/core/analyse.ts';
import { analyseMerged, analyseMore } from '../../src/core/incremental.ts';
import { joinMbox, splitMbox } from '../../src/core/mail/mbox.ts';
import { concatBytes } from '../../src/core/mail/bytes.ts';
import { generateThread } from '../../bench/generate.ts';

const LF = 0x0a;
const MBOXRD = new TextEncoder().encode('From mboxrd@z Thu Jan  1 00:00:00 1970\n');

/** Each message as its own mboxrd chunk (From_ line, message, blank line). */
function chunksOf(bytes: Uint8Array): Uint8Array[] {
  const split = splitMbox(bytes);
  expect(split.format).toBe('mboxrd');
  return split.offsets.map((off, k) => {
    const end = k + 1 < split.offsets.length ? bytes.lastIndexOf(LF, split.offsets[k + 1]! - 2) + 1 : bytes.length;
    const body = bytes.subarray(off, end);
    const tail = body[body.length - 1] !== LF ? [LF, LF] : body[body.length - 2] !== LF ? [LF] : [];
    return concatBytes([MBOXRD, body, new Uint8Array(tail)]);
  });
}

const sorted = <T>(xs: T[]): T[] => xs.map((x) => JSON.stringify(x)).sort().map((x) => JSON.parse(x) as T);

function same(inc: AnalysisResult, full: AnalysisResult): void {
  const { errors: ie, ...ia } = inc.analysis;
  const { errors: fe, ...fa } = full.analysis;
  expect(ia).toEqual(fa);
  expect(sorted(ie)).toEqual(sorted(fe));
  expect(inc.heads).toEqual(full.heads);
  expect(Buffer.from(inc.bytes).equals(Buffer.from(full.bytes))).toBe(true);
  for (const h of full.heads) if (full.texts[h.index] !== undefined) expect(inc.texts[h.index]).toBe(full.texts[h.index]);
}

async function property(chunks: Uint8Array[], runs: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.shuffledSubarray(chunks.map((_, i) => i), { minLength: chunks.length }), fc.nat(), async (order, cut) => {
      const k = 1 + (cut % Math.max(1, order.length - 1));
      const a = concatBytes(order.slice(0, k).map((i) => chunks[i]!));
      const b = concatBytes(order.slice(k).map((i) => chunks[i]!));
      const full = await analyseMbox(joinMbox(a, b));
      const prior = await analyseMbox(a);
      const inc = await analyseMore(prior, b);
      expect(inc.reused).toBe(prior.raws.length);
      same(inc, full);
      const cached = await analyseMore({ analysis: prior.analysis, heads: prior.heads, bytes: prior.bytes }, b);
      same(cached, full);
      // the worker's form: the grown mbox in hand
      const merged = await analyseMerged(prior, joinMbox(a, b));
      expect(merged.reused).toBe(prior.raws.length);
      same(merged, full);
      // the prior analysis is left as it was
      expect(prior.heads.map((h) => h.id)).toEqual((await analyseMbox(a)).heads.map((h) => h.id));
    }),
    { numRuns: runs, seed: 20261203 },
  );
}

describe('analyseMore equals the whole analysis', () => {
  it('on the bench review thread, shuffled and cut at random', async () => {
    await property(chunksOf(generateThread(7, 80).mbox), 12);
  });

  it.runIf(corpusDir)('on the real LKML corpus, shuffled and cut at random', async () => {
    await property(chunksOf(new Uint8Array(readFileSync(corpusPath('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd')))), 8);
  });

  it.runIf(corpusDir)("on b4's and Patchew's series with follow-ups", async () => {
    for (const f of ['b4/trailers-thread-with-followups.mbox', 'b4/trailers-followup-partial-reroll.mbox', 'patchew/0004-multiple-patch-reviewed.mbox', 'patchew/0009-obsolete-by.mbox']) {
      const bytes = new Uint8Array(readFileSync(corpusPath(f)));
      const split = splitMbox(bytes);
      if (split.messages.length < 2) continue;
      // these are mboxo: give each message a From_ line of its own, as an archive's mboxrd would
      const chunks = split.messages.map((m) => concatBytes([MBOXRD, m, new Uint8Array(m[m.length - 1] === LF ? [LF] : [LF, LF])]));
      await property(chunks, 6);
    }
  });

  it('renames as the whole analysis does when a reused id arrives with an earlier date, leaving the prior as it was', async () => {
    const enc = new TextEncoder();
    const a = enc.encode('From mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <x@y>\nDate: Tue, 2 Jan 2024 00:00:00 +0000\nSubject: later\n\nlater body\n');
    const b = enc.encode('From mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <x@y>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nSubject: earlier\n\nearlier body\n');
    const prior = await analyseMbox(a);
    const inc = await analyseMore(prior, b);
    expect(inc.reused).toBe(1);
    same(inc, await analyseMbox(joinMbox(a, b)));
    expect(inc.heads.map((h) => h.id)).toEqual(['x@y#2', 'x@y']);
    expect(prior.heads.map((h) => h.id)).toEqual(['x@y']);
  });

  it('analyses the joined bytes whole where a merge could read them differently', async () => {
    const enc = new TextEncoder();
    const a = enc.encode('From mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <a@x>\nSubject: a\n\nbody\n');
    const noFrom = enc.encode('Message-ID: <b@x>\nSubject: Re: a\nIn-Reply-To: <a@x>\n\nreply\n');
    const r = await analyseMore(await analyseMbox(a), noFrom);
    expect(r.reused).toBeUndefined();
    expect(r.analysis).toEqual((await analyseMbox(joinMbox(a, noFrom))).analysis);
    const mboxo = enc.encode('From someone Mon Jan  1 00:00:00 2024\nMessage-ID: <c@x>\nSubject: Re: a\nIn-Reply-To: <a@x>\n\n>From here\n');
    const other = await analyseMerged(await analyseMbox(a), enc.encode('From mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <z@x>\nSubject: not the same start\n\nz\n'));
    expect(other.reused).toBeUndefined();
    const r2 = await analyseMore(await analyseMbox(a), mboxo);
    expect(r2.reused).toBeUndefined();
    expect(r2.analysis).toEqual((await analyseMbox(joinMbox(a, mboxo))).analysis);
  });
});
