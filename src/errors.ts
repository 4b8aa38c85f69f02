/**
 * The one error path for failures ListLens survives: each is recorded with where it
 * happened and its cause (on the console of the context it happened in, and in a short
 * in-memory list for debugging), and the caller goes on with its fallback. A failure a
 * panel waits on is also said to the panel, as an `error` event (background/load/).
 *
 * Usage: `await thing().catch(recorded('cache: read thread', null))`.
 *
 * Non-goals: telling the reader (the panel's status model does), retrying (net/), and
 * failures that are no failure (a port that already closed): those keep a bare catch with a
 * comment saying why nothing is lost.
 */

export interface RecordedError {
  at: number;
  where: string;
  cause: string;
}

/** Enough to see what went wrong lately without growing with an idle worker's lifetime. */
const KEEP = 50;
const recent: RecordedError[] = [];

/** The cause of `e` in one line: its message, or what it is. */
export function causeOf(e: unknown): string {
  if (e instanceof Error) return e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

export function record(where: string, e: unknown): RecordedError {
  const r: RecordedError = { at: Date.now(), where, cause: causeOf(e) };
  recent.push(r);
  if (recent.length > KEEP) recent.shift();
  console.warn(`ListLens: ${where}: ${r.cause}`);
  return r;
}

/** A `.catch` handler that records the failure and gives `fallback` instead. */
export function recorded<T>(where: string, fallback: T): (e: unknown) => T {
  return (e) => {
    record(where, e);
    return fallback;
  };
}

/** The failures recorded in this context, oldest first. */
export function recentErrors(): readonly RecordedError[] {
  return recent;
}
