/**
 * How mail names a commit (citations.ts): `Fixes:` tags and `commit <id> ("<title>")` in
 * prose, where they count (own text only), and the check of each against the commit's full
 * sha and title. The real archive's answer is tested in dig-series.test.ts and the dig CLI and
 * e2e tests; these are the edges one at a time.
 */
import { describe, expect, it } from 'vitest';
import { citationsIn, judgeCitation, type Citation } from '../../../src/core/commit/citations.ts';

const SHA = '3c9a0e1f5b7d2468ace013579bdf2468ace01357';
const TITLE = 'mm: add helper foo';
const DIFF = ['---', ' mm/foo.c | 1 +', '', 'diff --git a/mm/foo.c b/mm/foo.c', 'index 1111111..2222222 100644', '--- a/mm/foo.c', '+++ b/mm/foo.c', '@@ -1 +1,2 @@', ' a', '+b', '-- ', '2.39.5'];
const patch = (...message: string[]): string => [...message, 'Signed-off-by: U <u@x.org>', ...DIFF].join('\n');
const reply = (...lines: string[]): string => lines.join('\n');
const judged = (body: string, isPatch: boolean, subject: string | null = TITLE): Array<[string, string, string | null]> =>
  citationsIn(body, 'k', isPatch).map((c) => [c.form, c.id, judgeCitation(c, SHA, subject)]);
const cite = (id: string, title: string | null, cut = false): Citation => ({ form: 'fixes', id, title, cut, text: '' });

describe('citations of a commit', () => {
  it('a Fixes: tag of 8, 12 or 40 digits with the title: certain', () => {
    for (const n of [8, 12, 40]) expect(judged(patch(`Fixes: ${SHA.slice(0, n)} ("${TITLE}")`), true)).toEqual([['fixes', SHA.slice(0, n), 'certain']]);
  });

  it('fewer than 8 digits, or an id that is not a prefix of the sha, never', () => {
    expect(judgeCitation(cite(SHA.slice(0, 7), TITLE), SHA, TITLE)).toBeNull();
    // another id sharing the first 7 digits, or 8
    expect(judgeCitation(cite(SHA.slice(0, 7) + '0', TITLE), SHA, TITLE)).toBeNull();
    expect(judgeCitation(cite(SHA.slice(0, 8) + '0000', TITLE), SHA, TITLE)).toBeNull();
    expect(judgeCitation(cite(SHA + 'ab', TITLE), SHA, TITLE)).toBeNull();
  });

  it('the title decides: case and white space aside it is certain, another title is uncertain', () => {
    expect(judgeCitation(cite(SHA.slice(0, 12), 'MM:  add helper   foo'), SHA, TITLE)).toBe('certain');
    expect(judgeCitation(cite(SHA.slice(0, 12), 'mm: add helper bar'), SHA, TITLE)).toBe('other-title');
    // a tag whose title the mailer wrapped: what is there must start the commit's title
    expect(judged(patch(`Fixes: ${SHA.slice(0, 12)} ("mm: add`), true)).toEqual([['fixes', SHA.slice(0, 12), 'certain']]);
    expect(judged(patch(`Fixes: ${SHA.slice(0, 12)} ("mm: remove`), true)).toEqual([['fixes', SHA.slice(0, 12), 'other-title']]);
  });

  it('no title: 12 digits or more stand, 8 to 11 are uncertain', () => {
    expect(judged(patch(`Fixes: ${SHA.slice(0, 12)}`), true)).toEqual([['fixes', SHA.slice(0, 12), 'certain']]);
    expect(judged(patch(`Fixes: ${SHA.slice(0, 11)}`), true)).toEqual([['fixes', SHA.slice(0, 11), 'short-id']]);
    // and without the commit's title to compare, the digits alone
    expect(judged(patch(`Fixes: ${SHA.slice(0, 9)} ("${TITLE}")`), true, null)).toEqual([['fixes', SHA.slice(0, 9), 'short-id']]);
  });

  it('a revert title with quotes inside is read whole', () => {
    const [c] = citationsIn(patch(`Fixes: ${SHA.slice(0, 12)} ("Revert "${TITLE}"")`), 'k', true);
    expect(c!.title).toBe(`Revert "${TITLE}"`);
    expect(judgeCitation(c!, SHA, `Revert "${TITLE}"`)).toBe('certain');
  });

  it('commit <id> ("<title>") in prose, also wrapped across lines; in a patch only above the diff', () => {
    const body = patch(`Since commit ${SHA.slice(0, 10)}`, `("${TITLE.slice(0, 7)}`, `${TITLE.slice(8)}") bar() is wrong.`, '');
    expect(citationsIn(body, 'k', true).map((c) => c.text)).toEqual([`commit ${SHA.slice(0, 10)} ("${TITLE}")`]);
    expect(judged(body, true)).toEqual([['commit', SHA.slice(0, 10), 'certain']]);
    const inDiff = [`Fix it.`, '', 'Signed-off-by: U <u@x.org>', '---', 'diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1 +1 @@', `-/* commit ${SHA.slice(0, 12)} ("${TITLE}") */`, '+/* x */'].join('\n');
    expect(citationsIn(inDiff, 'k', true)).toEqual([]);
  });

  it('quoted lines, b4 ty lines, git show headers and text below the signature name nothing', () => {
    expect(citationsIn(reply('On Mon, X wrote:', `> Fixes: ${SHA.slice(0, 12)} ("${TITLE}")`, `> Since commit ${SHA.slice(0, 12)} ("${TITLE}") it breaks.`, '', 'Agreed.'), 'k', false)).toEqual([]);
    expect(citationsIn(reply('Applied, thanks!', '', `[1/1] ${TITLE}`, `      commit: ${SHA.slice(0, 12)}`), 'k', false)).toEqual([]);
    expect(citationsIn(reply('See:', '', `commit ${SHA}`, 'Author: A <a@x.org>', 'Date:   Mon Jan 1 2024', '', `    ${TITLE}`), 'k', false)).toEqual([]);
    expect(citationsIn(reply('Thanks.', '-- ', `My sig cites commit ${SHA.slice(0, 12)} ("${TITLE}")`), 'k', false)).toEqual([]);
  });

  it('a reply suggesting the tag counts (as trailers.ts reads replies)', () => {
    expect(judged(reply('This wants', '', `Fixes: ${SHA.slice(0, 12)} ("${TITLE}")`), false)).toEqual([['fixes', SHA.slice(0, 12), 'certain']]);
  });

  it('a long body with many "commit (" costs one pass (no hang)', () => {
    const body = reply(`${'commit 0123456789ab ("'.repeat(20_000)}`, '', `commit ${SHA.slice(0, 12)} ("${TITLE}")`);
    expect(judged(body, false).filter(([, , j]) => j)).toEqual([['commit', SHA.slice(0, 12), 'certain']]);
  });
});
