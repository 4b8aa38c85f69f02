/**
 * Entry of the `listlens` command (bundled to dist/cli/listlens.js by the build; bin/listlens.js
 * imports it). Runs the CLI; everything lives in src/cli/.
 */
import { main } from './cli/main.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // a bug, not bad input: say so in one line, with the stack only on request
    process.stderr.write(`listlens: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.LISTLENS_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 70;
  },
);
