/**
 * Loopback plumbing for the end-to-end rig: free ports, a self-signed certificate for the
 * real archive hostnames, and waiting until a server answers.
 *
 * Non-goals: no DNS tricks here. Browsers are pointed at 127.0.0.1 by their own switches
 * (Chromium's host-resolver-rules, Firefox's network.dns.localDomains), so every hostname
 * below is only a name inside the certificate.
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Every hostname the rig serves; the certificate covers them all. */
export const ARCHIVE_HOSTS = [
  'lore.kernel.org',
  'marc.info',
  'www.spinics.net',
  'spinics.net',
  'lkml.org',
  'lkml.iu.edu',
  'lwn.net',
  'patchwork.kernel.org',
  'lists.openwall.net',
  'www.mail-archive.com',
  'lists.infradead.org',
  'mail.python.org',
  'yhbt.net',
  // a git web (dig.e2e.ts: a real cgit behind the front)
  'git.kernel.org',
] as const;

/** A port nobody listens on right now (bound and released at once on 127.0.0.1). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      if (addr === null || typeof addr === 'string') return reject(new Error('no port'));
      s.close(() => resolve(addr.port));
    });
  });
}

/** Whether a fixed port (443 for Firefox) can be bound on 127.0.0.1. */
export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.unref();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export interface Cert {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
  /** base64 SHA-256 of the SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
  spki: string;
}

/** A self-signed P-256 certificate for `hosts`, written into `dir`. */
export function makeCert(dir: string, hosts: readonly string[] = ARCHIVE_HOSTS): Cert {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=${hosts[0]}`,
    '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
  ], { stdio: 'pipe' });
  const cert = readFileSync(certFile, 'utf8');
  const key = readFileSync(keyFile, 'utf8');
  const der = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  const spki = createHash('sha256').update(der).digest('base64');
  return { certFile, keyFile, cert, key, spki };
}

/** Polls `probe` until it resolves true; throws with `what` after `ms`. */
export async function waitFor(what: string, probe: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  let last: unknown = null;
  while (Date.now() < end) {
    try {
      if (await probe()) return;
    } catch (e) {
      last = e;
    }
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Sends SIGTERM, then SIGKILL after `graceMs` if the process is still there. */
export async function killPid(pid: number | undefined, graceMs = 3000): Promise<void> {
  if (!pid) return;
  const alive = (): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const end = Date.now() + graceMs;
  while (alive() && Date.now() < end) await sleep(25);
  if (alive()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
}

/*
 * Processes the rig started and has not stopped yet. If the test process ends without its
 * afterAll (a crash, a timeout's SIGTERM), they are killed on the way out, so no browser or
 * server outlives the run that started it.
 */
const tracked = new Map<number, boolean>();
const trackedDirs = new Set<string>();
let hooked = false;

function killTrackedNow(): void {
  for (const [pid, group] of tracked) {
    try {
      process.kill(group ? -pid : pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  tracked.clear();
  for (const dir of trackedDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  trackedDirs.clear();
}

/** Remembers `pid` (with its process group when `group`) until `untrack`. */
export function track(pid: number | undefined, group = false): void {
  if (!pid) return;
  tracked.set(pid, group);
  hook();
}

/** A temp dir to remove if the run ends without its afterAll; `untrackDir` once removed. */
export function trackDir(dir: string): void {
  trackedDirs.add(dir);
  hook();
}

export function untrackDir(dir: string): void {
  trackedDirs.delete(dir);
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', killTrackedNow);
  for (const [sig, n] of [['SIGTERM', 15], ['SIGINT', 2], ['SIGHUP', 1]] as const) {
    process.once(sig, () => {
      killTrackedNow();
      process.exit(128 + n);
    });
  }
}

export function untrack(pid: number | undefined): void {
  if (pid) tracked.delete(pid);
}
