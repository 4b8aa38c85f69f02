/**
 * Bots' findings on a series, per version (issue 18): each bot report's findings (bots.ts
 * read them) put on the version and patch it is about, and, across versions, whether a
 * finding was reported again.
 *
 *   withFindings(ledger: Ledger): Ledger     (sets `LedgerVersion.findings`)
 *
 * Where a report belongs: the patch or cover letter it names, when that is a message of
 * this series ("patch link:", the series' lore URL in a syzbot ci report); else the version
 * and patch its text names (`[PATCH v3 2/5]`, `[v3]`) when the ledger has that version;
 * else what it answers in its thread (trailer-scope.ts). A finding on vN stays with vN: a
 * later version only says, for each earlier finding, whether the same title was reported
 * on it (`againOn`), and its own findings say which earlier version had them first
 * (`firstOn`). Titles compare case- and space-insensitively.
 *
 * Non-goals: reading reports (mail/bot-reports.ts); bots' reports never touch trailers or
 * counts (givers.ts), and this changes none.
 */
import type { BotFinding, BotReport } from '../types.ts';
import type { Ledger, LedgerVersion } from './ledger.ts';

export interface LedgerFinding extends BotFinding {
  /** Key of the bot's message, its name and its date. */
  message: string;
  bot: string;
  date: string | null;
  /** The patch (counter) it is about, or null: the whole version. */
  counter: number | null;
  /** Later versions (numbers) on which the same title was reported again. */
  againOn: number[];
  /** The earliest earlier version on which the same title was reported, or null. */
  firstOn: number | null;
  /**
   * Where it was read: absent for a bot's mail (`message` is that mail); `patchwork` for a
   * failed check on the patch in patchwork (patchwork-checks.ts: `message` is the patch,
   * `bot` the CI account, `title` its context, `detail` its description).
   */
  source?: 'patchwork';
  detail?: string | null;
}

/** Titles compare as a reader would: case and spacing aside. */
export const sameTitle = (t: string): string => t.toLowerCase().replace(/\s+/g, ' ').trim();

interface Placed {
  col: number;
  counter: number | null;
}

/** Where each message key of the ledger sits: its version column and counter (null: a cover). */
function messageIndex(ledger: Ledger): Map<string, Placed> {
  const at = new Map<string, Placed>();
  const bare = (k: string): string => k.replace(/#\d+$/, '');
  ledger.versions.forEach((v, col) => {
    if (v.cover) at.set(bare(v.cover), { col, counter: null });
    at.set(bare(v.key), at.get(bare(v.key)) ?? { col, counter: null });
  });
  for (const r of ledger.rows) {
    r.cells.forEach((c, col) => {
      if (c?.present && c.id && c.state !== 'squashed') at.set(bare(c.id), { col, counter: c.counter });
    });
  }
  return at;
}

function placeOf(b: BotReport, col: number, ledger: Ledger, at: Map<string, Placed>): Placed {
  for (const id of b.names ?? []) {
    const p = at.get(id);
    if (p) return p;
  }
  if (b.namesVersion) {
    const cols = ledger.versions.flatMap((v, k) => (v.version === b.namesVersion!.version ? [k] : []));
    if (cols.length === 1) return { col: cols[0]!, counter: b.namesVersion.counter };
  }
  return { col, counter: b.counter };
}

export function withFindings(ledger: Ledger): Ledger {
  const at = messageIndex(ledger);
  const per: LedgerFinding[][] = ledger.versions.map(() => []);
  const seen = new Set<string>();
  ledger.versions.forEach((v, col) => {
    for (const b of v.bots ?? []) {
      if (!b.findings?.length) continue;
      const p = placeOf(b, col, ledger, at);
      for (const f of b.findings) {
        const key = `${b.message}\n${sameTitle(f.title)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        per[p.col]!.push({ ...f, message: b.message, bot: b.bot, date: b.date, counter: p.counter, againOn: [], firstOn: null });
      }
    }
  });
  return linkFindings(ledger, per);
}

/**
 * Each version's findings (`per`, by column) put on the ledger, each saying on which later
 * versions the same title was reported again and on which earlier one first; the one place
 * both a bot's mail and patchwork's checks (patchwork-checks.ts) get these.
 */
export function linkFindings(ledger: Ledger, per: LedgerFinding[][]): Ledger {
  // across versions, in the ledger's order (oldest first)
  const titles = per.map((list) => new Set(list.map((f) => sameTitle(f.title))));
  const linked = per.map((list, col) =>
    list.map((f0) => {
      const f: LedgerFinding = { ...f0, againOn: [], firstOn: null };
      const t = sameTitle(f.title);
      for (let k = col + 1; k < per.length; k++) if (titles[k]!.has(t)) f.againOn.push(ledger.versions[k]!.version);
      for (let k = 0; k < col; k++) {
        if (titles[k]!.has(t)) {
          f.firstOn = ledger.versions[k]!.version;
          break;
        }
      }
      return f;
    }),
  );
  for (const list of linked) list.sort((a, b) => (a.counter ?? 0) - (b.counter ?? 0) || ((a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : 0));
  const versions = ledger.versions.map((v, col): LedgerVersion => {
    if (linked[col]!.length) return { ...v, findings: linked[col]! };
    if (!v.findings) return v;
    const { findings: _gone, ...rest } = v;
    return rest;
  });
  return { ...ledger, versions };
}
