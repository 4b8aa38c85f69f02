/**
 * commit.js, the content script of git webs' commit pages, as built: a classic script (no
 * import/export), no adapter examples, a few KB (it must not grow toward content.js's 15 KB),
 * and not in the manifest: it runs only where the worker registers it (switched-on git webs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/corpus.ts';

const dist = join(repoRoot, 'dist');

describe.runIf(existsSync(join(dist, 'chrome/commit.js')) || process.env.CI)('commit.js', () => {
  it('is a small classic script without examples, registered by the worker only', () => {
    for (const b of ['chrome', 'firefox']) {
      const code = readFileSync(join(dist, b, 'commit.js'), 'utf8');
      expect(() => new Script(code, { filename: 'commit.js' })).not.toThrow();
      expect(code).not.toMatch(/\bimport\s*\(/);
      for (const s of ['noMatch', 'wireguard-linux', 'salsa.debian.org']) expect(code).not.toContain(s);
      const gz = gzipSync(code, { level: 9 }).length;
      console.log(`[size] ${b}/commit.js ${code.length} B, ${gz} B gzip`);
      expect(gz).toBeLessThanOrEqual(4 * 1024);
      const manifest = JSON.parse(readFileSync(join(dist, b, 'manifest.json'), 'utf8')) as { content_scripts?: Array<{ js?: string[]; matches?: string[] }>; host_permissions?: string[] };
      expect(JSON.stringify(manifest.content_scripts)).not.toContain('commit.js');
      // git webs are optional hosts: never granted at install
      for (const h of ['git.kernel.org', 'github.com', 'gitlab.com']) expect(JSON.stringify(manifest.host_permissions)).not.toContain(h);
    }
  });
});
