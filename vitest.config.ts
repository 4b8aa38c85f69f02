import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests over the core and the adapters, and end-to-end tests that
// drive the built extension in real browsers against a real public-inbox-httpd.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/e2e/**'],
          testTimeout: 60_000,
          // The panel writes dates in the reader's zone: pin one so expectations hold anywhere.
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
