// Lint rules that protect the architecture, not just style: src/core must stay pure
// (no browser, no Node), so the worker, the CLI and the tests can share it.
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
      'no-restricted-imports': ['error', { patterns: ['node:*', '../background/*', '../panel/*', '../content/*', '../sites/*', '../cli*', 'fs', 'path', 'stream', 'buffer'] }],
    },
  },
  {
    files: ['src/sites/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', '../background/*', '../panel/*', '../content/*'] }],
    },
  },
);
