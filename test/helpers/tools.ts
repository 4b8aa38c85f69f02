/**
 * Debian tools the differential tests run (git, patchutils' interdiff): where they are, and a
 * throwaway git repository to build cases in. As with the corpus, a missing tool skips a
 * suite with one line here and fails it on CI (CI=true), never silently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

function find(name: string): string | null {
  return ['/usr/bin', '/usr/local/bin', '/bin'].map((d) => join(d, name)).find((p) => existsSync(p)) ?? null;
}

/** The tool's path; null off CI when missing (the suite skips), and on CI the suite fails in `requireTool`. */
export function tool(name: string): string | null {
  const p = find(name);
  if (!p && !process.env.CI) console.log(`${name} not installed: its differential suite is skipped (CI fails instead)`);
  return p;
}

/** Inside a suite run because of CI: the tool must be there. */
export function requireTool(path: string | null, name: string): string {
  if (!path) throw new Error(`${name} is not installed (Debian package ${name === 'interdiff' ? 'patchutils' : name}); CI must have it`);
  return path;
}

export interface Repo {
  dir: string;
  /** Runs git in the repository; throws with git's message on failure. */
  git(...args: string[]): string;
  write(path: string, text: string | Uint8Array, mode?: number): void;
  remove(path: string): void;
  commit(message: string): void;
  done(): void;
}

/** A fresh repository with a fixed identity and dates, so the diffs are the same on every run. */
export function tempRepo(gitPath: string): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'listlens-git-'));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Ada Author',
    GIT_AUTHOR_EMAIL: 'ada@example.org',
    GIT_COMMITTER_NAME: 'Ada Author',
    GIT_COMMITTER_EMAIL: 'ada@example.org',
    GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: dir,
  };
  const git = (...args: string[]): string => {
    const r = spawnSync(gitPath, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  git('init', '-q', '-b', 'main');
  git('config', 'core.autocrlf', 'false');
  return {
    dir,
    git,
    write(path, text, mode) {
      const p = join(dir, path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      if (mode) chmodSync(p, mode);
    },
    remove(path) {
      git('rm', '-q', path);
    },
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
    },
    done() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
