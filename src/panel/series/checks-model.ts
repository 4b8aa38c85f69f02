/**
 * What the panel says of patchwork's checks (issue 18, optional), as plain data: which
 * patches to ask about for the matrix on screen (the newest version's first, as the reader
 * reads them), a check's sign and words, a cell's and a version's lines, what the last
 * attempt said. The counts are the core's (patchwork-checks.ts); nothing here counts again.
 *
 * Non-goals: merging checks into the ledger (series-state.ts calls the core), drawing
 * (ChecksLine.tsx).
 */
import type { CheckState, CellChecks, PatchworkCheck } from '../../core/series/patchwork-checks.ts';
import { checkName } from '../../core/series/patchwork-checks.ts';
import type { Ledger } from '../../core/series/ledger.ts';
import type { ChecksPatch } from '../../protocol.ts';
import { stamp } from '../../core/format.ts';

export const CHECK_SIGN: Readonly<Record<CheckState, string>> = { fail: '✗', warning: '⚠', pending: '○', success: '✓' };

/** The present patches of these ledgers' versions, each once, the newest version's first: what the matrix shows. */
export function checksPatches(ledgers: readonly Ledger[]): ChecksPatch[] {
  const seen = new Set<string>();
  const out: ChecksPatch[] = [];
  for (const l of ledgers) {
    for (let col = l.versions.length - 1; col >= 0; col--) {
      const date = l.versions[col]!.date;
      for (const r of l.rows) {
        const c = r.cells[col];
        if (!c?.present || !c.id || c.state === 'squashed') continue;
        const msgid = c.id.replace(/#\d+$/, '');
        if (seen.has(msgid)) continue;
        seen.add(msgid);
        out.push({ msgid, date });
      }
    }
  }
  return out;
}

/** "fail netdev/build_clang: Errors and warnings before: 0 this patch: 2". */
export function checkWords(c: PatchworkCheck): string {
  return `${c.state} ${checkName(c)}${c.description ? `: ${c.description}` : ''}`;
}

/** When the cell's copy was read, and whether its last refresh failed. */
export function cellCopyWords(c: CellChecks, timeZone?: string): { line: string; problem: string | null } {
  const line = c.fetchedAt ? `read ${stamp(c.fetchedAt, timeZone)}` : 'not read yet';
  return { line, problem: c.error ? `${c.fetchedAt ? 'the last refresh failed' : 'it could not be read'}: ${c.error}${c.fetchedAt ? '; showing the checks held' : ''}` : null };
}

export const safeLink = (url: string | null): string | null => (url && /^https?:\/\//i.test(url) ? url : null);
