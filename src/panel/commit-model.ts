/**
 * What the commit section says, in words, from the worker's `CommitView`: how the discussion
 * was found (and whether that is certain), which version was applied, each trailer's
 * standing, each later fix's status and how sure its citation is. Pure, so the words are tested without drawing.
 *
 * Non-goals: drawing (CommitSection.tsx), the lookup (the worker).
 */
import { plural, shortDate } from '../core/format.ts';
import type { Found } from '../core/commit/discussion-search.ts';
import type { AppliedVersion } from '../core/commit/applied-version.ts';
import type { TrailerRow } from '../core/commit/trailer-compare.ts';
import type { LaterFix } from '../core/commit/later-fixes.ts';
import type { CommitView } from '../protocol.ts';

/** The lookup's progress or outcome when there is no discussion to show. */
export function stateLine(v: CommitView): string | null {
  const host = new URL(v.repoUrl).host;
  switch (v.state) {
    case 'reading':
      return `Reading the commit from ${host}…`;
    case 'searching':
      return 'Searching the archive for its discussion…';
    case 'found':
      return null;
    default:
      return v.message;
  }
}

/** Which signal found the discussion, in words; the weak one says it may be wrong. */
export function signalLine(f: Found): { text: string; uncertain: boolean } {
  switch (f.signal) {
    case 'link':
      return { text: 'Found by its Link: tag', uncertain: false };
    case 'message-id':
      return { text: 'Found by its Message-ID: tag', uncertain: false };
    case 'patch-id':
      return { text: 'Found by its patch-id: the same diff was posted', uncertain: false };
    case 'subject':
      return { text: 'Uncertain: found by subject and author only; the diff posted differs from the commit', uncertain: true };
  }
}

/** "Applied as posted in v3 (the same diff as v1, v2)", or "Nearest: v3, with changes (2 lines)". */
export function appliedLine(a: AppliedVersion | null, pending: boolean): string {
  if (!a) return pending ? 'Reading the series to tell which version was applied…' : 'No posted version of this patch was found to compare with.';
  if (a.exact) return `Applied as posted in v${a.version}${a.sameAs.length ? ` (the same diff as ${a.sameAs.map((v) => `v${v}`).join(', ')})` : ''}`;
  return `Nearest, with changes: v${a.version}, ${plural(a.changedLines, 'diff line')} differ${a.changedLines === 1 ? 's' : ''} from the commit`;
}

/** Where a trailer stands: in the commit, on the list, or both; given after the patch was applied. */
export function trailerStanding(r: TrailerRow, ref: string | null = null): string {
  const on = r.onList ? `on the list (v${r.onList.givenOn}${r.onList.date ? `, ${shortDate(r.onList.date, ref)}` : ''})` : '';
  if (r.inCommit && r.onList) return r.onList.stale ? `in the commit; ${on}, on an older diff` : `in the commit and ${on}`;
  if (r.inCommit) return 'in the commit only';
  if (r.late) return `not in the commit: given ${on} after the patch was applied`;
  return r.onList?.stale ? `not in the commit: given ${on} on an older diff` : `not in the commit: given ${on}`;
}

export function fixStatus(f: LaterFix): string {
  switch (f.status) {
    case 'applied':
      return `applied${f.detail ? ` (${f.detail})` : ''}`;
    case 'reviewed':
      return `reviewed${f.detail ? ` (${f.detail})` : ''}`;
    case 'posted':
      return 'posted, not applied yet';
    case 'mention':
      return 'named in a message, not a patch';
  }
}

/** The citation as the message wrote it. */
export function fixCitation(f: LaterFix): string {
  return f.form === 'commit' ? f.fixes : `Fixes: ${f.fixes}`;
}

/** Why a later fix may name another commit; null when its id and title are this commit's. */
export function fixDoubt(f: LaterFix): string | null {
  switch (f.uncertain) {
    case 'other-title':
      return "Uncertain: the id is this commit's, the title quoted is another";
    case 'short-id':
      return 'Uncertain: a short id, and no title to confirm it';
    default:
      return null;
  }
}
