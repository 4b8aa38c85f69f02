/**
 * The corpus' series that Debian's b4 is asked about, shared by the differential tests
 * against it (the ledger's trailers: test/core/series/ledger-b4.test.ts; the am-ready mbox:
 * test/core/series/am-b4.test.ts): every multi-version series, found at test time by
 * `multiVersionFiles` (ledger-b4.test.ts fails when a new corpus file is not listed here),
 * those b4 cannot be asked about and why, and the real LKML corpus, where b4 0.12 crashes on
 * a folded `Subject:` and is asked on a copy with Subject unfolded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { analyseMbox } from '../../src/core/analyse.ts';
import { threadFacts } from '../../src/core/series/series-facts.ts';
import { groupVersions, type SeriesVersions } from '../../src/core/series/version-group.ts';
import { corpusDir, corpusFiles } from './corpus.ts';

export const b4 = ['/usr/bin/b4', '/usr/local/bin/b4'].find((p) => existsSync(p));

/** Every multi-version series b4 can be asked about, by file. */
export const MULTI = [
  'b4/trailers-followup-partial-reroll.mbox',
  'patchew/0009-obsolete-by.mbox',
  'patchew/0030-obsolete-by-v3.mbox',
  'patchwork/series/bugs-nocover.mbox',
  'patchwork/series/revision-basic.mbox',
  'patchwork/series/revision-no-cover-letter.mbox',
  'patchwork/series/revision-out-of-order.mbox',
  'patchwork/series/revision-threaded-to-cover.mbox',
  'patchwork/series/revision-threaded-to-patch.mbox',
  'patchwork/series/revision-threaded-to-single-patch.mbox',
  'patchwork/series/revision-unlabeled.mbox',
];

/** Multi-version series b4 cannot be asked about, and why. */
export const NOT_B4: Record<string, string> = {
  'patchew/0031-supersedes-embedded.mbox': 'covers only (pull requests): no patch for b4 to apply',
  'patchew/0032-supersedes-separate.mbox': 'covers only: no patch for b4 to apply',
  'patchwork/series/revision-unlabeled-noreferences.mbox': 'subjects `[net,v2,1/2]` without PATCH: b4 0.12 takes one message for the whole thread',
};

/** The versions b4 0.12 sees where it sees fewer than the ledger, and why. */
export const B4_SEES: Record<string, { versions: number[]; why: string }> = {
  'patchwork/series/revision-unlabeled.mbox': { versions: [1], why: 'two unlabeled postings are one revision to b4 0.12, the first one' },
};

/** The real LKML series (210 messages of 2009-2011), asked about one series at a time. */
export const LKML = 'notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd';

/**
 * Trailers the ledger counts and b4 does not apply, on purpose: file → version/counter → trailer.
 * gmane rewrote these replies' In-Reply-To into an address-like id (`…-l3A5Bk7waGM@public.gmane.org`)
 * that names no message; b4 follows In-Reply-To only and drops the reply ("missing message,
 * skipping"), the thread (References, as public-inbox reads them) says which patch it answers.
 */
export const OURS_ONLY: Record<string, Record<string, string[]>> = {
  [LKML]: {
    'cifs: local caching support using FS-Cache\n1/2': ['Acked-by: Jeff Layton <jlayton-eUNUBHrolfbYtjvyW6yDsg@public.gmane.org>'],
    'cifs: local caching support using FS-Cache\n1/8': ['Acked-by: David Howells <dhowells-H+wXaHxf7aLQT0dZR+AlfA@public.gmane.org>'],
    'cifs: local caching support using FS-Cache\n1/9': ['Acked-by: David Howells <dhowells-H+wXaHxf7aLQT0dZR+AlfA@public.gmane.org>'],
    // Outlook users answering inline mark their lines `[Jack Wang] Acked-by: …`: b4 reads no trailer there
    'remove unnecessary semicolons\n1/25': ['Acked-by: Jack Wang <jack_wang@usish.com>'],
  },
};

/** Every corpus file holding a series of more than one version (relative paths, sorted). */
export async function multiVersionFiles(): Promise<string[]> {
  const found: string[] = [];
  for (const path of corpusFiles()) {
    const r = await analyseMbox(new Uint8Array(readFileSync(path))).catch(() => null);
    if (r?.analysis.series.some((s) => s.versions.length > 1)) found.push(relative(corpusDir!, path));
  }
  return found.sort();
}

/** The series groups of one file, as the worker builds them (facts of the one thread). */
export async function groupsOf(path: string): Promise<SeriesVersions[]> {
  const r = await analyseMbox(new Uint8Array(readFileSync(path)), { keepBodies: true });
  const texts = new Map([...r.bodies!].map(([k, v]) => [k, v.text]));
  return groupVersions([threadFacts(r.analysis, r.heads, texts)]);
}

/** A copy of an mbox with every folded `Subject:` on one line (b4 0.12 cannot write a folded one). */
export function unfoldSubjects(text: string): string {
  return text
    .split(/^(?=From )/m)
    .map((m) => {
      const end = m.indexOf('\n\n');
      if (end < 0) return m;
      let head = m.slice(0, end);
      for (let prev = ''; prev !== head; ) {
        prev = head;
        head = head.replace(/^(Subject:[^\n]*)\n[ \t]+/im, '$1 ');
      }
      return head + m.slice(end);
    })
    .join('');
}
