/**
 * The whole end-to-end rig in one call: a real public-inbox archive and the test front before
 * it, on 127.0.0.1, with one certificate for every archive hostname. Each e2e file starts its
 * own rig in beforeAll and disposes of it in afterAll.
 *
 * Non-goals: browsers are launched by the tests (see browsers.ts), so a file decides which.
 */
import { startArchive, type Archive, type InboxSpec } from './archive.ts';
import { startFront, type Front } from './front.ts';
import { freePort, portIsFree, waitFor } from './net.ts';

export interface Rig {
  archive: Archive;
  front: Front;
  /** The front's port for Chromium's host-resolver-rules. */
  port: number;
  spki: string;
  timings: { archiveSetup: number; archiveStart: number; total: number };
  /** Archive and front both down: the network is gone for every archive host. */
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  dispose(): Promise<void>;
}

export interface RigOptions {
  /** Also listen on 127.0.0.1:443, which Firefox needs; fails when 443 is taken. */
  port443?: boolean;
  /** The inboxes to serve instead of the e2e suite's (the benches bring their own). */
  inboxes?: InboxSpec[];
}

export async function startRig(opts: RigOptions = {}): Promise<Rig> {
  const t0 = Date.now();
  // Another e2e run on this machine may hold 443 for a while: wait for it rather than fail.
  if (opts.port443) await waitFor('127.0.0.1:443 to be free (the Firefox tests need it)', () => portIsFree(443), 90_000);
  const archive = await startArchive({ inboxes: opts.inboxes });
  let front: Front;
  try {
    const port = await freePort();
    front = await startFront({ cert: archive.cert, backend: archive.httpOrigin, ports: opts.port443 ? [port, 443] : [port] });
  } catch (e) {
    await archive.dispose();
    throw e;
  }
  return {
    archive,
    front,
    port: front.port,
    spki: archive.cert.spki,
    timings: { archiveSetup: archive.timings.setup, archiveStart: archive.timings.start, total: (Date.now() - t0) / 1000 },
    async goOffline() {
      await front.stop();
      await archive.stop();
    },
    async goOnline() {
      await archive.start();
      await front.start();
    },
    async dispose() {
      await front.stop();
      await archive.dispose();
    },
  };
}

/** `https://lore.kernel.org/<list>/<mid>/` with the Message-ID escaped as public-inbox does. */
export function loreUrl(list: string, mid: string, suffix = ''): string {
  const esc = mid.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `https://lore.kernel.org/${list}/${esc}/${suffix}`;
}
