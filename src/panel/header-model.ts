/**
 * The header's words: the thread's subject, counts, last activity and cache state, from the
 * panel state alone so they can be tested without a DOM.
 */
import type { CacheInfo } from '../protocol.ts';
import type { Progress, ThreadMessage } from '../core/types.ts';
import { bytes, dateTime, plural, relative } from '../core/format.ts';

export function threadSubject(messages: ThreadMessage[], roots: string[]): string {
  const byId = new Map(messages.map((m) => [m.id, m]));
  for (const r of roots) {
    const m = byId.get(r);
    if (m && !m.ghost && m.subject) return m.subject;
  }
  return messages.find((m) => !m.ghost && m.subject)?.subject ?? '(no subject)';
}

export function lastActivity(messages: ThreadMessage[]): string | null {
  let best: string | null = null;
  for (const m of messages) if (!m.ghost && m.date && (!best || m.date > best)) best = m.date;
  return best;
}

export function counts(messages: ThreadMessage[], participants: number | null, versions: number, unreadable = 0): string[] {
  const real = messages.reduce((n, m) => n + (m.ghost ? 0 : 1), 0);
  const ghosts = messages.length - real;
  const out = [plural(real, 'message')];
  if (ghosts) out.push(`${ghosts} not in the archive`);
  if (participants !== null) out.push(plural(participants, 'participant'));
  if (versions > 1) out.push(plural(versions, 'version'));
  // Mail the core could not read is said, not hidden (the reasons are in the title).
  if (unreadable) out.push(`${plural(unreadable, 'message')} could not be read`);
  return out;
}

/** "cached at 2024-05-02 10:11, offline", "refreshing…", "checked 3 minutes ago". */
export function cacheNote(c: CacheInfo | null, now: number, timeZone?: string): string {
  if (!c) return '';
  const at = c.cachedAt !== null ? dateTime(new Date(c.cachedAt).toISOString(), timeZone) : null;
  if (c.offline) return `cached at ${at ?? 'an earlier visit'}, offline: the archive could not be reached`;
  if (c.state === 'refreshing') return at ? `cached at ${at}, refreshing…` : 'refreshing…';
  if (c.state === 'cached') return at ? `cached at ${at}` : 'from the cache';
  if (c.cachedAt !== null && c.nextCheckAt !== undefined && now < c.nextCheckAt) {
    // A refresh asked for within the minute: nothing was fetched, and the note says so.
    const ago = Math.max(0, Math.round((now - c.cachedAt) / 1000));
    return `Checked ${ago} s ago; next check possible in ${Math.ceil((c.nextCheckAt - now) / 1000)} s`;
  }
  return c.cachedAt !== null ? `checked with the archive ${relative(c.cachedAt, now)}` : '';
}

const PHASES: Record<Progress['phase'], string> = {
  download: 'Downloading the thread',
  split: 'Reading the mbox',
  headers: 'Threading',
  bodies: 'Reading messages',
  done: 'Done',
};

/** How far the download is, 0..1, when the archive announced its size; null: no total to show. */
export function progressShare(p: Progress | null): number | null {
  if (!p || p.phase !== 'download' || !p.total) return null;
  return Math.min(1, p.bytes / p.total);
}

export function progressText(p: Progress | null): string {
  if (!p) return 'Loading…';
  const got = p.bytes ? bytes(p.bytes) : '';
  const bits = [p.total && p.phase === 'download' ? `${got || '0 B'} of ${bytes(p.total)}` : got, p.messages ? plural(p.messages, 'message') : ''].filter(Boolean);
  return `${PHASES[p.phase]}…${bits.length ? ' ' + bits.join(', ') : ''}`;
}
