import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../../src/core/mail/html-text.ts';

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
