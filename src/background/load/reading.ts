/**
 * What the panel needs to read a discussion beyond the analysis: the bodies of a conversation
 * slice, each message's own words (for search), and the reader's visits to
 * the thread ("new since your last visit") with the toolbar badge of the tabs showing it.
 *
 * A visit begins once per `open` of a thread, after its first analysis: the record of earlier
 * visits goes to the panel, then this visit is written. A refresh's analysis sends own texts
 * again and recounts the badge, but is no new visit.
 *
 * Non-goals: storing visits (cache/visits.ts), the panel's marks (panel/new-marks.ts).
 */
import { messageEntries, ownTexts } from '../../core/thread/context.ts';
import type { Analysis } from '../../core/types.ts';
import type { PanelEvent } from '../../protocol.ts';
import type { Emitter, LoadSink } from './events.ts';
import { threadData } from './context.ts';
import { addSeen, beginVisit, readVisits } from '../cache/visits.ts';
import { allTabStates } from '../browser/tab-state.ts';
import { setBadges } from '../browser/badge.ts';
import { findThreadKey, threadMessageIds } from '../cache/threads.ts';
import { getSettings } from '../../settings-storage.ts';
import { record, recorded } from '../../errors.ts';

/** Bodies per request at most: a panel asks for slices, a hostile one gets no more. */
export const MAX_ENTRIES = 200;

function realIds(analysis: Analysis): string[] {
  return analysis.messages.filter((m) => !m.ghost).map((m) => m.id);
}

export async function loadEntries(threadKey: string, ids: readonly string[], sink: Emitter): Promise<void> {
  const data = await threadData(threadKey, sink);
  if (!data) return;
  const entries = await messageEntries(data.bytes, data.analysis, data.heads, ids.slice(0, MAX_ENTRIES));
  sink.emit({ type: 'entries', threadKey, entries });
}

/**
 * Own texts of the last few threads, by key and shape: a panel reopened on a cached thread
 * gets a new analysis object from idb each time, and decoding 1,000 bodies again per open
 * cost the next open its speed (bench/panel.ts). A refresh that adds messages changes the shape.
 */
const textCache = new Map<string, Record<string, string>>();
const TEXT_CACHE = 4;
/** Bodies decoded between yields, so an open or a context request waiting on the worker is served. */
const TEXT_CHUNK = 100;

function shapeOf(threadKey: string, analysis: Analysis): string {
  return `${threadKey}\n${analysis.messages.length}\n${analysis.messages.at(-1)?.id ?? ''}`;
}

async function textsOf(threadKey: string): Promise<Record<string, string> | null> {
  const data = await threadData(threadKey);
  if (!data) return null;
  const shape = shapeOf(threadKey, data.analysis);
  const hit = textCache.get(shape);
  if (hit) return hit;
  const ids = realIds(data.analysis);
  const out: Record<string, string> = {};
  for (let i = 0; i < ids.length; i += TEXT_CHUNK) {
    // A macrotask between chunks: the worker answers the panel's next request in between.
    await new Promise((r) => setTimeout(r, 0));
    Object.assign(out, await ownTexts(data.bytes, data.analysis, data.heads, ids.slice(i, i + TEXT_CHUNK)));
  }
  textCache.set(shape, out);
  while (textCache.size > TEXT_CACHE) textCache.delete(textCache.keys().next().value as string);
  return out;
}

async function sendTexts(threadKey: string, sink: Emitter): Promise<void> {
  const t = await textsOf(threadKey);
  if (t) sink.emit({ type: 'texts', threadKey, texts: t });
}

/** The tabs whose page is a message of this thread (as their content scripts reported). */
async function tabsShowing(threadKey: string, analysis: Analysis, extra: number | null): Promise<number[]> {
  const ids = new Set(realIds(analysis));
  const out = (await allTabStates())
    .filter((s) => {
      const r = s.resolution;
      return !!r?.messageId && ids.has(r.messageId) && (!r.inboxUrl || threadKey.startsWith(r.inboxUrl));
    })
    .map((s) => s.tabId);
  if (extra !== null) out.push(extra);
  return out;
}

/** How many of the thread's messages are new for the reader: 0 on a first visit or with marks off. */
async function newCount(threadKey: string, analysis: Analysis): Promise<number> {
  const v = await readVisits(threadKey);
  if (!v) return 0;
  const seen = new Set(v.seen);
  return realIds(analysis).filter((id) => !seen.has(id)).length;
}

async function marksOn(): Promise<boolean> {
  return (await getSettings()).newMarks;
}

async function recount(threadKey: string, analysis: Analysis, tab: number | null): Promise<void> {
  const n = (await marksOn()) ? await newCount(threadKey, analysis) : 0;
  await setBadges(await tabsShowing(threadKey, analysis, tab), n);
}

/**
 * A sink for one panel request that, after each analysis it passes on, sends the own texts
 * and recounts the badge; with `visit`, the first analysis also begins the reader's visit.
 * `tab`: the tab the panel follows, if any (its badge counts too).
 */
export function readingSink(inner: LoadSink, visit: boolean, tab: () => Promise<number | null>): LoadSink {
  let visited = !visit;
  return {
    // Every other channel of the sink passes through untouched (naming them one by one once
    // dropped the series channel, and the panel lost its versions matrix).
    ...inner,
    emit(e: PanelEvent): void {
      inner.emit(e);
      if (e.type !== 'analysis') return;
      const first = !visited;
      visited = true;
      void afterAnalysis(e.threadKey, e.analysis, inner, first, tab).catch((err: unknown) => void record('reading: visits, badge and own texts', err));
    },
  };
}

async function afterAnalysis(threadKey: string, analysis: Analysis, sink: Emitter, first: boolean, tab: () => Promise<number | null>): Promise<void> {
  if (first) {
    if (await marksOn()) {
      const visits = await beginVisit(threadKey, realIds(analysis), Date.now()).catch(recorded('reading: begin visit', null));
      sink.emit({ type: 'visits', threadKey, visits });
    } else sink.emit({ type: 'visits', threadKey, visits: null });
  }
  await recount(threadKey, analysis, await tab());
  await sendTexts(threadKey, sink);
}

/** The reader opened `ids` (or all of the thread): recorded, and the badge recounted. */
export async function markSeen(threadKey: string, ids: readonly string[] | 'all', tab: number | null): Promise<void> {
  const data = await threadData(threadKey);
  const all = data ? realIds(data.analysis) : [];
  await addSeen(threadKey, ids === 'all' ? all : ids.filter((x) => typeof x === 'string'));
  if (data) await recount(threadKey, data.analysis, tab);
}

/**
 * A tab's page changed: its badge counts the new messages of its thread when that thread is
 * cached and visited (Chrome clears a tab's badge as it navigates), else shows nothing.
 */
export async function badgeForPage(tabId: number, inboxUrl: string | null, messageId: string | null): Promise<void> {
  let n = 0;
  if (inboxUrl && messageId && (await marksOn())) {
    const key = await findThreadKey(inboxUrl, messageId).catch(() => null);
    const v = key ? await readVisits(key).catch(() => null) : null;
    if (key && v) {
      const seen = new Set(v.seen);
      n = (await threadMessageIds(key)).filter((id) => !seen.has(id)).length;
    }
  }
  await setBadges([tabId], n);
}
