/**
 * Debian's linux-source (/usr/src/linux-source-*.tar.xz) as the MAINTAINERS oracle: its
 * MAINTAINERS, its scripts/get_maintainer.pl, the list of every file in the tree, and a
 * skeleton tree to run the script in (every directory, so its `-d` tests see the real tree,
 * and the top-level files its tree check looks for). One pass of xz over the 130 MB tarball
 * (about 10 s), parsed here as it streams; the result is cached under the system temp
 * directory, keyed by the tarball's size and date, so later runs start at once.
 *
 * As with the other tools, a missing package skips with one line here and fails on CI.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const WANTED = ['MAINTAINERS', 'scripts/get_maintainer.pl', 'COPYING', 'CREDITS', 'Kbuild', 'Makefile', 'README'];

export const linuxSourceTarball: string | null = (() => {
  const dir = '/usr/src';
  const found = existsSync(dir) ? readdirSync(dir).filter((f) => /^linux-source-[\d.]+\.tar\.xz$/.test(f)) : [];
  found.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const last = found.at(-1);
  if (last) return join(dir, last);
  if (!process.env.CI) console.log('linux-source not installed (/usr/src/linux-source-*.tar.xz): the get_maintainer.pl differential is skipped (CI fails instead)');
  return null;
})();

export function requireLinuxSource(): string {
  if (!linuxSourceTarball) throw new Error('linux-source is not installed (Debian package linux-source); CI must have it');
  return linuxSourceTarball;
}

export interface LinuxSource {
  /** The skeleton tree: get_maintainer.pl runs with this as its working directory. */
  tree: string;
  maintainers: string;
  /** Every regular file and symlink of the tree, relative to its top. */
  files: string[];
  /** Every directory, relative to its top. */
  dirs: string[];
}

/** Reads a tar stream, keeping the wanted files' bodies and every path. */
class TarReader {
  files: string[] = [];
  dirs: string[] = [];
  bodies = new Map<string, Buffer>();
  private pending: Buffer = Buffer.alloc(0);
  private skip = 0;
  private body: { name: string; size: number; parts: Buffer[]; got: number; pad: number } | null = null;
  private longName: string | null = null;
  private ended = false;

  write(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.ended) {
      if (this.skip) {
        const n = Math.min(this.skip, chunk.length - at);
        this.skip -= n;
        at += n;
        continue;
      }
      if (this.body) {
        const b = this.body;
        const n = Math.min(b.size - b.got, chunk.length - at);
        b.parts.push(chunk.subarray(at, at + n));
        b.got += n;
        at += n;
        if (b.got === b.size) {
          this.finish(b.name, Buffer.concat(b.parts));
          this.body = null;
          this.skip = b.pad;
        }
        continue;
      }
      const need = 512 - this.pending.length;
      const n = Math.min(need, chunk.length - at);
      this.pending = Buffer.concat([this.pending, chunk.subarray(at, at + n)]);
      at += n;
      if (this.pending.length === 512) {
        const header = this.pending;
        this.pending = Buffer.alloc(0);
        this.header(header);
      }
    }
  }

  private field(h: Buffer, start: number, len: number): string {
    const raw = h.subarray(start, start + len);
    const nul = raw.indexOf(0);
    return raw.subarray(0, nul < 0 ? len : nul).toString('utf8');
  }

  private header(h: Buffer): void {
    if (h.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    let name = this.field(h, 0, 100);
    if (this.field(h, 257, 6) === 'ustar' && h[262] === 0) {
      const prefix = this.field(h, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    if (this.longName !== null) [name, this.longName] = [this.longName, null];
    const size = parseInt(this.field(h, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(h[156]!);
    const pad = (512 - (size % 512)) % 512;
    const keep = type === 'L' || type === 'x' || ((type === '0' || type === '\0') && WANTED.includes(strip(name)));
    if (type === '5') this.dirs.push(strip(name).replace(/\/$/, ''));
    else if (type === '0' || type === '\0' || type === '1' || type === '2') this.files.push(strip(name));
    if (keep && size > 0) this.body = { name: type === 'L' || type === 'x' ? `\0${type}` : name, size, parts: [], got: 0, pad };
    else this.skip = size + pad;
  }

  private finish(name: string, body: Buffer): void {
    if (name === '\0L') this.longName = body.toString('utf8').replace(/\0+$/, '');
    else if (name === '\0x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (path) this.longName = path[1]!;
    } else this.bodies.set(strip(name), body);
  }
}

/** `linux-source-6.1/drivers/x.c` → `drivers/x.c`. */
function strip(name: string): string {
  return name.replace(/^[^/]*\/?/, '');
}

let pendingSource: Promise<LinuxSource> | null = null;

/** The extracted pieces (from the cache after the first run). */
export function linuxSource(tarball: string): Promise<LinuxSource> {
  return (pendingSource ??= extract(tarball));
}

async function extract(tarball: string): Promise<LinuxSource> {
  const st = statSync(tarball);
  const root = join(tmpdir(), 'listlens-linux-source');
  const dir = join(root, `${st.size}-${Math.floor(st.mtimeMs)}`);
  const load = (): LinuxSource => {
    const list = (f: string): string[] => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean);
    return { tree: join(dir, 'tree'), maintainers: join(dir, 'tree', 'MAINTAINERS'), files: list('files.txt'), dirs: list('dirs.txt') };
  };
  if (existsSync(join(dir, 'done'))) return load();
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, 'tmp-'));
  const reader = new TarReader();
  await new Promise<void>((resolve, reject) => {
    const xz = spawn('xz', ['-dc', tarball], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    xz.stdout.on('data', (c: Buffer) => reader.write(c));
    xz.stderr.on('data', (c: Buffer) => (err += c.toString()));
    xz.on('error', reject);
    xz.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`xz -dc ${tarball}: ${code} ${err}`))));
  });
  for (const want of WANTED) if (!reader.bodies.has(want)) throw new Error(`${tarball} has no ${want}`);
  const tree = join(work, 'tree');
  for (const d of reader.dirs) mkdirSync(join(tree, d), { recursive: true });
  for (const [name, body] of reader.bodies) {
    mkdirSync(dirname(join(tree, name)), { recursive: true });
    writeFileSync(join(tree, name), body);
  }
  writeFileSync(join(work, 'files.txt'), reader.files.join('\n') + '\n');
  writeFileSync(join(work, 'dirs.txt'), reader.dirs.filter(Boolean).join('\n') + '\n');
  writeFileSync(join(work, 'done'), `${tarball}\n`);
  try {
    renameSync(work, dir);
  } catch {
    // another run finished first: use its copy
    rmSync(work, { recursive: true, force: true });
  }
  return load();
}

