/**
 * What the panel must show on the issue-19 test repository's commit pages, shared by the
 * Chromium (dig.e2e.ts) and Firefox (dig-firefox.e2e.ts) suites so both browsers are held to
 * the same words: each commit's signal, version applied and thread; the exact commit's
 * trailers and later fixes (the citations of 8, 10, 12 and 40 digits, the uncertain one, the
 * look-alikes absent). axe-core is drive.ts's `axeSerious`, over `COMMIT_SECTION`.
 *
 * Non-goals: driving a browser (each suite does, with its own driver).
 */
import { expect } from 'vitest';
import { CITES, FIX, REPO_PATH, TITLES, type DigRepo } from '../../helpers/dig-repo.ts';

export const commitUrl = (sha: string): string => `https://git.kernel.org/${REPO_PATH}/commit/?id=${sha}`;
export const COMMIT_SECTION = 'section[aria-labelledby="ll-h-commit"]';

export interface DigCase {
  sha: string;
  signal: RegExp;
  applied: RegExp;
  thread: string;
}

/** The three commits that were posted: how each is found and which version it is. */
export function digCases(repo: DigRepo): DigCase[] {
  return [
    { sha: repo.commits.exact, signal: /Found by its patch-id/, applied: /Applied as posted in v3 \(the same diff as v1, v2\)/, thread: `[PATCH v3 1/3] ${TITLES[0]}` },
    { sha: repo.commits.changed, signal: /Uncertain: found by subject and author only/, applied: /Nearest, with changes: v3, 2 diff lines differ/, thread: `[PATCH v3 2/3] ${TITLES[1]}` },
    { sha: repo.commits.linked, signal: /Found by its Link: tag/, applied: /Applied as posted in v3/, thread: `[PATCH v3 3/3] ${TITLES[2]}` },
  ];
}

/** The exact commit's trailers against the list's, and its applied later fix, as the panel words them. */
export const EXACT_DETAILS = [
  /Tested-by: Tom Tester <tom@example\.org>.*after the patch was applied/,
  /Reviewed-by: Rita Reviewer <rita@example\.org>.*in the commit and on the list/,
  /mm: make foo\(\) saturate.*applied \(Mel Maintainer\)/,
];

/** The later fixes of the exact commit: each row's link and text, as the panel lists them. */
export function expectLaterFixes(repo: DigRepo, hrefs: Array<string | null>, rows: string[], uncertainRows: number): void {
  expect(hrefs).toEqual([FIX, CITES.fix8, CITES.report10, CITES.fix40, CITES.otherTitle].map((id) => `https://lore.kernel.org/all/${id}/`));
  const sha = repo.commits.exact;
  const line = (s: string): string => s.replace(/\s+/g, ' ').trim();
  expect(line(rows[0]!)).toMatch(new RegExp(`applied \\(Mel Maintainer\\) Fixes: ${sha.slice(0, 12)} \\("mm: add helper foo"\\)$`));
  expect(line(rows[1]!)).toMatch(new RegExp(`reviewed \\(Reviewed-by: Rita Reviewer\\) Fixes: ${sha.slice(0, 8)} \\("mm: add helper foo"\\)$`));
  expect(line(rows[2]!)).toMatch(new RegExp(`named in a message, not a patch commit ${sha.slice(0, 10)} \\("mm: add helper foo"\\)$`));
  expect(line(rows[3]!)).toMatch(new RegExp(`posted, not applied yet Fixes: ${sha} \\("mm: add helper foo"\\)$`));
  expect(line(rows[4]!)).toMatch(new RegExp(`Fixes: ${sha.slice(0, 9)} \\("mm: add helper bar"\\) Uncertain: the id is this commit's, the title quoted is another$`));
  expect(uncertainRows).toBe(1);
}
