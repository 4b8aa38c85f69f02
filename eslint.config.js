// Lint rules that protect the architecture, not just style: src/core must stay pure
// (no browser, no Node), so the worker, the CLI and the tests can share it; src/sites
// imports only the core; nothing but the worker imports src/background (README,
// Architecture).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browserAndNode = ['window', 'document', 'chrome', 'browser', 'Buffer', 'process', 'require', 'localStorage', 'indexedDB', 'fetch', 'navigator', 'location'];

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
    rules: {
      'no-restricted-globals': ['error', ...browserAndNode],
      // src/core is flat: any `../` leaves it.
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', 'node:*', 'fs', 'path', 'stream', 'buffer', 'webextension-polyfill', 'idb', 'preact', 'preact/*', '@preact/*'], message: 'src/core is pure: it imports only src/core and pure libraries.' }] }],
    },
  },
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
);
