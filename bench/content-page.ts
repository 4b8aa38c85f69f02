/**
 * The bench's own real-mail message of about 1,000 lines, for timing the page annotation
 * (issue 12: ≤ 16 ms): a reply as maintainers write them, made of real LKML corpus bodies in
 * turn quoted under their attribution ("On …, X wrote:" + `> ` lines, their own quotes
 * becoming `> >`) and kept as they are (patches with diffs), until 1,000 lines. Written to a
 * temp mbox for the rig's public-inbox, which renders it as lore would.
 *
 * Also the hostile bodies of issue 16 (test/helpers/hostile-bodies.ts) at N and 4N, as
 * messages of the same inbox (`writeHostileMessages`) and as a pipermail page.
 *
 * Non-goals: timing anything (content-script.ts does); unit-test data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBody } from '../src/core/mail/body.ts';
import { parseHead } from '../src/core/mail/headers.ts';
import { splitMbox } from '../src/core/mail/mbox.ts';
import { corpusPath } from '../test/helpers/corpus.ts';
import { diffLines, quoteRuns, smallDiffs } from '../test/helpers/hostile-bodies.ts';

export const BENCH_MID = 'listlens-bench-1000-lines@listlens.invalid';
export const BENCH_LINES = 1000;

function mboxMessage(mid: string, subject: string, body: string): string {
  return [
    'From mboxrd@z Thu Jan  1 00:00:00 1970',
    'From: ListLens bench <bench@example.org>',
    'To: bench@example.org',
    `Subject: ${subject}`,
    'Date: Mon, 15 Nov 2010 12:00:00 +0000',
    `Message-ID: <${mid}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body.replace(/^(>*From )/gm, '>$1'),
    '',
  ].join('\n');
}

export interface HostileInput {
  /** `quotes`, `diffs` (public-inbox message pages) or `pipermail-…` (a page the bench serves itself). */
  shape: 'quotes' | 'diffs' | 'pipermail-diffs' | 'pipermail-lines';
  n: number;
  /** Message-ID on the rig's `bench` inbox; null for the pipermail page. */
  mid: string | null;
  body: string;
  lines: number;
}

/**
 * Issue 16's sizes: 20,000 quote runs, 10,000 small diffs (on lore, whose spans mark diff
 * lines, and on pipermail, where the tints are ours), 32,000 diff lines (4N), and N = a quarter.
 */
export function hostileInputs(scale = 1): HostileInput[] {
  const out: HostileInput[] = [];
  for (const k of [1, 4]) {
    const specs: Array<[HostileInput['shape'], number, (n: number) => string]> = [
      ['quotes', 5000 * k * scale, quoteRuns],
      ['diffs', 2500 * k * scale, smallDiffs],
      ['pipermail-diffs', 2500 * k * scale, smallDiffs],
      ['pipermail-lines', 8000 * k * scale, diffLines],
    ];
    for (const [shape, n, make] of specs) {
      const body = make(n);
      out.push({ shape, n, mid: shape.startsWith('pipermail') ? null : `listlens-bench-${shape}-${n}@listlens.invalid`, body, lines: body.split('\n').length - 1 });
    }
  }
  return out;
}

/** Writes the hostile inputs that are mail on the rig to `<dir>/hostile.mbox`; returns its path. */
export function writeHostileMessages(dir: string, inputs: HostileInput[]): string {
  const path = join(dir, 'hostile.mbox');
  writeFileSync(path, inputs.filter((h) => h.mid).map((h) => mboxMessage(h.mid!, `hostile ${h.shape} ${h.n}`, h.body)).join(''));
  return path;
}

/** Writes `<dir>/bench.mbox`; returns its path and the body's line count. */
export async function writeBenchMessage(dir: string): Promise<{ path: string; lines: number }> {
  const split = splitMbox(new Uint8Array(readFileSync(corpusPath('notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'))));
  const body: string[] = [];
  let quote = true;
  for (let i = 0; i < split.messages.length && body.length < BENCH_LINES; i++) {
    const raw = split.messages[i]!;
    const text = (await parseBody(raw).catch(() => null))?.text.trimEnd();
    if (!text || text.split('\n').length < 20) continue;
    const head = parseHead(raw, 0);
    const lines = text.split('\n');
    if (quote) {
      body.push(`On ${head.date ? new Date(head.date).toUTCString() : 'Mon, 15 Nov 2010 03:04:00 GMT'}, ${head.from?.name || head.from?.address || 'someone'} wrote:`);
      body.push(...lines.map((l) => (l ? `> ${l}` : '>')));
    } else body.push(...lines);
    body.push('');
    quote = !quote;
  }
  const mail = [
    'From mboxrd@z Thu Jan  1 00:00:00 1970',
    'From: ListLens bench <bench@example.org>',
    'To: bench@example.org',
    'Subject: Re: [PATCH 00/44] remove unnecessary semicolons (a 1,000-line reply for the bench)',
    'Date: Mon, 15 Nov 2010 12:00:00 +0000',
    `Message-ID: <${BENCH_MID}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    ...body.slice(0, BENCH_LINES).map((l) => l.replace(/^(>*From )/, '>$1')),
    '',
  ].join('\n');
  const path = join(dir, 'bench.mbox');
  writeFileSync(path, mail);
  return { path, lines: Math.min(body.length, BENCH_LINES) };
}
