/**
 * The Series section's model: the versions the analysis linked inside the thread, merged
 * with the versions the worker found by searching the archive, one row per version number,
 * with "4 of 8 present" and per-patch trailer names.
 *
 * Non-goals: finding versions (the worker) or reading trailers (src/core).
 */
import type { Series, SeriesPatch, SeriesVersion, Trailer } from '../core/types.ts';
import type { VersionLink } from '../protocol.ts';

export interface VersionRow {
  version: number;
  subject: string;
  date: string | null;
  /** From the analysis when this version is in the loaded thread. */
  inThread: SeriesVersion | null;
  /** Where to open it when it is another thread of the archive. */
  url: string | null;
  /** "4 of 8 present", "3 patches", or '' when only the search knows it. */
  presence: string;
}

export function presence(v: SeriesVersion): string {
  const have = v.patches.length;
  if (v.missing.length > 0) return `${have} of ${v.total} present`;
  return `${have} ${have === 1 ? 'patch' : 'patches'}`;
}

/** Rows ordered v1…vN; a version in the thread wins over a search link of the same number. */
export function versionRows(series: Series | null, links: VersionLink[]): VersionRow[] {
  const rows = new Map<number, VersionRow>();
  for (const v of series?.versions ?? []) {
    rows.set(v.version, { version: v.version, subject: v.subject, date: v.date, inThread: v, url: null, presence: presence(v) });
  }
  for (const l of links) {
    const have = rows.get(l.version);
    if (have) {
      if (!have.url && !l.inThread) have.url = l.url;
      continue;
    }
    rows.set(l.version, { version: l.version, subject: l.subject, date: l.date, inThread: null, url: l.url, presence: '' });
  }
  return [...rows.values()].sort((a, b) => a.version - b.version);
}

/** Trailer names by kind for one patch: what the hover/expand shows. */
export function trailerNames(p: SeriesPatch): Record<'Reviewed-by' | 'Acked-by' | 'Tested-by', string[]> {
  const out = { 'Reviewed-by': [] as string[], 'Acked-by': [] as string[], 'Tested-by': [] as string[] };
  const seen = new Set<string>();
  for (const t of p.trailers) {
    if (!(t.name in out)) continue;
    const who = trailerWho(t);
    const key = t.name + '\0' + who.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out[t.name as keyof typeof out].push(who);
  }
  return out;
}

function trailerWho(t: Trailer): string {
  return t.person?.name || t.person?.address || t.value;
}

/** The series shown: the one holding the current message, else the largest. */
export function pickSeries(all: Series[], currentId: string | null): Series | null {
  if (!all.length) return null;
  if (currentId) {
    const holds = all.find((s) => s.versions.some((v) => v.cover === currentId || v.patches.some((p) => p.id === currentId)));
    if (holds) return holds;
  }
  return all.reduce((a, b) => (count(b) > count(a) ? b : a));
}

function count(s: Series): number {
  return s.versions.reduce((n, v) => n + v.patches.length, 0);
}

/** A patch subject without its `[PATCH v2 03/44]`-style prefixes: the row shows the counter already. */
export function patchTitle(subject: string): string {
  const t = subject.replace(/^\s*((re|fwd?)\s*:\s*|\[[^\]]*\]\s*)+/i, '').trim();
  return t || subject;
}
