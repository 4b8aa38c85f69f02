/**
 * The pieces of a generated patch series, shared by the ledger and series benches so both
 * measure the same kind of mail: a version's dated posting, a 60-line diff per patch that
 * changes with its revision, and one mboxrd message.
 */

/** Version `v`'s posting day (ten days apart), `m` minutes past nine. */
export const seriesDate = (v: number, m: number): string => new Date(Date.UTC(2024, 0, 1 + v * 10, 9, m)).toUTCString().replace('GMT', '+0000');

/** Patch `p`'s diff at revision `rev`: same revision, same patch-id. */
export function seriesDiff(p: number, rev: number): string {
  const lines: string[] = [];
  for (let i = 0; i < 60; i++) lines.push(i % 3 === 0 ? `-old line ${p} ${i}` : i % 3 === 1 ? `+new line ${p} ${i} rev ${rev}` : ` context ${p} ${i}`);
  return `diff --git a/drivers/x/file${p}.c b/drivers/x/file${p}.c\nindex 1111111..2222222 100644\n--- a/drivers/x/file${p}.c\n+++ b/drivers/x/file${p}.c\n@@ -1,40 +1,40 @@ static int f(void)\n${lines.join('\n')}\n`;
}

/** One message as mboxrd, a reply when `parent` is given. */
export function seriesMessage(id: string, from: string, subject: string, d: string, body: string, parent?: string): string {
  const h = [`From: ${from}`, `Subject: ${subject}`, `Date: ${d}`, `Message-ID: <${id}>`];
  if (parent) h.push(`In-Reply-To: <${parent}>`, `References: <${parent}>`);
  return `From bench@z Thu Jan  1 00:00:00 1970\n${h.join('\n')}\n\n${body}\n`;
}
