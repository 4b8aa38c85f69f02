/**
 * What the options page refuses as a public-inbox instance (issue 9, item 7): text that is no
 * web address, and the hosts ListLens already reads.
 */
import { describe, expect, it } from 'vitest';
import { readInstance } from '../../src/sites/instances.ts';

describe('options: instances refused', () => {
  it('refuses what is no web address, saying so', () => {
    for (const t of ['not a url', 'notaurl', 'https://notaurl/', 'http://-bad-.org/', 'https://a..b/']) {
      expect(readInstance(t, []), t).toMatchObject({ ok: false, reason: expect.stringMatching(/not a web address/) });
    }
  });
  it('refuses lore.kernel.org and the other built-in hosts, any path, either scheme', () => {
    expect(readInstance('lore.kernel.org', [])).toEqual({ ok: false, reason: 'lore.kernel.org is built in: ListLens already reads it, nothing to add.' });
    expect(readInstance('http://lore.kernel.org/lkml/', [])).toMatchObject({ ok: false, reason: expect.stringMatching(/^lore\.kernel\.org is built in/) });
    expect(readInstance('https://inbox.sourceware.org/gdb/', [])).toMatchObject({ ok: false, reason: expect.stringMatching(/^inbox\.sourceware\.org is built in/) });
  });
  it('still takes other hosts, IP literals and paths beside a built-in one', () => {
    expect(readInstance('https://yhbt.net/other/', [])).toEqual({ ok: true, url: 'https://yhbt.net/other/' });
    expect(readInstance('http://127.0.0.1:8080/', [])).toEqual({ ok: true, url: 'http://127.0.0.1:8080/' });
    expect(readInstance('http://[::1]:8080/lists', [])).toEqual({ ok: true, url: 'http://[::1]:8080/lists/' });
    expect(readInstance('inbox.example.org', [])).toEqual({ ok: true, url: 'https://inbox.example.org/' });
  });
});
