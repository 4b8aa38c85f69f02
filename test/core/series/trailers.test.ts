import { describe, expect, it } from 'vitest';
import { canonicalName, countTrailers, coverTrailers, emailEq, parseTrailers, trailerPerson } from '../../../src/core/series/trailers.ts';
import { changeIdOf, commitMessage, diffStart, hasDiff, hasDiffstat } from '../../../src/core/patch/detect.ts';

const patch = `mm: frob

Make frobbing faster.
Note: this paragraph line is prose, not a trailer block.

Fixes: abcdef012345 ("mm: slow frob")
Fixes: xyz not a sha
Closes: https://bugzilla.example.org/123
Link: not a url
reviewed-BY: Rev Iewer <rev@example.org>
Cc: stable@vger.kernel.org # 6.1+
Signed-off-by: Alice Author <alice@example.org>
---
 mm/frob.c | 2 +-
 1 file changed

diff --git a/mm/frob.c b/mm/frob.c
--- a/mm/frob.c
+++ b/mm/frob.c
@@ -1,3 +1,3 @@
 Signed-off-by: Context Line <ctx@example.org>
-old
+Reviewed-by: Added Line <added@example.org>
`;

describe('parseTrailers in a patch', () => {
  it('reads the trailer block of the commit message, canonical names, validated values', () => {
    const t = parseTrailers(patch, 'p1');
    expect(t.map((x) => `${x.name}: ${x.value}`)).toEqual([
      'Fixes: abcdef012345 ("mm: slow frob")',
      'Closes: https://bugzilla.example.org/123',
      'Reviewed-by: Rev Iewer <rev@example.org>',
      'Cc: stable@vger.kernel.org # 6.1+',
      'Signed-off-by: Alice Author <alice@example.org>',
    ]);
    expect(t[2]).toEqual({ name: 'Reviewed-by', value: 'Rev Iewer <rev@example.org>', person: { name: 'Rev Iewer', address: 'rev@example.org' }, from: 'p1' });
    expect(t[0]!.person).toBeNull();
    expect(t[3]!.person).toEqual({ name: '', address: 'stable@vger.kernel.org' });
  });

  it('never reads the diff, even without a --- separator', () => {
    const body = 'x\n\nSigned-off-by: A <a@example.org>\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n Acked-by: Ctx <c@example.org>\n';
    expect(parseTrailers(body, 'p').map((t) => t.name)).toEqual(['Signed-off-by']);
  });

  it('takes a trailer paragraph above the last one, never a one-line paragraph of prose that looks like one', () => {
    // found by the am-ready mbox's end-to-end test: `mm/frob: …` copied as a trailer `Mm/frob`
    const prose = 'mm/frob: add the frob helper for the faster frobnicator.\n\nSigned-off-by: A <a@example.org>\n---\n';
    expect(parseTrailers(prose, 'p').map((t) => t.name)).toEqual(['Signed-off-by']);
    const subsystem = 'mm: Fix exports that inadvertently make put_page() EXPORT_SYMBOL_GPL for v1.\n\nSigned-off-by: A <a@example.org>\n---\n';
    expect(parseTrailers(subsystem, 'p').map((t) => t.name)).toEqual(['Signed-off-by']);
    const pairs = 'Fix it.\n\nReported-by: R <r@example.org>\nCloses: https://example.org/1\n\nSigned-off-by: A <a@example.org>\n---\n';
    expect(parseTrailers(pairs, 'p').map((t) => t.name)).toEqual(['Reported-by', 'Closes', 'Signed-off-by']);
  });

  it('keeps a [for the foo bits] note inside the block', () => {
    const body = 'x\n\nAcked-by: A <a@example.org>\n[for the mm bits]\nSigned-off-by: B <b@example.org>\n---\n';
    expect(parseTrailers(body, 'p').map((t) => t.name)).toEqual(['Acked-by', 'Signed-off-by']);
  });
});

