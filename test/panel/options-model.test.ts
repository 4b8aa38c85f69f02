import { describe, expect, it } from 'vitest';
import { adapterSwitches, probeText, readLimit, toggled, usageText } from '../../src/options/options-model.ts';
import { readInstance } from '../../src/sites/instances.ts';
import { adapters } from '../../src/sites/index.ts';

describe('options: instances', () => {
  it('takes a typed instance as its inbox root, adding https:// to a bare host', () => {
    expect(readInstance('inbox.example.org', [])).toEqual({ ok: true, url: 'https://inbox.example.org/' });
    expect(readInstance('  https://yhbt.net/lore?x=1#y ', [])).toEqual({ ok: true, url: 'https://yhbt.net/lore/' });
    expect(readInstance('http://127.0.0.1:8080/', [])).toEqual({ ok: true, url: 'http://127.0.0.1:8080/' });
  });
  it('refuses empty input, other schemes and duplicates, saying why', () => {
    expect(readInstance('', [])).toMatchObject({ ok: false });
    expect(readInstance('javascript:alert(1)', [])).toEqual({ ok: false, reason: 'Only http and https addresses can be archives.' });
    expect(readInstance('ftp://x.org/', [])).toMatchObject({ ok: false });
    expect(readInstance('https://a.org', ['https://a.org/'])).toEqual({ ok: false, reason: 'That instance is already in the list.' });
  });
  it('words a probe answer', () => {
    expect(probeText({ origin: 'https://a.org/', granted: true, publicInbox: true, reason: null })).toMatch(/public-inbox archive/);
    expect(probeText({ origin: 'https://a.org/', granted: false, publicInbox: null, reason: null })).toMatch(/no permission/);
    expect(probeText({ origin: 'https://a.org/', granted: true, publicInbox: false, reason: 'The host answered HTTP 500.' })).toBe('The host answered HTTP 500.');
  });
});

describe('options: archives and cache', () => {
  it('lists every adapter of src/sites with its switch', () => {
    const list = adapterSwitches(adapters, ['marc']);
    expect(list.map((a) => a.id)).toEqual(adapters.map((a) => a.id));
    expect(list.find((a) => a.id === 'marc')?.on).toBe(false);
    expect(list.filter((a) => a.on)).toHaveLength(adapters.length - 1);
    expect(list.every((a) => a.name.length > 0)).toBe(true);
  });
  it('switching keeps the disabled list without duplicates', () => {
    expect(toggled(['a'], 'b', false)).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'b', false)).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a', true)).toEqual(['b']);
  });
  it('size limit and usage', () => {
    expect(readLimit('200')).toBe(200);
    expect(readLimit('5')).toBeNull();
    expect(readLimit('1.5')).toBeNull();
    expect(readLimit('')).toBeNull();
    expect(usageText({ bytes: 3 * 1024 * 1024, threads: 2, limit: 200 * 1024 * 1024 })).toBe('3 MB used by 2 threads, of 200 MB.');
    expect(usageText(null)).toBe('Usage unknown.');
  });
});
