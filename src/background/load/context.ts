/**
 * The context of one message for the panel: its ancestors' text with quotes split, from the
 * last thread in memory or, after the worker restarted, from the cache.
 *
 * Non-goals: computing the context (core/context.ts), loading a thread that is not cached.
 */
import { messageContext } from '../../core/context.ts';
import { readMbox, readThread } from '../cache/threads.ts';
import { cacheReads, type LoadSink } from './events.ts';
import { lastThread, rememberThread } from './state.ts';

export async function loadContext(threadKey: string, id: string, sink: LoadSink): Promise<void> {
  let data = lastThread(threadKey);
  if (!data) {
    const reads = cacheReads();
    const [cached, bytes] = await Promise.all([reads.read('read thread', readThread(threadKey)), reads.read('read mbox', readMbox(threadKey))]);
    if (!cached || !bytes) return reads.missing(sink);
    data = { key: threadKey, bytes, analysis: cached.view.analysis, heads: cached.view.heads };
    rememberThread(data);
  }
  const entries = await messageContext(data.bytes, data.analysis, data.heads, id);
  sink.emit({ type: 'context', threadKey, id, entries });
}
