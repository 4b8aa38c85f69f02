import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAttribution, splitQuotes } from '../../../src/core/mail/quotes.ts';
import { buildThread } from '../../../src/core/thread/thread.ts';
import type { QuoteBlock } from '../../../src/core/types.ts';
import { at, head } from '../../fixtures/model/heads.ts';

const kinds = (b: QuoteBlock[]): string[] => b.map((x) => (x.kind === 'quote' ? `quote${x.depth}` : x.kind));

describe('splitQuotes', () => {
  it('separates own text, attributed quotes, signature and a kvack footer', () => {
    const body = [
      'Hi,',
      '',
      'On Mon, 1 Jul 2024 10:00:00 +0000, Alice Author <alice@example.org> wrote:',
      '> This series makes frobnication faster.',
      '>',
      '> Changes in v2:',
      '',
      'Nice.',
      '',
      '-- ',
      'Bob',
      '--',
      "To unsubscribe, send a message with 'unsubscribe linux-mm' in",
      'the body to majordomo@kvack.org.  For more info on Linux MM,',
      'see: http://www.linux-mm.org/ .',
      'Don\'t email: <a href=mailto:"dont@kvack.org"> email@kvack.org </a>',
    ].join('\n');
    const blocks = splitQuotes(body);
    expect(kinds(blocks)).toEqual(['text', 'quote1', 'text', 'signature', 'footer']);
    expect(blocks[1]).toEqual({
      kind: 'quote',
      depth: 1,
      lines: ['This series makes frobnication faster.', '', 'Changes in v2:'],
      attribution: 'On Mon, 1 Jul 2024 10:00:00 +0000, Alice Author <alice@example.org> wrote:',
      author: 'Alice Author',
      quotedId: null,
    });
    expect(blocks[3]!.lines).toEqual(['-- ', 'Bob']);
    expect(blocks[4]!.lines[0]).toBe('--');
    expect(blocks[4]!.lines).toHaveLength(5);
  });

  it('recognises vger and mailman footers, stacked', () => {
    const body = 'Text\n--\nTo unsubscribe from this list: send the line "unsubscribe linux-kernel" in\nthe body of a message to majordomo@vger.kernel.org\nMore majordomo info at  http://vger.kernel.org/majordomo-info.html\n_______________________________________________\nLinux-nvdimm mailing list\nLinux-nvdimm@lists.01.org\nhttps://lists.01.org/mailman/listinfo/linux-nvdimm\n';
    const blocks = splitQuotes(body);
    expect(kinds(blocks)).toEqual(['text', 'footer']);
    expect(blocks[1]!.lines).toHaveLength(8);
  });

  it('recognises mailman`s footer set off by `-- ` (libvir-list), and leaves a signature that mentions a list alone', () => {
    const body = 'Text\n-- \nAnn\n\n-- \nlibvir-list mailing list\nlibvir-list@redhat.com\nhttps://www.redhat.com/mailman/listinfo/libvir-list\n';
    expect(kinds(splitQuotes(body))).toEqual(['text', 'signature', 'footer']);
    expect(kinds(splitQuotes('Text\n-- \nAnn, of the foo mailing list\nhttps://example.org/listinfo\n'))).toEqual(['text', 'signature']);
  });

  it('counts depth by markers in mixed styles, up to 10 and beyond', () => {
    const body = ['> one', '> >> three', '>>> > four', '>>>>>>>>>> ten', '> > > > > > > > > > > eleven', '>not-spaced'].join('\n');
    const blocks = splitQuotes(body);
    expect(blocks.map((b) => (b.kind === 'quote' ? [b.depth, b.lines] : b.kind))).toEqual([
      [1, ['one']],
      [3, ['three']],
      [4, ['four']],
      [10, ['ten']],
      [11, ['eleven']],
      [1, ['not-spaced']],
    ]);
  });

  it('gives nested attributions to their own depth and keeps them across interleaved replies', () => {
    const body = [
      'On Tue, Jul 2, 2024 at 9:00 AM Bob Reviewer <bob@example.org> wrote:',
      '> On Mon, Jul 01, 2024 at 10:00:00AM +0000, Alice Author wrote:',
      '> > the patch',
      '>',
      '> a question',
      '',
      'an answer',
      '',
      '> another question',
      '',
      'another answer',
    ].join('\n');
    const b = splitQuotes(body);
    expect(kinds(b)).toEqual(['quote2', 'quote1', 'text', 'quote1', 'text']);
    expect(b[0]).toMatchObject({ author: 'Alice Author', attribution: 'On Mon, Jul 01, 2024 at 10:00:00AM +0000, Alice Author wrote:' });
    expect(b[1]).toMatchObject({ author: 'Bob Reviewer', lines: ['a question'] });
    expect(b[3]).toMatchObject({ author: 'Bob Reviewer', lines: ['another question'] });
  });

  it('reads the two-line, "X wrote:", "Quoting X (date):" and mutt attributions', () => {
    expect(parseAttribution('On Fri, 20 Jul 2018 13:17:06 -0400 Jerome Glisse <jglisse@redhat.com> wrote:')).toMatchObject({ author: 'Jerome Glisse', address: 'jglisse@redhat.com' });
    expect(parseAttribution('Jerome Glisse <jglisse@redhat.com> wrote:')).toMatchObject({ author: 'Jerome Glisse', address: 'jglisse@redhat.com' });
    expect(parseAttribution('Quoting Dan Williams (2018-07-20 13:17:06)')).toBeNull();
    expect(parseAttribution('Quoting Dan Williams (2018-07-20 13:17:06):')).toMatchObject({ author: 'Dan Williams', day: Date.UTC(2018, 6, 20) / 864e5 });
    expect(parseAttribution('* Jerome Glisse <jglisse@redhat.com> [180720 13:17]:')).toMatchObject({ author: 'Jerome Glisse' });
    expect(parseAttribution('On Fri, 20 Jul 2018, Andrew Morton wrote:')).toMatchObject({ author: 'Andrew Morton', day: Date.UTC(2018, 6, 20) / 864e5 });
    expect(parseAttribution('On 7/20/18 1:17 PM, Jerome Glisse wrote:')).toMatchObject({ author: 'Jerome Glisse' });
    expect(parseAttribution('Thanks for the patch.')).toBeNull();
    const two = splitQuotes('On Fri, 20 Jul 2018 13:17:06 -0400\nJerome Glisse <jglisse@redhat.com> wrote:\n\n> quoted\n');
    expect(two).toEqual([{ kind: 'quote', depth: 1, lines: ['quoted'], attribution: 'On Fri, 20 Jul 2018 13:17:06 -0400 Jerome Glisse <jglisse@redhat.com> wrote:', author: 'Jerome Glisse', quotedId: null }]);
  });

  it('ends an own diff with its hunks, keeps quoted diffs inside the quote', () => {
    const body = [
      'Try this:',
      '',
      'diff --git a/mm/x.c b/mm/x.c',
      'index 1111111..2222222 100644',
      '--- a/mm/x.c',
      '+++ b/mm/x.c',
      '@@ -1,3 +1,3 @@',
      ' a',
      '-b',
      '+c',
      '',
      'Does it help?',
      '> diff --git a/y b/y',
      '> +added',
      '-- ',
      'sig',
    ].join('\n');
    const b = splitQuotes(body);
    expect(kinds(b)).toEqual(['text', 'diff', 'text', 'quote1', 'signature']);
    expect(b[1]!.lines).toHaveLength(9);
    expect(b[2]!.lines).toEqual(['Does it help?']);
    expect(b[3]!.lines).toEqual(['diff --git a/y b/y', '+added']);
  });

  it('treats a patch: commit message text, the diff, and git`s "-- " version signature', () => {
    const body = 'Make it faster.\n\nSigned-off-by: A <a@example.org>\n---\n x.c | 2 +-\n\ndiff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n--- removed line looking like a header\n+++ added line looking like a header\n-- \n2.45.0\n';
    const b = splitQuotes(body);
    expect(kinds(b)).toEqual(['text', 'diff', 'signature']);
    expect(b[1]!.lines).toContain('--- removed line looking like a header');
    expect(b[2]!.lines).toEqual(['-- ', '2.45.0']);
  });

  it('matches quotes to thread messages: by author among ancestors, else by position', () => {
    const heads = [
      head('root', { from: { name: 'Alice Author', address: 'alice@example.org' }, date: at(0) }),
      head('r1', { from: { name: 'Bob Reviewer', address: 'bob@example.org' }, references: ['root'], date: at(10) }),
      head('r2', { from: { name: 'Alice Author', address: 'alice@example.org' }, references: ['root', 'r1'], date: at(20) }),
      head('other', { from: { name: 'Carol', address: 'carol@example.net' }, date: at(1) }),
    ];
    const thread = buildThread(heads);
    const body = 'On Mon, Bob Reviewer wrote:\n> On Mon, Alice Author wrote:\n> > original\n> review\n\nOn Jul 1, 2024 Carol <carol@example.net> wrote:\n> elsewhere\n\nSomeone Unknown wrote:\n> who?\n';
    const b = splitQuotes(body, { messages: thread.messages, self: 'r2' }).filter((x) => x.kind === 'quote');
    expect(b.map((x) => x.kind === 'quote' && [x.depth, x.author, x.quotedId])).toEqual([
      [2, 'Alice Author', 'root'],
      [1, 'Bob Reviewer', 'r1'],
      [1, 'Carol', 'other'],
      [1, 'Someone Unknown', null],
    ]);
    const plain = splitQuotes('> no attribution\n', { messages: thread.messages, self: 'r2' });
    expect(plain[0]).toMatchObject({ quotedId: 'r1', attribution: null });
  });

  it('links a quote to the missing parent at its depth rather than to the author`s other mail', () => {
    // Jerome's parents are not in the archive; another mail of his, the same day, is.
    const jerome = { name: 'Jerome Glisse', address: 'jglisse@redhat.com' };
    const heads = [
      head('cover', { from: { name: 'Dan Williams', address: 'dan@example.org' }, date: '2018-07-13T17:00:00.000Z' }),
      head('jerome-review', { from: jerome, references: ['cover'], date: '2018-07-20T16:57:47.000Z' }),
      head('dan', { from: { name: 'Dan Williams', address: 'dan@example.org' }, references: ['andrew', 'jerome-1', 'willy', 'jerome-2'], date: '2018-07-21T16:11:46.000Z' }),
    ];
    const thread = buildThread(heads);
    const body = [
      'On Fri, Jul 20, 2018 at 1:17 PM Jerome Glisse <jglisse@redhat.com> wrote:',
      '> On Fri, Jul 20, 2018 at 01:01:24PM -0700, Matthew Wilcox wrote:',
      '> > On Fri, Jul 20, 2018 at 03:57:47PM -0400, Jerome Glisse wrote:',
      '> > > older',
      '> > willy',
      '> newer',
      '',
      'reply',
    ].join('\n');
    const b = splitQuotes(body, { messages: thread.messages, self: 'dan' }).filter((x) => x.kind === 'quote');
    expect(b.map((x) => x.kind === 'quote' && [x.depth, x.author, x.quotedId])).toEqual([
      [3, 'Jerome Glisse', 'jerome-1'],
      [2, 'Matthew Wilcox', 'willy'],
      [1, 'Jerome Glisse', 'jerome-2'],
    ]);
    // with no ghost at that depth, the same-author mail elsewhere is still found
    const other = splitQuotes('On Fri, Jul 20, 2018 Jerome Glisse wrote:\n> text\n', { messages: thread.messages, self: 'cover' });
    expect(other[0]).toMatchObject({ quotedId: 'jerome-review' });
  });

  it('handles empty, CRLF and hostile input in linear time', () => {
    expect(splitQuotes('')).toEqual([]);
    expect(splitQuotes('a\r\n> b\r\n')).toEqual([
      { kind: 'text', lines: ['a'] },
      { kind: 'quote', depth: 1, lines: ['b'], attribution: null, author: null, quotedId: null },
    ]);
    const many = ('> ' + ' '.repeat(1000) + 'x\n').repeat(2000) + ('>'.repeat(5000) + '\n').repeat(100) + ('On ' + 'x, '.repeat(5000) + ' wrote:\n> q\n').repeat(50);
    const blocks = splitQuotes(many);
    expect(blocks.length).toBeGreaterThan(0);
  });
});

