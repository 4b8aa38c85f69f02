/**
 * Every file of the shared corpus goes through the whole pipeline: nothing may throw, every
 * message read gets a unique key, and what could not be read says where and why.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyseHeads, analyseMbox } from '../../src/core/analyse.ts';
import { corpusDir, corpusFiles, corpusPath } from '../helpers/corpus.ts';

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

  it('reads every message the MANIFEST counts, and nothing from the files it says are not mail', () => {
    // MANIFEST's counter splits on any `From ` after a blank line; ours wants a header line
    // after it, so these fuzzed files' `From xl.org, …` body lines stay in their message.
    const splitElsewhere = new Set(['patchwork/fuzz/codec-null.mbox', 'patchwork/fuzz/name-len.mbox']);
    // `From  : John Doe` (obsolete spacing before the colon) is a header, which that counter missed
    const manifestMissed = new Set(['mikel-mail/rfc2822/example13.eml']);
    // the cifs thread came both through linux-cifs and linux-fsdevel: 34 mails are there twice,
    // byte for byte in body, and are read once (headers.ts dropCopies)
    const copies = new Map([['notmuch/derived/DERIVED-notmuch-lkml-corpus.mboxrd', 34]]);
    const manifest = readFileSync(corpusPath('MANIFEST.md'), 'utf8');
    const rows = [...manifest.matchAll(/^\| ([^|]+?) \| [^|]+ \| \d+ \| (\d+) \|/gm)].map((m) => [m[1]!, Number(m[2])] as const).filter(([file]) => file.includes('/'));
    expect(rows.length).toBeGreaterThan(600);
    const wrong: string[] = [];
    const notMail: string[] = [];
    for (const [file, count] of rows) {
      if (splitElsewhere.has(file) || manifestMissed.has(file)) continue;
      const r = analyseHeads(new Uint8Array(readFileSync(corpusPath(file))));
      if (r.heads.length !== count - (copies.get(file) ?? 0)) wrong.push(`${file}: ${r.heads.length} read, MANIFEST ${count}`);
      if (count === 0) {
        notMail.push(file);
        if (!r.errors.some((e) => /^not mail|empty/.test(e.reason))) wrong.push(`${file}: no "not mail" error`);
      }
    }
    expect(wrong).toEqual([]);
    // git's expected-output bodies, a From_ line with no header after it, a README, JSON
    expect(notMail).toEqual(expect.arrayContaining(['git/0001mboxrd', 'git/0002mboxrd', 'git/nul-plain', 'notmuch/corpora/README', 'patchew/0022-another-simple-patch.json']));
  });
});