describe('parseTrailers in a follow-up', () => {
  it('takes own lines anywhere, never quoted ones, nothing below the signature', () => {
    const body = [
      'On Mon, A wrote:',
      '> Signed-off-by: Alice <alice@example.org>',
      '>> Reviewed-by: Old <old@example.org>',
      '',
      'Looks good.',
      '',
      'Reviewed-by: Bob Rev <bob@example.org>',
      'Tested-by: Bob Rev <bob@example.org> # on arm64',
      'Acked-by: nobody without an address',
      'Note: nothing to see',
      'Subject: a header, not a trailer',
      'Fixes: 1234567890ab ("thing")',
      'Link: https://lore.kernel.org/r/x@y',
      'Reported-by: https://example.org/no-person',
      '',
      '-- ',
      'Acked-by: Sig Nature <sig@example.org>',
    ].join('\n');
    const t = parseTrailers(body, 'r1', { followup: true });
    expect(t.map((x) => x.name)).toEqual(['Reviewed-by', 'Tested-by', 'Fixes', 'Link']);
    expect(t[1]!.person).toEqual({ name: 'Bob Rev', address: 'bob@example.org' });
  });

  it('reads an inline-marked `[Name] Acked-by:` line (Outlook replies on LKML)', () => {
    const t = parseTrailers('> quoted\n[Jack Wang] Acked-by: Jack Wang <jack_wang@usish.com>\n[note] not a trailer\n', 'r', { followup: true });
    expect(t.map((x) => `${x.name}: ${x.value}`)).toEqual(['Acked-by: Jack Wang <jack_wang@usish.com>']);
  });

  it('cleans Outlook`s <mailto:> junk instead of dropping the trailer', () => {
    const [t] = parseTrailers('Reviewed-by: HTML Junker <html-junker@example.com<mailto:html-junker@example.com>>\n', 'r', { followup: true });
    expect(t).toMatchObject({ value: 'HTML Junker <html-junker@example.com>', person: { name: 'HTML Junker', address: 'html-junker@example.com' } });
  });

  it('reads names with parentheses, brackets and commas', () => {
    expect(trailerPerson('Followup Reviewer1 (corporate) <r1@example.com>')).toEqual({ name: 'Followup Reviewer1 (corporate)', address: 'r1@example.com' });
    expect(trailerPerson('Tester2, Followup <t2@example.com>')).toEqual({ name: 'Tester2, Followup', address: 't2@example.com' });
    expect(trailerPerson('"Quoted Name" <q@example.com>')).toEqual({ name: 'Quoted Name', address: 'q@example.com' });
    expect(trailerPerson('bare@example.org')).toEqual({ name: '', address: 'bare@example.org' });
    expect(trailerPerson('syzbot')).toBeNull();
  });

  it("reads pipermail's archive text, where Mailman wrote `<user at host>`", () => {
    expect(trailerPerson('Ada Example <ada at example.org>')).toEqual({ name: 'Ada Example', address: 'ada@example.org' });
    const [t] = parseTrailers('Looks right.\n\nReviewed-by: Ada Example <ada at example.org>\n', 'r', { followup: true });
    expect(t).toMatchObject({ name: 'Reviewed-by', person: { name: 'Ada Example', address: 'ada@example.org' } });
    expect(parseTrailers('Reviewed-by: someone at some point\n', 'r', { followup: true })).toEqual([]);
  });

  it('skips lines of a diff pasted in a reply', () => {
    const body = 'Try this:\n\ndiff --git a/x b/x\n@@ -1 +1 @@\n Reviewed-by: Ctx <c@example.org>\n+Acked-by: Plus <p@example.org>\n\nTested-by: Me <me@example.org>\n';
    expect(parseTrailers(body, 'r', { followup: true }).map((t) => t.value)).toEqual(['Me <me@example.org>']);
  });
});

describe('trailer helpers', () => {
  it('canonical names, cover trailers, distinct counts', () => {
    expect(canonicalName('SIGNED-OFF-BY')).toBe('Signed-off-by');
    expect(canonicalName('cc')).toBe('Cc');
    const cover = 'Intro\n\nFixes: 0123456789ab ("x")\nCloses: https://example.org/bug/1\nReviewed-by: R <r@example.org>\n';
    expect(coverTrailers(cover, 'c').map((t) => t.name)).toEqual(['Fixes', 'Closes']);
    const t = parseTrailers('Reviewed-by: A <a@x.org>\nReviewed-by: A <A@X.org>\nAcked-by: B <b@x.org>\nTested-by: C <c@x.org>\n', 'm', { followup: true });
    expect(countTrailers(t)).toEqual({ reviewed: 1, acked: 1, tested: 1 });
  });
});

describe('diff detection', () => {
  it('finds diffs as b4 does and nothing else', () => {
    expect(hasDiff(patch)).toBe(true);
    expect(hasDiff('--- a/x\n+++ b/x\n@@ -1 +1 @@\n')).toBe(true);
    expect(hasDiff('text\nGIT binary patch\nliteral 0\n')).toBe(true);
    expect(hasDiff('---\n mm/x.c | 1 +\n 1 file changed, 1 insertion(+)\n')).toBe(false);
    expect(hasDiff('> diff --git a/x b/x\n> --- a/x\n> +++ b/x\n')).toBe(false);
    expect(diffStart('a\ndiff --git a/f b/f\n')).toBe(2);
    expect(hasDiffstat('---\n mm/x.c | 1 +\n 1 file changed, 1 insertion(+)\n')).toBe(true);
    expect(hasDiffstat('no stat here')).toBe(false);
  });

  it('reads a standalone change-id line only', () => {
    expect(changeIdOf('cover\n\n---\nbase-commit: abc\nchange-id: 20240101-frob-1a2b3c\n\nBest regards,\n')).toBe('20240101-frob-1a2b3c');
    expect(changeIdOf('prerequisite-change-id: 20240101-other-1\n')).toBeNull();
    expect(changeIdOf('x\ndiff --git a/f b/f\n+change-id: inside-the-diff\n')).toBeNull();
  });

  it('cuts the commit message at --- or at the diff', () => {
    expect(commitMessage('msg\n\nSigned-off-by: A <a@x>\n---\nstat\n')).toBe('msg\n\nSigned-off-by: A <a@x>\n');
    expect(commitMessage('msg\n--- a/f\n+++ b/f\n')).toBe('msg\n');
  });

  it('is linear on a huge body', () => {
    const big = 'x'.repeat(100) + '\n';
    const body = big.repeat(100_000) + '-'.repeat(10_000);
    expect(hasDiff(body)).toBe(false);
    expect(changeIdOf(body)).toBeNull();
  });
});

describe('trailer helpers on hostile values (the regex audit)', () => {
  // Quadratic before: each `(` retried `.*$` up to the CR. A hang is caught by the cap; the
  // answer is what the rule says (the name ends at the first comment mark).
  it('a bare address after 40,000 comment marks and a CR: linear, the name cut at the first mark', () => {
    const value = `Jo ${'('.repeat(40_000)}\rx jo@example.org`;
    const t0 = performance.now();
    const p = trailerPerson(value);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(p).toEqual({ name: 'Jo', address: 'jo@example.org' });
  });
  it('emailEq strips a +tag from the first +, whatever follows it', () => {
    expect(emailEq(`jo+${'x'.repeat(40_000)}\r@example.org`, 'jo@example.org')).toBe(true);
    expect(emailEq('jo+a+b@example.org', 'JO@example.org')).toBe(true);
  });
});
