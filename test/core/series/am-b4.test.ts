/**
 * The am-ready mbox (core/series/am.ts) against Debian's b4 0.12 (`b4 am -t`, and `-l` for
 * the Link), judged by git: on every multi-version series of the corpus (test/helpers/
 * b4-series.ts, the discovery ledger-b4.test.ts checks) and on every series of the real LKML
 * corpus (asked on the copy with Subject unfolded, b4 0.12 crashing on a folded one), each
 * version's mbox and b4's are `git am`ed into a scratch repository whose base the patches
 * themselves describe (test/helpers/am-base.ts); the commits must be the same: author, date,
 * and the whole message, trailers and their order included.
 *
 * Where git cannot apply the diffs (b4's hand-made samples write `@@@` hunk headers), each
 * mail goes through what `git am` commits instead: `git mailinfo`, then `git stripspace`,
 * for both files; the messages must be the same.
 *
 * Documented differences, asserted rather than skipped:
 * - A version with a patch missing from the archive: b4 writes what it has ("WARNING: Thread
 *   incomplete!"), ours refuses and names the patch. Its present patches are still compared
 *   one by one (`amPatch`), through mailinfo.
 * - `B4_ONLY` of ledger-b4.test.ts: b4 gives a partial reroll's rerolled patch the review of
 *   v2's cover letter, a patch that changed since; the ledger holds it stale, the mbox does
 *   not add it (`STALE_IN_B4` below, the same trailer).
 * - `OURS_ONLY` (test/helpers/b4-series.ts): acks the ledger counts and b4 0.12 does not see
 *   (replies whose In-Reply-To gmane rewrote, an Outlook `[Name] Acked-by:` line): ours adds them.
 * - b4 0.12 takes a `Date:` line of a reply as a follow-up trailer (its follow-up rule drops
 *   From/Author/Cc/To, not Date): DaveM's "Applied." replies quote the patch's `From:`/`Date:`
 *   header block, and b4 writes `Date: Sun, 14 Nov 2010 19:04:26 -0800` into the commit.
 *   A mail header is no trailer (core/series/trailers.ts): ours does not (`B4_DATE`).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { buildLedger, type Ledger } from '../../../src/core/series/ledger.ts';
import { amMbox, amPatch } from '../../../src/core/series/am.ts';
import { versionPatches } from '../../../src/core/series/am-trailers.ts';
import { corpusDir, corpusPath } from '../../helpers/corpus.ts';
import { b4, B4_SEES, groupsOf, LKML, MULTI, OURS_ONLY, unfoldSubjects } from '../../helpers/b4-series.ts';
import { requireTool, tempRepo, tool } from '../../helpers/tools.ts';
import { baseTree } from '../../helpers/am-base.ts';

const git = tool('git');
const LINK_MASK = 'https://patch.msgid.link/%s';

/** Trailers b4 applies that the ledger holds stale (ledger-b4.test.ts `B4_ONLY`): file → version/counter → line. */
const STALE_IN_B4: Record<string, Record<string, string[]>> = {
  'b4/trailers-followup-partial-reroll.mbox': { '3/2': ['Reviewed-by: Coverletter Reviewer1 <followup-reviewer1@example.com>'] },
};

