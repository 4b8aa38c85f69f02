/**
 * The real linux-mm message of the seed: Dan Williams' reply in the HMM/GPL thread of
 * "[PATCH v4 0/8] mm: Rework hmm to use devm_memremap_pages and other fixes" (2018-07-21).
 * Its thread began with a lowercase `re:` that had no References, so only the subject ties it
 * to the cover letter; its body nests quotes four deep.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseMbox } from '../../src/core/analyse.ts';
import { parseHead } from '../../src/core/mail/headers.ts';
import { buildThread } from '../../src/core/thread/thread.ts';
import { seedDir } from '../helpers/corpus.ts';
import { head } from '../fixtures/model/heads.ts';

const COVER = '[PATCH v4 0/8] mm: Rework hmm to use devm_memremap_pages and other fixes';
const FIRST = '37267986-A987-4AD7-96CE-C1D2F116A4AC@sinenomine.net';
const DAN = 'CAA9_cmf0tGZJGWWnoBR6078Wy_RUe6OnFChp+DEk5TwE6k1gqQ@mail.gmail.com';
/** Dan's quotes as [depth, author, quoted message]: each matched to the (missing) message it quotes. */
const DAN_QUOTES = [
  [4, 'Andrew Morton', '20180720125146.02db0f40b4edc716c6f080d2@linux-foundation.org'],
  [3, 'Jerome Glisse', '20180720195746.GD7697@redhat.com'],
  [2, 'Matthew Wilcox', '20180720200124.GB2736@bombadil.infradead.org'],
  [1, 'Jerome Glisse', '20180720201706.GE7697@redhat.com'],
  [1, 'Jerome Glisse', '20180720201706.GE7697@redhat.com'],
  [1, 'Jerome Glisse', '20180720201706.GE7697@redhat.com'],
];

describe.runIf(seedDir)('the seed linux-mm message', () => {
  const raw = (): Uint8Array => new Uint8Array(readFileSync(join(seedDir!, 'linux-mm-2018-07-21-dan-williams.eml')));

  it('threads under a chain of five ghosts taken from its References', async () => {
    const { analysis } = await analyseMbox(raw());
    expect(analysis.messages.map((m) => [m.id, m.ghost, m.depth])).toEqual([
      [FIRST, true, 0],
      ['20180720125146.02db0f40b4edc716c6f080d2@linux-foundation.org', true, 1],
      ['20180720195746.GD7697@redhat.com', true, 2],
      ['20180720200124.GB2736@bombadil.infradead.org', true, 3],
      ['20180720201706.GE7697@redhat.com', true, 4],
      [DAN, false, 5],
    ]);
    expect(analysis.series).toEqual([]);
    expect(analysis.participants).toEqual([
      { name: 'Dan Williams', address: 'dan.j.williams@intel.com', aliases: [], messages: 1, first: '2018-07-21T16:11:46.000Z', last: '2018-07-21T16:11:46.000Z', roles: [], trailers: {} },
    ]);
  });

  it('splits the nested quotes to depth 4, each matched to the message it quotes', async () => {
    const r = await analyseMbox(raw(), { keepBodies: true });
    const blocks = r.quotes!.get(DAN)!;
    const quotes = blocks.flatMap((b) => (b.kind === 'quote' ? [[b.depth, b.author, b.quotedId]] : []));
    expect(quotes).toEqual(DAN_QUOTES);
    const outer = blocks.find((b) => b.kind === 'quote' && b.depth === 1)!;
    expect(outer.kind === 'quote' && outer.attribution).toBe('On Fri, Jul 20, 2018 at 1:17 PM Jerome Glisse <jglisse@redhat.com> wrote:');
    const deepest = blocks.find((b) => b.kind === 'quote' && b.depth === 4)!;
    expect(deepest.lines[0]).toBe('Problem is, that patch is eighth in a series which we\'re waiting for');
    expect(blocks.filter((b) => b.kind === 'text').map((b) => b.lines[0])).toEqual([
      'Proprietary GPU driver vendors have done just fine without us adding',
      'No, HMM has has deployed a GPL-bypass shim into the kernel.',
      'HMM diminishes the letter and the spirit of EXPORT_SYMBOL_GPL, it',
    ]);
    // no attribution line is left behind as quoted text
    expect(blocks.some((b) => b.lines.some((l) => / wrote:$/.test(l)))).toBe(false);
  });

  it('with the lowercase re: that lost its References and the cover letter, ties the thread to the cover', () => {
    const dan = parseHead(raw(), 2);
    const t = buildThread([
      head('cover-v4@example.com', { subject: COVER, from: { name: 'Dan Williams', address: 'dan.j.williams@intel.com' }, date: '2018-07-17T06:00:00.000Z', index: 0 }),
      head(FIRST, { subject: `re: ${COVER}`, from: { name: 'Mark Vitale', address: 'mvitale@sinenomine.net' }, date: '2018-07-20T18:00:00.000Z', index: 1 }),
      dan,
    ]);
    const byId = new Map(t.messages.map((m) => [m.id, m]));
    expect(byId.get(FIRST)).toMatchObject({ ghost: false, parent: null, related: 'cover-v4@example.com' });
    expect(byId.get('cover-v4@example.com')!.related).toBeNull();
    expect(byId.get(DAN)).toMatchObject({ depth: 5, related: null });
    expect(t.roots).toEqual(['cover-v4@example.com', FIRST]);
  });

  it('with other mail of Jerome Glisse in the thread, still links his quotes to the missing parents', async () => {
    // Hand-written companions (not real mail): the cover letter, and a review Jerome sent the
    // same day as the two mails of his that Dan quotes, which are missing from the data.
    const enc = (t: string): Uint8Array => new TextEncoder().encode(t);
    const cover = `From x@y Thu Jan  1 00:00:00 1970\nFrom: Dan Williams <dan.j.williams@intel.com>\nSubject: ${COVER}\nDate: Fri, 13 Jul 2018 10:00:00 -0700\nMessage-ID: <cover-v4@example.com>\n\ncover v4\n\n`;
    const review = `From x@y Thu Jan  1 00:00:00 1970\nFrom: Jerome Glisse <jglisse@redhat.com>\nSubject: Re: ${COVER}\nDate: Fri, 20 Jul 2018 12:57:47 -0400\nMessage-ID: <jglisse-review@example.com>\nIn-Reply-To: <cover-v4@example.com>\nReferences: <cover-v4@example.com>\n\nOn Fri, Jul 13, 2018 at 10:00:00AM -0700, Dan Williams wrote:\n> cover v4\n\nReviewed-by: Jerome Glisse <jglisse@redhat.com>\n\n`;
    const seed = raw();
    const bytes = new Uint8Array([...enc(cover + review + 'From x@y Thu Jan  1 00:00:00 1970\n'), ...seed]);
    const r = await analyseMbox(bytes, { keepBodies: true });
    expect(r.analysis.messages.filter((m) => !m.ghost).map((m) => m.id)).toEqual(['cover-v4@example.com', 'jglisse-review@example.com', DAN]);
    const quotes = r.quotes!.get(DAN)!.flatMap((b) => (b.kind === 'quote' ? [[b.depth, b.author, b.quotedId]] : []));
    expect(quotes).toEqual(DAN_QUOTES);
  });
});
