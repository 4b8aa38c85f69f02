/**
 * The commit section's words (commit-model.ts) and the thread's "Applied as" links
 * (applied-links-model.ts): what a reader sees for each signal, each version outcome, each
 * trailer's standing and each fix; an applied reply's commits linked on the tree's git web.
 */
import { describe, expect, it } from 'vitest';
import { appliedLine, fixCitation, fixDoubt, fixStatus, signalLine, stateLine, trailerStanding } from '../../src/panel/commit-model.ts';
import { appliedReplies } from '../../src/panel/applied-links-model.ts';
import type { CommitView } from '../../src/protocol.ts';
import type { ThreadMessage } from '../../src/core/types.ts';

const view = (over: Partial<CommitView>): CommitView => ({ url: 'https://git.kernel.org/x.git/commit/?id=abc1234', sha: 'abc1234', repoUrl: 'https://git.kernel.org/x.git/', state: 'reading', message: null, subject: null, author: null, date: null, patchId: null, found: null, threadUrl: null, applied: null, pending: false, trailers: null, fixes: null, fixesError: null, at: 0, cached: false, ...over });

describe('commit-model', () => {
  it('says where the lookup is, and why it stopped', () => {
    expect(stateLine(view({}))).toBe('Reading the commit from git.kernel.org…');
    expect(stateLine(view({ state: 'searching' }))).toMatch(/Searching/);
    expect(stateLine(view({ state: 'refused', message: 'switch it on' }))).toBe('switch it on');
    expect(stateLine(view({ state: 'found' }))).toBeNull();
  });

  it('the weak signal is uncertain, the others are not', () => {
    expect(signalLine({ messageId: 'a@b', signal: 'subject', uncertain: true, evidence: '' })).toMatchObject({ uncertain: true, text: expect.stringMatching(/^Uncertain/) });
    for (const s of ['link', 'message-id', 'patch-id'] as const) expect(signalLine({ messageId: 'a@b', signal: s, uncertain: false, evidence: '' }).uncertain).toBe(false);
  });

  it('the version applied, exact or nearest', () => {
    const base = { id: 'x', subject: 's', interdiff: null, compared: [] };
    expect(appliedLine({ ...base, version: 3, exact: true, sameAs: [1, 2], changedLines: 0 }, false)).toBe('Applied as posted in v3 (the same diff as v1, v2)');
    expect(appliedLine({ ...base, version: 2, exact: false, sameAs: [], changedLines: 1 }, false)).toBe('Nearest, with changes: v2, 1 diff line differs from the commit');
    expect(appliedLine(null, true)).toMatch(/Reading the series/);
    expect(appliedLine(null, false)).toMatch(/No posted version/);
  });

  it("a trailer's standing, and a fix's status", () => {
    const t = { name: 'Tested-by', value: 'T <t@x.org>', person: { name: 'T', address: 't@x.org' } };
    expect(trailerStanding({ ...t, inCommit: false, onList: { message: 'm', date: '2024-02-10T10:00:00Z', givenOn: 3, stale: false }, late: true }, '2024-02-01T00:00:00Z')).toBe('not in the commit: given on the list (v3, Feb 10) after the patch was applied');
    expect(trailerStanding({ ...t, inCommit: true, onList: null, late: false })).toBe('in the commit only');
    expect(trailerStanding({ ...t, inCommit: true, onList: { message: 'm', date: null, givenOn: 1, stale: true }, late: false })).toBe('in the commit; on the list (v1), on an older diff');
    const f = { id: 'f', messageId: 'f', subject: 's', from: { name: 'T', address: 't' }, date: null, fixes: '0123abcd ("x: y")', form: 'fixes' as const, uncertain: null };
    expect(fixStatus({ ...f, status: 'applied', detail: 'Mel to net' })).toBe('applied (Mel to net)');
    expect(fixStatus({ ...f, status: 'mention', detail: null })).toBe('named in a message, not a patch');
    const posted = { ...f, status: 'posted' as const, detail: null };
    expect([fixCitation(posted), fixDoubt(posted)]).toEqual(['Fixes: 0123abcd ("x: y")', null]);
    expect(fixCitation({ ...posted, form: 'commit', fixes: 'commit 0123abcd ("x: y")' })).toBe('commit 0123abcd ("x: y")');
    expect(fixDoubt({ ...posted, uncertain: 'other-title' })).toMatch(/^Uncertain: .*title quoted is another/);
    expect(fixDoubt({ ...posted, uncertain: 'short-id' })).toMatch(/^Uncertain: a short id/);
  });
});

describe('applied-links-model', () => {
  const msg = (id: string, subject: string): ThreadMessage => ({ id, parent: null, related: null, ghost: false, subject, from: { name: 'Mel', address: 'mel@x.org' }, date: '2024-02-05T10:00:00Z', depth: 0, children: [] }) as unknown as ThreadMessage;
  const text = 'Applied to https://git.kernel.org/pub/scm/linux/kernel/git/a/b.git (for-next), thanks!\n\n[1/2] x: one\n      commit: 0123456789ab\n[2/2] x: two\n      (no commit info)';
  it("links each applied patch to its commit on the tree's git web; only replies marked applied", () => {
    const marks = new Map([['r', { trailers: '', applied: true }], ['q', { trailers: '', applied: false }]]);
    const got = appliedReplies([msg('r', 'Re: [PATCH 0/2] x'), msg('q', 'Re: [PATCH 0/2] x')], { r: text, q: text }, marks);
    expect(got).toEqual([
      {
        id: 'r',
        from: { name: 'Mel', address: 'mel@x.org' },
        date: '2024-02-05T10:00:00Z',
        tree: 'https://git.kernel.org/pub/scm/linux/kernel/git/a/b.git',
        branch: 'for-next',
        links: [{ label: '[1/2] x: one', sha: '0123456789ab', url: 'https://git.kernel.org/pub/scm/linux/kernel/git/a/b.git/commit/?id=0123456789ab' }],
      },
    ]);
    expect(appliedReplies([msg('r', 'x')], null, marks)).toEqual([]);
  });
});
