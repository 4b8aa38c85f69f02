/**
 * The test repository of issue 19, built with Debian's git at run time: a three-patch series
 * posted as v1, v2 and v3 (each its own thread, generated with `git format-patch`, a review,
 * a late Tested-by, a b4 ty "applied" reply naming the commits), and `main` holding the
 * series as applied:
 * - `exact`: v3's patch 1 as posted (found by patch-id), with the review in its trailers;
 * - `changed`: v3's patch 2 with a line the maintainer changed (no patch-id matches: found by
 *   subject and author, uncertain; applied "nearest, with changes");
 * - `linked`: v3's patch 3 with a `Link:` to its posting;
 * - `lone`: a commit never posted (no discussion);
 * and later mail naming `exact` as real mail does (`CITES`): the applied fix (`Fixes: <sha12>`),
 * a reviewed fix citing 8 digits, a report citing 10 in prose (`commit <id> ("<title>")`, wrapped
 * by the mailer), a fix citing all 40, one whose quoted title is another commit's (uncertain),
 * and three that must not count: `exact`'s first 7 digits, another id sharing 7 digits, and
 * another sharing 8. One more mail (`CITES.crowd`, a bisect log) names `CROWD` other commits
 * sharing `exact`'s first 8 digits: lore indexes the words of millions of messages, so a
 * prefix of 8 digits can start more than the 100 words public-inbox lets a wildcard expand to,
 * and the archive must hold such a prefix for the search for fixes to meet it. Dates are
 * fixed, so the commits' ids are the same on every run; the Message-IDs are rewritten to
 * fixed ones.
 *
 * Non-goals: serving it (test/e2e/rig/cgit.ts runs cgit over it), importing the mail.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO_PATH = 'pub/scm/linux/kernel/git/test/repo.git';
export const TREE_URL = `https://git.kernel.org/${REPO_PATH}`;
export const ADA = { name: 'Ada Author', address: 'ada@example.org' };
const MEL = 'Mel Maintainer <mel@example.org>';
const RITA = 'Rita Reviewer <rita@example.org>';
const TOM = 'Tom Tester <tom@example.org>';
const DATES = ['2024-01-10T10:00:00Z', '2024-01-20T10:00:00Z', '2024-02-01T10:00:00Z'];
export const TITLES = ['mm: add helper foo', 'mm: use foo in bar', 'mm: document foo'];

/** `<vN-K.ada@dig.test>`: patch K of version N (0: the cover letter). */
export const mid = (v: number, k: number): string => `v${v}-${k}.ada@dig.test`;
export const REVIEW = 'review-v2-1@dig.test';
export const APPLIED = 'applied-v3@dig.test';
export const LATE = 'late-tested-v3-1@dig.test';
export const FIX = 'fix-foo.tom@dig.test';
export const FIX_APPLIED = 'fix-foo-applied@dig.test';
/** Later mail citing `exact`: the message, how, and what ListLens must make of it. */
export const CITES = {
  fix8: 'fix8.uma@dig.test',
  fix8Review: 'fix8-review.rita@dig.test',
  /** Quotes the 8-digit tag: a quote names nothing. */
  quoted: 'fix8-quoted.mel@dig.test',
  report10: 'report10.ben@dig.test',
  fix40: 'fix40.uma@dig.test',
  otherTitle: 'other-title.ben@dig.test',
  /** Never later fixes: too short, or another commit's id. */
  short7: 'short7.ben@dig.test',
  near7: 'near7.uma@dig.test',
  near8: 'near8.uma@dig.test',
  /** A bisect log naming `CROWD` other commits that share `exact`'s first 8 digits. */
  crowd: 'crowd.ben@dig.test',
} as const;

/** Ids in `CITES.crowd`: more than the 100 words public-inbox expands a wildcard to (1.9). */
export const CROWD = 120;

