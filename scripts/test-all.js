#!/usr/bin/env node
// The one test command: type check, lint, build, lint the Firefox build, then every vitest
// suite (unit and end-to-end). Each check counts as one test next to vitest's own, and the
// last line is "N passed, N failed" over all of them, which CI reads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
const failures = [];

function check(name, cmd, args) {
  console.log(`\n== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return r.status === 0;
}

check('typecheck', 'npx', ['tsc', '--noEmit']);
check('lint', 'npx', ['eslint', '.']);
const built = check('build', 'npm', ['run', 'build', '--silent']);
if (built) check('web-ext lint', 'npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--self-hosted', '--warnings-as-errors=false']);

const out = join(mkdtempSync(join(tmpdir(), 'listlens-vitest-')), 'results.json');
console.log('\n== vitest (unit and e2e)');
spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`], { stdio: 'inherit' });
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A suite that fails to load has no tests to count; count it as one failure.
  for (const s of r.testResults) {
    if (s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')) {
      failed++;
      failures.push(s.name);
    }
  }
  for (const s of r.testResults) for (const a of s.assertionResults) if (a.status === 'failed') failures.push(a.fullName);
} catch (e) {
  failed++;
  failures.push(`vitest produced no report: ${e.message}`);
}

if (failures.length) console.log(`\nfailed:\n  ${failures.join('\n  ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
