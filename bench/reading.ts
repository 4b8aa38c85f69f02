/**
 * `npm run bench:reading`: what reading a discussion costs beyond the analysis, on the same
 * bytes in the same process: the worker's pass over every body for own texts (search), one
 * conversation slice's bodies, and the panel's pure work per keystroke or redraw (search, the
 * tree's marks read from the thread's ledgers, folds of a whole conversation). The peer is the full analysis of the
 * same mbox, timed in the same run: the reading work should stay a fraction of it.
 *
 * Data: the generated 1,000-message review thread (bench/generate.ts) and the real LKML corpus
 * when the shared corpus is there. Figures are medians of several runs after a warm-up. The
 * last line is one JSON object with every figure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseMbox } from '../src/core/analyse.ts';
import { messageEntries, ownTexts } from '../src/core/thread/context.ts';
import { conversationFolds, conversationIds } from '../src/panel/conversation-model.ts';
import { replyMarks } from '../src/core/series/ledger-marks.ts';
import { threadFacts } from '../src/core/series/series-facts.ts';
import { threadSeries } from '../src/core/series/thread-series.ts';
import { parseQuery, searchThread } from '../src/panel/thread-search.ts';
import { generateThread } from './generate.ts';
import { timed } from './stats.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
const RUNS = 7;

async function figures(name: string, mbox: Uint8Array): Promise<Record<string, number | string>> {
  const r = await analyseMbox(mbox, { keepBodies: true });
  const { analysis, heads, bytes } = r;
  const bodies = new Map([...(r.bodies ?? [])].map(([k, b]) => [k, b.text] as [string, string]));
  const ledgers = threadSeries([threadFacts(analysis, heads, bodies)]);
  // The biggest conversation: the thread a reader scrolls longest.
  let root0 = analysis.roots[0]!;
  let ids = conversationIds(analysis.messages, root0);
  for (const r0 of analysis.roots) {
    const c = conversationIds(analysis.messages, r0);
    if (c.length > ids.length) [root0, ids] = [r0, c];
  }
  const byId = new Map(analysis.messages.map((m) => [m.id, m]));
  const texts = await ownTexts(bytes, analysis, heads);
  const entries = await messageEntries(bytes, analysis, heads, ids);
  const query = parseQuery('from:a use after free');
  const out = {
    input: name,
    messages: analysis.messages.length,
    conversation: ids.length,
    analysisMs: await timed(RUNS, () => analyseMbox(mbox), gc),
    ownTextsMs: await timed(RUNS, () => ownTexts(bytes, analysis, heads), gc),
    sliceOf20Ms: await timed(RUNS, () => messageEntries(bytes, analysis, heads, ids.slice(0, 20)), gc),
    searchMs: await timed(RUNS, () => searchThread(analysis.messages, texts, query), gc),
    marksMs: await timed(RUNS, () => replyMarks(ledgers), gc),
    foldsWholeConversationMs: await timed(RUNS, () => conversationFolds(entries, byId, root0), gc),
  };
  console.log(
    `${name}: ${out.messages} messages, conversation of ${out.conversation}; analysis ${out.analysisMs} ms (peer) · own texts ${out.ownTextsMs} ms · a 20-message slice ${out.sliceOf20Ms} ms · search ${out.searchMs} ms · marks ${out.marksMs} ms · folds of the whole conversation ${out.foldsWholeConversationMs} ms`,
  );
  return out;
}

const all: Array<Record<string, number | string>> = [];
all.push(await figures('generated 1,000-message thread', generateThread().mbox));
const lkml = resolve(process.env.LISTLENS_CORPUS ?? resolve(root, '../shared/corpus'), 'notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd');
if (existsSync(lkml)) all.push(await figures('LKML corpus', new Uint8Array(readFileSync(lkml))));
else console.log('LKML corpus absent: only the generated thread was measured');
console.log(JSON.stringify(all));