describe('splitQuotes properties', () => {
  const line = fc.oneof(
    fc.constantFrom('', '-- ', '--', 'diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1,2 +1,2 @@', ' ctx', '-old', '+new', '_______________________________________________', 'x mailing list', 'To unsubscribe from this list', 'Signed-off-by: A <a@x.org>'),
    fc.tuple(fc.integer({ min: 0, max: 12 }), fc.constantFrom('', ' '), fc.string({ maxLength: 12 })).map(([d, sp, t]) => `${'>'.repeat(d)}${d ? sp : ''}${t.replace(/[\r\n]/g, '').replace(/:\s*$/, '')}`),
  );
  /** What a line says once its quote markers are gone (how quote blocks store it). */
  const content = (l: string): string => {
    const m = /^ {0,3}>[> \t]*/.exec(l);
    if (!m) return l;
    let s = l.slice(m[0].replace(/[ \t]+$/, '').length);
    if (s.startsWith(' ')) s = s.slice(1);
    return s;
  };

  it('loses no line and invents none (without attributions)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const blocks = splitQuotes(lines.join('\n'));
        const got = blocks.flatMap((b) => b.lines).filter((l) => l.trim()).map((l) => l.trim());
        const want = lines.map((l) => (/^ {0,3}>/.test(l) ? content(l) : l)).filter((l) => l.trim()).map((l) => l.trim());
        expect(got.sort()).toEqual(want.sort());
        for (const b of blocks) if (b.kind === 'quote') expect(b.depth).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });
});
