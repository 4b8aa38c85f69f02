// Lint rules that protect the architecture, not just style: src/core must stay pure
// (no browser, no Node), so the worker, the CLI and the tests can share it; src/sites
// imports only the core; nothing but the worker imports src/background (README,
// Architecture).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browserAndNode = ['window', 'document', 'chrome', 'browser', 'Buffer', 'process', 'require', 'localStorage', 'indexedDB', 'fetch', 'navigator', 'location'];

/** What no panel file imports: another context's code. */
const PANEL_ONLY = { group: ['**/background/**', '**/options/**', '**/content/**', '**/cli/**'], message: 'The panel imports src/core, src/sites and the shared contracts only.' };

const PURE = ['node:*', 'fs', 'path', 'stream', 'buffer', 'webextension-polyfill', 'idb', 'preact', 'preact/*', '@preact/*'];
function coreRoom(files, outside) {
  return [{ files: [files], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...outside, ...PURE], message: 'src/core is pure and its rooms point down (mail <- patch <- series <- thread <- top): import only what sits below, never outside src/core.' }] }] } }];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'patches/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', URL: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-undef': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...browserAndNode] },
  },
  // src/core is pure: it imports only src/core and pure libraries. Its rooms point down:
  // mail (messages) <- patch (diffs) <- series (versions, trailers, ledger) <- thread (the
  // discussion, which reads series marks) <- the top (analyse, incremental).
  ...coreRoom('src/core/*.ts', ['../*']),
  ...coreRoom('src/core/mail/**/*.ts', ['../../*', '../patch/*', '../series/*', '../thread/*', '../maintainers/*', '../commit/*']),
  ...coreRoom('src/core/patch/**/*.ts', ['../../*', '../series/*', '../thread/*', '../maintainers/*', '../commit/*']),
  ...coreRoom('src/core/series/**/*.ts', ['../../*', '../thread/*', '../commit/*']),
  ...coreRoom('src/core/thread/**/*.ts', ['../../*', '../commit/*']),
  // commit/ (a commit and its discussion) sits on series/, beside thread/: nothing below imports it
  ...coreRoom('src/core/commit/**/*.ts', ['../../*', '../thread/*', '../maintainers/*']),
  ...coreRoom('src/core/maintainers/**/*.ts', ['../../*', '../thread/*']),
  {
    files: ['src/sites/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', '**/background/**', '**/panel/**', '**/content/**', '**/options/**', '**/cli/**', '**/cli.ts'], message: 'src/sites may import src/core only: the content script, the worker, the panel and the CLI all share it.' }] }],
    },
  },
  {
    // The arrows of issue 8: the shared contracts (protocol, settings, errors) and every
    // context other than the worker never reach into the worker.
    files: ['src/panel/**/*.{ts,tsx}', 'src/options/**/*.{ts,tsx}', 'src/content/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts', 'src/protocol.ts', 'src/settings.ts', 'src/settings-storage.ts', 'src/errors.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/background/**'], message: 'Only the worker imports src/background; share through src/protocol.ts, src/settings.ts, src/sites or src/core.' }] }],
    },
  },
  {
    // The worker sits below the pages: it never imports a page's code (the panel, options or
    // content script); what both need lives in src/core, src/sites or the shared contracts.
    files: ['src/background/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/panel/**', '**/options/**', '**/content/**', '**/cli/**'], message: 'The worker imports no page code; share through src/core, src/sites, src/protocol.ts or src/settings.ts.' }] }],
    },
  },
  {
    // Each page is its own context: what two of them share lives in src/core, src/sites or the
    // shared contracts, never in another page's folder.
    files: ['src/content/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/background/**', '**/panel/**', '**/options/**', '**/cli/**'], message: 'The content script imports src/core, src/sites and the shared contracts only.' }] }] },
  },
  {
    files: ['src/options/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/background/**', '**/panel/**', '**/content/**', '**/cli/**'], message: 'The options page imports src/core, src/sites and the shared contracts only.' }] }] },
  },
  {
    files: ['src/panel/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PANEL_ONLY] }] },
  },
  {
    // The panel's series room (the Versions section): it reads the series slice and draws
    // with the panel's shared parts; the rest of the panel reaches it through the store, and
    // only the layout (App), the store, the controller and the entry name its files.
    files: ['src/panel/*.{ts,tsx}'],
    ignores: ['src/panel/App.tsx', 'src/panel/store.ts', 'src/panel/connection.ts', 'src/panel/main.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PANEL_ONLY, { group: ['./series/*'], message: 'The series room is reached through the store (useSeries), and drawn by App.tsx only.' }] }] },
  },
  {
    files: ['src/panel/series/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [PANEL_ONLY, { group: ['../*.ts', '../*.tsx', '../*.css', '!../store.ts', '!../Section.tsx', '!../MailString.tsx', '!../CopyButton.tsx', '!../diff-lines.ts', '!../Diff.css', '!../InterdiffFile.tsx', '!../InterHunks.tsx'], message: 'panel/series/ uses the shared parts of the panel only (store, Section, MailString, CopyButton, diff-lines, Diff.css, InterdiffFile, InterHunks), not its other components.' }] }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/background/**', '**/panel/**', '**/options/**', '**/content/**'], message: 'The CLI is the core from a terminal: it imports src/core, src/sites and the shared contracts only.' }] }] },
  },
  {
    // The worker's rooms follow its data path: sources and the network below the loader.
    files: ['src/background/sources/**/*.ts', 'src/background/net/**/*.ts', 'src/background/cache/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../load/*', '../series/*', '**/panel/**', '**/options/**', '**/content/**', '**/cli/**'], message: 'sources/, net/ and cache/ sit below load/ and series/: share through src/background/*.ts or src/core.' }] }] },
  },
  {
    // The thread loader knows nothing of the series: the router starts series/ with what a load showed.
    files: ['src/background/load/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../series/*', '**/panel/**', '**/options/**', '**/content/**', '**/cli/**'], message: 'load/ sits below series/: the router (router.ts) hands what a load showed to series/load.ts.' }] }] },
  },
  {
    // The series across versions uses the loader's plumbing (its sink, store and memory), never the loader itself.
    files: ['src/background/series/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../load/*', '!../load/events.ts', '!../load/store.ts', '!../load/state.ts', '../router.ts', '../worker.ts', '**/panel/**', '**/options/**', '**/content/**', '**/cli/**'], message: 'series/ may use load/events.ts, load/store.ts and load/state.ts; the router wires the rest.' }] }],
    },
  },
);
