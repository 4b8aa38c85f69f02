/**
 * What the MAINTAINERS code reads from the browser, behind functions the worker's entry
 * wires in (`configureMaintainers`), as the loader's settings are (loader-settings.ts): the
 * reader's settings and where the series runs report what waits on the reader (the toolbar
 * badge); whether a source's host is granted is the optional features' one check
 * (../optional-hosts.ts). Outside an extension (Node tests) the defaults say: off, no
 * permission, nobody listening.
 *
 * Non-goals: storing settings, the badge itself (waiting.ts, browser/badge.ts).
 */
import { DEFAULT_SETTINGS, type MaintainersSettings } from '../../settings.ts';
import type { SeriesLedger } from '../../protocol.ts';
import { recorded } from '../../errors.ts';

export interface MaintainersConfig {
  settings(): Promise<MaintainersSettings>;
  /** The ledgers a run sent, with their ownership (for "waiting on me"). */
  noteSeries(series: SeriesLedger[]): void;
}

let config: MaintainersConfig = {
  settings: async () => DEFAULT_SETTINGS.maintainers,
  noteSeries: () => undefined,
};

export function configureMaintainers(c: Partial<MaintainersConfig>): void {
  config = { ...config, ...c };
}

export async function maintainersSettings(): Promise<MaintainersSettings> {
  return config.settings().catch(recorded('settings: maintainers', DEFAULT_SETTINGS.maintainers));
}

export { originGranted } from '../optional-hosts.ts';

export function noteSeries(series: SeriesLedger[]): void {
  config.noteSeries(series);
}
