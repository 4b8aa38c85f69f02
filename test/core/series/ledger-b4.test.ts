/**
 * The ledger against Debian's b4 (the oracle). For every multi-version series of the corpus
 * (found at test time: a new corpus file with one fails here until it is listed), each
 * version's `b4 am -t` mbox holds the patches with the trailers b4 would apply, with its
 * default sender rule (`--sloppy-trailers` off); each patch's trailer block there must be
 * the trailers our ledger counts for that cell (own, follow-ups, the cover's, and those
 * carried from an earlier version with the same patch-id). Then the same on the single
 * version series of the real LKML corpus, where b4 0.12 crashes on a folded `Subject:`.
 *
 * Documented differences, asserted rather than skipped (`B4_ONLY`, `OURS_ONLY`, `NOT_B4`, `B4_SEES`):
 * - b4 carries a trailer from any revision with the same patch-id, later ones too (its
 *   trailer_map); the ledger carries forward only: a Reviewed-by given on v3 says nothing
 *   about what a reader saw on v2. None of the corpus series has such a backward carry.
 * - b4 0.12's partial reroll copies v2's 1/2 into v3 with v2's trailers, as we borrow it; both
 *   agree. But b4 also gives v2's cover-letter review to the rerolled v3 2/2, a patch that
 *   changed since: the ledger lists that review on v3 2/2 as stale ("given on v2; patch
 *   changed since"; the same reviewer's own review of v2 2/2 stands for it, as the ledger
 *   counts one person once per trailer name), which `B4_ONLY` checks.
 * - Series b4 cannot be asked about (`NOT_B4`): covers without patches, and subjects b4 0.12
 *   reads as no patch; and versions it does not see (`B4_SEES`: it reads two unlabeled
 *   postings as one revision, the first).
 * - b4 0.12 raises "Header values may not contain linefeed" on a folded `Subject:` (the LKML
 *   corpus has several): that is asserted, and b4 is asked on a copy with Subject unfolded.
 * - On that corpus the ledger counts four acks b4 drops: three replies whose In-Reply-To
 *   gmane rewrote into an id naming no message (b4 follows In-Reply-To only; the References
 *   say which patch they answer), and one `[Jack Wang] Acked-by:` line (an Outlook inline
 *   mark b4 does not read; trailers.ts does).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { buildLedger, type Ledger } from '../../../src/core/series/ledger.ts';
import { parseSubject } from '../../../src/core/mail/subject.ts';
import { parseTrailers } from '../../../src/core/series/trailers.ts';
import { corpusDir, corpusPath } from '../../helpers/corpus.ts';
import { b4, B4_SEES, groupsOf, LKML, MULTI, multiVersionFiles, NOT_B4, OURS_ONLY, unfoldSubjects } from '../../helpers/b4-series.ts';

/** Trailers b4 applies and the ledger shows as stale, on purpose: file → version/counter → trailer. */
const B4_ONLY: Record<string, Record<string, string[]>> = {
  'b4/trailers-followup-partial-reroll.mbox': { '3/2': ['Reviewed-by: Coverletter Reviewer1 <followup-reviewer1@example.com>'] },
};

/** b4 writes the patch's own From:/Date: as in-body headers above the message: no trailers. */
const IN_BODY_HEADER = /^(from|date|subject|author)$/i;

const norm = (lines: string[]): string[] => [...new Set(lines.map((l) => l.toLowerCase()))].sort();

