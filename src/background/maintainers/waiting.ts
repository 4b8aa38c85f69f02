/**
 * "Waiting on me" on the toolbar (issue 18): the series whose newest version has a
 * MAINTAINERS entry waiting on the reader (their M:, or R: while nobody reviewed), as the
 * series runs last saw them, counted on the toolbar badge when the reader asked for it
 * (Options → MAINTAINERS). Kept in storage.local by series (its first version's key), so the
 * count survives the worker; a series that no longer waits on the reader drops out when
 * it is next opened.
 *
 * Non-goals: deciding who waits (core/maintainers/ledger-ownership.ts), the per-tab "new"
 * counts (load/reading.ts), which take a tab's badge over while they are not zero.
 */
import browser from 'webextension-polyfill';
import type { SeriesLedger } from '../../protocol.ts';
import { getSettings } from '../../settings-storage.ts';
import { setGlobalBadge } from '../browser/badge.ts';
import { recorded } from '../../errors.ts';

const KEY = 'waitingOnMe';
/** At most this many series are remembered (oldest dropped): the badge says 99+ long before. */
const MAX = 500;

type Waiting = Record<string, { title: string; at: number }>;

/** Which of `series` wait on the reader now, by key, and which do not (those with ownership). */
export function waitingOf(series: SeriesLedger[]): { yes: Map<string, string>; no: string[] } {
  const yes = new Map<string, string>();
  const no: string[] = [];
  for (const s of series) {
    if (!s.owners || !s.ledger.versions.length) continue;
    const key = s.ledger.versions[0]!.key;
    if (s.owners.versions[s.owners.versions.length - 1]?.waitingOnMe) yes.set(key, s.ledger.title);
    else no.push(key);
  }
  return { yes, no };
}

let chain: Promise<void> = Promise.resolve();

/** Records what these series say, and shows the count when the reader asked for it. */
export function noteWaiting(series: SeriesLedger[]): void {
  const { yes, no } = waitingOf(series);
  if (!yes.size && !no.length) return;
  chain = chain.then(() => update(yes, no)).catch(recorded('maintainers: waiting badge', undefined));
}

async function update(yes: Map<string, string>, no: string[]): Promise<void> {
  const got = (await browser.storage.local.get(KEY))[KEY] as Waiting | undefined;
  const all: Waiting = { ...(got ?? {}) };
  let dirty = false;
  for (const k of no) {
    if (!all[k]) continue;
    delete all[k];
    dirty = true;
  }
  for (const [k, title] of yes) {
    if (all[k]) continue;
    all[k] = { title, at: Date.now() };
    dirty = true;
  }
  const keys = Object.keys(all);
  if (keys.length > MAX) for (const k of keys.sort((a, b) => all[a]!.at - all[b]!.at).slice(0, keys.length - MAX)) delete all[k];
  if (dirty) await browser.storage.local.set({ [KEY]: all });
  await showWaiting(all);
}

/** The badge's global count: the series waiting on the reader, when they asked for it. */
export async function showWaiting(known?: Waiting): Promise<void> {
  const s = await getSettings();
  const all = known ?? (((await browser.storage.local.get(KEY))[KEY] as Waiting | undefined) ?? {});
  await setGlobalBadge(s.maintainers.on && s.maintainers.badge ? Object.keys(all).length : 0);
}
