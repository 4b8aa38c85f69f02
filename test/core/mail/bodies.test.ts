/**
 * The analysis decodes only the bodies a series can use (src/core/mail/bodies.ts). Over every
 * mbox of the corpus and the bench's thread, the series built from those texts must equal
 * the series built from every body: a skipped body may never change a series or a trailer.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { corpusDir, corpusFiles, readCorpus } from '../../helpers/corpus.ts';
import { splitMbox } from '../../../src/core/mail/mbox.ts';
import { headsPass } from '../../../src/core/analyse.ts';
import { bodiesNeeded, decodeAll, decodeNeeded, seriesTexts } from '../../../src/core/mail/bodies.ts';
import { buildSeries } from '../../../src/core/series/series.ts';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { messageContext } from '../../../src/core/thread/context.ts';
import { parseBody } from '../../../src/core/mail/body.ts';
import { generateThread } from '../../../bench/generate.ts';

async function check(bytes: Uint8Array): Promise<{ needed: number; total: number }> {
  const split = splitMbox(bytes);
  const { heads, thread } = headsPass(split);
  const all: Array<string | undefined> = [];
  await decodeAll(heads, split.messages, all, []);
  const some: Array<string | undefined> = [];
  await decodeNeeded(heads, split.messages, thread, some, []);
  expect(buildSeries(heads, seriesTexts(heads, some), thread)).toEqual(buildSeries(heads, seriesTexts(heads, all), thread));
  return { needed: bodiesNeeded(heads, thread).size, total: heads.length };
}

describe('bodies the series needs', () => {
  it('give the same series as every body, on the generated review thread (all of it needed)', async () => {
    const r = await check(generateThread(20180721, 400).mbox);
    expect(r.needed).toBe(r.total);
  });

  it.runIf(corpusDir)('give the same series as every body over the corpus, and skip some', async () => {
    let needed = 0;
    let total = 0;
    for (const file of corpusFiles()) {
      const r = await check(new Uint8Array(readFileSync(file)));
      needed += r.needed;
      total += r.total;
    }
    expect(needed).toBeLessThan(total);
    expect(needed).toBeGreaterThan(total / 4);
  });

  it('leave out a plain discussion but keep a reply under a patch', () => {
    const enc = new TextEncoder();
    const mbox = enc.encode([
      'From a Mon Jan  1 00:00:00 2024', 'Message-ID: <q@x>', 'Subject: Re: a question', 'In-Reply-To: <gone@x>', '', 'why?', '',
      'From a Mon Jan  1 00:00:00 2024', 'Message-ID: <p@x>', 'Subject: [PATCH] fix', '', 'diff --git a/a b/a', '',
      'From a Mon Jan  1 00:00:00 2024', 'Message-ID: <r@x>', 'Subject: Re: [PATCH] fix', 'In-Reply-To: <p@x>', '', 'Acked-by: A <a@x>', '',
    ].join('\n'));
    const { heads, thread } = headsPass(splitMbox(mbox));
    expect([...bodiesNeeded(heads, thread)].sort()).toEqual(['p@x', 'r@x']);
  });
});

describe.runIf(corpusDir)('a body the analysis skipped', () => {
  it('is decoded when its message is shown, once, and reads as a full decode would', async () => {
    const r = await analyseMbox(readCorpus('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'));
    const skipped = r.heads.filter((h) => r.texts[h.index] === undefined);
    expect(skipped.length).toBeGreaterThan(0);
    const h = skipped[0]!;
    const entries = await messageContext(r.bytes, r.analysis, r.heads, h.id);
    const own = entries.at(-1)!;
    expect(own.id).toBe(h.id);
    expect(own.blocks.length).toBeGreaterThan(0);
    // decoded into the analysis' own table: the next view reads it from there
    expect(r.texts[h.index]).toBe((await parseBody(r.raws[h.index]!)).text);
    expect(await messageContext(r.bytes, r.analysis, r.heads, h.id)).toEqual(entries);
  });
});
