/**
 * The page's own message read alone (core/mail/preview.ts), as the worker reads public-inbox's
 * `/raw` while the thread is on its way: checked against the full analysis of the same real
 * mail (heads and every line of its decoded body), with and without public-inbox's mbox
 * `From ` line, and on input that is no mail or far too long.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { PREVIEW_MAX_CHARS, previewOf } from '../../../src/core/mail/preview.ts';
import { corpusDir, corpusFiles, seedDir } from '../../helpers/corpus.ts';

const enc = new TextEncoder();
const withFromLine = (raw: Uint8Array): Uint8Array => new Uint8Array([...enc.encode('From mboxrd@z Thu Jan  1 00:00:00 1970\n'), ...raw]);

/** The preview agrees with what the whole analysis reads of the same message. */
async function agrees(raw: Uint8Array): Promise<void> {
  const p = await previewOf(raw);
  const r = await analyseMbox(withFromLine(raw), { keepBodies: true });
  const m = r.analysis.messages.find((x) => !x.ghost)!;
  expect(p).not.toBeNull();
  expect(p!.messageId).toBe(r.heads[0]!.messageId);
  expect(p!.subject).toBe(m.subject);
  expect(p!.from).toEqual(m.from);
  expect(p!.date).toBe(m.date);
  expect(p!.truncated).toBe(false);
  // every line the analysis decoded is in the preview's text, in the same order
  const lines = p!.text.split('\n');
  let at = 0;
  for (const block of r.quotes!.get(m.id) ?? []) {
    for (const line of block.lines) {
      const i = lines.findIndex((l, k) => k >= at && l.includes(line.trim()));
      expect(i, `line "${line}"`).toBeGreaterThanOrEqual(0);
      at = i;
    }
  }
  // public-inbox's /raw may start with an mbox separator: read the same
  expect(await previewOf(withFromLine(raw))).toEqual(p);
}

describe.runIf(seedDir)('the preview of the seed linux-mm message', () => {
  const raw = (): Uint8Array => new Uint8Array(readFileSync(join(seedDir!, 'linux-mm-2018-07-21-dan-williams.eml')));

  it('has its subject, author, date and text', async () => {
    const p = (await previewOf(raw()))!;
    expect(p.messageId).toBe('CAA9_cmf0tGZJGWWnoBR6078Wy_RUe6OnFChp+DEk5TwE6k1gqQ@mail.gmail.com');
    expect(p.subject).toMatch(/Rework hmm to use devm_memremap_pages/);
    expect(p.from.name).toBe('Dan Williams');
    expect(p.date).toBe('2018-07-21T16:11:46.000Z');
    expect(p.text).toContain('Proprietary GPU driver vendors have done just fine without us adding');
    await agrees(raw());
  });
});

describe.skipIf(!corpusDir)('the preview of real single messages (corpus public-inbox/)', () => {
  const files = corpusFiles('public-inbox').filter((f) => f.endsWith('.eml'));

  it('finds the corpus', () => expect(files.length).toBeGreaterThan(10));

  for (const f of files) {
    it(`agrees with the analysis: ${basename(f)}`, async () => {
      await agrees(new Uint8Array(readFileSync(f)));
    });
  }
});

describe('what is no preview', () => {
  it('an HTML page or random text is not mail', async () => {
    expect(await previewOf(enc.encode('<!doctype html><title>Not Found</title>'))).toBeNull();
    expect(await previewOf(enc.encode('just some words\nand more\n'))).toBeNull();
    expect(await previewOf(new Uint8Array())).toBeNull();
  });

  it('a huge body is cut to the preview size and says so', async () => {
    const body = 'x'.repeat(79) + '\n';
    const raw = enc.encode(`From: A <a@example.org>\nSubject: big\nMessage-ID: <big@example.org>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\n${body.repeat(5000)}`);
    const p = (await previewOf(raw))!;
    expect(p.truncated).toBe(true);
    expect(p.text.length).toBe(PREVIEW_MAX_CHARS);
    expect(p.subject).toBe('big');
  });
});
