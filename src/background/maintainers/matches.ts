/**
 * Each cached thread's patches matched against a MAINTAINERS copy (issue 18): the entries
 * its files (all old and new paths, from the series facts) and its `Subject + body` text
 * (K: keywords) bring, computed ONCE per thread and copy while the bodies are at hand (the
 * cached mbox read again, or the thread in memory), then kept in the thread's meta
 * (`ownerMatches`) with the entries they name. A reopen builds ownership from that record
 * alone: no mail decoded, no 700 KB file read, no pattern compiled.
 *
 * A record is stale when the copy changed (its `stamp`: source and date) or the thread did
 * (message count, newest date), as the series facts are. Records are also held in memory for
 * the worker's life (at most 64), so a reopen while it lives reads no meta for them.
 *
 * Non-goals: the copy (source.ts), states and summaries (core/maintainers/ledger-ownership.ts).
 */
import { analyseMbox } from '../../core/analyse.ts';
import { compileMaintainers, matchPatch, type MaintainersIndex, type OwnerEntry, type PatchMatch } from '../../core/maintainers/match.ts';
import type { OwnerMatches, SeriesThreadData } from '../cache/db.ts';
import { readMaintainersFile } from '../cache/maintainers.ts';
import { readMbox, readMeta, updateMeta } from '../cache/threads.ts';
import { recorded } from '../../errors.ts';

export const stampOf = (source: string, fetchedAt: number): string => `${source}\n${fetchedAt}`;

/** The compiled copy last used (a worker meets one or two sources). */
const compiled = new Map<string, Promise<MaintainersIndex | null>>();

function indexFor(source: string, fetchedAt: number): Promise<MaintainersIndex | null> {
  const stamp = stampOf(source, fetchedAt);
  let p = compiled.get(stamp);
  if (!p) {
    if (compiled.size >= 2) compiled.delete(compiled.keys().next().value!);
    p = readMaintainersFile(source).then((r) => (r && r.fetchedAt === fetchedAt ? compileMaintainers(r.file) : null));
    p.catch(() => compiled.delete(stamp));
    compiled.set(stamp, p);
  }
  return p;
}

export function isCurrentMatch(m: OwnerMatches | null | undefined, stamp: string, data: SeriesThreadData): m is OwnerMatches {
  return !!m && m.stamp === stamp && m.messages === data.messages && m.newestDate === data.newestDate;
}

/** Records read or made in this worker's life, by thread key (its meta holds the same). */
const held = new Map<string, OwnerMatches>();
const MAX_HELD = 64;
function hold(key: string, m: OwnerMatches): void {
  held.delete(key);
  held.set(key, m);
  if (held.size > MAX_HELD) held.delete(held.keys().next().value!);
}

/** Forgets the records held in memory (tests that swap the database). */
export function forgetHeldMatches(): void {
  held.clear();
}

/** The record of a cached thread for this copy (no computing); with `data`, only when current for it. */
export async function cachedMatches(key: string, stamp: string, data?: SeriesThreadData): Promise<OwnerMatches | null> {
  let m = held.get(key);
  if (m?.stamp !== stamp) {
    const meta = await readMeta(key).catch(recorded('maintainers: read meta', null));
    m = meta?.ownerMatches ?? undefined;
    if (m) hold(key, m);
  }
  if (!m || m.stamp !== stamp) return null;
  return !data || isCurrentMatch(m, stamp, data) ? m : null;
}

/**
 * Matches every patch the thread's facts hold (its own postings; a borrowed patch is its
 * own thread's), from the bodies of `bytes` (the thread's mbox).
 */
export async function computeMatches(ix: MaintainersIndex, stamp: string, data: SeriesThreadData, bytes: Uint8Array): Promise<OwnerMatches> {
  const r = await analyseMbox(bytes, { keepBodies: true });
  const subjects = new Map(r.heads.map((h) => [h.id, h.subject]));
  const patches: Record<string, PatchMatch> = {};
  const entries: Record<number, OwnerEntry> = {};
  for (const v of data.facts.versions) {
    for (const p of v.patches) {
      if (p.borrowedFrom !== null || patches[p.id]) continue;
      const body = r.bodies?.get(p.id)?.text;
      const m = matchPatch(ix, { files: p.files, text: body === undefined ? undefined : `Subject: ${subjects.get(p.id) ?? p.subject}\n\n${body}` });
      patches[p.id] = m;
      for (const e of [...m.entries, ...m.rest]) entries[e.entry] ??= ix.entries[e.entry]!;
    }
  }
  return { stamp, messages: data.messages, newestDate: data.newestDate, patches, entries };
}

/**
 * The thread's record for the copy `source@fetchedAt`: the cached one when current, else
 * computed from `bytes()` and saved in its meta. Null when neither the copy nor the mail
 * can be read.
 */
export async function threadMatches(key: string, data: SeriesThreadData, source: string, fetchedAt: number, bytes: () => Promise<Uint8Array | null>): Promise<OwnerMatches | null> {
  const stamp = stampOf(source, fetchedAt);
  const had = await cachedMatches(key, stamp, data);
  if (had) return had;
  const [ix, mbox] = await Promise.all([indexFor(source, fetchedAt), bytes().catch(recorded('maintainers: read mail', null))]);
  if (!ix || !mbox) return null;
  const m = await computeMatches(ix, stamp, data, mbox);
  hold(key, m);
  await updateMeta(key, { ownerMatches: m }).catch(recorded('maintainers: save matches', undefined));
  return m;
}

/** The thread's mbox from the cache. */
export const cachedBytes = (key: string) => (): Promise<Uint8Array | null> => readMbox(key);
