/**
 * The seed's series, crafted in the shape issue 15 saw on lore (items 8 and 9), around the
 * real seed message (../shared/seed: Dan Williams' reply on "[PATCH v4 0/8] mm: Rework hmm to
 * use devm_memremap_pages and other fixes", whose References lead to a thread that lost its
 * link to the cover): v1 (a cover and 9 patches, each patch sent as its own thread), v2 (9
 * patches, threaded, linking v1), v3 and v4 (8 patches each, threaded), the title changed on
 * the way, a Reviewed-by on v2 3/9 carried while its patch holds, and two Tested-by on v4: one
 * below the cover (every patch) and one below 8/8 (that patch). The thread the seed answers
 * starts with a lowercase "re:" that has no References at all, as on lore.
 *
 * Also a thread holding two series (a series, and a one-patch series another author posted
 * inside its thread), for the panel's "every series of the thread" view.
 *
 * Written to a temp dir at run time, never into the repository; the seed is read from
 * ../shared/seed. The diffs are made up (the same patch at the same revision has the same
 * patch-id), the shape is the point.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDir } from '../../helpers/corpus.ts';
import { SEED } from './mail.ts';

export const AUTHOR = 'Dan Williams <dan.j.williams@intel.com>';
const DOMAIN = 'dwillia2-desk3.amr.corp.intel.com';

/** The v4 cover, its 8/8, and the thread root the seed's References name (a lost "re:"). */
export const SEED_SERIES = {
  list: 'linux-mm',
  page: SEED.mid,
  lostRoot: '37267986-A987-4AD7-96CE-C1D2F116A4AC@sinenomine.net',
  cover: (v: number): string => `15320${v}0000.v${v}-0@${DOMAIN}`,
  patch: (v: number, n: number): string => `15320${v}0000.v${v}-${n}@${DOMAIN}`,
  /** Patches per version. */
  totals: [9, 9, 8, 8] as const,
  titles: ['mm: rework hmm to use devm_memremap_pages', 'mm: Rework hmm to use devm_memremap_pages', 'mm: Rework hmm to use devm_memremap_pages and other fixes', 'mm: Rework hmm to use devm_memremap_pages and other fixes'] as const,
  testers: ['Logan Gunthorpe <logang@deltatee.com>', 'John Hubbard <jhubbard@nvidia.com>'] as const,
  reviewer: 'Christoph Hellwig <hch@lst.de>',
  testedCover: 'tested-v4-cover@deltatee.com',
  testedLast: 'tested-v4-8@nvidia.com',
  reviewedV2: 'reviewed-v2-3@lst.de',
};

/** The two-series thread: a 2-patch series and a 1-patch series posted inside its thread. */
export const TWO_SERIES = {
  list: 'linux-mm',
  cover: 'two-series-cover@example.org',
  inner: 'two-series-inner@example.org',
};

const PATCH_TITLES = [
  'mm, devm_memremap_pages: Mark devm_memremap_pages() EXPORT_SYMBOL_GPL',
  'mm, devm_memremap_pages: Kill mapping "System RAM" support',
  'mm, devm_memremap_pages: Fix shutdown handling',
  'mm, devm_memremap_pages: Add MEMORY_DEVICE_PRIVATE support',
  'mm, hmm: Use devm semantics for hmm_devmem_{add, remove}',
  'mm, hmm: Replace hmm_devmem_pages_create() with devm_memremap_pages()',
  'mm, hmm: Mark hmm_devmem_{add, add_resource} EXPORT_SYMBOL_GPL',
  'mm: Fix exports that inadvertently make put_page() EXPORT_SYMBOL_GPL',
  'mm, hmm: Remove hmm_devmem_add_resource()',
];
const FILES = ['kernel/memremap.c', 'kernel/memremap.c', 'kernel/memremap.c', 'include/linux/memremap.h', 'mm/hmm.c', 'mm/hmm.c', 'mm/hmm.c', 'mm/swap.c', 'mm/hmm.c'];

/** Which revision of patch n (1-based) version v carries: a changed revision is a new patch-id. */
function revision(v: number, n: number): number {
  if (n === 3) return 1; // reviewed on v2, never changed: the review is carried to v4
  if (n === 8) return v >= 3 ? 2 : 1;
  return v;
}

