/**
 * Every file of the shared corpus goes through the whole pipeline: nothing may throw, every
 * message read gets a unique key, and what could not be read says where and why.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyseMbox } from '../../src/core/analyse.ts';
import { corpusDir, corpusFiles } from '../helpers/corpus.ts';

describe.runIf(corpusDir)('the whole corpus through analyseMbox', () => {
  it('never throws, and every result is sane', async () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(500);
    let messages = 0;
    const failures: string[] = [];
    for (const file of files) {
      try {
        const r = await analyseMbox(new Uint8Array(readFileSync(file)));
        const a = r.analysis;
        const ids = a.messages.map((m) => m.id);
        if (new Set(ids).size !== ids.length) failures.push(`${file}: duplicate keys`);
        for (const e of a.errors) if (!e.where || !e.reason) failures.push(`${file}: error without where/reason`);
        for (const m of a.messages) if (m.parent && !ids.includes(m.parent)) failures.push(`${file}: ${m.id} has a parent not in messages`);
        messages += r.heads.length;
        JSON.stringify(a);
      } catch (err) {
        failures.push(`${file}: threw ${err instanceof Error ? err.stack : String(err)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(messages).toBeGreaterThan(700);
  });
});
