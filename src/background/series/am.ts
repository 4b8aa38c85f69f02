/**
 * The am-ready mbox the panel downloads (protocol `am`): the version's ledger as the cache
 * builds it (ledgers.ts `cachedSeries`, the ledgers the panel was sent), each patch's raw
 * mail from the cached thread that holds it (the series loader stored every version), and
 * the core's `amMbox` (core/series/am.ts) to write it. The panel saves what comes back.
 *
 * Non-goals: fetching (a patch no longer cached is an error saying so), the rules of the
 * mbox (core), saving the file (the panel).
 */
import { analyseHeads } from '../../core/analyse.ts';
import { amMbox, type AmFile } from '../../core/series/am.ts';
import { findThreadKey, readMbox } from '../cache/threads.ts';
import { KEY_SEP } from '../cache/db.ts';
import type { LoadSink } from '../load/events.ts';
import { lastThread } from '../load/state.ts';
import { cachedSeries } from './ledgers.ts';

/** The raw mail of each cached thread asked for, read once per request: key → bytes. */
function rawReader(inbox: string): (key: string) => Promise<Uint8Array | null> {
  const threads = new Map<string, Promise<Map<string, Uint8Array> | null>>();
  const read = async (thread: string): Promise<Map<string, Uint8Array> | null> => {
    const bytes = lastThread(thread)?.bytes ?? (await readMbox(thread));
    if (!bytes) return null;
    const pass = analyseHeads(bytes);
    return new Map(pass.heads.map((h, i) => [h.id, pass.messages[i]!]));
  };
  return async (key) => {
    const thread = await findThreadKey(inbox, key.replace(/#\d+$/, ''));
    if (!thread) return null;
    let got = threads.get(thread);
    if (!got) threads.set(thread, (got = read(thread)));
    return (await got)?.get(key) ?? null;
  };
}

export async function sendAm(threadKey: string, version: string, link: boolean, sink: LoadSink): Promise<void> {
  const answer = (file: AmFile | null, error: string | null): void => sink.series({ type: 'am', threadKey, version, link, file, error });
  try {
    const ledger = (await cachedSeries(threadKey)).map((s) => s.ledger).find((l) => l.versions.some((v) => v.key === version));
    const v = ledger?.versions.find((x) => x.key === version);
    if (!ledger || !v) return answer(null, 'This version is not in the cache any more; reopen the series to fetch it again.');
    const got = await amMbox(ledger, v.version, rawReader(threadKey.slice(0, threadKey.indexOf(KEY_SEP))), { link });
    if (got.ok) answer(got.file, null);
    else answer(null, got.error);
  } catch (e) {
    answer(null, `ListLens could not write this version as an mbox (${e instanceof Error ? e.message : String(e)}).`);
  }
}
