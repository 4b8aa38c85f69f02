/**
 * A real public-inbox 1.9 archive on loopback, filled with real mail from the shared corpus:
 * inboxes, the `/all/` extindex, and `public-inbox-httpd` with an HTTP and an HTTPS
 * listener. Start, stop and start again (for the offline tests) on the same ports.
 *
 * Non-goals: no fake server. Mail is read from ../shared/corpus and ../shared/seed at run
 * time (never copied into the repository), turned into one mboxrd stream per inbox and
 * imported with public-inbox's own Perl API, the fast path of the recipe.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusPath, seedDir } from '../../helpers/corpus.ts';
import { freePort, killPid, makeCert, track, trackDir, untrack, untrackDir, waitFor, type Cert } from './net.ts';

export interface InboxSpec {
  name: string;
  address: string;
  /** Corpus files (relative to the corpus) or absolute paths, mbox or single messages. */
  files: string[];
}

/** What the e2e suite imports. Every name is a real list; the mail in each is real. */
export function defaultInboxes(): InboxSpec[] {
  const seed = seedDir ? readdirSync(seedDir).filter((f) => f.endsWith('.eml')).map((f) => join(seedDir as string, f)) : [];
  const corpusDirFiles = (rel: string, re: RegExp): string[] =>
    readdirSync(corpusPath(rel)).filter((f) => re.test(f)).sort().map((f) => `${rel}/${f}`);
  return [
    { name: 'linux-mm', address: 'linux-mm@kvack.org', files: seed },
    { name: 'lkml', address: 'linux-kernel@vger.kernel.org', files: ['notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd'] },
    // 0030 repeats 0009's quorum v1-v3 with a different v3 Date: a same-id duplicate that would
    // make the series tests ambiguous (duplicates are the core's unit tests' business).
    { name: 'qemu-devel', address: 'qemu-devel@nongnu.org', files: corpusDirFiles('patchew', /^(?!0030-).*\.mbox$/) },
    { name: 'b4-samples', address: 'list@example.org', files: corpusDirFiles('b4', /\.mbox$/) },
  ];
}

/** Splits an mbox (or a bare message) and writes mboxrd, escaping `>*From ` body lines. */
export function toMboxrd(raw: string): string {
  const text = raw.replace(/\r\n/g, '\n');
  const sep = 'From mboxrd@z Thu Jan  1 00:00:00 1970\n';
  const isHeaderBlock = (m: string): boolean => /^[\x21-\x39\x3b-\x7e]+:/.test(m);
  const end = (m: string): string => (m.endsWith('\n') ? m : `${m}\n`);
  if (/^From /.test(text)) {
    // Already an mbox (mboxrd or mboxo): its body `From ` lines are escaped under either
    // convention, so keep them and only normalise the separators.
    return text
      .split(/\n(?=From [^\n]*\n)/)
      .map((p) => p.replace(/^From [^\n]*\n/, ''))
      .filter(isHeaderBlock)
      .map((m) => `${sep}${end(m)}\n`)
      .join('');
  }
  if (!isHeaderBlock(text)) return '';
  return `${sep}${end(text.replace(/^(>*From )/gm, '>$1'))}\n`;
}

const IMPORT_PL = `
use strict; use PublicInbox::Config; use PublicInbox::InboxWritable;
my $ibx = PublicInbox::InboxWritable->new(PublicInbox::Config->new->lookup_name($ARGV[0]));
open my $fh, '<', $ARGV[1] or die "open $ARGV[1]: $!";
$ibx->import_mbox($fh, 'mboxrd');
`;

