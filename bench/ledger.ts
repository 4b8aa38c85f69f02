/**
 * `node --import tsx bench/ledger.ts`: how fast a series' ledger is ready from the cache.
 *
 * Data: a generated 6-version, 30-patch series (fixed seed), each version its own thread with
 * a cover, 30 patches of ~60 diff lines, and review replies (Reviewed-by / Acked-by /
 * Tested-by on patches and on the cover); between versions a third of the patches change,
 * one is dropped, one added. The issue's goal: the matrix paints ≤ 200 ms from the cache.
 *
 * Figures (median of 9 runs after a warm-up): `facts` — threadFacts over one analysed thread
 * (done once, when a thread is fetched); `fromCache` — JSON.parse of the six cached
 * ThreadFacts + threadSeries (grouping and the ledgers of the series the thread holds, what the
 * worker sends; a reopen costs this before the panel renders);
 * the floor `parseOnly` — the JSON.parse alone; the peer `reanalyse` — analysing the six
 * mboxes again, what a cache of raw threads only would cost; `withChecks` — patchwork's checks
 * put on that ledger (core/series/patchwork-checks.ts, what the panel does on each `checks`
 * answer): 40 checks per patch as netdev's and the BPF CI's accounts post them (rechecks among
 * them: one failure stands, one passed on recheck). The last line is one JSON object.
 *
 * Non-goals: rendering (the panel bench measures paint).
 */
import { analyseMbox } from '../src/core/analyse.ts';
import { threadFacts, type ThreadFacts } from '../src/core/series/series-facts.ts';
import { threadSeries } from '../src/core/series/thread-series.ts';
import { timed } from './stats.ts';
import { withChecks, type PatchChecks, type PatchworkCheck } from '../src/core/series/patchwork-checks.ts';
import { seriesDate, seriesDiff, seriesMessage } from './series-mail.ts';

const VERSIONS = 6;
const PATCHES = 30;
let seed = 42;
const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

const reviewers = ['Bob Reviewer <bob@example.org>', 'Carol Tester <carol@example.org>', 'Dave Acker <dave@example.org>'];

function series(): Uint8Array[] {
  const out: Uint8Array[] = [];
  const revs = Array.from({ length: PATCHES + VERSIONS }, () => 0);
  let ids = Array.from({ length: PATCHES }, (_, i) => i);
  const author = 'Alice Author <alice@example.org>';
  for (let v = 1; v <= VERSIONS; v++) {
    if (v > 1) {
      const drop = Math.floor(rnd() * ids.length);
      ids = ids.filter((_, i) => i !== drop);
      ids.push(PATCHES + v - 1);
      for (const p of ids) if (rnd() < 0.33) revs[p]!++;
    }
    const n = ids.length;
    const cover = `cover-v${v}@bench.example`;
    const parts = [seriesMessage(cover, author, `[PATCH v${v} 0/${n}] x: rework the frobnicator`, seriesDate(v, 0), `Intro.\n\nChanges in v${v}:\n- things\n- Link to v${v - 1}: https://patch.msgid.link/cover-v${v - 1}@bench.example\n\n---\n ${n} files changed\n`)];
    parts.push(seriesMessage(`r-cover-v${v}@bench.example`, reviewers[1]!, `Re: [PATCH v${v} 0/${n}] x: rework the frobnicator`, seriesDate(v, 59), `> Intro.\n\nTested-by: ${reviewers[1]}\n`, cover));
    ids.forEach((p, i) => {
      const pid = `p${p}-v${v}@bench.example`;
      const subject = `[PATCH v${v} ${i + 1}/${n}] x: step ${p} of the rework`;
      parts.push(seriesMessage(pid, author, subject, seriesDate(v, i + 1), `Step ${p}.\n\nSigned-off-by: ${author}\n---\n file${p}.c | 40 ++++----\n\n${seriesDiff(p, revs[p]!)}-- \n2.43.0\n`, cover));
      if (rnd() < 0.6) {
        const who = reviewers[rnd() < 0.5 ? 0 : 2]!;
        const name = who.startsWith('Dave') ? 'Acked-by' : 'Reviewed-by';
        parts.push(seriesMessage(`r-${pid}`, who, `Re: ${subject}`, seriesDate(v, i + 31), `On x, Alice wrote:\n> Step ${p}.\n\nLooks right.\n\n${name}: ${who}\n`, pid));
      }
    });
    out.push(new TextEncoder().encode(parts.join('')));
  }
  return out;
}

