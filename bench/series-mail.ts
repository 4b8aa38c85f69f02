/**
 * The pieces of a generated patch series, shared by the ledger and series benches so both
 * measure the same kind of mail: a version's dated posting, a 60-line diff per patch that
 * changes with its revision, and one mboxrd message; and `seriesMbox`, a whole many-version
 * series (the series bench's, and the matrix's end-to-end test at 360 px).
 */

/** Version `v`'s posting day (ten days apart), `m` minutes past nine. */
export const seriesDate = (v: number, m: number): string => new Date(Date.UTC(2024, 0, 1 + v * 10, 9, m)).toUTCString().replace('GMT', '+0000');

/** Patch `p`'s diff at revision `rev`: same revision, same patch-id. `long`: its first added line runs to ~200 columns. */
export function seriesDiff(p: number, rev: number, long = false): string {
  const lines: string[] = [];
  for (let i = 0; i < 60; i++) lines.push(i % 3 === 0 ? `-old line ${p} ${i}` : i % 3 === 1 ? `+new line ${p} ${i} rev ${rev}${long && i === 1 ? ` /* ${'the frobnicator state machine moves out of the interrupt handler '.repeat(3)}*/` : ''}` : ` context ${p} ${i}`);
  return `diff --git a/drivers/x/file${p}.c b/drivers/x/file${p}.c\nindex 1111111..2222222 100644\n--- a/drivers/x/file${p}.c\n+++ b/drivers/x/file${p}.c\n@@ -1,40 +1,40 @@ static int f(void)\n${lines.join('\n')}\n`;
}

/** One message as mboxrd, a reply when `parent` is given. */
export function seriesMessage(id: string, from: string, subject: string, d: string, body: string, parent?: string): string {
  const h = [`From: ${from}`, `Subject: ${subject}`, `Date: ${d}`, `Message-ID: <${id}>`];
  if (parent) h.push(`In-Reply-To: <${parent}>`, `References: <${parent}>`);
  return `From bench@z Thu Jan  1 00:00:00 1970\n${h.join('\n')}\n\n${body}\n`;
}

/** Reviewers of the generated series: Bob gives Reviewed-by, Dave Acked-by. */
export const SERIES_REVIEWERS = ['Bob Reviewer <bob@example.org>', 'Dave Acker <dave@example.org>'] as const;

/**
 * `versions` versions of a `patches`-patch series in one mbox, each version its own thread
 * (cover `cover-vN@bench.example`, patches `p<k>-vN@bench.example`, k the patch's identity
 * across versions): from v2 on one patch is dropped and one added at the end, and about a
 * third of the patches change; half the patches get a review or an ack; each cover links to
 * the version before. Fixed seed: the same call gives the same mail.
 */
export function seriesMbox(versions: number, patches: number, opts: { seed?: number; title?: (p: number) => string; longLines?: boolean } = {}): string {
  let s = opts.seed ?? 7;
  const title = opts.title ?? ((p: number): string => `x: step ${p} of the rework`);
  const rnd = (): number => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const out: string[] = [];
  const revs = Array.from({ length: patches + versions }, () => 0);
  let ids = Array.from({ length: patches }, (_, i) => i);
  const author = 'Alice Author <alice@example.org>';
  for (let v = 1; v <= versions; v++) {
    if (v > 1) {
      ids.splice(Math.floor(rnd() * ids.length), 1);
      ids = [...ids, patches + v - 1];
      for (const p of ids) if (rnd() < 0.33) revs[p]!++;
    }
    const n = ids.length;
    const cover = `cover-v${v}@bench.example`;
    const link = v > 1 ? `- Link to v${v - 1}: https://patch.msgid.link/cover-v${v - 1}@bench.example\n` : '';
    out.push(seriesMessage(cover, author, `[PATCH v${v} 0/${n}] x: rework the frobnicator`, seriesDate(v, 0), `Intro.\n\nChanges in v${v}:\n- things\n${link}\n---\n ${n} files changed\n`));
    ids.forEach((p, i) => {
      const pid = `p${p}-v${v}@bench.example`;
      out.push(seriesMessage(pid, author, `[PATCH v${v} ${i + 1}/${n}] ${title(p)}`, seriesDate(v, i + 1), `Step ${p}.\n\nSigned-off-by: ${author}\n---\n${seriesDiff(p, revs[p]!, opts.longLines)}`, cover));
      if (rnd() < 0.5) {
        const who = SERIES_REVIEWERS[rnd() < 0.6 ? 0 : 1]!;
        const name = who.startsWith('Dave') ? 'Acked-by' : 'Reviewed-by';
        out.push(seriesMessage(`r${p}-v${v}@bench.example`, who, `Re: [PATCH v${v} ${i + 1}/${n}] ${title(p)}`, seriesDate(v, 50 + i), `Fine.\n\n${name}: ${who}\n`, pid));
      }
    });
  }
  return out.join('');
}