/** What b4 would apply, per patch counter: the trailer block of each patch in its am mbox. */
async function b4Trailers(path: string, args: string[]): Promise<{ trailers: Map<number, string[]>; log: string } | null> {
  const out = mkdtempSync(join(tmpdir(), 'listlens-b4-ledger-'));
  try {
    const run = spawnSync(b4!, ['-n', 'am', '-t', '-m', path, ...args, '-o', out], { encoding: 'utf8' });
    const log = `${run.stdout}\n${run.stderr}`;
    const mbx = readdirSync(out).find((f) => f.endsWith('.mbx'));
    if (!mbx) return null;
    const r = await analyseMbox(new Uint8Array(readFileSync(join(out, mbx))), { keepBodies: true });
    const trailers = new Map<number, string[]>();
    for (const h of r.heads) {
      const body = r.bodies!.get(h.id)!.text;
      trailers.set(
        parseSubject(h.subject).counter,
        parseTrailers(body, h.id)
          .filter((t) => !IN_BODY_HEADER.test(t.name))
          .map((t) => `${t.name}: ${t.value}`),
      );
    }
    return { trailers, log };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The figures the closing note of issue 15 gives. */
const figures = { series: 0, versions: 0, patches: 0, trailers: 0, agree: 0, documented: 0 };

/** Compares one ledger version with b4's answer; returns the cells compared. */
function compare(file: string, l: Ledger, k: number, theirs: Map<number, string[]>): number {
  const v = l.versions[k]!;
  let compared = 0;
  for (const row of l.rows) {
    const cell = row.cells[k];
    if (!cell?.present || cell.counter === null) continue;
    const ours = cell.trailers.filter((t) => !t.stale).map((t) => `${t.name}: ${t.value}`);
    const onlyB4 = B4_ONLY[file]?.[`${v.version}/${cell.counter}`] ?? [];
    const onlyOurs = OURS_ONLY[file]?.[`${l.title}\n${v.version}/${cell.counter}`] ?? [];
    // the same person's review, stale here (the ledger counts a person once per trailer name)
    for (const t of onlyB4) expect(cell.trailers.filter((x) => x.stale).map((x) => `${x.name}: <${x.person?.address}>`)).toContain(`${t.split(':')[0]}: <${/<([^>]+)>/.exec(t)![1]}>`);
    ours.push(...onlyB4);
    for (const t of onlyOurs) expect(ours).toContain(t);
    const want = norm([...(theirs.get(cell.counter) ?? []), ...onlyOurs]);
    expect({ file, version: v.version, counter: cell.counter, trailers: norm(ours) }).toEqual({ file, version: v.version, counter: cell.counter, trailers: want });
    figures.patches++;
    figures.trailers += want.length;
    if (onlyB4.length || onlyOurs.length) figures.documented++;
    else figures.agree++;
    compared++;
  }
  return compared;
}

describe.runIf(corpusDir && (b4 || process.env.CI))('the ledger against b4 am, version by version', () => {
  it('the lists name every multi-version series of the corpus', async () => {
    expect(await multiVersionFiles()).toEqual([...MULTI, ...Object.keys(NOT_B4)].sort());
  }, 120_000);

  it.each(MULTI)('%s: each cell holds what b4 applies', async (file) => {
    if (!b4) throw new Error('b4 is not installed: .ci/run installs the Debian package b4');
    const path = corpusPath(file);
    const groups = (await groupsOf(path)).filter((g) => g.members.length > 1);
    expect(groups).toHaveLength(1);
    const l = buildLedger(groups[0]!);
    expect(l.versions.length).toBeGreaterThan(1);
    figures.series++;
    let compared = 0;
    for (const [k, v] of l.versions.entries()) {
      const theirs = await b4Trailers(path, ['-v', String(v.version)]);
      const sees = B4_SEES[file];
      if (!theirs) {
        expect(sees?.versions ?? [], `b4 wrote nothing for v${v.version} of ${file}`).not.toContain(v.version);
        continue;
      }
      if (sees) expect(sees.versions).toContain(v.version);
      figures.versions++;
      compared += compare(file, l, k, theirs.trailers);
    }
    expect(compared).toBeGreaterThan(1);
  }, 60_000);
});

describe.runIf(corpusDir && (b4 || process.env.CI))('the ledger against b4 am on the real LKML series', () => {
  const file = LKML;

  it('b4 0.12 crashes on a folded Subject:, so it is asked on a copy with Subject unfolded; each patch holds what b4 applies', async () => {
    if (!b4) throw new Error('b4 is not installed: .ci/run installs the Debian package b4');
    const path = corpusPath(file);
    const raw = readFileSync(path, 'latin1');
    const groups = await groupsOf(path);
    const dir = mkdtempSync(join(tmpdir(), 'listlens-b4-unfolded-'));
    try {
      // on the file as it is, b4 dies on the series with a folded Subject:
      const crashed = groups.filter((g) => spawnSync(b4!, ['-n', 'am', '-t', '-m', path, g.members[0]!.facts.key, '-o', join(dir, 'crash')], { encoding: 'utf8' }).stderr.includes('Header values may not contain linefeed'));
      expect(crashed.map((g) => g.title).sort()).toEqual(['lib/message: Add function to get maildir flags.', 'remove unnecessary semicolons']);
      const copy = join(dir, 'unfolded.mbox');
      writeFileSync(copy, unfoldSubjects(raw), 'latin1');
      let compared = 0;
      for (const g of groups) {
        const l = buildLedger(g);
        const theirs = await b4Trailers(copy, [g.members[0]!.facts.key]);
        expect(theirs, `b4 applies nothing for ${g.title}`).not.toBeNull();
        figures.series++;
        figures.versions++;
        compared += compare(file, l, 0, theirs!.trailers);
      }
      expect(compared).toBeGreaterThan(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`b4 differential: ${figures.series} series, ${figures.versions} versions, ${figures.patches} patches, ${figures.trailers} trailers compared; ${figures.agree} patches agree, ${figures.documented} documented differences`);
  }, 120_000);
});
