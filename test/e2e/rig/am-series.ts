/**
 * A series for the am-ready mbox's end-to-end test (series-am.e2e.ts), crafted so that every
 * kind of trailer meets in one version: v1..v3 of a 3-patch series in one thread (each version
 * sent as a reply to the previous cover), Bob's reviews of v1 1/3 and 2/3 (1/3 unchanged in
 * v2: carried; 2/3 changed: stale), Carol's ack below v2's cover (every patch), Mark's
 * Tested-by below v2 3/3, and v3 (four patches now) posted without its 2/4 (missing from the
 * archive, and no earlier version of four patches to borrow it from: no download, no shazam). The diffs apply to a tree the patches themselves describe
 * (test/helpers/am-base.ts). Written to a temp dir at run time, never into the repository.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const AM_SERIES = {
  list: 'linux-mm',
  author: 'Alice Author <alice@example.org>',
  bob: 'Bob Reviewer <bob@example.org>',
  carol: 'Carol Acker <carol@example.org>',
  mark: 'Mark Tester <mark@example.org>',
  cover: (v: number): string => `am-v${v}-0@example.org`,
  patch: (v: number, n: number): string => `am-v${v}-${n}@example.org`,
  titles: ['mm/frob: add the frob helper', 'mm/frob: use the frob helper', 'mm/frob: document frob', 'mm/frob: test frob'] as const,
  files: ['mm/frob.c', 'mm/use.c', 'Documentation/frob.rst', 'tools/testing/frob.c'] as const,
};

const S = AM_SERIES;

function message(h: { id: string; from: string; subject: string; date: string; parent?: string; refs?: string[] }, body: string): string {
  const head = [`From: ${h.from}`, `Subject: ${h.subject}`, `Date: ${h.date}`, `Message-ID: <${h.id}>`, 'To: linux-mm@kvack.org'];
  if (h.parent) head.push(`In-Reply-To: <${h.parent}>`, `References: ${(h.refs ?? [h.parent]).map((r) => `<${r}>`).join(' ')}`);
  return `From ${h.from.replace(/.*<|>.*/g, '')} Thu Jan  1 00:00:00 1970\n${head.join('\n')}\n\n${body}\n`;
}

const date = (day: number, minute: number): string => new Date(Date.UTC(2024, 2, day, 9, minute)).toUTCString().replace('GMT', '+0000');

/** Patch n's diff at a revision: a changed revision is another patch-id. */
function diff(n: number, rev: number): string {
  const f = S.files[n - 1]!;
  return `diff --git a/${f} b/${f}\nindex 1111111..2222222 100644\n--- a/${f}\n+++ b/${f}\n@@ -1,3 +1,3 @@\n context before ${n}\n-old line ${n}\n+new line ${n} rev ${rev}\n context after ${n}\n`;
}

/** Which revision of patch n version v carries: only 2/3 changes in v2. */
const revision = (v: number, n: number): number => (n === 2 && v >= 2 ? 2 : 1);

function version(v: number, total: number, skip: number[] = []): string {
  const day = [1, 8, 15][v - 1]!;
  const pre = (n: number): string => `[PATCH${v > 1 ? ` v${v}` : ''} ${n}/${total}]`;
  let t = message(
    { id: S.cover(v), from: S.author, subject: `${pre(0)} mm/frob: make the frobnicator faster`, date: date(day, 0), ...(v > 1 ? { parent: S.cover(v - 1), refs: Array.from({ length: v - 1 }, (_, i) => S.cover(i + 1)) } : {}) },
    `Frobnication was slow; these make it fast.\n${v > 1 ? `\nChanges in v${v}:\n- reworked the use of the helper\n` : ''}\n---\n${total} files changed\n`,
  );
  for (let n = 1; n <= total; n++) {
    if (skip.includes(n)) continue;
    const body = `${S.titles[n - 1]} for the faster frobnicator.\n\nSigned-off-by: ${S.author}\n---\n ${S.files[n - 1]} | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\n${diff(n, revision(v, n))}-- \n2.43.0\n`;
    t += message({ id: S.patch(v, n), from: S.author, subject: `${pre(n)} ${S.titles[n - 1]}`, date: date(day, n), parent: S.cover(v) }, body);
  }
  return t;
}

function replies(): string {
  let t = '';
  for (const n of [1, 2]) {
    t += message({ id: `am-review-${n}@example.org`, from: S.bob, subject: `Re: [PATCH ${n}/3] ${S.titles[n - 1]}`, date: date(2, 10 + n), parent: S.patch(1, n), refs: [S.cover(1), S.patch(1, n)] }, `Looks right to me.\n\nReviewed-by: ${S.bob}\n`);
  }
  t += message({ id: 'am-ack@example.org', from: S.carol, subject: 'Re: [PATCH v2 0/3] mm/frob: make the frobnicator faster', date: date(9, 0), parent: S.cover(2), refs: [S.cover(1), S.cover(2)] }, `For the whole series:\n\nAcked-by: ${S.carol}\n`);
  t += message({ id: 'am-tested@example.org', from: S.mark, subject: `Re: [PATCH v2 3/3] ${S.titles[2]}`, date: date(9, 30), parent: S.patch(2, 3), refs: [S.cover(1), S.cover(2), S.patch(2, 3)] }, `Built the docs, they read well.\n\nTested-by: ${S.mark}\n`);
  return t;
}

/** Writes the series (one thread) and returns its path. */
export function amSeriesFiles(dir: string): string[] {
  const f = join(dir, 'am-series.mbox');
  writeFileSync(f, version(1, 3) + version(2, 3) + version(3, 4, [2]) + replies(), 'utf8');
  return [f];
}
