/**
 * The context list as drawn: runs of ancestors missing from the archive collapse into one
 * line ("5 earlier messages not in the archive"), so the seed's five ghosts do not push the
 * message itself down the panel.
 */
import type { ContextEntry } from '../core/types.ts';

export type ContextItem = { kind: 'entry'; entry: ContextEntry } | { kind: 'ghosts'; ids: string[] };

export function contextItems(entries: ContextEntry[]): ContextItem[] {
  const out: ContextItem[] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (e.ghost && last?.kind === 'ghosts') last.ids.push(e.id);
    else out.push(e.ghost ? { kind: 'ghosts', ids: [e.id] } : { kind: 'entry', entry: e });
  }
  return out;
}
