import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBody } from '../../src/core/body.ts';
import { splitMbox } from '../../src/core/mbox.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const msgs = splitMbox(new Uint8Array(readFileSync(new URL('../fixtures/core/series.mbox', import.meta.url)))).messages;

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
