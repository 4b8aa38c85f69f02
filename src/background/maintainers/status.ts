/**
 * The options page's requests about MAINTAINERS (issue 18): load a local file the reader
 * chose, list every source's state (its copy's date, entries, last failure), fetch a source
 * now (right after its permission was granted, so the reader sees at once whether it works).
 * Strings from the page are checked here: the worker trusts no message's shape.
 *
 * Non-goals: choosing sources (source.ts), the options page.
 */
import type { MaintainersFileAnswer, MaintainersStatus } from '../../protocol.ts';
import { maintainersSource } from '../../settings.ts';
import { allMaintainersStates, readMaintainersState, type MaintainersState } from '../cache/maintainers.ts';
import { fetchCopy, isFileSource, storeLocalFile } from './source.ts';
import { hostPattern } from '../../sites/host-pattern.ts';
import { originGranted } from './config.ts';

const statusOf = (s: MaintainersState): MaintainersStatus => ({ source: s.source, fetchedAt: s.fetchedAt || null, checkedAt: s.checkedAt || null, error: s.error, entries: s.entries, errors: s.errors });

export async function maintainersFile(name: unknown, text: unknown): Promise<MaintainersFileAnswer> {
  if (typeof name !== 'string' || typeof text !== 'string') return { ok: false, source: '', message: 'No file was given.' };
  const r = await storeLocalFile(name, text);
  return { ok: !!r.state, source: r.source, message: r.message };
}

export async function maintainersStatus(): Promise<MaintainersStatus[]> {
  return (await allMaintainersStates()).map(statusOf);
}

export async function maintainersFetch(source: unknown): Promise<MaintainersStatus | null> {
  const s = typeof source === 'string' ? maintainersSource(source) : null;
  if (!s || isFileSource(s)) return null;
  const pattern = hostPattern(s);
  if (!pattern || !(await originGranted(pattern))) {
    const had = await readMaintainersState(s);
    return { ...(had ? statusOf(had) : { source: s, fetchedAt: null, checkedAt: null, entries: 0, errors: 0 }), error: `ListLens has no permission to read ${new URL(s).host}.` };
  }
  return statusOf(await fetchCopy(s));
}
