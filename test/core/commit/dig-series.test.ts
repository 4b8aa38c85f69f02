/**
 * From the issue-19 test repository's commits to its posted series (git-built, real git
 * format-patch mail): the search picks, which version each commit is (patch-id equal, or
 * "nearest, with changes" and the interdiff), its trailers against the list's (a late
 * Tested-by), the later fix and its status, and the b4 ty reply read back to the commits.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { parseCommitPatch, type CommitPatch } from '../../../src/core/commit/commit-patch.ts';
import { appliedVersion, ledgerRowOf, postedPatches } from '../../../src/core/commit/applied-version.ts';
import { compareTrailers } from '../../../src/core/commit/trailer-compare.ts';
import { laterFixes } from '../../../src/core/commit/later-fixes.ts';
import { appliedCommits } from '../../../src/core/series/applied-commits.ts';
import { fixesQuery, orderedLinks, patchIdQuery, pickByPatchId, pickBySubject, subjectQuery, type SearchHit } from '../../../src/core/commit/discussion-search.ts';
import { buildLedger, type Ledger } from '../../../src/core/series/ledger.ts';
import { threadFacts, type ThreadFacts } from '../../../src/core/series/series-facts.ts';
import { groupVersions } from '../../../src/core/series/version-group.ts';
import { buildDigRepo, APPLIED, CITES, FIX, LATE, mid, REVIEW, TITLES, TREE_URL, type DigRepo } from '../../helpers/dig-repo.ts';
import { requireTool, tool } from '../../helpers/tools.ts';

const git = tool('git');

async function thread(files: string[]): Promise<{ facts: ThreadFacts; bodies: Map<string, string>; heads: Awaited<ReturnType<typeof analyseMbox>>['heads'] }> {
  const mbox = files.map((f) => readFileSync(f, 'utf8').replace(/^(?!From )/, 'From dig@test Thu Jan  1 00:00:00 1970\n')).join('\n');
  const r = await analyseMbox(new TextEncoder().encode(mbox), { keepBodies: true });
  const bodies = new Map<string, string>();
  for (const [k, b] of r.bodies ?? []) bodies.set(k, b.text);
  return { facts: threadFacts(r.analysis, r.heads, bodies), bodies, heads: r.heads };
}

describe.runIf(git || process.env.CI)('a commit against its posted series', () => {
  let repo: DigRepo;
  let ledger: Ledger;
  const bodies = new Map<string, string>();
  const commits: Record<string, CommitPatch> = {};
  let fixThread: Awaited<ReturnType<typeof thread>>;
  /** Every later mail naming `exact` or an id like it, as one search answer holds them. */
  let citing: Awaited<ReturnType<typeof thread>>;

  beforeAll(async () => {
    requireTool(git, 'git');
    repo = buildDigRepo(git!);
    const byName = (re: RegExp): string[] => repo.mails.filter((f) => re.test(f));
    const v = await Promise.all([thread(byName(/\/v1-\d\.eml$/)), thread([...byName(/\/v2-\d\.eml$/), ...byName(/review\.eml$/)]), thread([...byName(/\/v3-\d\.eml$/), ...byName(/(applied|late)\.eml$/)])]);
    for (const t of v) for (const [k, b] of t.bodies) bodies.set(k, b);
    ledger = buildLedger(groupVersions(v.map((t) => t.facts), { anchor: mid(3, 0) })[0]!);
    fixThread = await thread(byName(/fix(-applied)?\.eml$/));
    citing = await thread(byName(/\/(fix|fix-applied|fix8|fix8-review|fix8-quoted|report10|fix40|other-title|short7|near7|near8|crowd)\.eml$/));
    for (const [name, sha] of Object.entries(repo.commits)) commits[name] = (await parseCommitPatch(new TextEncoder().encode(repo.git('format-patch', '-1', '--stdout', sha))))!;
  });
  afterAll(() => repo?.done());

  it('the ledger holds three versions of three patches', () => {
    expect(ledger.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(ledger.rows).toHaveLength(3);
  });

  it('the exact commit is v3 by patch-id, the same as v1 and v2', () => {
    const c = commits.exact!;
    const row = ledgerRowOf(ledger, c, null);
    expect(ledger.rows[row]!.title).toBe('mm: add helper foo');
    const a = appliedVersion(c, postedPatches(ledger, row), (id) => bodies.get(id) ?? null);
    expect(a).toMatchObject({ version: 3, id: mid(3, 1), exact: true, sameAs: [1, 2], interdiff: null, changedLines: 0 });
  });

  it('the changed commit is nearest to v3 (v2 alike), with the changed line in the interdiff', () => {
    const c = commits.changed!;
    const row = ledgerRowOf(ledger, c, mid(3, 2));
    const a = appliedVersion(c, postedPatches(ledger, row), (id) => bodies.get(id) ?? null)!;
    expect(a).toMatchObject({ version: 3, exact: false, compared: [1, 2, 3] });
    expect(a.changedLines).toBe(2);
    const lines = a.interdiff!.files.flatMap((f) => f.hunks.flatMap((h) => h.lines)).filter((l) => l.kind !== ' ').map((l) => `${l.kind}${l.text}`);
    // the posted `+ if (x < 0)` became `+ if (x <= 0)` on the way in
    expect(lines).toEqual(['-+\tif (x < 0)', '++\tif (x <= 0)']);
    // found by title when neither patch-id nor the message is known
    expect(ledgerRowOf(ledger, c, null)).toBe(row);
  });

  it('the linked commit: its Link: first, and v3 exactly', () => {
    const c = commits.linked!;
    expect(orderedLinks(c)).toEqual([`https://patch.msgid.link/${mid(3, 3)}`]);
    const a = appliedVersion(c, postedPatches(ledger, ledgerRowOf(ledger, c, mid(3, 3))), (id) => bodies.get(id) ?? null);
    expect(a).toMatchObject({ version: 3, exact: true, sameAs: [] });
  });

  it('trailers: the review and the author in the commit, the maintainer only there, a Tested-by given after it was applied', () => {
    const c = commits.exact!;
    const row = ledgerRowOf(ledger, c, null);
    const cell = ledger.rows[row]!.cells[2]!;
    const at = ledger.applied?.date ?? null;
    expect(at).toBe('2024-02-05T10:00:00.000Z');
    const rows = compareTrailers(c, cell.trailers, at);
    expect(rows.map((r) => [r.name, r.person?.address, r.inCommit, r.onList?.message ?? null, r.late])).toEqual([
      ['Signed-off-by', 'ada@example.org', true, mid(3, 1), false],
      ['Reviewed-by', 'rita@example.org', true, REVIEW, false],
      ['Signed-off-by', 'mel@example.org', true, null, false],
      ['Tested-by', 'tom@example.org', false, LATE, true],
    ]);
  });

  it('the later fix names the exact commit, and is applied', () => {
    const fixes = laterFixes({ sha: repo.commits.exact, subject: TITLES[0]! }, fixThread.heads, fixThread.bodies, [fixThread.facts]);
    expect(fixes).toEqual([expect.objectContaining({ messageId: FIX, status: 'applied', form: 'fixes', uncertain: null, fixes: `${repo.commits.exact.slice(0, 12)} ("mm: add helper foo")`, detail: 'Mel Maintainer' })]);
    // another commit is fixed by nothing
    expect(laterFixes({ sha: repo.commits.changed, subject: TITLES[1]! }, fixThread.heads, fixThread.bodies, [fixThread.facts])).toEqual([]);
  });

  it('later fixes citing 8, 10, 12 or 40 digits, as a tag or in prose; a title that differs is uncertain; 7 digits or another id never', () => {
    const sha = repo.commits.exact;
    const fixes = laterFixes({ sha, subject: TITLES[0]! }, citing.heads, citing.bodies, [citing.facts]);
    expect(fixes.map((f) => [f.messageId, f.form, f.fixes, f.uncertain, f.status, f.detail])).toEqual([
      [FIX, 'fixes', `${sha.slice(0, 12)} ("${TITLES[0]}")`, null, 'applied', 'Mel Maintainer'],
      [CITES.fix8, 'fixes', `${sha.slice(0, 8)} ("${TITLES[0]}")`, null, 'reviewed', 'Reviewed-by: Rita Reviewer'],
      // wrapped by the mailer, read whole; a report, not a patch
      [CITES.report10, 'commit', `commit ${sha.slice(0, 10)} ("${TITLES[0]}")`, null, 'mention', null],
      // the tag is kept over the prose citation in the same message
      [CITES.fix40, 'fixes', `${sha} ("${TITLES[0]}")`, null, 'posted', null],
      // the id is the commit's, the title another's: listed, never certain
      [CITES.otherTitle, 'fixes', `${sha.slice(0, 9)} ("mm: add helper bar")`, 'other-title', 'posted', null],
    ]);
    // short7, near7, near8, the crowd of ids sharing 8 digits and the quoted tag are in the answer but name no fix of this commit
    for (const id of [CITES.short7, CITES.near7, CITES.near8, CITES.crowd, CITES.quoted]) expect(citing.heads.some((h) => h.messageId === id)).toBe(true);
    // without the commit's title to check against, a citation of 12 digits or more stands, a shorter one does not
    expect(laterFixes({ sha, subject: null }, citing.heads, citing.bodies, [citing.facts]).map((f) => [f.messageId, f.uncertain])).toEqual([
      [FIX, null], [CITES.fix8, 'short-id'], [CITES.report10, 'short-id'], [CITES.fix40, null], [CITES.otherTitle, 'short-id'],
    ]);
  });

  it('the search for later fixes: one exact term per length a citation can have, 8 digits to all of them', () => {
    const sha = repo.commits.exact;
    const terms = (q: string | null): string[] => q?.split(' OR ') ?? [];
    expect(terms(fixesQuery(sha))).toEqual(Array.from({ length: 33 }, (_, i) => `nq:${sha.slice(0, 8 + i)}`));
    // Xapian's terms are lowercased
    expect(fixesQuery(sha.toUpperCase())).toBe(fixesQuery(sha));
    // an id of 12 digits (the shortest taken as a commit's) and a SHA-256 commit's
    expect(terms(fixesQuery(sha.slice(0, 12)))).toEqual([8, 9, 10, 11, 12].map((n) => `nq:${sha.slice(0, n)}`));
    expect(terms(fixesQuery(sha + sha.slice(0, 24)))).toHaveLength(57);
    for (const bad of [sha.slice(0, 11), sha + sha, `${sha.slice(0, 39)}g`, `${sha.slice(0, 20)}*`]) expect(fixesQuery(bad)).toBeNull();
  });

  it("b4 ty's reply names each patch's commit and the tree", () => {
    const body = bodies.get(APPLIED)!;
    expect(appliedCommits(body)).toEqual({
      tree: TREE_URL,
      branch: 'for-next',
      commits: [
        { counter: 1, total: 3, subject: 'mm: add helper foo', sha: repo.commits.exact.slice(0, 12), url: null },
        { counter: 2, total: 3, subject: 'mm: use foo in bar', sha: repo.commits.changed.slice(0, 12), url: null },
        { counter: 3, total: 3, subject: 'mm: document foo', sha: repo.commits.linked.slice(0, 12), url: null },
      ],
    });
  });

  it('search queries and picks', () => {
    const c = commits.changed!;
    expect(patchIdQuery(c)).toBe(`patchid:${c.patchId}`);
    expect(subjectQuery(c)).toBe('s:bar AND s:foo AND f:"ada@example.org" AND d:20230201..20240208');
    // patches of a threaded series answer their cover: the feed calls them replies
    const hit = (v: number, k: number, date: string, subject = `[PATCH v${v} ${k}/3] mm: use foo in bar`, isReply = true): SearchHit => ({ messageId: mid(v, k), subject, date, isReply });
    const hits = [hit(1, 2, '2024-01-10T10:02:00Z', '[PATCH 2/3] mm: use foo in bar'), hit(3, 2, '2024-02-01T10:02:00Z'), hit(2, 2, '2024-01-20T10:02:00Z'), hit(3, 9, '2024-02-02T00:00:00Z', 'Re: [PATCH v3 2/3] mm: use foo in bar', true)];
    expect(pickBySubject(hits, c)).toEqual({ messageId: mid(3, 2), signal: 'subject', uncertain: true, evidence: 'same subject and author, the same day' });
    expect(pickByPatchId(hits, commits.exact!)).toMatchObject({ messageId: mid(3, 2), signal: 'patch-id', uncertain: false });
    expect(pickBySubject([hit(1, 1, '2024-01-10T10:01:00Z', '[PATCH 1/3] mm: add helper foo')], c)).toBeNull();
  });
});

