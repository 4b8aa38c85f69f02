/**
 * Other versions of a series: the query b4 would send, the Atom reader on public-inbox's own
 * feed (real httpd, corpus mail), and the links built from thread and search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { corpusDir, corpusPath } from '../../helpers/corpus.ts';
import { startArchive, type Archive } from '../../e2e/rig/archive.ts';
import { midOfUrl, parseAtom, searchUrl, versionLinks, versionQuery } from '../../../src/background/load/versions.ts';
import type { Analysis, Series, SeriesVersion } from '../../../src/core/types.ts';

function version(v: number, date: string, cover: string | null, changeId: string | null = null): SeriesVersion {
  return {
    version: v,
    versionInferred: false,
    total: 2,
    cover,
    date,
    subject: `[PATCH v${v} 0/2] Simple cover`,
    patches: [{ counter: 1, id: `p1-v${v}@example.com`, subject: 'x', trailers: [], counts: { reviewed: 0, acked: 0, tested: 0 }, borrowedFrom: null }],
    missing: [],
    coverTrailers: [],
    changeId,
  };
}

function series(changeId: string | null, versions: SeriesVersion[]): Series {
  return { subject: '[PATCH v2 0/2] Simple "cover"', author: { name: 'Test Test', address: 'test@example.com' }, changeId, versions };
}

describe('versionQuery', () => {
  it('searches by change-id and by subject and author, a year either side', () => {
    const q = versionQuery(series('20220830-simple-abc', [version(2, '2022-08-30T15:19:07Z', 'c@x')]));
    expect(q).toBe('(nq:"change-id: 20220830-simple-abc" OR (s:"Simple cover" AND f:"test@example.com")) AND d:20210830..20230830');
  });

  it('falls back to subject and author, without a date window when no date is known', () => {
    const s = series(null, [{ ...version(1, '', null), date: null }]);
    expect(versionQuery(s)).toBe('(s:"Simple cover" AND f:"test@example.com")');
  });

  it('builds a GET Atom search URL on the inbox', () => {
    expect(searchUrl('https://lore.kernel.org/linux-mm/', 's:"a b" AND f:"c@d"')).toBe(
      'https://lore.kernel.org/linux-mm/?q=s%3A%22a+b%22+AND+f%3A%22c%40d%22&x=A',
    );
  });
});

describe('parseAtom', () => {
  it('reads titles, links, dates and reply marks, and unescapes XML', () => {
    const xml = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><author><name>A</name><email>a@x</email></author>
<title>[PATCH v2 0/2] &lt;mm&gt; fix &amp; tidy &#34;this&#34;</title><updated>2022-08-30T15:19:07Z</updated><link
href="https://lore.kernel.org/linux-mm/a%2Fb@x/"/><content type="xhtml"><title>not this</title></content></entry>
<entry><title>Re: x</title><link href="https://h/l/r@x/"/><thr:in-reply-to ref="urn:uuid:1"/></entry><entry><title>broken</title></entry></feed>`;
    const e = parseAtom(xml);
    expect(e).toEqual([
      { title: '[PATCH v2 0/2] <mm> fix & tidy "this"', url: 'https://lore.kernel.org/linux-mm/a%2Fb@x/', updated: '2022-08-30T15:19:07Z', email: 'a@x', isReply: false },
      { title: 'Re: x', url: 'https://h/l/r@x/', updated: null, email: null, isReply: true },
    ]);
    expect(midOfUrl(e[0]!.url)).toBe('a/b@x');
  });
});

describe('versionLinks', () => {
  it('keeps the thread versions, adds the searched ones by cover, then patch 1', () => {
    const analysis: Analysis = {
      messages: [{ id: 'c2@x', parent: null, related: null, ghost: false, subject: '', from: null, date: null, depth: 0, children: [] }],
      roots: ['c2@x'],
      participants: [],
      series: [series(null, [version(2, '2022-08-30T00:00:00Z', 'c2@x')])],
      errors: [],
    };
    const links = versionLinks('https://h/l/', analysis, [
      { title: '[PATCH v3 1/2] Simple test 1', url: 'https://h/l/p1v3@x/', updated: '2022-09-02T00:00:00Z', email: null, isReply: false },
      { title: '[PATCH v3 0/2] Simple cover', url: 'https://h/l/c3@x/', updated: '2022-09-01T00:00:00Z', email: null, isReply: false },
      { title: '[PATCH v3 2/2] Simple test 2', url: 'https://h/l/p2v3@x/', updated: '2022-09-01T00:00:00Z', email: null, isReply: false },
      { title: 'Re: [PATCH v1 0/2] Simple cover', url: 'https://h/l/r1@x/', updated: null, email: null, isReply: true },
      { title: '[PATCH 1/2] Simple test 1', url: 'https://h/l/p1v1@x/', updated: '2022-08-01T00:00:00Z', email: null, isReply: false },
      { title: '[PATCH v2 0/2] Simple cover', url: 'https://h/l/c2@x/', updated: null, email: null, isReply: false },
    ]);
    expect(links).toEqual([
      { version: 1, subject: '[PATCH 1/2] Simple test 1', url: 'https://h/l/p1v1@x/', date: '2022-08-01T00:00:00Z', inThread: false },
      { version: 2, subject: '[PATCH v2 0/2] Simple cover', url: 'https://h/l/c2@x/', date: '2022-08-30T00:00:00Z', inThread: true },
      { version: 3, subject: '[PATCH v3 0/2] Simple cover', url: 'https://h/l/c3@x/', date: '2022-09-01T00:00:00Z', inThread: false },
    ]);
  });
});

describe.skipIf(!corpusDir)('Atom search on a real public-inbox-httpd', () => {
  let archive: Archive;
  beforeAll(async () => {
    const files = readdirSync(corpusPath('b4')).filter((f) => f.endsWith('.mbox')).map((f) => `b4/${f}`);
    archive = await startArchive({ inboxes: [{ name: 'b4-samples', address: 'list@example.org', files }] });
  }, 120_000);
  afterAll(async () => archive?.dispose());

  it('parses what public-inbox writes for a search', async () => {
    const r = await fetch(searchUrl(`${archive.httpOrigin}/b4-samples/`, 's:"Simple cover"'));
    expect(r.headers.get('content-type')).toMatch(/atom/);
    const entries = parseAtom(await r.text());
    const cover = entries.find((e) => e.title === '[PATCH v2 0/2] Simple cover');
    expect(cover).toMatchObject({ isReply: false, email: 'test@example.com', updated: expect.stringMatching(/^2022-/) });
    expect(midOfUrl(cover!.url)).toBe('cover-message@example.com');
    expect(entries.find((e) => e.title.startsWith('Re:'))?.isReply).toBe(true);
  });
});
