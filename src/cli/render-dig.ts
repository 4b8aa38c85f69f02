/**
 * `listlens dig`'s text: the commit, how its discussion was found, the thread, the version
 * applied (with the interdiff when it is only the nearest), the trailers, later fixes. Mail
 * strings go through `shown` (control characters written out), as every CLI page does.
 *
 * Non-goals: the JSON (the result object as it is), the lookup.
 */
import { stamp } from '../core/format.ts';
import type { DigResult } from './dig.ts';
import { renderTree, shown } from './render.ts';
import { renderLedger } from './render-ledger.ts';
import { renderInterdiff } from './diff.ts';

const SIGNAL = { link: 'its Link: tag', 'message-id': 'its Message-ID: tag', 'patch-id': 'its patch-id (the same diff was posted)', subject: 'subject and author only (UNCERTAIN)' } as const;

const DOUBT = { 'other-title': "the id is this commit's, the title quoted is another", 'short-id': 'a short id, and no title to confirm it' } as const;

export function renderDig(r: DigResult): string {
  const c = r.commit;
  const lines = [`commit ${c.sha ?? '(id unknown)'}`, `  ${shown(c.subject)}`, `  ${shown(c.author.name)} <${shown(c.author.address)}>${c.date ? `, ${stamp(c.date, 'UTC')}` : ''}`, `  patch-id ${c.patchId ?? '(no diff)'}`, ''];
  if (!r.found) {
    lines.push('No discussion found: no Link: or Message-ID: trailer, no posting with its patch-id, none with its subject and author.');
    return lines.join('\n') + '\n';
  }
  lines.push(`Found by ${SIGNAL[r.found.signal]}: ${shown(r.found.evidence)}`, `  ${r.found.url}`);
  if (r.thread) lines.push('', `Thread (${r.thread.messages} messages)`, ...renderTree(r.thread.tree).map((l) => `  ${l}`));
  else lines.push('', 'The archive does not have that thread.');
  const a = r.applied;
  lines.push('', 'Version applied');
  if (!a) lines.push('  no posted version of this patch to compare with');
  else if (a.exact) lines.push(`  v${a.version}, as posted${a.sameAs.length ? ` (the same diff as ${a.sameAs.map((v) => `v${v}`).join(', ')})` : ''}: <${shown(a.id)}>`);
  else {
    lines.push(`  nearest, with changes: v${a.version} (${a.changedLines} diff line${a.changedLines === 1 ? '' : 's'} differ): <${shown(a.id)}>`, `  interdiff from v${a.version} to the commit:`);
    if (a.interdiff) lines.push(...renderInterdiff(a.interdiff).map((l) => `  ${l}`));
  }
  if (r.trailers.length) {
    lines.push('', 'Trailers (C in the commit, L on the list, ! given after it was applied)');
    for (const t of r.trailers) {
      const mark = `${t.inCommit ? 'C' : ' '}${t.onList ? 'L' : ' '}${t.late ? '!' : ' '}`;
      const where = t.onList ? `  (v${t.onList.givenOn}${t.onList.date ? `, ${stamp(t.onList.date, 'UTC')}` : ''}${t.onList.stale ? ', on an older diff' : ''})` : '';
      lines.push(`  ${mark} ${shown(t.name)}: ${shown(t.value)}${where}`);
    }
  }
  lines.push('', 'Later fixes');
  if (!r.fixes.length) lines.push(`  none on the list names ${c.sha?.slice(0, 12) ?? 'it'} (Fixes: or commit <id> ("…"))`);
  for (const f of r.fixes) {
    lines.push(`  ${shown(f.subject)} — ${shown(f.from.name || f.from.address)}, ${stamp(f.date, 'UTC')}: ${f.status}${f.detail ? ` (${shown(f.detail)})` : ''}`);
    lines.push(`    ${f.form === 'commit' ? '' : 'Fixes: '}${shown(f.fixes)}${f.uncertain ? `  UNCERTAIN: ${DOUBT[f.uncertain]}` : ''}`, `    <${shown(f.messageId)}>`);
  }
  if (r.series) lines.push('', renderLedger(r.series).trimEnd());
  return lines.join('\n') + '\n';
}
