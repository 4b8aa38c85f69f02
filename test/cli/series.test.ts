/**
 * `listlens series`: the matrix in text and the JSON object on real corpus mail (several
 * versions in one mbox, and versions given as separate files), usage and input errors, and
 * a public-inbox URL fetched from a local HTTP server (the URL names the anchor message).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli } from '../helpers/cli.ts';
import { corpusDir, corpusPath } from '../helpers/corpus.ts';
import { bob, mbox, posting, reply } from '../fixtures/model/series-mail.ts';

const two: Array<[string, string, string]> = [
  ['mm: add frob helper', 'mm/frob.c', 'a'],
  ['mm: use frob helper', 'mm/use.c', 'b'],
];

describe('listlens series', () => {
  const dir = mkdtempSync(join(tmpdir(), 'listlens-series-'));
  const v1 = posting('v1', 1, 1, 'mm: make frobnication faster', two);
  const v1file = join(dir, 'v1.mbox');
  const v2file = join(dir, 'v2.mbox');
  const review = `Reviewed-by: ${bob.name} <${bob.address}>`;
  writeFileSync(v1file, mbox([...v1, reply('r1', v1[1]!, bob, 2, review), reply('r2', v1[2]!, bob, 2, review)]));
  writeFileSync(v2file, mbox(posting('v2', 2, 9, 'mm/frob: make frobnication faster', [two[0]!, ['mm: use frob helper', 'mm/use.c', 'c']], { extraCover: '- Link to v1: https://patch.msgid.link/v1-0@example.org\n' })));

  it('several files are one series: the matrix, status lines, what lacks review, what was not carried', async () => {
    const r = await runCli(['series', v1file, v2file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Series: mm/frob: make frobnication faster');
    expect(r.out).toContain('  v1: 2/2 reviewed   (2024-01-01; link; b4 shazam v1-0@example.org)');
    expect(r.out).toContain('  v2: 1/2 reviewed   (2024-01-09; link; b4 shazam v2-0@example.org)');
    expect(lines.find((l) => l.includes('mm: add frob helper'))).toMatch(/^ {2}1 mm: add frob helper +\+ R +≡ R$/);
    expect(lines.find((l) => l.includes('mm: use frob helper'))).toMatch(/^ {2}2 mm: use frob helper +\+ R +∆$/);
    // one meaning per sign, as in the panel and in listlens diff
    expect(r.out).toContain('+ new  ≡ unchanged  ∆ changed  ⊂ split  ⊃ squashed  − dropped  ? missing');
    expect(r.out).toContain('Without Reviewed-by or Acked-by in v2:\n  2/2 mm: use frob helper');
    expect(r.out).toContain('Not carried forward:\n  mm: use frob helper: Reviewed-by: Bob Reviewer <bob@example.org> — given on v1; patch changed since');
  });

  it('--json prints {series: [ledger], errors}', async () => {
    const r = await runCli(['series', v2file, v1file, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['series', 'errors']);
    const l = j.series[0];
    expect(l.versions.map((v: { version: number; summary: string }) => v.summary)).toEqual(['v1: 2/2 reviewed', 'v2: 1/2 reviewed']);
    expect(l.rows[0].cells[1]).toMatchObject({ state: 'unchanged', present: true, counter: 1, marks: { reviewed: 1, acked: 0, tested: 0 } });
    expect(l.rows[0].cells[1].trailers.find((t: { name: string }) => t.name === 'Reviewed-by')).toMatchObject({ givenOn: 1, carried: true, stale: false, origin: 'followup', from: 'r1@example.org' });
    expect(l.needsReview).toEqual([1]);
  });

  it.runIf(corpusDir)('reads real multi-version mail: patchew quorum v1..v3 in one mbox', async () => {
    const r = await runCli(['series', corpusPath('patchew/0009-obsolete-by.mbox')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ {2}1 quorum: Only compile when supported +\+ +≡ +≡/);
  });

  it('usage and input errors', async () => {
    expect((await runCli(['series'])).code).toBe(1);
    expect((await runCli(['series', '--frob', v1file])).code).toBe(1);
    expect((await runCli(['series', '-', '-'])).code).toBe(1);
    const missing = await runCli(['series', join(dir, 'nope.mbox')]);
    expect([missing.code, missing.err]).toEqual([2, `listlens series: cannot read ${join(dir, 'nope.mbox')}: no such file\n`]);
    const plain = join(dir, 'plain.mbox');
    writeFileSync(plain, mbox([{ id: 'x@example.org', from: bob, subject: 'hello', date: 'Mon, 1 Jan 2024 10:00:00 +0000', body: 'no patch here' }]));
    const none = await runCli(['series', plain]);
    expect([none.code, none.err]).toEqual([2, `listlens series: no patch series in ${plain}\n`]);
    expect((await runCli(['series', '--help'])).out).toContain('usage: listlens series');
  });

  describe('a public-inbox URL', () => {
    let server: Server;
    let base = '';
    beforeAll(async () => {
      const body = gzipSync(readFileSync(v1file));
      server = createServer((req, res) => {
        if (req.url === '/list/v1-2@example.org/t.mbox.gz') {
          res.writeHead(200, { 'Content-Type': 'application/gzip' });
          res.end(body);
        } else {
          res.writeHead(404);
          res.end();
        }
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      const addr = server.address();
      base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    });
    afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

    it('is fetched as its thread; another version given as a file joins it', async () => {
      const r = await runCli(['series', `${base}/list/v1-2@example.org/`, v2file]);
      expect(r.err).toBe('');
      expect(r.out).toContain('v2: 1/2 reviewed');
      const gone = await runCli(['series', `${base}/list/nope@example.org/`]);
      expect(gone.code).toBe(3);
    });
  });
});