export interface Archive {
  dir: string;
  cert: Cert;
  httpPort: number;
  httpsPort: number;
  /** http://127.0.0.1:<port> (for the test front and Node-side checks). */
  httpOrigin: string;
  /** Seconds spent creating, importing and indexing, and until the server answered. */
  timings: { setup: number; start: number };
  running(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and removes the temp dir. */
  dispose(): Promise<void>;
  /**
   * New mail arrives: `messages` (raw RFC 5322 text each) are imported into inbox `name` and
   * indexed, as public-inbox-mda would on delivery; the running server serves them at once.
   */
  addMail(name: string, messages: string[]): Promise<void>;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
}

/** `run`, without blocking: the inboxes import and index side by side on the 2 cores. */
function runAsync(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${stderr}`))));
  });
}

export interface ArchiveOptions {
  inboxes?: InboxSpec[];
  /** An HTTPS port to use instead of a free one (443 for Firefox, when the front is not used). */
  httpsPort?: number;
  cert?: Cert;
}

/** Creates, fills and starts the archive. */
export async function startArchive(opts: ArchiveOptions = {}): Promise<Archive> {
  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'listlens-pi-'));
  trackDir(dir);
  const env = { ...process.env, PI_CONFIG: join(dir, 'config'), HOME: dir };
  const cert = opts.cert ?? makeCert(dir);
  const inboxes = opts.inboxes ?? defaultInboxes();
  for (const ibx of inboxes) {
    run('public-inbox-init', ['-V2', '-j1', '-L', 'full', ibx.name, join(dir, ibx.name), `https://lore.kernel.org/${ibx.name}`, ibx.address], env);
  }
  run('git', ['config', '-f', env.PI_CONFIG, 'publicinbox.wwwListing', 'all'], env);
  run('git', ['config', '-f', env.PI_CONFIG, 'extindex.all.topdir', join(dir, 'all')], env);
  await Promise.all(inboxes.map(async (ibx) => {
    const mbox = join(dir, `${ibx.name}.mboxrd`);
    const files = ibx.files.map((f) => (f.startsWith('/') ? f : corpusPath(f)));
    writeFileSync(mbox, files.map((f) => toMboxrd(readFileSync(f, 'latin1'))).join(''), 'latin1');
    await runAsync('perl', ['-e', IMPORT_PL, ibx.name, mbox], env);
    await runAsync('public-inbox-index', ['-j0', join(dir, ibx.name)], env);
  }));
  run('public-inbox-extindex', ['-j0', '--all', join(dir, 'all')], env);
  const setup = (Date.now() - t0) / 1000;

  const httpPort = await freePort();
  const httpsPort = opts.httpsPort ?? (await freePort());
  const httpOrigin = `http://127.0.0.1:${httpPort}`;
  let child: ChildProcess | null = null;

  const answers = (): Promise<boolean> =>
    new Promise((resolve) => {
      const req = request(`${httpOrigin}/`, { headers: { host: 'lore.kernel.org' } }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });

  const archive: Archive = {
    dir,
    cert,
    httpPort,
    httpsPort,
    httpOrigin,
    timings: { setup, start: 0 },
    running: () => child !== null && child.exitCode === null,
    async start() {
      if (archive.running()) return;
      const t1 = Date.now();
      const stderr: string[] = [];
      child = spawn('public-inbox-httpd', [
        '-W0',
        '-l', `http://127.0.0.1:${httpPort}`,
        '-l', `https://127.0.0.1:${httpsPort}?cert=${cert.certFile},key=${cert.keyFile}`,
      ], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      track(child.pid);
      child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
      try {
        await waitFor('public-inbox-httpd', async () => {
          if (child?.exitCode !== null) throw new Error(`public-inbox-httpd exited: ${stderr.join('')}`);
          return answers();
        });
      } catch (e) {
        await archive.stop();
        throw e;
      }
      archive.timings.start = (Date.now() - t1) / 1000;
    },
    async stop() {
      const c = child;
      child = null;
      if (c && c.exitCode === null) {
        const exited = new Promise((r) => c.once('exit', r));
        await killPid(c.pid);
        await exited;
        untrack(c.pid);
      }
    },
    async dispose() {
      await archive.stop();
      rmSync(dir, { recursive: true, force: true });
      untrackDir(dir);
    },
    async addMail(name, messages) {
      const mbox = join(dir, `${name}-added-${Date.now()}.mboxrd`);
      writeFileSync(mbox, messages.map(toMboxrd).join(''), 'latin1');
      await runAsync('perl', ['-e', IMPORT_PL, name, mbox], env);
      await runAsync('public-inbox-index', ['-j0', join(dir, name)], env);
    },
  };
  await archive.start();
  return archive;
}
