/**
 * The CI budget of the mutation fuzzer (test/fuzz/fuzz.ts, issue 9): a fixed seed and a fixed
 * number of cases, about a minute on this machine. Every case must keep the properties: no
 * exception, every input message in `messages` or `errors` exactly once, and no case over
 * 100× a linear pass over its bytes (a per-case cap with a floor, so a hang fails and noise
 * does not). A longer run: `npm run fuzz -- --cases 100000`.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, loadInputs, makeCase, runFuzz } from '../fuzz/fuzz.ts';
import { MAX_CASE_BYTES, MAX_CASE_MESSAGES } from '../fuzz/mutators.ts';
import { corpusDir } from '../helpers/corpus.ts';

/** Cases in the CI budget: about 10 s here with the default seed (45 s before issue 16 bounded what mutators build). */
const CASES = 220;

describe.runIf(corpusDir)('mutation fuzzer, CI budget', () => {
  it(`${CASES} cases from seed ${DEFAULT_SEED} keep every property`, async () => {
    const report = await runFuzz({ cases: CASES });
    expect(report.cases).toBe(CASES);
    // every failure with its case number, to replay: npm run fuzz -- --case N
    expect(report.failures).toEqual([]);
  }, 600_000);

  it('builds bounded cases for any seed: 424242 built messages of 150 MB (issue 16) that crashed the run', () => {
    const inputs = loadInputs();
    for (const seed of [424242, 1, DEFAULT_SEED]) {
      let largest = 0;
      for (let k = 0; k < 250; k++) {
        const c = makeCase(inputs, seed, k);
        largest = Math.max(largest, c.bytes.length);
      }
      // the From_ lines of an mbox come on top of the messages' own bytes
      expect(largest, `seed ${seed}`).toBeLessThan(MAX_CASE_BYTES + MAX_CASE_MESSAGES * 100);
    }
  });
});
