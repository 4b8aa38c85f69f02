/**
 * The shape every adapter file keeps (refined-github's meta-tests): one file per archive
 * named by its id, a header stating purpose, non-goals and where its page structure came
 * from (a real page, documentation, or a guess), no adapter importing another, and a size
 * that stays reviewable.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adapters as archives } from '../../src/sites/index.ts';
import { gitWebAdapters } from '../../src/sites/git-web.ts';

const adapters = [...archives, ...gitWebAdapters];

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/sites');
const ids = adapters.map((a) => a.id);

describe.each(adapters.map((a) => [a.id, a] as const))('src/sites/%s.ts', (id, adapter) => {
  const src = readFileSync(resolve(dir, `${id}.ts`), 'utf8');
  const header = /^\/\*\*([\s\S]*?)\*\//.exec(src)?.[1] ?? '';

  it('opens with a header that states its non-goals', () => {
    expect(header).toMatch(/Non-goals/);
  });

  it('says where the page structure it reads came from', () => {
    if (!adapter.fromPage) return expect(src).not.toMatch(/querySelector/);
    expect(header).toMatch(/real public-inbox|live public-inbox|documented|documentation|not verified|guess|NOT DOCUMENTED/i);
  });

  it('exports its examples beside the adapter, and imports no other adapter', () => {
    expect(src).toMatch(/^export const examples: SiteExamples = \{/m);
    for (const other of ids.filter((o) => o !== id)) expect(src).not.toContain(`from './${other}.ts'`);
  });

  it('stays under 300 lines', () => {
    expect(src.split('\n').length).toBeLessThan(300);
  });
});