describe('appliedCommits in other words', () => {
  it.each([
    ['Applied to net-next, thanks!\n\n[1/1] net: fix x\n      commit: 0123456789ab', { tree: 'https://git.kernel.org/pub/scm/linux/kernel/git/netdev/net-next.git', branch: null }],
    ['Applied, thanks!\n\n[1/2] x: y\n      https://git.kernel.org/pub/scm/linux/kernel/git/a/b.git/commit/?id=0123456789abcdef\n[2/2] x: z\n      (no commit info)', { tree: null, branch: null }],
    ['Thanks, applied to git://git.kernel.org/pub/scm/linux/kernel/git/a/b.git (fixes)\n\ncommit 0123456789abcdef', { tree: 'git://git.kernel.org/pub/scm/linux/kernel/git/a/b.git', branch: 'fixes' }],
  ])('%s', (text, want) => {
    const got = appliedCommits(text)!;
    expect(got).toMatchObject(want);
    expect(got.commits.length).toBeGreaterThan(0);
  });

  it('a reply naming neither a commit nor a tree gives nothing; quoted lines are not read', () => {
    expect(appliedCommits('Applied, thanks!')).toBeNull();
    expect(appliedCommits('> [1/1] x: y\n>       commit: 0123456789ab\n\nNice.')).toBeNull();
  });
});