export interface DigRepo {
  /** The work tree; its `.git` is what cgit serves. */
  dir: string;
  gitDir: string;
  base: string;
  commits: { exact: string; changed: string; linked: string; lone: string };
  /** Every mail of the inbox (one file each). */
  mails: string[];
  git(...args: string[]): string;
  done(): void;
}

const FOO = (v: number): string => ['/* foo helpers */', '', 'int foo(int x)', '{', '\treturn x * 2;', '}', '', ...(v > 0 ? ['/* version */'] : [])].join('\n') + '\n';
const BAR = (p: 'base' | 'v1' | 'v2' | 'applied'): string => {
  const body = { base: ['\tint x = 0;'], v1: ['\tint x = foo(1);'], v2: ['\tint x = foo(2);', '\tif (x < 0)', '\t\treturn -1;'], applied: ['\tint x = foo(2);', '\tif (x <= 0)', '\t\treturn -1;'] }[p];
  return ['#include "foo.h"', '', 'int bar(void)', '{', ...body, '\treturn x;', '}', ''].join('\n');
};
const DOC = (n: number): string => ['foo', '===', '', ['', 'foo() doubles its argument.', 'foo() doubles x and returns it.', 'foo(x) returns twice x; it never fails.'][n]!, ''].join('\n');

export function buildDigRepo(gitPath: string): DigRepo {
  const dir = mkdtempSync(join(tmpdir(), 'listlens-dig-'));
  const out = join(dir, '.mail');
  mkdirSync(out);
  const work = join(dir, 'repo');
  mkdirSync(work);
  const run = (env: Record<string, string>, args: string[]): string => {
    const r = spawnSync(gitPath, args, { cwd: work, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const ident = (author: string, date: string, committer = author, cdate = date): Record<string, string> => {
    const [an, ae] = /^(.*) <(.*)>$/.exec(author)!.slice(1) as [string, string];
    const [cn, ce] = /^(.*) <(.*)>$/.exec(committer)!.slice(1) as [string, string];
    return { GIT_AUTHOR_NAME: an, GIT_AUTHOR_EMAIL: ae, GIT_AUTHOR_DATE: date, GIT_COMMITTER_NAME: cn, GIT_COMMITTER_EMAIL: ce, GIT_COMMITTER_DATE: cdate };
  };
  const git = (...args: string[]): string => run(ident(`${ADA.name} <${ADA.address}>`, '2024-01-01T00:00:00Z'), args);
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  };
  const commit = (env: Record<string, string>, message: string): string => {
    run(env, ['add', '-A']);
    run(env, ['commit', '-q', '-m', message]);
    return run(env, ['rev-parse', 'HEAD']).trim();
  };
  git('init', '-q', '-b', 'main');
  git('config', 'core.autocrlf', 'false');
  write('mm/foo.c', FOO(0).replace(/int foo[\s\S]*/, ''));
  write('mm/bar.c', BAR('base'));
  write('Documentation/mm/foo.rst', DOC(0));
  write('README', 'This is the test tree of ListLens.\nIt has has a typo.\n');
  const ada = `${ADA.name} <${ADA.address}>`;
  const base = commit(ident(ada, '2024-01-01T00:00:00Z'), 'Initial tree\n\nSigned-off-by: Ada Author <ada@example.org>');
  const message = (k: number, v: number): string =>
    [`${TITLES[k]}`, '', [`Add foo(), which doubles its argument.`, `Use foo() in bar()${v > 1 ? ' and fail on a negative result' : ''}.`, `Document foo().`][k], '', `Signed-off-by: ${ada}`].join('\n');
  const content = (k: number, v: number): void => {
    if (k === 0) write('mm/foo.c', FOO(1));
    if (k === 1) write('mm/bar.c', BAR(v === 1 ? 'v1' : 'v2'));
    if (k === 2) write('Documentation/mm/foo.rst', DOC(v));
  };
  for (let v = 1; v <= 3; v++) {
    git('checkout', '-q', '-B', `v${v}`, base);
    for (let k = 0; k < 3; k++) {
      content(k, v);
      commit(ident(ada, new Date(Date.parse(DATES[v - 1]!) + (k + 1) * 60_000).toISOString()), message(k, v));
    }
    const dirV = join(out, `v${v}`);
    run(ident(ada, DATES[v - 1]!), ['format-patch', '-q', '--cover-letter', '--thread=shallow', `--subject-prefix=PATCH`, ...(v > 1 ? [`-v${v}`] : []), '-o', dirV, `${base}..v${v}`]);
  }
  // main: the series as the maintainer applied it, and one commit never posted
  git('checkout', '-q', 'main');
  const applied = (k: number, extra: string[]): string => {
    content(k, 3);
    if (k === 1) write('mm/bar.c', BAR('applied'));
    const msg = [message(k, 3), ...extra, `Signed-off-by: ${MEL}`].join('\n');
    return commit(ident(ada, new Date(Date.parse(DATES[2]!) + (k + 1) * 60_000).toISOString(), MEL, '2024-02-05T09:00:00Z'), msg);
  };
  const exact = applied(0, [`Reviewed-by: ${RITA}`]);
  const changed = applied(1, []);
  const linked = applied(2, [`Link: https://patch.msgid.link/${mid(3, 3)}`]);
  write('README', 'This is the test tree of ListLens.\nIt has a typo no more.\n');
  const lone = commit(ident(MEL, '2024-02-06T09:00:00Z'), `README: fix a typo\n\nSigned-off-by: ${MEL}`);

  // The posted mail, with fixed Message-IDs, dates and list address.
  const mails: string[] = [];
  for (let v = 1; v <= 3; v++) {
    const files = readdirSync(join(out, `v${v}`)).sort();
    const ids = new Map<string, string>();
    const texts = files.map((f) => readFileSync(join(out, `v${v}`, f), 'utf8'));
    texts.forEach((t, k) => {
      const old = /^Message-ID: <([^>]+)>/im.exec(t)?.[1];
      if (old) ids.set(old, mid(v, k));
    });
    texts.forEach((t, k) => {
      let m = t.replace(/<([^<>\s]+)>/g, (all, id: string) => (ids.has(id) ? `<${ids.get(id)}>` : all));
      m = m.replace(/^Date: .*$/m, `Date: ${new Date(Date.parse(DATES[v - 1]!) + k * 60_000).toUTCString().replace('GMT', '+0000')}`);
      m = m.replace(/^(Subject: .*)$/m, '$1\nTo: linux-mm@kvack.org');
      if (k === 0) {
        m = m.replace('*** SUBJECT HERE ***', 'mm: foo helpers').replace('*** BLURB HERE ***', `Three small patches around foo().${v > 1 ? `\n\nChanges in v${v}:\n- bar() fails on a negative result\n- reworded the documentation` : ''}`);
      }
      const f = join(out, `v${v}-${k}.eml`);
      writeFileSync(f, m);
      mails.push(f);
    });
  }
  const mail = (name: string, headers: string[], body: string[]): void => {
    const f = join(out, name);
    writeFileSync(f, [...headers, 'To: linux-mm@kvack.org', '', ...body, ''].join('\n'));
    mails.push(f);
  };
  mail('review.eml', [`From: ${RITA}`, 'Date: Mon, 22 Jan 2024 10:00:00 +0000', `Message-ID: <${REVIEW}>`, `In-Reply-To: <${mid(2, 1)}>`, `References: <${mid(2, 0)}> <${mid(2, 1)}>`, `Subject: Re: [PATCH v2 1/3] ${TITLES[0]}`], ['On Sat, Jan 20, Ada Author wrote:', '> Add foo(), which doubles its argument.', '', 'Simple enough.', '', `Reviewed-by: ${RITA}`]);
  mail('applied.eml', [`From: ${MEL}`, 'Date: Mon, 05 Feb 2024 10:00:00 +0000', `Message-ID: <${APPLIED}>`, `In-Reply-To: <${mid(3, 0)}>`, `References: <${mid(3, 0)}>`, 'Subject: Re: [PATCH v3 0/3] mm: foo helpers'], [
    'On Thu, 01 Feb 2024 10:00:00 +0000, Ada Author wrote:', '> Three small patches around foo().', '', `Applied to ${TREE_URL} (for-next), thanks!`, '',
    `[1/3] ${TITLES[0]}`, `      commit: ${exact.slice(0, 12)}`, `[2/3] ${TITLES[1]}`, `      commit: ${changed.slice(0, 12)}`, `[3/3] ${TITLES[2]}`, `      commit: ${linked.slice(0, 12)}`, '', 'Best regards,', '-- ', MEL,
  ]);
  mail('late.eml', [`From: ${TOM}`, 'Date: Sat, 10 Feb 2024 10:00:00 +0000', `Message-ID: <${LATE}>`, `In-Reply-To: <${mid(3, 1)}>`, `References: <${mid(3, 0)}> <${mid(3, 1)}>`, `Subject: Re: [PATCH v3 1/3] ${TITLES[0]}`], ['Late, but it works here.', '', `Tested-by: ${TOM}`]);
  mail('fix.eml', [`From: ${TOM}`, 'Date: Fri, 01 Mar 2024 10:00:00 +0000', `Message-ID: <${FIX}>`, 'Subject: [PATCH] mm: make foo() saturate'], [
    'foo() overflows for large arguments.', '', `Fixes: ${exact.slice(0, 12)} ("${TITLES[0]}")`, `Signed-off-by: ${TOM}`, '---', ' mm/foo.c | 2 +-', ' 1 file changed, 1 insertion(+), 1 deletion(-)', '',
    'diff --git a/mm/foo.c b/mm/foo.c', 'index 1111111..2222222 100644', '--- a/mm/foo.c', '+++ b/mm/foo.c', '@@ -3,4 +3,4 @@', ' int foo(int x)', ' {', '-\treturn x * 2;', '+\treturn x > 1000 ? 2000 : x * 2;', ' }', '-- ', '2.39.5',
  ]);
  mail('fix-applied.eml', [`From: ${MEL}`, 'Date: Tue, 05 Mar 2024 10:00:00 +0000', `Message-ID: <${FIX_APPLIED}>`, `In-Reply-To: <${FIX}>`, `References: <${FIX}>`, 'Subject: Re: [PATCH] mm: make foo() saturate'], ['Applied, thanks!']);
  // Citations as real mail writes them: 8 to 40 digits, a tag or prose; and ids that only look alike.
  const UMA = 'Uma Umbrella <uma@example.org>';
  const BEN = 'Ben Bisect <ben@example.org>';
  const patch = (name: string, id: string, from: string, date: string, subject: string, message: string[]): void =>
    mail(name, [`From: ${from}`, `Date: ${date}`, `Message-ID: <${id}>`, `Subject: [PATCH] ${subject}`], [
      ...message, `Signed-off-by: ${from}`, '---', ' mm/foo.c | 2 +-', ' 1 file changed, 1 insertion(+), 1 deletion(-)', '',
      'diff --git a/mm/foo.c b/mm/foo.c', 'index 3333333..4444444 100644', '--- a/mm/foo.c', '+++ b/mm/foo.c', '@@ -1,3 +1,3 @@', '-/* foo helpers */', `+/* ${subject} */`, ' ', ' int foo(int x)', '-- ', '2.39.5',
    ]);
  // another id that shares the first n digits of `exact` and no more
  const near = (n: number): string => exact.slice(0, n) + ((parseInt(exact[n]!, 16) + 1) % 16).toString(16) + exact.slice(n + 1, 12);
  patch('fix8.eml', CITES.fix8, UMA, 'Sun, 10 Mar 2024 10:00:00 +0000', 'mm: foo: take an unsigned argument', ['A negative argument makes no sense to foo().', '', `Fixes: ${exact.slice(0, 8)} ("${TITLES[0]}")`]);
  mail('fix8-review.eml', [`From: ${RITA}`, 'Date: Mon, 11 Mar 2024 10:00:00 +0000', `Message-ID: <${CITES.fix8Review}>`, `In-Reply-To: <${CITES.fix8}>`, `References: <${CITES.fix8}>`, 'Subject: Re: [PATCH] mm: foo: take an unsigned argument'], ['Makes sense.', '', `Reviewed-by: ${RITA}`]);
  mail('fix8-quoted.eml', [`From: ${MEL}`, 'Date: Mon, 11 Mar 2024 12:00:00 +0000', `Message-ID: <${CITES.quoted}>`, `In-Reply-To: <${CITES.fix8}>`, `References: <${CITES.fix8}>`, 'Subject: Re: [PATCH] mm: foo: take an unsigned argument'], [
    'On Sun, 10 Mar 2024, Uma Umbrella wrote:', `> Fixes: ${exact.slice(0, 8)} ("${TITLES[0]}")`, '', 'Please cite 12 digits next time.',
  ]);
  mail('report10.eml', [`From: ${BEN}`, 'Date: Tue, 12 Mar 2024 10:00:00 +0000', `Message-ID: <${CITES.report10}>`, 'Subject: foo() doubles negative numbers wrongly'], [
    'Hi,', '', `Since commit ${exact.slice(0, 10)} ("mm: add`, 'helper foo"), bar() returns -2 where it used to return 0.', '', 'Ben',
  ]);
  patch('fix40.eml', CITES.fix40, UMA, 'Fri, 15 Mar 2024 10:00:00 +0000', 'mm: foo: document the overflow', [
    `Commit ${exact.slice(0, 12)} ("${TITLES[0]}") left the overflow undocumented.`, '', `Fixes: ${exact} ("${TITLES[0]}")`,
  ]);
  patch('other-title.eml', CITES.otherTitle, BEN, 'Wed, 20 Mar 2024 10:00:00 +0000', 'mm: bar: check the result', ['bar() ignores what foo() says.', '', `Fixes: ${exact.slice(0, 9)} ("mm: add helper bar")`]);
  patch('short7.eml', CITES.short7, BEN, 'Thu, 21 Mar 2024 10:00:00 +0000', 'mm: foo: shorter', ['Seven digits name no commit.', '', `Fixes: ${exact.slice(0, 7)} ("${TITLES[0]}")`]);
  patch('near7.eml', CITES.near7, UMA, 'Fri, 22 Mar 2024 10:00:00 +0000', 'mm: frob the widget', ['Another commit, the same first seven digits.', '', `Fixes: ${near(7)} ("mm: add the widget")`]);
  patch('near8.eml', CITES.near8, UMA, 'Sat, 23 Mar 2024 10:00:00 +0000', 'mm: frob the gadget', [`Another commit, the same first eight digits: commit ${near(8)} ("mm: add the gadget").`, '', `Fixes: ${near(8)} ("mm: add the gadget")`]);
  // other commits sharing exactly `exact`'s first 8 digits, as a bisect log lists them
  const crowd = Array.from({ length: CROWD }, (_, i) => exact.slice(0, 8) + ((parseInt(exact[8]!, 16) + 1 + (i % 15)) % 16).toString(16) + createHash('sha1').update(`crowd ${i}`).digest('hex').slice(0, 31));
  mail('crowd.eml', [`From: ${BEN}`, 'Date: Mon, 25 Mar 2024 10:00:00 +0000', `Message-ID: <${CITES.crowd}>`, 'Subject: widget slowdown: bisect log'], [
    'The log, for the record:', '', 'git bisect start', ...crowd.map((id, i) => `# ${i % 2 ? 'good' : 'bad'}: [${id}] mm: widget step ${i}`), '', 'Ben',
  ]);
  return { dir: work, gitDir: join(work, '.git'), base, commits: { exact, changed, linked, lone }, mails, git, done: () => rmSync(dir, { recursive: true, force: true }) };
}