async function factsOf(bytes: Uint8Array): Promise<ThreadFacts> {
  const r = await analyseMbox(bytes, { keepBodies: true });
  return threadFacts(r.analysis, r.heads, new Map([...r.bodies!].map(([k, b]) => [k, b.text])));
}

const threads = series();
const facts = await Promise.all(threads.map(factsOf));
const cached = facts.map((f) => JSON.stringify(f));
const analysed = await analyseMbox(threads[0]!, { keepBodies: true });
const texts = new Map([...analysed.bodies!].map(([k, b]) => [k, b.text]));

const factsMs = await timed(9, () => threadFacts(analysed.analysis, analysed.heads, texts));
let rows = 0;
const fromCache = await timed(9, () => {
  const f = cached.map((c) => JSON.parse(c) as ThreadFacts);
  const current = f[VERSIONS - 1]!;
  const l = threadSeries(f, { anchor: current.thread, held: current.versions.map((v) => v.key) })[0]!;
  rows = l.rows.length;
});
const parseOnly = await timed(9, () => cached.map((c) => JSON.parse(c) as ThreadFacts));
const reanalyse = await timed(5, () => Promise.all(threads.map((t) => analyseMbox(t, { keepBodies: true }))));
const ledger = threadSeries(facts)[0]!;

// 40 checks per patch on 30 contexts (10 rechecked): of two failures one stands, one passed on recheck
const checksOf = (msgid: string): PatchChecks => {
  const checks: PatchworkCheck[] = Array.from({ length: 40 }, (_, i) => ({ state: i === 5 || i === 17 ? 'fail' : i % 9 === 0 ? 'warning' : 'success', context: `context_${i % 30}`, user: i % 2 ? 'netdev' : 'bpf-ci', description: `Errors and warnings before: 0 this patch: ${i}`, targetUrl: `https://ci.example.org/${i}`, date: new Date(Date.UTC(2024, 0, 1, i)).toISOString() }));
  return { msgid, patch: { projects: ['netdevbpf'], webUrl: null, date: null }, checks, fetchedAt: 1, error: null };
};
const answers = new Map(ledger.rows.flatMap((r) => r.cells.flatMap((c) => (c?.id ? [[c.id, checksOf(c.id)] as const] : []))));
const withChecksMs = await timed(9, () => withChecks(ledger, (id) => answers.get(id)));
const merged = withChecks(ledger, (id) => answers.get(id));

const kb = Math.round(cached.reduce((n, c) => n + c.length, 0) / 1024);
console.log(`series: ${VERSIONS} versions × ${PATCHES} patches, ${ledger.rows.length} rows, cached facts ${kb} KB`);
console.log(ledger.versions.map((v) => v.summary).join('\n'));
console.log(`threadFacts, one thread:          ${factsMs} ms (once per fetched thread)`);
console.log(`ledger from cache (parse+group+build): ${fromCache} ms   goal ≤ 200 ms`);
console.log(`  floor, JSON.parse of the facts:  ${parseOnly} ms`);
console.log(`  peer, re-analysing the 6 mboxes: ${reanalyse} ms`);
console.log(`patchwork's checks on it (${answers.size} patches × 40): ${withChecksMs} ms; ${merged.checks.versions.at(-1)!.summary}`);
console.log(JSON.stringify({ versions: VERSIONS, patches: PATCHES, rows, cachedKB: kb, factsMs, fromCacheMs: fromCache, parseOnlyMs: parseOnly, reanalyseMs: reanalyse, withChecksMs }));
