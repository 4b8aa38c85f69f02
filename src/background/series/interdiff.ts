/**
 * The interdiff the panel asks for when a changed cell of the ledger is opened: two versions
 * of one patch, each read from its cached thread (the series loader stored every version),
 * parsed and compared by the core (core/patch/interdiff.ts). The last few threads' bodies stay in
 * memory, since a reviewer opens several patches of the same two versions in a row.
 *
 * Non-goals: fetching (a patch not in the cache is answered with an error), drawing.
 */
import { analyseMbox } from '../../core/analyse.ts';
import { interdiff } from '../../core/patch/interdiff.ts';
import { parsePatch } from '../../core/patch/patch.ts';
import { parseSubject } from '../../core/mail/subject.ts';
import { findThreadKey, readMbox } from '../cache/threads.ts';
import { KEY_SEP } from '../cache/db.ts';
import type { LoadSink } from '../load/events.ts';
import { lastThread } from '../load/state.ts';

interface Bodies {
  texts: Map<string, string>;
  subjects: Map<string, string>;
}

const KEEP = 4;
const recent = new Map<string, Bodies>();

async function bodiesOf(key: string): Promise<Bodies | null> {
  const hit = recent.get(key);
  if (hit) {
    recent.delete(key);
    recent.set(key, hit);
    return hit;
  }
  const bytes = lastThread(key)?.bytes ?? (await readMbox(key));
  if (!bytes) return null;
  const r = await analyseMbox(bytes, { keepBodies: true });
  const texts = new Map<string, string>();
  for (const [k, b] of r.bodies ?? []) texts.set(k, b.text);
  const subjects = new Map(r.heads.map((h) => [h.id, h.subject] as [string, string]));
  const got = { texts, subjects };
  recent.set(key, got);
  if (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  return got;
}

/** A patch's body and subject (without tags), from whichever cached thread holds it. */
async function side(inbox: string, id: string): Promise<{ body: string; subject: string } | null> {
  const key = await findThreadKey(inbox, id.replace(/#\d+$/, ''));
  if (!key) return null;
  const b = await bodiesOf(key);
  const body = b?.texts.get(id);
  if (body === undefined) return null;
  return { body, subject: parseSubject(b!.subjects.get(id) ?? '').base };
}

export async function sendInterdiff(threadKey: string, from: string, to: string, sink: LoadSink): Promise<void> {
  const inbox = threadKey.slice(0, threadKey.indexOf(KEY_SEP));
  const answer = (result: ReturnType<typeof interdiff> | null, error: string | null): void => sink.series({ type: 'interdiff', threadKey, from, to, result, error });
  try {
    const [a, b] = await Promise.all([side(inbox, from), side(inbox, to)]);
    if (!a || !b) return answer(null, 'One of the two patches is not in the cache any more; reopen the series to fetch it again.');
    answer(interdiff({ patch: parsePatch(a.body), subject: a.subject }, { patch: parsePatch(b.body), subject: b.subject }), null);
  } catch (e) {
    answer(null, `ListLens could not compare these patches (${e instanceof Error ? e.message : String(e)}).`);
  }
}
