/**
 * The worker's pure host rules: match patterns as browsers read them (for "does a content
 * script report on this URL"), the User-Agent rule's hosts, public-inbox's traits in raw
 * HTML (on real public-inbox 1.9 pages), and how an added instance is stored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostsOfPatterns, matchPattern } from '../../../src/background/browser/host-rules.ts';
import { looksLikePublicInbox, normalizeInstance } from '../../../src/sites/public-inbox-url.ts';
import { adapterHosts } from '../../../scripts/manifest.js';
import { adapters } from '../../../src/sites/index.ts';

const PAGES = resolve(import.meta.dirname, '../../../../shared/notes/public-inbox-1.9-pages');

describe('matchPattern', () => {
  it('reads scheme, host and path as the browsers do', () => {
    expect(matchPattern('https://lore.kernel.org/*', 'https://lore.kernel.org/linux-mm/x@y/')).toBe(true);
    expect(matchPattern('https://lore.kernel.org/*', 'http://lore.kernel.org/linux-mm/')).toBe(false);
    expect(matchPattern('https://lore.kernel.org/*', 'https://lore.kernel.org.evil.example/')).toBe(false);
    expect(matchPattern('https://yhbt.net/lore/*', 'https://yhbt.net/lore/all/a@b/')).toBe(true);
    expect(matchPattern('https://yhbt.net/lore/*', 'https://yhbt.net/other/')).toBe(false);
    expect(matchPattern('https://lwn.net/ml/*', 'https://lwn.net/Articles/1000000/')).toBe(false);
    expect(matchPattern('*://*.example.org/*', 'http://a.b.example.org/x')).toBe(true);
    expect(matchPattern('*://*.example.org/*', 'https://example.org/')).toBe(true);
    expect(matchPattern('*://*.example.org/*', 'ftp://example.org/')).toBe(false);
    expect(matchPattern('https://marc.info/*', 'https://marc.info/?l=linux-mm&m=1')).toBe(true);
    expect(matchPattern('https://lore.kernel.org/*', 'not a url')).toBe(false);
    expect(matchPattern('<all_urls>', 'https://x.example/')).toBe(true);
  });

  it('every adapter example URL that matches is covered by the manifest patterns built from the adapters', async () => {
    const hosts = adapterHosts(adapters);
    const files = ['public-inbox', 'marc', 'spinics', 'lkml-org', 'hypermail', 'openwall', 'lwn', 'mail-archive', 'patchwork', 'pipermail', 'hyperkitty'];
    let n = 0;
    for (const f of files) {
      const { examples } = (await import(`../../../src/sites/${f}.ts`)) as { examples: { match: Array<[string, unknown]> } };
      for (const [url] of examples.match) {
        // origins the adapters do not list (patchwork, pipermail… on any host; http:// examples)
        // are the reader's to add: only listed origins must be covered
        const u = new URL(url);
        if (!hosts.some((h) => h.startsWith(`${u.protocol}//${u.hostname}/`))) continue;
        n++;
        expect(hosts.some((h) => matchPattern(h, url)), url).toBe(true);
      }
    }
    expect(n).toBeGreaterThan(20);
  });
});

describe('hostsOfPatterns', () => {
  it('gives bare hostnames for the User-Agent rule, deduplicated, wildcard hosts dropped', () => {
    expect(hostsOfPatterns(['https://lore.kernel.org/*', 'https://yhbt.net/lore/*', 'https://yhbt.net/other/*', '*://*.example.org/*', '*://*/*', 'garbage'])).toEqual([
      'lore.kernel.org',
      'yhbt.net',
      'example.org',
    ]);
  });
});

describe('looksLikePublicInbox', () => {
  const pages = readdirSync(PAGES).filter((f) => f.endsWith('.html'));

  it('recognises every real public-inbox 1.9 page', () => {
    expect(pages.length).toBeGreaterThan(5);
    for (const f of pages) expect(looksLikePublicInbox(readFileSync(join(PAGES, f), 'utf8')), f).toBe(true);
  });

  it('does not take other archives’ pages or a page that only mentions one trait', () => {
    const dir = join(import.meta.dirname, '../../e2e/pages');
    const others = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.html'));
    expect(others.length).toBeGreaterThan(3);
    for (const d of others) expect(looksLikePublicInbox(readFileSync(join(d.parentPath, d.name), 'utf8')), d.name).toBe(false);
    expect(looksLikePublicInbox('<p>subscribe via <a href="new.atom">Atom</a></p>')).toBe(false);
    expect(looksLikePublicInbox('')).toBe(false);
  });
});

describe('instances', () => {
  it('are stored as origin plus a path ending in /, http(s) only', () => {
    expect(normalizeInstance(' https://yhbt.net/lore/all?q=x#frag ')).toBe('https://yhbt.net/lore/all/');
    expect(normalizeInstance('https://Example.ORG')).toBe('https://example.org/');
    expect(normalizeInstance('javascript:alert(1)')).toBeNull();
    expect(normalizeInstance('file:///etc/passwd')).toBeNull();
    expect(normalizeInstance('not a url')).toBeNull();
  });
});