/** b4 0.12's `Date:` "trailer" from a reply quoting a header block (see above). */
const B4_DATE = /^Date: [A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$/m;

/** Removes `line` from a commit's text once; says whether it was there. */
function without(commit: string, line: string): string | null {
  const at = commit.indexOf(`\n${line}\n`);
  return at < 0 ? null : commit.slice(0, at) + commit.slice(at + line.length + 1);
}

/** The documented differences taken out of both sides, patch by patch (see the header). */
function documented(file: string, l: Ledger, col: number, ours: string[], theirs: string[]): { ours: string[]; theirs: string[]; count: number } {
  const v = l.versions[col]!;
  const patches = versionPatches(l, col);
  let count = 0;
  const o = ours.map((c, i) => {
    let out = c;
    for (const line of OURS_ONLY[file]?.[`${l.title}\n${v.version}/${patches[i]?.counter}`] ?? []) {
      const cut = without(out, line);
      expect(cut, `${line} in ours, ${file} v${v.version} ${patches[i]?.counter}`).not.toBeNull();
      out = cut!;
      count++;
    }
    return out;
  });
  const t = theirs.map((c, i) => {
    let out = c;
    for (let m = B4_DATE.exec(out); m && !ours[i]?.includes(`\n${m[0]}\n`); m = B4_DATE.exec(out)) {
      out = without(out, m[0])!;
      count++;
    }
    return out;
  });
  return { ours: o, theirs: t, count };
}

const noBase: string[] = [];
const figures = { series: 0, versions: 0, patches: 0, trailers: 0, added: 0, links: 0, gitAm: 0, mailinfo: 0, refused: 0, documented: 0 };

/** A clean environment for b4 and git: an identity nobody in the corpus has, the linkmask of `-l`. */
function env(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_COUNT: '3',
    GIT_CONFIG_KEY_0: 'user.name',
    GIT_CONFIG_VALUE_0: 'Differential Applier',
    GIT_CONFIG_KEY_1: 'user.email',
    GIT_CONFIG_VALUE_1: 'applier@listlens.invalid',
    GIT_CONFIG_KEY_2: 'b4.linkmask',
    GIT_CONFIG_VALUE_2: LINK_MASK,
  };
}

/** What b4 said when it wrote nothing. */
let lastLog = '';

/** b4's am-ready mbox for one version (`-v N`) or one message's series, or null when it writes none. */
function b4Am(path: string, which: string[], link: boolean, home: string): string | null {
  const out = mkdtempSync(join(home, 'b4-'));
  const run = spawnSync(b4!, ['-n', 'am', '-t', ...(link ? ['-l'] : []), '-m', path, ...which, '-o', out], { encoding: 'utf8', env: env(home) });
  const mbx = readdirSync(out).find((f) => f.endsWith('.mbx'));
  if (!mbx) {
    if (run.stderr.includes('Traceback')) throw new Error(`b4 crashed: ${run.stderr.slice(-400)}`);
    lastLog = `${run.stdout}${run.stderr}`;
    return null;
  }
  return readFileSync(join(out, mbx), 'utf8');
}

const SEP = /^From git@z Thu Jan {2}1 00:00:00 1970\n/m;
const mailsOf = (mbx: string): string[] => mbx.split(SEP).filter((m) => m.trim());

/** What `git am` commits from each mail, without applying it: mailinfo's subject and message, stripspace'd. */
function committed(mails: string[], dir: string): string[] {
  return mails.map((m) => {
    const info = spawnSync(git!, ['mailinfo', join(dir, 'msg'), join(dir, 'patch')], { input: m, encoding: 'utf8', cwd: dir });
    if (info.status !== 0) throw new Error(`git mailinfo: ${info.stderr}`);
    const field = (n: string): string => new RegExp(`^${n}: (.*)$`, 'm').exec(info.stdout)?.[1] ?? '';
    const whole = `${field('Subject')}\n\n${readFileSync(join(dir, 'msg'), 'utf8')}`;
    const strip = spawnSync(git!, ['stripspace'], { input: whole, encoding: 'utf8' });
    return `${field('Author')} <${field('Email')}> ${field('Date')}\n${strip.stdout}`;
  });
}

/** `git am` of an mbox on the base its patches describe: each commit's author, date and message; null when git cannot apply it. */
function applied(mbx: string, base: Map<string, { content: string; mode: string }>): string[] | null {
  const repo = tempRepo(git!);
  try {
    for (const [p, f] of base) repo.write(p, f.content, f.mode === '100755' ? 0o755 : undefined);
    repo.commit('base');
    writeFileSync(join(repo.dir, 'series.mbx'), mbx);
    try {
      repo.git('am', '--quiet', 'series.mbx');
    } catch {
      return null;
    }
    const log = repo.git('log', '--reverse', '--format=%an <%ae> %aD%n%B%x00', 'HEAD~' + String(mailsOf(mbx).length) + '..HEAD');
    return log.split('\0').map((s) => s.replace(/^\n/, '')).filter((s) => s.trim());
  } finally {
    repo.done();
  }
}

