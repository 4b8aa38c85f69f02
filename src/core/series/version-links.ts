/**
 * Other versions of a series named in its cover letter or changelog, as Message-IDs:
 *
 *   versionLinks(text: string): VersionLinkRef[]
 *
 * What authors write (b4 prep, git send-email users, hand-made covers):
 * - b4 prep: `- Link to v2: https://patch.msgid.link/<msgid>` (or the lore mask);
 * - `v2: https://lore.kernel.org/all/<msgid>/`, `[v1] https://lore.kernel.org/r/<msgid>`;
 * - `Link to v1:` / `Previous version:` / `Changes since v1 (<url>):`, the URL maybe on the
 *   next line;
 * - `v1: <msgid>` with a bare `<…@…>` id on a line naming a version.
 * A lore, public-inbox (`/<list>/<msgid>/`), `/r/`, patch.msgid.link or lkml.kernel.org/r URL
 * gives its Message-ID; a URL naming no Message-ID (lkml.org/lkml/2018/7/1/23, patchwork's
 * numeric pages) is skipped. Only lines naming a version or "previous/earlier/older version"
 * count, so a `Link:` trailer to a bug report is not taken for a version; quoted lines never.
 *
 * Non-goals: fetching the links (the worker does), deciding that a linked thread is really a
 * version (version-group.ts confirms it).
 */
import { trimEndChars } from '../mail/trim.ts';

export interface VersionLinkRef {
  /** The bare Message-ID the link names. */
  messageId: string;
  /** The version the line names (`v2`), or null when it only says "previous version". */
  version: number | null;
}

const URL_RE = /https?:\/\/[^\s<>()"'\]]+/gi;
const BARE_ID = /<([^<>\s@]+@[^<>\s@]+)>/g;
const VERSION = /\bv(\d{1,3})\b/i;
const PREVIOUS = /\b(previous|earlier|older|prior|last|first)\s+(version|revision|series|posting|submission|iteration|round|spin)|changes\s+(since|from)\b|\bRFC\b|link to v/i;

/** The Message-ID a public-inbox style URL names, or null. */
export function messageIdOfUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(trimEndChars(url, '.,;:'));
  } catch {
    return null;
  }
  const segs = u.pathname.split('/').filter(Boolean);
  // the first segment holding an `@` (public-inbox escapes nothing else that matters here)
  for (const seg of segs) {
    let s: string;
    try {
      s = decodeURIComponent(seg);
    } catch {
      continue;
    }
    if (/^[^\s@<>]+@[^\s@<>]+$/.test(s)) return s;
  }
  // marc.info `?i=<msgid>`
  const i = u.searchParams.get('i');
  if (i && /^<?[^\s@<>]+@[^\s@<>]+>?$/.test(i)) return i.replace(/^<|>$/g, '');
  return null;
}

function versionOf(line: string): number | null {
  const m = VERSION.exec(line);
  return m ? Number(m[1]) : null;
}

/** Links to other versions in a cover letter or changelog, in text order, each id once. */
export function versionLinks(text: string): VersionLinkRef[] {
  const out: VersionLinkRef[] = [];
  const seen = new Set<string>();
  const lines = text.replace(/\r/g, '').split('\n');
  /** The heading a bare URL line falls under: `v1:` or `Previous version:` on the line before. */
  let heading: { version: number | null; ok: boolean } | null = null;
  for (let n = 0; n < lines.length && n < 20_000; n++) {
    const line = lines[n]!;
    if (/^\s*>/.test(line)) continue;
    if (line === '-- ') break;
    const hasUrl = line.includes('://');
    const hasId = line.includes('@') && line.includes('<');
    const ver = versionOf(line);
    const ok = ver !== null || PREVIOUS.test(line);
    if (!hasUrl && !hasId) {
      heading = line.trim() ? { version: ver, ok } : heading;
      continue;
    }
    const context = ok ? { version: ver, ok } : heading && /^\s*[-*]?\s*(https?:\/\/|<)/.test(line) ? heading : null;
    heading = null;
    if (!context?.ok) continue;
    const add = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      out.push({ messageId: id, version: context.version });
    };
    for (const m of line.matchAll(URL_RE)) {
      const id = messageIdOfUrl(m[0]);
      if (id) add(id);
    }
    if (hasId) for (const m of line.replace(URL_RE, ' ').matchAll(BARE_ID)) add(m[1]!);
  }
  return out;
}
