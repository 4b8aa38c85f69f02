/**
 * public-inbox's Atom search results as the worker reads them (sources/atom.ts): titles,
 * links, dates, reply marks and escaped XML, on a made-up feed and on what a real
 * public-inbox-httpd writes for a search (corpus mail).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { corpusDir, corpusPath } from '../../helpers/corpus.ts';
import { startArchive, type Archive } from '../../e2e/rig/archive.ts';
import { parseAtom } from '../../../src/background/sources/atom.ts';
import { atomSearchUrl, midOfUrl } from '../../../src/sites/public-inbox-url.ts';

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

describe.skipIf(!corpusDir)('Atom search on a real public-inbox-httpd', () => {
  let archive: Archive;
  beforeAll(async () => {
    const files = readdirSync(corpusPath('b4')).filter((f) => f.endsWith('.mbox')).map((f) => `b4/${f}`);
    archive = await startArchive({ inboxes: [{ name: 'b4-samples', address: 'list@example.org', files }] });
  }, 120_000);
  afterAll(async () => archive?.dispose());

  it('parses what public-inbox writes for a search', async () => {
    const r = await fetch(atomSearchUrl(`${archive.httpOrigin}/b4-samples/`, 's:"Simple cover"'));
    expect(r.headers.get('content-type')).toMatch(/atom/);
    const entries = parseAtom(await r.text());
    const cover = entries.find((e) => e.title === '[PATCH v2 0/2] Simple cover');
    expect(cover).toMatchObject({ isReply: false, email: 'test@example.com', updated: expect.stringMatching(/^2022-/) });
    expect(midOfUrl(cover!.url)).toBe('cover-message@example.com');
    expect(entries.find((e) => e.title.startsWith('Re:'))?.isReply).toBe(true);
  });
});
