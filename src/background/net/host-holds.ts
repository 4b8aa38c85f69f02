/**
 * How long each archive host asked us to wait (429/503 + Retry-After), kept in
 * `storage.session` so that a worker MV3 stopped and started again still honours it (the
 * fetcher's `holds`). Expired entries are simply ignored; the session's end clears them.
 *
 * Non-goals: deciding how long to wait (net/polite-fetch.ts).
 */
import type { HoldStore } from './polite-fetch.ts';
import { sessionArea } from '../browser/tab-state.ts';

const PREFIX = 'hold:';

export const sessionHolds: HoldStore = {
  async get(host) {
    const key = PREFIX + host;
    const got = await sessionArea().get(key);
    const v = got[key];
    return typeof v === 'number' && v > Date.now() ? v : 0;
  },
  async set(host, notBefore) {
    await sessionArea().set({ [PREFIX + host]: notBefore });
  },
};
