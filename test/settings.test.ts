/**
 * The settings' schema (src/settings.ts): a stored value made whole. Here only what issue 12
 * added: `annotatePages`, on unless the reader switched it off, whatever else is stored.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, sanitize } from '../src/settings.ts';

describe('annotatePages', () => {
  it('is on by default and for a store written before it existed', () => {
    expect(DEFAULT_SETTINGS.annotatePages).toBe(true);
    expect(sanitize(undefined).annotatePages).toBe(true);
    expect(sanitize({ instances: [], cacheLimitMB: 300 }).annotatePages).toBe(true);
  });

  it('keeps the reader\'s choice, and only a boolean counts as one', () => {
    expect(sanitize({ annotatePages: false }).annotatePages).toBe(false);
    expect(sanitize({ annotatePages: true }).annotatePages).toBe(true);
    for (const junk of ['false', 0, null, {}, []]) expect(sanitize({ annotatePages: junk }).annotatePages).toBe(true);
  });
});

describe('size limits (issue 16)', () => {
  it('default to 64 MB downloaded and 512 MB decompressed; a stored value within range is kept, any other is the default', () => {
    expect(sanitize(undefined)).toMatchObject({ maxDownloadMB: 64, maxInflatedMB: 512 });
    expect(sanitize({ maxDownloadMB: 200, maxInflatedMB: 2048 })).toMatchObject({ maxDownloadMB: 200, maxInflatedMB: 2048 });
    expect(sanitize({ maxDownloadMB: 0, maxInflatedMB: 'lots' })).toMatchObject({ maxDownloadMB: 64, maxInflatedMB: 512 });
    expect(sanitize({ maxDownloadMB: 5000, maxInflatedMB: 8 })).toMatchObject({ maxDownloadMB: 64, maxInflatedMB: 512 });
  });
});

describe('patchwork (issue 18)', () => {
  it('is off by default, patchwork.kernel.org its instance, no list of the reader', () => {
    expect(DEFAULT_SETTINGS.patchwork).toEqual({ on: false, url: 'https://patchwork.kernel.org/', lists: [] });
    expect(sanitize(undefined).patchwork).toEqual(DEFAULT_SETTINGS.patchwork);
    expect(sanitize({ maintainers: { on: true } }).patchwork.on).toBe(false);
  });

  it('keeps a stored instance as its root, and only http(s); lists lower-cased, junk dropped', () => {
    expect(sanitize({ patchwork: { on: true, url: 'https://patchwork.ozlabs.org', lists: ['LinuxPPC-Dev', ' netdev@vger.kernel.org ', 3, '<b>'] } }).patchwork).toEqual({
      on: true,
      url: 'https://patchwork.ozlabs.org/',
      lists: ['linuxppc-dev', 'netdev@vger.kernel.org'],
    });
    expect(sanitize({ patchwork: { url: 'https://pw.example.org/pw/api/?x=1' } }).patchwork.url).toBe('https://pw.example.org/pw/api/');
    for (const junk of ['javascript:alert(1)', 'ftp://pw.example.org/', 'https://u:p@pw.example.org/', 'not a url', 7]) expect(sanitize({ patchwork: { url: junk } }).patchwork.url).toBe('https://patchwork.kernel.org/');
    for (const junk of ['yes', 1, null]) expect(sanitize({ patchwork: { on: junk } }).patchwork.on).toBe(false);
  });
});