async function rawsOf(path: string): Promise<Map<string, Uint8Array>> {
  const r = await analyseMbox(new Uint8Array(readFileSync(path)));
  return new Map(r.heads.map((h) => [h.id, r.raws[h.index]!]));
}

/** Compares one version both ways (with and without `-l`); returns the patches compared. */
async function compareVersion(file: string, b4Path: string, which: string[], l: Ledger, col: number, raws: Map<string, Uint8Array>, home: string): Promise<number> {
  const v = l.versions[col]!;
  let compared = 0;
  for (const link of [false, true]) {
    const theirs = b4Am(b4Path, which, link, home);
    const sees = B4_SEES[file];
    if (!theirs) {
      // only where b4 is known not to see that version
      expect(!!sees && !sees.versions.includes(v.version), `b4 wrote nothing for v${v.version} of ${file} (${which.join(" ")}): ${lastLog.slice(-300)}`).toBe(true);
      return 0;
    }
    const ours = await amMbox(l, v.version, (k) => raws.get(k) ?? null, { link, linkMask: LINK_MASK });
    if (v.missing.length) {
      // refused, naming what is missing; the present patches compared one by one
      expect(ours).toMatchObject({ ok: false, error: expect.stringMatching(new RegExp(`not in the archive`)) });
      const mails: string[] = [];
      for (const p of versionPatches(l, col)) {
        const got = await amPatch(l, col, p, raws.get(p.id)!, { link, linkMask: LINK_MASK });
        if (!got.ok) throw new Error(got.error);
        mails.push(got.mail.replace(SEP, ''));
      }
      const d = documented(file, l, col, committed(mails, home), committed(mailsOf(theirs), home));
      expect(d.ours).toEqual(d.theirs);
      if (!link) figures.documented += d.count;
      if (!link) figures.refused++;
      compared += mails.length;
      continue;
    }
    if (!ours.ok) throw new Error(`${file} v${v.version}: ${ours.error}`);
    if (!link) figures.added += ours.file.added;
    const ourMails = mailsOf(ours.file.mbx);
    let b4Text = theirs;
    for (const line of STALE_IN_B4[file]?.[`${v.version}/${ourMails.length}`] ?? []) {
      // the documented difference: b4 adds it to the last patch, ours holds it stale
      expect(b4Text).toContain(`${line}\n`);
      const last = b4Text.lastIndexOf(`${line}\n`);
      b4Text = b4Text.slice(0, last) + b4Text.slice(last + line.length + 1);
      if (!link) figures.documented++;
    }
    const base = baseTree(ourMails);
    if (typeof base === 'string' && !link) noBase.push(`${file} v${v.version}: ${base}`);
    const byGit = typeof base === 'string' ? null : applied(ours.file.mbx, base.files);
    const b4ByGit = typeof base === 'string' ? null : applied(b4Text, base.files);
    if (byGit || b4ByGit) {
      expect(byGit, `git am of ours, ${file} v${v.version}`).not.toBeNull();
      expect(b4ByGit, `git am of b4's, ${file} v${v.version}`).not.toBeNull();
      const d = documented(file, l, col, byGit!, b4ByGit!);
      expect({ file, version: v.version, link, commits: d.ours }).toEqual({ file, version: v.version, link, commits: d.theirs });
      if (!link) {
        figures.gitAm++;
        figures.documented += d.count;
      }
    } else {
      // neither applies (hand-made diffs): what git am would commit from each mail
      const d = documented(file, l, col, committed(ourMails, home), committed(mailsOf(b4Text), home));
      expect(d.ours).toEqual(d.theirs);
      if (!link) {
        figures.mailinfo++;
        figures.documented += d.count;
      }
    }
    const trailerLines = ourMails.flatMap((m) => m.split('\n---\n')[0]!.split('\n').filter((x) => /^[\w-]+-by: |^(Link|Fixes|Cc): /.test(x)));
    if (link) figures.links += trailerLines.filter((x) => x.startsWith(`Link: ${LINK_MASK.replace('%s', '')}`)).length;
    else {
      figures.trailers += trailerLines.length;
      figures.patches += ourMails.length;
    }
    compared += ourMails.length;
  }
  if (compared) figures.versions++;
  return compared;
}

