/**
 * What a fetched body is: mail, Atom, an Anubis challenge, or some other page. Real pages:
 * public-inbox 1.9's own HTML (shared notes) and the e2e rig's Anubis page.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { inspectBody, challengeVendor } from '../../../src/background/net/challenge.ts';
import { gzip, gunzip, isGzip, maybeGunzip } from '../../../src/background/net/gzip.ts';
import { Anubis } from '../../e2e/rig/anubis.ts';
import { repoRoot } from '../../helpers/corpus.ts';

const pages = resolve(repoRoot, '../shared/notes/public-inbox-1.9-pages');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Renders the rig's Anubis challenge into a string, as the server would send it. */
function anubisPage(): string {
  let body = '';
  const res = { writeHead: () => res, end: (b: string) => (body = b) } as unknown as ServerResponse;
  new Anubis().challenge({ headers: { 'user-agent': 'Mozilla/5.0' } } as IncomingMessage, res);
  return body;
}

describe('inspectBody', () => {
  it('accepts an mboxrd stream and a bare raw message', () => {
    expect(inspectBody(readFileSync(resolve(pages, 'raw-cover.txt')), 'mbox')).toEqual({ kind: 'ok' });
    expect(inspectBody(enc('Return-Path: <a@b>\nSubject: hi\n\nbody\n'), 'mbox')).toEqual({ kind: 'ok' });
    expect(inspectBody(new Uint8Array(), 'mbox')).toEqual({ kind: 'ok' });
  });

  it('calls the Anubis page a challenge, for mbox and for Atom', () => {
    const page = enc(anubisPage());
    expect(inspectBody(page, 'mbox')).toEqual({ kind: 'challenge', vendor: 'anubis' });
    expect(inspectBody(page, 'atom')).toEqual({ kind: 'challenge', vendor: 'anubis' });
  });

  it('does not call public-inbox pages challenges, but does not take them for mail either', () => {
    for (const f of ['unknown-mid.html', 'msg-cover.html', 'index.html']) {
      const v = inspectBody(readFileSync(resolve(pages, f)), 'mbox');
      expect(v.kind, f).toBe('unexpected');
    }
  });

  it('accepts an Atom feed and refuses mail where Atom was expected', () => {
    const atom = '<?xml version="1.0" encoding="us-ascii"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>';
    expect(inspectBody(enc(atom), 'atom')).toEqual({ kind: 'ok' });
    expect(inspectBody(enc('<!DOCTYPE html><html><body>hi</body></html>'), 'atom').kind).toBe('unexpected');
  });

  it('finds the Anubis markers alone', () => {
    expect(challengeVendor('<title>Making sure you&#39;re not a bot!</title>')).toBe('anubis');
    expect(challengeVendor('<script src="/.within.website/x/cmd/anubis/static/js/main.mjs">')).toBe('anubis');
    expect(challengeVendor('<pre id=b>Subject: not a bot</pre>')).toBeNull();
  });
});

describe('gzip helpers', () => {
  it('round-trips and tells gzip by its magic, not by headers', async () => {
    const raw = readFileSync(resolve(pages, 'raw-cover.txt'));
    const gz = await gzip(raw);
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(raw)).toBe(false);
    expect(await gunzip(gz)).toEqual(new Uint8Array(raw));
    expect(await maybeGunzip(gz)).toEqual(new Uint8Array(raw));
    // A body the browser already decoded comes back unchanged.
    expect(await maybeGunzip(raw)).toBe(raw);
  });

  it('rejects a truncated gzip stream instead of returning half a thread silently', async () => {
    const gz = await gzip(enc('From x\nSubject: y\n\n' + 'z'.repeat(10_000)));
    await expect(gunzip(gz.subarray(0, gz.length - 20))).rejects.toThrow();
  });
});
