import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBody } from '../../../src/core/mail/body.ts';
import { splitMbox } from '../../../src/core/mail/mbox.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const msgs = splitMbox(new Uint8Array(readFileSync(new URL('../../fixtures/core/series.mbox', import.meta.url)))).messages;

describe('parseBody', () => {
  it('decodes quoted-printable UTF-8 text', async () => {
    const b = await parseBody(msgs[3]!);
    expect(b.text).toContain('Looks good, schön.');
    expect(b.text).toContain('Reviewed-by: Björn Reviewer <bjorn@example.com>');
    expect(b.fromHtml).toBe(false);
  });
  it('falls back to HTML (base64, latin-1) through the DOM-free converter', async () => {
    const b = await parseBody(msgs[4]!);
    expect(b.fromHtml).toBe(true);
    expect(b.text).toBe('Tested on my box & it works.\n\n> This series makes frobnication faster.\n\nTested-by: Carol Tester <carol@example.net>');
  });
  it('appends an inline text/x-patch part and lists attachments', async () => {
    const raw = enc([
      'Subject: [PATCH] x', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '',
      '--b', 'Content-Type: text/plain', '', 'See attached.', '',
      '--b', 'Content-Type: text/x-patch; name="0001-x.patch"', 'Content-Disposition: attachment; filename="0001-x.patch"', '',
      'diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1 +1 @@', '-a', '+b', '',
      '--b', 'Content-Type: application/octet-stream; name="blob.bin"', 'Content-Transfer-Encoding: base64', '', 'AAEC', '--b--', '',
    ].join('\r\n'));
    const b = await parseBody(raw);
    expect(b.text).toContain('See attached.');
    expect(b.text).toContain('diff --git a/x b/x\n--- a/x\n+++ b/x');
    expect(b.text).not.toContain('\r');
    expect(b.attachments).toEqual(['0001-x.patch', 'blob.bin']);
  });
  it('refuses, with a reason, a body over the limit', async () => {
    const big = new Uint8Array(33 * 1024 * 1024).fill(0x61);
    await expect(parseBody(big)).rejects.toThrow(/not decoded/);
  });
});

describe('the postal-mime patch (scripts/patch-postal-mime.js)', async () => {
  const { cpSync, mkdtempSync, readFileSync: read, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { EDITS, patchPostalMime, unpatchedText } = await import('../../../scripts/patch-postal-mime.js');
  const { repoRoot } = await import('../../helpers/corpus.ts');
  const installed = join(repoRoot, 'node_modules/postal-mime');

  function stockCopy(): string {
    const dir = join(mkdtempSync(join(tmpdir(), 'listlens-pm-')), 'postal-mime');
    cpSync(installed, dir, { recursive: true });
    for (const file of new Set(EDITS.map((e) => e[0]))) writeFileSync(join(dir, file), unpatchedText(file, read(join(dir, file), 'utf8')));
    return dir;
  }

  it('is applied to the installed postal-mime', () => {
    expect(read(join(installed, 'dist/esm/qp-decoder.js'), 'utf8')).toContain('concatChunks(this.chunks)');
    expect(read(join(installed, 'dist/cjs/base64-decoder.js'), 'utf8')).toContain('concatChunks)(this.chunks)');
  });

  it('patches a stock copy, is idempotent, and fails loudly on unexpected text or version', () => {
    const dir = stockCopy();
    expect(read(join(dir, 'dist/esm/qp-decoder.js'), 'utf8')).toContain('new Blob(this.chunks');
    expect(patchPostalMime(dir)).toBe('patched');
    expect(patchPostalMime(dir)).toBe('already patched');
    for (const file of new Set(EDITS.map((e) => e[0]))) expect(read(join(dir, file), 'utf8')).toBe(read(join(installed, file), 'utf8'));
    writeFileSync(join(dir, 'dist/esm/qp-decoder.js'), '// something else\n');
    expect(() => patchPostalMime(dir)).toThrow(/neither the original nor the patched text/);
    const other = stockCopy();
    const pkgPath = join(other, 'package.json');
    writeFileSync(pkgPath, read(pkgPath, 'utf8').replace('"version": "4.0.0"', '"version": "4.0.1"'));
    expect(() => patchPostalMime(other)).toThrow(/postal-mime is 4\.0\.1/);
  });

  it('gives the same bytes as the Blob round trip it replaces', async () => {
    const dir = stockCopy();
    const stock = (await import(join(dir, 'dist/esm/postal-mime.js'))).default as typeof import('postal-mime').default;
    const patched = (await import('postal-mime')).default;
    const { corpusDir: cd, readCorpus } = await import('../../helpers/corpus.ts');
    const extra = cd ? ['postal-mime/mimetorture.eml', 'mailparser/nodemailer.eml', 'notmuch/corpora/attachment/x-gtar-compressed.eml'].map(readCorpus) : [];
    for (const m of [...msgs, ...extra]) {
      const a = await stock.parse(m);
      const b = await patched.parse(m);
      expect(b.text).toBe(a.text);
      expect(b.html).toBe(a.html);
      expect(b.attachments.map((x) => [...new Uint8Array(x.content as ArrayBuffer)])).toEqual(a.attachments.map((x) => [...new Uint8Array(x.content as ArrayBuffer)]));
    }
  });
});