describe.runIf(corpusDir && (b4 || process.env.CI))('the am-ready mbox against b4 am, by git am', () => {
  it.each(MULTI)('%s: each version applies to the same commits as b4 am -t (and -l)', async (file) => {
    if (!b4) throw new Error('b4 is not installed: .ci/run installs the Debian package b4');
    requireTool(git, 'git');
    const path = corpusPath(file);
    const groups = (await groupsOf(path)).filter((g) => g.members.length > 1);
    const l = buildLedger(groups[0]!);
    const raws = await rawsOf(path);
    const home = mkdtempSync(join(tmpdir(), 'listlens-am-b4-'));
    try {
      figures.series++;
      let compared = 0;
      for (const [col, v] of l.versions.entries()) compared += await compareVersion(file, path, ['-v', String(v.version)], l, col, raws, home);
      expect(compared).toBeGreaterThan(1);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);

  it('the real LKML series: each applies to the same commits as b4 am -t (and -l) on the unfolded copy', async () => {
    if (!b4) throw new Error('b4 is not installed: .ci/run installs the Debian package b4');
    requireTool(git, 'git');
    const path = corpusPath(LKML);
    const home = mkdtempSync(join(tmpdir(), 'listlens-am-b4-'));
    try {
      // b4 reads every series of an mbox it is given: each series is asked on its own thread
      const chunks = unfoldSubjects(readFileSync(path, 'latin1')).split(/^(?=From )/m);
      const idOf = (chunk: string): string => /^Message-ID:\s*<([^>]+)>/im.exec(chunk.slice(0, chunk.indexOf('\n\n')))?.[1] ?? '';
      const r = await analyseMbox(new Uint8Array(readFileSync(path)));
      const parent = new Map(r.analysis.messages.map((m) => [m.id, m.parent]));
      const rootOf = (id: string): string => {
        let cur = id;
        for (let n = 0; parent.get(cur) && n < 1000; n++) cur = parent.get(cur)!;
        return cur;
      };
      const raws = new Map(r.heads.map((h) => [h.id, r.raws[h.index]!]));
      let compared = 0;
      for (const g of await groupsOf(path)) {
        const l = buildLedger(g);
        figures.series++;
        for (const [col, v] of l.versions.entries()) {
          const key = g.members[col]?.facts.key ?? v.key;
          // the threads of the version's cover and patches (one may have sent each patch as a thread of its own)
          const roots = new Set(g.members.filter((m) => m.version === v.version).flatMap((m) => m.facts.messages.map(rootOf)));
          const thread = join(home, 'thread.mbox');
          writeFileSync(thread, chunks.filter((c) => roots.has(rootOf(idOf(c)))).join(''), 'latin1');
          compared += await compareVersion(LKML, thread, [key], l, col, raws, home);
        }
      }
      expect(compared).toBeGreaterThan(50);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    console.log(
      `am differential: ${figures.series} series, ${figures.versions} versions, ${figures.patches} patches, ${figures.trailers} trailer lines, ${figures.added} of them added from replies (+${figures.links} Link:), ` +
        `${figures.gitAm} versions by git am, ${figures.mailinfo} by mailinfo (diffs git cannot apply), ${figures.refused} refused as incomplete, ${figures.documented} documented differences` +
        (noBase.length ? `; no base tree for ${noBase.join('; ')}` : ''),
    );
  }, 300_000);
});
