/**
 * The Participants section's words: roles in plain English, the trailers a person gave, and
 * the order people are listed in (series authors first, then by messages).
 */
import type { Participant } from '../core/types.ts';

const ROLE_WORDS: Record<string, string> = {
  author: 'series author',
  reviewer: 'reviewer',
  acker: 'acked',
  tester: 'tester',
};

export function roleText(roles: string[]): string {
  return roles.map((r) => ROLE_WORDS[r] ?? r).join(', ');
}

/**
 * "Reviewed-by ×3, Acked-by" (no ×1: a single trailer reads better bare). Signed-off-by is
 * left out: it is the author's own chain of custody, not something given to others' patches.
 */
export function trailerText(trailers: Record<string, number>): string {
  return Object.entries(trailers)
    .filter(([name, n]) => n > 0 && name.toLowerCase() !== 'signed-off-by')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => (n > 1 ? `${name} ×${n}` : name))
    .join(', ');
}

export function ordered(list: Participant[]): Participant[] {
  return [...list].sort((a, b) => {
    const aa = a.roles.includes('author') ? 1 : 0;
    const bb = b.roles.includes('author') ? 1 : 0;
    return bb - aa || b.messages - a.messages || (a.first ?? '').localeCompare(b.first ?? '');
  });
}

export function samePerson(a: Participant | null, b: Participant): boolean {
  return !!a && a.address === b.address && a.name === b.name;
}

/** The name to show: the name, else the address, else a placeholder (masked archives). */
export function displayName(p: Pick<Participant, 'name' | 'address'>): string {
  return p.name || p.address || '(unnamed)';
}