function diff(n: number, rev: number): string {
  const f = FILES[n - 1]!;
  const lines: string[] = [];
  for (let i = 0; i < 12; i++) lines.push(i % 3 === 0 ? `-\told_${n}_${i}();` : i % 3 === 1 ? `+\tnew_${n}_${i}_r${rev}();` : `\tcontext_${n}_${i}();`);
  return [`diff --git a/${f} b/${f}`, 'index 1111111..2222222 100644', `--- a/${f}`, `+++ b/${f}`, `@@ -${10 * n},8 +${10 * n},8 @@ static int patch_${n}(void)`, ...lines, ''].join('\n');
}

function date(v: number, minute: number, day = 0): string {
  // v1 on 2018-05-18, then a week or so apart: v4 on 2018-07-14 (the seed answers it on 07-21)
  const base = [Date.UTC(2018, 4, 18, 17), Date.UTC(2018, 5, 12, 17), Date.UTC(2018, 6, 3, 17), Date.UTC(2018, 6, 14, 17)][v - 1]!;
  return new Date(base + day * 864e5 + minute * 60e3).toUTCString().replace('GMT', '+0000');
}

function message(h: { id: string; from: string; subject: string; date: string; parent?: string; refs?: string[] }, body: string): string {
  const head = [`From: ${h.from}`, `Subject: ${h.subject}`, `Date: ${h.date}`, `Message-ID: <${h.id}>`, 'To: linux-mm@kvack.org'];
  if (h.parent) head.push(`In-Reply-To: <${h.parent}>`, `References: ${(h.refs ?? [h.parent]).map((r) => `<${r}>`).join(' ')}`);
  return `From ${h.from.replace(/.*<|>.*/g, '')} Thu Jan  1 00:00:00 1970\n${head.join('\n')}\n\n${body}\n`;
}

function prefix(v: number, n: number, total: number): string {
  const width = String(total).length;
  return `[PATCH${v > 1 ? ` v${v}` : ''} ${String(n).padStart(width, '0')}/${total}]`;
}

/** Every version's messages; one string per thread as sent (v1's patches are threads of their own). */
function versions(): string[] {
  const S = SEED_SERIES;
  const threads: string[] = [];
  for (let v = 1; v <= 4; v++) {
    const total = S.totals[v - 1]!;
    const cover = S.cover(v);
    const log = v === 1 ? '' : `\nChanges since v${v - 1}:\n- rebase, and fix up the export of put_page()\n${v === 2 ? `\nv1: https://lore.kernel.org/linux-mm/${S.cover(1)}/\n` : ''}`;
    const coverBody = `Changes to devm_memremap_pages() and hmm so that hmm uses the common\nimplementation.\n${log}\n---\n\nDan Williams (${total}):\n${PATCH_TITLES.slice(0, total).map((t) => `      ${t}`).join('\n')}\n\n ${total} files changed\n`;
    let thread = message({ id: cover, from: AUTHOR, subject: `${prefix(v, 0, total)} ${S.titles[v - 1]}`, date: date(v, 0) }, coverBody);
    for (let n = 1; n <= total; n++) {
      const body = `${PATCH_TITLES[n - 1]} for v${v}.\n\nSigned-off-by: Dan Williams <dan.j.williams@intel.com>\n---\n ${FILES[n - 1]} | 4 ++--\n 1 file changed\n\n${diff(n, revision(v, n))}`;
      // v1's patches lost their link to the cover: each is a thread of its own
      const m = message({ id: S.patch(v, n), from: AUTHOR, subject: `${prefix(v, n, total)} ${PATCH_TITLES[n - 1]}`, date: date(v, n), parent: v === 1 ? undefined : cover }, body);
      if (v === 1) threads.push(m);
      else thread += m;
    }
    if (v === 2) {
      thread += message({ id: S.reviewedV2, from: S.reviewer, subject: `Re: ${prefix(2, 3, total)} ${PATCH_TITLES[2]}`, date: date(2, 30, 1), parent: S.patch(2, 3), refs: [cover, S.patch(2, 3)] }, `Looks good.\n\nReviewed-by: ${S.reviewer}\n`);
    }
    if (v === 4) {
      thread += message({ id: S.testedCover, from: S.testers[0], subject: `Re: ${prefix(4, 0, total)} ${S.titles[3]}`, date: date(4, 40, 2), parent: cover }, `I ran the series on a p2pdma setup, no regressions.\n\nTested-by: ${S.testers[0]}\n`);
      thread += message({ id: S.testedLast, from: S.testers[1], subject: `Re: ${prefix(4, 8, total)} ${PATCH_TITLES[7]}`, date: date(4, 50, 3), parent: S.patch(4, 8), refs: [cover, S.patch(4, 8)] }, `Fixes the nouveau build here.\n\nTested-by: ${S.testers[1]}\n`);
    }
    threads.push(thread);
  }
  return threads;
}

