/**
 * The ledger against Debian's b4 (the oracle), on every multi-version series of the corpus:
 * for each version, `b4 am -t -v N` writes the patches with the trailers b4 would apply; each
 * patch's trailer block there must be the trailers our ledger holds for that cell (own,
 * follow-ups, the cover's, and those carried from an earlier version with the same patch-id).
 *
 * Documented differences, checked rather than skipped:
 * - b4 carries a trailer from any revision with the same patch-id, later ones too (its
 *   trailer_map); the ledger carries forward only: a Reviewed-by given on v3 says nothing
 *   about what a reader saw on v2. None of the corpus series has such a backward carry.
 * - b4 0.12's partial reroll copies v2's 1/2 into v3 with v2's trailers, as we borrow it; both
 *   agree. But b4 also gives v2's cover-letter review to the rerolled v3 2/2, a patch that
 *   changed since: the ledger lists that review on v3 2/2 as stale ("given on v2; patch
 *   changed since"; the same reviewer's own review of v2 2/2 stands
 *   for it, as the ledger counts one person once per trailer name), which `B4_ONLY` checks.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseMbox } from '../../../src/core/analyse.ts';
import { buildLedger, type Ledger } from '../../../src/core/series/ledger.ts';
import { threadFacts } from '../../../src/core/series/series-facts.ts';
import { parseSubject } from '../../../src/core/mail/subject.ts';
import { parseTrailers } from '../../../src/core/series/trailers.ts';
import { groupVersions } from '../../../src/core/series/version-group.ts';
import { corpusDir, corpusPath } from '../../helpers/corpus.ts';

const b4 = ['/usr/bin/b4', '/usr/local/bin/b4'].find((p) => existsSync(p));

/**
 * Every multi-version series in the corpus: every file whose analysis has a series of more
 * than one version, except patchew 0031/0032 (covers only, no patch for b4 to apply) and
 * revision-unlabeled(-noreferences) (b4 sees one revision where the subjects name none).
 */
const MULTI = [
  'b4/trailers-followup-partial-reroll.mbox',
  'patchew/0009-obsolete-by.mbox',
  'patchew/0030-obsolete-by-v3.mbox',
  'patchwork/series/bugs-nocover.mbox',
  'patchwork/series/revision-basic.mbox',
  'patchwork/series/revision-no-cover-letter.mbox',
  'patchwork/series/revision-out-of-order.mbox',
  'patchwork/series/revision-threaded-to-cover.mbox',
  'patchwork/series/revision-threaded-to-patch.mbox',
  'patchwork/series/revision-threaded-to-single-patch.mbox',
];

async function ledgerOf(path: string): Promise<Ledger> {
  const r = await analyseMbox(new Uint8Array(readFileSync(path)), { keepBodies: true });
  const texts = new Map([...r.bodies!].map(([k, v]) => [k, v.text]));
  const groups = groupVersions([threadFacts(r.analysis, r.heads, texts)]);
  return buildLedger(groups.reduce((a, b) => (b.members.length > a.members.length ? b : a)));
}

/** Trailers b4 applies and the ledger shows as stale, on purpose: file → version/counter → trailer. */
const B4_ONLY: Record<string, Record<string, string[]>> = {
  'b4/trailers-followup-partial-reroll.mbox': { '3/2': ['Reviewed-by: Coverletter Reviewer1 <followup-reviewer1@example.com>'] },
};

const norm = (lines: string[]): string[] => [...new Set(lines.map((l) => l.toLowerCase()))].sort();

/** What b4 would apply, per patch counter: the trailer block of each patch in its am mbox. */
async function b4Trailers(path: string, version: number): Promise<Map<number, string[]>> {
  const out = mkdtempSync(join(tmpdir(), 'listlens-b4-ledger-'));
  try {
    const run = spawnSync(b4!, ['-n', 'am', '-t', '-m', path, '-v', String(version), '-o', out], { encoding: 'utf8' });
    const mbx = readdirSync(out).find((f) => f.endsWith('.mbx'));
    if (!mbx) throw new Error(`b4 am wrote nothing for v${version} of ${path}: ${run.stderr}`);
    const r = await analyseMbox(new Uint8Array(readFileSync(join(out, mbx))), { keepBodies: true });
    const byCounter = new Map<number, string[]>();
    for (const h of r.heads) {
      const body = r.bodies!.get(h.id)!.text;
      byCounter.set(parseSubject(h.subject).counter, parseTrailers(body, h.id).map((t) => `${t.name}: ${t.value}`));
    }
    return byCounter;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe.runIf(corpusDir && (b4 || process.env.CI))('the ledger against b4 am, version by version', () => {
  it.each(MULTI)('%s: every version has more than one patch row, and each cell holds what b4 applies', async (file) => {
    if (!b4) throw new Error('b4 is not installed: .ci/run installs the Debian package b4');
    const path = corpusPath(file);
    const l = await ledgerOf(path);
    expect(l.versions.length).toBeGreaterThan(1);
    let compared = 0;
    for (const [k, v] of l.versions.entries()) {
      const theirs = await b4Trailers(path, v.version);
      for (const row of l.rows) {
        const cell = row.cells[k];
        if (!cell?.present || cell.counter === null) continue;
        const ours = cell.trailers.filter((t) => !t.stale).map((t) => `${t.name}: ${t.value}`);
        const onlyB4 = B4_ONLY[file]?.[`${v.version}/${cell.counter}`] ?? [];
        // the same person's review, stale here (the ledger counts a person once per trailer name)
        for (const t of onlyB4) expect(cell.trailers.filter((x) => x.stale).map((x) => `${x.name}: <${x.person?.address}>`)).toContain(`${t.split(':')[0]}: <${/<([^>]+)>/.exec(t)![1]}>`);
        ours.push(...onlyB4);
        expect({ file, version: v.version, counter: cell.counter, trailers: norm(ours) }).toEqual({ file, version: v.version, counter: cell.counter, trailers: norm(theirs.get(cell.counter) ?? []) });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1);
  }, 60_000);
});
