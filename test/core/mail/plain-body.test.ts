/**
 * Differential test of the fast body path (src/core/mail/plain-body.ts) against postal-mime
 * (body.ts's parseMime), over every message of the corpus and the bench's generated thread:
 * wherever the fast path takes a message, its text must be exactly postal-mime's. It must
 * also take most list mail (else it saves nothing) and decline what it cannot read the same
 * way (multipart, HTML, format=flowed).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { corpusDir, corpusFiles } from '../../helpers/corpus.ts';
import { splitMbox } from '../../../src/core/mail/mbox.ts';
import { parseMime } from '../../../src/core/mail/body.ts';
import { parsePlainBody } from '../../../src/core/mail/plain-body.ts';
import { parseMultipartBody } from '../../../src/core/mail/multipart-body.ts';
import { parseBodyFast } from '../../../src/core/mail/body.ts';
import { generateThread } from '../../../bench/generate.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

async function compare(raws: Uint8Array[], where: (i: number) => string): Promise<{ taken: number; total: number }> {
  let taken = 0;
  for (let i = 0; i < raws.length; i++) {
    const fast = parseBodyFast(raws[i]!);
    if (!fast) continue;
    taken++;
    const slow = await parseMime(raws[i]!);
    expect(fast, where(i)).toEqual(slow);
  }
  return { taken, total: raws.length };
}

describe('the fast single-part decoder against postal-mime', () => {
  it('agrees on the generated review thread and takes most of it', async () => {
    const raws = splitMbox(generateThread(20180721, 300).mbox).messages;
    const { taken, total } = await compare(raws, (i) => `generated #${i}`);
    expect(taken / total).toBeGreaterThan(0.6);
  });

  it.runIf(corpusDir)('agrees on every message of the corpus it takes', async () => {
    let taken = 0;
    let total = 0;
    for (const file of corpusFiles()) {
      const raws = splitMbox(new Uint8Array(readFileSync(file))).messages;
      const r = await compare(raws, (i) => `${file}#${i}`);
      taken += r.taken;
      total += r.total;
    }
    expect(total).toBeGreaterThan(700);
    expect(taken / total).toBeGreaterThan(0.5);
  });

  it('reads the transfer encodings and line ends exactly', async () => {
    const cases = [
      'Subject: a\r\n\r\nline one\r\nline two\r\r\nno newline at the end',
      'Subject: a\nContent-Type: text/plain; charset="iso-8859-1"\nContent-Transfer-Encoding: quoted-printable\n\nsch=F6n =\nsoft=3D break =4 =ZZ trailing=\n=\n',
      'Subject: a\nContent-Type: TEXT/PLAIN;\n charset=utf-8\nContent-Transfer-Encoding: BASE64\n\nw7xiZXI=\nPT0K\r\nYQ\n',
      'Subject: a\nContent-Transfer-Encoding: base64\n\nYWJj=ZGVm==Z2g\n',
      'Subject: only headers',
      '\nno headers at all\n',
      'Subject: a\n\n',
      'Subject: a\nContent-Type: text/plain; charset=\n\n\xef\xbb\xbfbom\n',
      'Content-Type: text/plain; format=flowed\nContent-Disposition: inline\n\n a \nb \n-- \nsig\n',
      'Content-Type: text/plain; format=Flowed; delsp=yes; charset=ISO-8859-1\n\nsch\xf6n \nweiter\n \n\n',
      'Content-Type: text/plain; charset="GB2312"\nContent-Transfer-Encoding: quoted-printable\n\n=C4=E3=BA=C3\n',
    ];
    for (const c of cases) {
      const raw = Uint8Array.from(c, (ch) => ch.charCodeAt(0));
      expect(parsePlainBody(raw), JSON.stringify(c)).toEqual(await parseMime(raw));
    }
  });

  it('reads the common multiparts exactly', async () => {
    const cases = [
      'Content-Type: multipart/alternative; boundary="b"\n\npreamble\n--b\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nsch=C3=B6n\nsoft=\nbreak\n--b  \nContent-Type: text/html\n\n<p>x</p>\n--b--\nepilogue\n--b\nnot a part\n',
      'Content-Type: multipart/mixed; boundary=xyz\r\n\r\n--xyz\r\n\r\nfirst\r\n--xyz\r\nContent-Type: text/plain\r\nContent-Disposition: inline\r\n\r\nsecond\r\n--xyz\r\nContent-Type: text/x-patch; name="0001-a.patch"\r\nContent-Disposition: attachment; filename="0001-a.patch"\r\nContent-Transfer-Encoding: base64\r\n\r\nZGlmZiAtLWdpdCBhL3ggYi94Cg==\r\n--xyz\r\nContent-Type: application/octet-stream; name=blob.bin\r\n\r\nAAEC\r\n--xyz--\r\n',
      'Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: text/plain\n\nbody\n--q\nContent-Type: text/x-diff\n\n \n\n--q\nContent-Type: text/plain\nContent-Disposition: attachment\n\nnot the body\n--q\nContent-Type: text/plain; name=""\nContent-Disposition: attachment; filename=""\n\nx\n--q\n\nno close delimiter',
      'Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: image/png; name="a.png"\n\nxx\n--q--\n',
    ];
    for (const c of cases) {
      const raw = Uint8Array.from(c, (ch) => ch.charCodeAt(0));
      const fast = parseMultipartBody(raw);
      expect(fast, JSON.stringify(c)).not.toBeNull();
      expect(fast, JSON.stringify(c)).toEqual(await parseMime(raw));
    }
  });

  it('agrees on random quoted-printable and base64 bodies (stray =, soft breaks, odd tails, junk bytes)', async () => {
    const qpPiece = fc.constantFrom('a', ' ', '=', '=3D', '=C3=B6', '=4', '=ZZ', '=\n', '\n', '\r\n', '\t', 'From ', 'x=', '==', '=e9');
    const b64Piece = fc.constantFrom('YWJj', 'w7x', 'Z', '=', '==', '\n', '\r\n', ' ', '!', 'PT0K', 'YQ', '\x80', '-', '_');
    const body = (enc: string, piece: fc.Arbitrary<string>) => fc.array(piece, { maxLength: 60 }).map((ps) => `Subject: a\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: ${enc}\n\n${ps.join('')}`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(body('quoted-printable', qpPiece), body('base64', b64Piece)), async (c) => {
        const raw = Uint8Array.from(c, (ch) => ch.charCodeAt(0));
        const fast = parsePlainBody(raw);
        if (fast) expect(fast, JSON.stringify(c)).toEqual(await parseMime(raw));
      }),
      { numRuns: 400 },
    );
  });

  it('reads only charset labels postal-mime hands to TextDecoder as they are', async () => {
    const { ENCODING_LABELS } = (await import('../../../node_modules/postal-mime/dist/esm/decode-strings.js')) as { ENCODING_LABELS: Set<string> };
    const { LABELS } = await import('../../../src/core/mail/plain-body.ts');
    for (const label of LABELS) {
      expect(ENCODING_LABELS.has(label), label).toBe(true);
      expect(() => new TextDecoder(label), label).not.toThrow();
    }
  });

  it('declines what only postal-mime reads right', () => {
    for (const c of [
      'Content-Type: multipart/mixed; boundary=x\n\n--x\n\na\n--x--\n',
      'Content-Type: text/html\n\n<p>a</p>\n',
      'Content-Type: text/plain; charset*=utf-8\'\'x\n\na\n',
      'Content-Type: text/plain (comment); charset=utf-8\n\na\n',
      'Content-Type: text/plain; charset=x-unknown\n\na\n',
      'Content-Disposition: attachment; filename=a.txt\n\na\n',
      'Content-Type: text/plain; charset=iso-8859-16\n\na\n',
      'Content-Transfer-Encoding: x-uuencode\n\na\n',
      'Content-Type:\n\na\n',
      ' Content-Type: text/html\n\na\n',
    ]) expect(parsePlainBody(enc(c)), c).toBeNull();
    for (const c of [
      'Content-Type: multipart/related; boundary=q\n\n--q\n\na\n--q--\n',
      'Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: multipart/alternative; boundary=r\n\n--r\n\na\n--r--\n--q--\n',
      'Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: text/html\n\n<p>a</p>\n--q--\n',
      'Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: message/rfc822\n\nSubject: x\n\ny\n--q--\n',
      'Content-Type: multipart/alternative; boundary=q\n\n--q\nContent-Type: text/plain\n\n \n--q\nContent-Type: text/html\n\n<p>a</p>\n--q--\n',
      'Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: application/pdf; name="=?utf-8?q?a=C3=B6.pdf?="\n\nx\n--q--\n',
      'Content-Type: multipart/mixed\n\n--q\n\na\n--q--\n',
      'Content-Type: multipart/mixed; boundary=q\n\nonly a preamble\n',
    ]) expect(parseMultipartBody(enc(c)), c).toBeNull();
  });
});
