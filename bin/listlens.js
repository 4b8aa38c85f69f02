#!/usr/bin/env node
// The `listlens` command: a thin launcher for the CLI bundle that `npm run build` writes.
import { existsSync } from 'node:fs';
const entry = new URL('../dist/cli/listlens.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('listlens: dist/cli/listlens.js is missing; run `npm run build` first');
  process.exit(2);
}
await import(entry.href);
