/**
 * The adapters ship in the content script (≤ 15 KB gzip all together), so: bundled the way
 * the extension is built (vite), `resolvePage` and everything it pulls in stays small, and
 * no adapter's `examples` reach the bundle.
 */
import { gzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('sites in the content script', () => {
  it('resolvePage bundles without examples, under 9 KB gzip', async () => {
    const out = (await build({
      root,
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: true,
        lib: { entry: resolve(root, 'src/sites/index.ts'), formats: ['es'], fileName: 'sites' },
        rollupOptions: { output: { exports: 'named' } },
      },
    })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
    const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
    const code = chunks.map((c) => c.code).join('\n');
    // strings that only the examples hold
    for (const s of ['sasha.author', 'msg45004', 'ZJ6MXIFNBZHXBPVNCCRBYTOF7CSSN3XU', 'openbsd-misc', 'noMatch']) expect(code).not.toContain(s);
    expect(code).toContain('resolvePage');
    const gz = gzipSync(code, { level: 9 }).length;
    console.log(`[size] src/sites/index.ts bundled: ${code.length} bytes, ${gz} bytes gzip`);
    // The whole content script must stay ≤ 15 KB gzip (test/build); the adapters get 9 of it.
    expect(gz).toBeLessThan(9 * 1024);
  });
});
