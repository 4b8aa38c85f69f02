/**
 * Where the shared corpus of real list mail lives. CI always has it and a missing corpus
 * there is a failure; elsewhere the corpus suites say in one line that it is absent and skip.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const corpusDir: string | null = (() => {
  const dir = process.env.LISTLENS_CORPUS ?? resolve(root, '../shared/corpus');
  if (existsSync(join(dir, 'MANIFEST.md'))) return dir;
  if (process.env.CI) throw new Error(`corpus not found at ${dir}: CI must have ../shared/corpus`);
  console.log(`corpus absent at ${dir}: corpus suites skipped (set LISTLENS_CORPUS)`);
  return null;
})();

export const seedDir: string | null = (() => {
  const dir = resolve(root, '../shared/seed');
  return existsSync(dir) ? dir : null;
})();

/** The path of a corpus file; only call inside a suite guarded by `corpusDir`. */
export function corpusPath(rel: string): string {
  if (!corpusDir) throw new Error('corpus absent');
  return join(corpusDir, rel);
}

export function readCorpus(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(rel)));
}

/** Every data file below a corpus folder (MANIFEST and READMEs excluded). */
export function corpusFiles(rel = ''): string[] {
  if (!corpusDir) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!/^(MANIFEST\.md|README|URLS\.md)$/.test(name)) out.push(p);
    }
  };
  walk(join(corpusDir, rel));
  return out;
}

export const repoRoot = root;
