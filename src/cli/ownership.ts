/**
 * `listlens series … --maintainers <file | URL> [--me <address>]` (issue 18): the series'
 * patches matched against a MAINTAINERS file as the extension matches them (their files,
 * all old and new paths, and `Subject + body` for K:), and per patch and version the
 * entries, their status and whose ack is missing, from the trailers the ledger counted
 * (core/maintainers/ledger-ownership.ts). In text, per version its summary line and per
 * patch "waiting on …"; in JSON, each series' `ownership` beside its ledger.
 *
 * The file is read from disk, or fetched once (User-Agent `ListLens/<version>`, no retry);
 * malformed lines are said on stderr with their line number and skipped.
 *
 * Non-goals: caching the file (the extension's worker does), bot findings (in the ledger).
 */
import { readFileSync } from 'node:fs';
import type { AnalysisResult } from '../core/analyse.ts';
import { ledgerOwnership, type LedgerOwnership } from '../core/maintainers/ledger-ownership.ts';
import { compileMaintainers, matchPatch, type MaintainersIndex, type PatchMatch } from '../core/maintainers/match.ts';
import { parseMaintainers, type MaintainersFile } from '../core/maintainers/parse.ts';
import type { Ledger } from '../core/series/ledger.ts';
import type { ThreadFacts } from '../core/series/series-facts.ts';
import { describeHtml, InputError, isUrl, USER_AGENT } from './input.ts';
import { shown } from './render.ts';

/** The file's text: a path, or a URL fetched once. */
export async function readMaintainers(arg: string, fetchImpl: typeof fetch = fetch): Promise<MaintainersFile> {
  let text: string;
  if (isUrl(arg)) {
    let res: Response;
    try {
      res = await fetchImpl(arg, { headers: { 'User-Agent': USER_AGENT, Accept: 'text/plain' }, redirect: 'follow' });
    } catch (err) {
      throw new InputError(`could not fetch ${arg}: ${err instanceof Error ? err.message : String(err)}`, 3);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (!res.ok) throw new InputError(`${arg}: HTTP ${res.status} ${res.statusText}`, 3);
    const html = describeHtml(bytes, arg);
    if (html) throw new InputError(html, 3);
    text = new TextDecoder().decode(bytes);
  } else {
    try {
      text = readFileSync(arg, 'utf8');
    } catch (err) {
      throw new InputError(`cannot read ${arg}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, 2);
    }
  }
  const file = parseMaintainers(text);
  if (!file.entries.length) throw new InputError(`${arg}: no MAINTAINERS entry in it`, 2);
  return file;
}

/** Every patch of the inputs matched: files from the facts, `Subject + body` from the analyses. */
export function patchMatches(ix: MaintainersIndex, inputs: Array<{ r: AnalysisResult; facts: ThreadFacts }>): Map<string, PatchMatch> {
  const out = new Map<string, PatchMatch>();
  for (const { r, facts } of inputs) {
    const subjects = new Map(r.heads.map((h) => [h.id, h.subject]));
    for (const v of facts.versions) {
      for (const p of v.patches) {
        if (p.borrowedFrom !== null || out.has(p.id)) continue;
        const body = r.bodies?.get(p.id)?.text;
        out.set(p.id, matchPatch(ix, { files: p.files, text: body === undefined ? undefined : `Subject: ${subjects.get(p.id) ?? p.subject}\n\n${body}` }));
      }
    }
  }
  return out;
}

export function ownershipOf(ledger: Ledger, ix: MaintainersIndex, matches: Map<string, PatchMatch>, me: string[]): LedgerOwnership {
  return ledgerOwnership(ledger, { matchOf: (c) => (c.id ? (matches.get(c.id) ?? null) : null), entryAt: (i) => ix.entries[i]!, me });
}

export function compiled(file: MaintainersFile): MaintainersIndex {
  return compileMaintainers(file);
}

const who = (people: Array<{ name: string; address: string }>): string => people.map((p) => shown(p.name || p.address)).join(', ');

/** The text section: per version its line, per patch of each version its entries. */
export function renderOwnership(l: Ledger, o: LedgerOwnership): string {
  const out: string[] = ['', 'MAINTAINERS (per version; per patch: entry, state, status):'];
  l.versions.forEach((v, col) => {
    const view = o.versions[col]!;
    out.push(`  v${v.version}: ${shown(view.summary)}${view.waitingOnMe ? '   [waiting on you]' : ''}`);
    l.rows.forEach((r, row) => {
      const c = o.cells[row]?.[col];
      const cell = r.cells[col];
      if (!c || !cell) return;
      const parts = c.entries.map((e) => {
        const entry = o.entries[e.entry]!;
        const status = entry.status ? ` [${shown(entry.status)}]` : '';
        const k = e.keywordOnly ? ' (keyword; owes no ack)' : '';
        if (e.state === 'waiting') return `waiting on ${shown(entry.name)}${entry.maintainers.length ? ` (M: ${who(entry.maintainers)})` : ''}${status}${k}${e.mine ? ' [you]' : ''}`;
        return `${shown(entry.name)}: ${e.state === 'own' ? 'own patch' : e.state}${e.by.length ? ` by ${who(e.by)}` : ''}${status}${k}`;
      });
      out.push(`    ${cell.counter ?? '?'}/${v.total} ${parts.length ? parts.join('; ') : c.restOnly ? 'only THE REST' : 'no entry'}`);
    });
  });
  return out.join('\n') + '\n';
}
