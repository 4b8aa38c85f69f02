/**
 * Bots' findings in text (issue 18), for `listlens series` and the overview: per version,
 * each finding's kind, title, bot, patch, date and link, and whether a later version had it
 * again — as the panel lists them (core/series/ledger-findings.ts placed them).
 *
 * Non-goals: placing or reading findings; the JSON form is the ledger's `findings`.
 */
import type { Ledger } from '../core/series/ledger.ts';
import { shown } from './render.ts';

export function findingLines(l: Ledger): string[] {
  const out: string[] = [];
  l.versions.forEach((v, col) => {
    // patchwork's failed checks are listed with the checks (cli/patchwork.ts)
    for (const f of (v.findings ?? []).filter((x) => !x.source)) {
      const where = f.counter === null ? 'version' : `${f.counter}/${v.total}`;
      const later = f.againOn.length ? `; reported again on ${f.againOn.map((n) => `v${n}`).join(', ')}` : col < l.versions.length - 1 && f.kind !== 'test passed' ? '; not reported since' : '';
      const first = f.firstOn !== null ? `; first on v${f.firstOn}` : '';
      const kind = f.title.toLowerCase().startsWith(f.kind) ? '' : `${f.kind}: `;
      out.push(`  v${v.version} ${where}: ${kind}${shown(f.title)} — ${shown(f.bot)}${f.date ? `, ${f.date.slice(0, 10)}` : ''}${first}${later}${f.link ? ` ${shown(f.link)}` : ''} <${shown(f.message)}>`);
    }
  });
  return out.length ? ['', 'Bot findings (never trailers):', ...out] : [];
}
