import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeEntities, htmlToText, markup, type Markup } from '../../../src/core/mail/html-text.ts';

describe('htmlToText', () => {
  it('turns blocks into lines and drops script and style', () => {
    const html = '<html><head><title>t</title><style>p{}</style></head><body><p>Hello &amp; welcome</p><div>line<br>two</div><script>alert(1)</script><p>end</p></body></html>';
    expect(htmlToText(html)).toBe('Hello & welcome\n\nline\ntwo\nend');
  });
  it('makes blockquotes into "> " quotes, nested', () => {
    expect(htmlToText('<p>reply</p><blockquote>outer<blockquote>inner</blockquote></blockquote>')).toBe('reply\n\n> outer\n> > inner');
  });
  it('keeps pre whitespace, lists, and decodes entities', () => {
    expect(htmlToText('<pre>a  b\n  c</pre><ul><li>one</li><li>two &lt;x&gt;</li></ul>')).toBe('a  b\n  c\n- one\n- two <x>');
    expect(decodeEntities('&#x41;&#66;&nbsp;&unknown;&#0;&eacute')).toBe('AB &unknown;\ufffdé');
  });
  it('treats markup in comments and attributes as nothing', () => {
    expect(htmlToText('<!-- <p>hidden</p> --><a href="x>y">link</a> <img alt="pic" src=x>')).toBe('link [pic]');
  });
  it('is linear on hostile input', () => {
    const t = htmlToText('<div>'.repeat(100000) + 'x' + '<'.repeat(100000));
    expect(t.startsWith('x')).toBe(true);
  });
});

describe('markup is found in time linear in the text (issue 16 regex audit)', () => {
  const OLD = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>|<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  const byRegex = (html: string): Markup[] => {
    const out: Markup[] = [];
    OLD.lastIndex = 0;
    for (let m = OLD.exec(html); m; m = OLD.exec(html)) out.push({ index: m.index, end: OLD.lastIndex, ...(m[2] ? { name: m[2] } : {}), closing: m[1] === '/', attrs: m[3] ?? '' });
    return out;
  };

  it('finds what the regex it replaced found, on random markup', () => {
    const piece = fc.constantFrom('<', '>', 'a', 'B', '/', '!', '?', '"', "'", '-', ' ', '=', '<!--', '-->', '<![CDATA[', ']]>', '<a ', '<br/>', '</p>', 'x="1"', "y='>'");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const html = parts.join('');
        expect([...markup(html)]).toEqual(byRegex(html));
      }),
      { numRuns: 3000 },
    );
  });

  it('a body of tags that never close is read at once (the regex was quadratic: 100,000 of them took minutes)', () => {
    const t0 = performance.now();
    for (const unit of ['<a ', '<a"', '<!', "<a'", '<a x="'])
      expect(typeof htmlToText(`<p>${unit.repeat(100_000)}</p>`)).toBe('string');
    // a hang fails; a slow machine does not
    expect(performance.now() - t0).toBeLessThan(20_000);
  }, 60_000);
});
