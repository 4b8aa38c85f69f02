/**
 * Vite configurations of the four bundles ListLens ships. `npm run build` (scripts/build.js)
 * runs each once into dist/.stage/ and assembles dist/chrome and dist/firefox from them;
 * `vite build` on its own builds only the pages (panel, options).
 *
 * Why four builds, not one:
 * - the content script must be a classic script (IIFE): content scripts cannot be modules;
 * - the worker is one self-contained ES module: Chrome's service workers refuse `import()`,
 *   and a single file needs no module preloading;
 * - the pages (Preact) are ES modules with shared chunks;
 * - the CLI targets Node.
 *
 * Non-goals: the manifest and the per-browser assembly (scripts/build.js), dev servers.
 */
import preact from '@preact/preset-vite';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type InlineConfig, type LibraryOptions } from 'vite';

export const root = dirname(fileURLToPath(import.meta.url));
const src = resolve(root, 'src');

/** Browsers ListLens supports (Chrome 116 for sidePanel.open, Firefox 140 ESR). */
const TARGET = ['chrome116', 'firefox140'];

/**
 * Non-ASCII in shipped JS is written as escapes: a file served or read without a charset
 * (a test server's bench.js, a proxy, a Firefox about: page) is decoded as windows-1252, and the
 * Cyrillic keys of core/mail/confusables.ts then no longer parse.
 */
const ASCII = 'ascii' as const;

/** Libraries test for `process.env.NODE_ENV`; lib builds do not replace it by themselves. */
const production = { 'process.env.NODE_ENV': JSON.stringify('production') };

/** The panel and options pages: HTML entries under src/ (moved to the build's root by build.js). */
export function pagesConfig(outDir: string, entries: Record<string, string>): InlineConfig {
  return {
    root: src,
    base: '/', // absolute asset URLs, so the pages still load once moved to the root
    publicDir: false,
    configFile: false,
    logLevel: 'warn',
    plugins: [preact()],
    define: production,
    build: {
      outDir,
      emptyOutDir: true,
      target: TARGET,
      modulePreload: false, // extension pages load from disk; the polyfill would only add code
      sourcemap: false,
      reportCompressedSize: false,
      rollupOptions: { input: entries, output: { charset: ASCII } },
    },
  };
}

/** One self-contained, minified file from one entry: no chunks, nothing to preload, nothing else shipped. */
function singleFileConfig(outDir: string, lib: LibraryOptions): InlineConfig {
  return {
    root,
    publicDir: false,
    configFile: false,
    logLevel: 'warn',
    define: production,
    build: {
      outDir,
      emptyOutDir: true,
      target: TARGET,
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib,
      rollupOptions: { output: { codeSplitting: false, charset: ASCII } },
    },
  };
}

/** The background worker (Chrome service worker, Firefox background script): one ES module. */
export function workerConfig(outDir: string): InlineConfig {
  return singleFileConfig(outDir, { entry: resolve(src, 'background/worker.ts'), formats: ['es'], fileName: () => 'background.js' });
}

/** A content script (`content.js` for the archives, `commit.js` for git webs' commit pages): one classic IIFE, nothing exported. */
export function contentConfig(outDir: string, entry = 'content/main.ts', file = 'content.js'): InlineConfig {
  return singleFileConfig(outDir, { entry: resolve(src, entry), formats: ['iife'], name: 'ListLensContent', fileName: () => file });
}

/** The `listlens` command for Node: ESM, Node builtins external, postal-mime bundled. */
export function cliConfig(outDir: string): InlineConfig {
  return {
    root,
    publicDir: false,
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true, target: 'node' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'node20',
      ssr: resolve(src, 'cli.ts'),
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'listlens.js', codeSplitting: false, charset: ASCII } },
    },
  };
}

export default defineConfig(
  pagesConfig(resolve(root, 'dist/.stage/pages'), {
    panel: resolve(src, 'panel/panel.html'),
    options: resolve(src, 'options/options.html'),
  }),
);
