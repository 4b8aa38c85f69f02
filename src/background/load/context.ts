/**
 * The context of one message for the panel: its ancestors' text with quotes split, from the
 * last thread in memory or, after the worker restarted, from the cache (`threadData`, also
 * what the conversation's slices and own texts read, load/reading.ts).
 *
 * Non-goals: computing the context (core/thread/context.ts), loading a thread that is not cached.
 */
import { messageContext } from '../../core/thread/context.ts';
import { readMbox, readThread } from '../cache/threads.ts';
import { cacheReads, type Emitter } from './events.ts';
import { lastThread, rememberThread, type LoadedThread } from './state.ts';

/**
 * The thread's bytes and analysis: the last one in memory, else from the cache (after the
 * worker restarted). Null when it is gone, said to `sink` when one is given (a panel waits).
 */
export async function threadData(threadKey: string, sink?: Emitter): Promise<LoadedThread | null> {
  let data = lastThread(threadKey);
  if (!data) {
    const reads = cacheReads();
    const [cached, bytes] = await Promise.all([reads.read('read thread', readThread(threadKey)), reads.read('read mbox', readMbox(threadKey))]);
    if (!cached || !bytes) {
      if (sink) reads.missing(sink);
      return null;
    }
    data = { key: threadKey, bytes, analysis: cached.view.analysis, heads: cached.view.heads };
    rememberThread(data);
  }
  return data;
}

export async function loadContext(threadKey: string, id: string, sink: Emitter): Promise<void> {
  const data = await threadData(threadKey, sink);
  if (!data) return;
  const entries = await messageContext(data.bytes, data.analysis, data.heads, id);
  sink.emit({ type: 'context', threadKey, id, entries });
}