/**
 * get_maintainer.pl run once per patch, with one change that is not to its logic: a loop
 * inserted before it reads its arguments forks a child per patch after MAINTAINERS has been
 * read, so the 0.7 MB parse is done once, not per patch. Each child is the unmodified rest of
 * the script on one patch. Outputs are cached by the script, MAINTAINERS, options and patch.
 */
export async function getMaintainer(src: LinuxSource, patches: string[], args: string[], jobs = 2): Promise<string[]> {
  const script = readFileSync(join(src.tree, 'scripts/get_maintainer.pl'), 'utf8');
  const mark = '## use the filenames on the command line';
  if (script.split(mark).length !== 2) throw new Error('get_maintainer.pl: cannot find where it reads its arguments');
  const fork = `{ my ($child, $bad) = (0, 0); my @batch = @ARGV; for my $p (@batch) { my $pid = fork(); die "fork: $!" unless defined $pid; if (!$pid) { $child = 1; open(STDOUT, '>', "$p.out") or die "$p.out: $!"; @ARGV = ($p); last } waitpid($pid, 0); $bad = 1 if $?; } exit $bad unless $child; }\n`;
  const batchScript = join(src.tree, 'scripts', 'get_maintainer-batch.pl');
  writeFileSync(batchScript, script.replace(mark, fork + mark));
  const base = createHash('sha1').update(script).update(readFileSync(src.maintainers)).update(args.join('\0')).digest('hex');
  const cache = join(dirname(src.tree), 'oracle');
  mkdirSync(cache, { recursive: true });
  const keys = patches.map((p) => createHash('sha1').update(base).update(p).digest('hex'));
  const todo = [...new Set(keys.filter((k) => !existsSync(join(cache, `${k}.out`))))];
  if (todo.length) {
    const work = mkdtempSync(join(tmpdir(), 'listlens-gm-'));
    try {
      todo.forEach((k) => writeFileSync(join(work, k), patches[keys.indexOf(k)]!));
      const groups = Array.from({ length: Math.min(jobs, todo.length) }, (_, g) => todo.filter((_, i) => i % jobs === g));
      await Promise.all(
        groups.map(
          (group) =>
            new Promise<void>((resolve, reject) => {
              const run = spawn('perl', [batchScript, ...args, ...group.map((k) => join(work, k))], { cwd: src.tree, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] });
              let err = '';
              run.stderr.on('data', (c: Buffer) => (err += c.toString()));
              run.on('error', reject);
              run.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`get_maintainer.pl: ${code} ${err}`))));
            }),
        ),
      );
      for (const k of todo) renameSync(join(work, `${k}.out`), join(cache, `${k}.out`));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return keys.map((k) => readFileSync(join(cache, `${k}.out`), 'utf8'));
}