/** The thread the seed answers, as lore has it: a lowercase "re:" without References opens it. */
function lostThread(): string {
  const S = SEED_SERIES;
  return message(
    { id: S.lostRoot, from: 'Mark Vitale <mvitale@sinenomine.net>', subject: `re: [PATCH v4 0/8] ${S.titles[3]}`, date: 'Fri, 20 Jul 2018 18:57:03 +0000' },
    'OpenAFS builds against these interfaces today; after this series it cannot.\nPlease keep them usable by non-GPL modules.\n',
  );
}

function twoSeries(): string {
  const T = TWO_SERIES;
  const a = 'Ann Author <ann@example.org>';
  const b = 'Bob Other <bob@example.org>';
  let t = message({ id: T.cover, from: a, subject: '[PATCH 0/2] mm/slab: tidy the freelist helpers', date: 'Mon, 05 Mar 2018 10:00:00 +0000' }, 'Two small cleanups.\n\n---\n 2 files changed\n');
  t += message({ id: 'two-series-1@example.org', from: a, subject: '[PATCH 1/2] mm/slab: rename freelist_next()', date: 'Mon, 05 Mar 2018 10:01:00 +0000', parent: T.cover }, `Rename it.\n\nSigned-off-by: ${a}\n---\n${diff(1, 7)}`);
  t += message({ id: 'two-series-2@example.org', from: a, subject: '[PATCH 2/2] mm/slab: drop freelist_prev()', date: 'Mon, 05 Mar 2018 10:02:00 +0000', parent: T.cover }, `Drop it.\n\nSigned-off-by: ${a}\n---\n${diff(2, 7)}`);
  t += message({ id: 'two-series-review@example.org', from: b, subject: 'Re: [PATCH 1/2] mm/slab: rename freelist_next()', date: 'Mon, 05 Mar 2018 12:00:00 +0000', parent: 'two-series-1@example.org', refs: [T.cover, 'two-series-1@example.org'] }, `Reviewed-by: ${b}\n`);
  t += message({ id: T.inner, from: b, subject: '[PATCH] mm/slab: fix the freelist comment', date: 'Mon, 05 Mar 2018 12:05:00 +0000', parent: 'two-series-review@example.org', refs: [T.cover, 'two-series-1@example.org', 'two-series-review@example.org'] }, `While at it, the comment is wrong too.\n\nSigned-off-by: ${b}\n---\n${diff(4, 9)}`);
  t += message({ id: 'two-series-ack@example.org', from: a, subject: 'Re: [PATCH] mm/slab: fix the freelist comment', date: 'Mon, 05 Mar 2018 13:00:00 +0000', parent: T.inner, refs: [T.cover, T.inner] }, `Acked-by: ${a}\n`);
  return t;
}

/** Writes the inbox's files (the seed, the lost thread, every version, the two-series thread) and returns their paths. */
export function seedSeriesFiles(dir: string): string[] {
  if (!seedDir) throw new Error('../shared/seed is absent');
  const seed = join(seedDir, readSeedName());
  const out = [seed];
  const parts = [lostThread(), ...versions(), twoSeries()];
  parts.forEach((p, i) => {
    const f = join(dir, `seed-series-${i}.mbox`);
    writeFileSync(f, p, 'utf8');
    out.push(f);
  });
  return out;
}

function readSeedName(): string {
  const text = readFileSync(join(seedDir!, 'linux-mm-2018-07-21-dan-williams.eml'), 'latin1');
  if (!text.includes(SEED.mid)) throw new Error('the seed is not the message mail.ts describes');
  return 'linux-mm-2018-07-21-dan-williams.eml';
}
