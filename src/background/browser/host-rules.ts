/**
 * Pure rules about hosts, shared by the worker's modules and testable without a browser:
 * WebExtension match patterns, public-inbox's traits in raw HTML, and how an added
 * instance's URL is stored and turned into a permission pattern.
 *
 * Non-goals: asking the browser anything (permissions.ts, settings.ts do).
 */

/** A WebExtension match pattern against a URL (scheme, host with `*.`, path with `*`). */
export function matchPattern(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return /^(https?|wss?|ftp|file):/.test(url);
  const m = /^(\*|https?|wss?|ftp|file):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  if (scheme === '*' ? !/^https?:$/.test(u.protocol) : u.protocol !== scheme + ':') return false;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (u.hostname !== base && !u.hostname.endsWith('.' + base)) return false;
    } else if (u.hostname !== host) return false;
  }
  const re = new RegExp('^' + path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(u.pathname + u.search);
}

/** Bare hostnames from match patterns (`https://lore.kernel.org/*` → `lore.kernel.org`); wildcard hosts dropped. */
export function hostsOfPatterns(patterns: string[]): string[] {
  const out = new Set<string>();
  for (const p of patterns) {
    const m = /^(?:\*|https?):\/\/([^/]+)\//.exec(p);
    const host = m?.[1]?.replace(/^\*\./, '');
    if (host && !host.includes('*')) out.add(host.toLowerCase());
  }
  return [...out];
}

/**
 * public-inbox's traits in a page's HTML, two of them needed (the DOM-free twin of
 * src/sites' `isPublicInboxPage`, for the worker, which has no DOM parser).
 */
export function looksLikePublicInbox(html: string): boolean {
  const traits = [
    /<pre\s+id=["']?b\b/i,
    /href=["'][^"']*\/?raw["'][^>]*>\s*(raw|permalink)\s*</i,
    /new\.atom/i,
    /_\/text\/help\//i,
    /_\/text\/mirror\//i,
  ];
  return traits.filter((re) => re.test(html)).length >= 2;
}

/**
 * An instance URL as stored: http(s), origin plus path ending in `/`, no query or fragment.
 * Null for anything that is no http(s) URL.
 */
export function normalizeInstance(input: string): string | null {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const path = u.pathname.endsWith('/') ? u.pathname : u.pathname + '/';
  return u.origin + path;
}

/** The match pattern a host permission for `instance` needs (`https://host/*`). */
export function originPattern(instance: string): string {
  const u = new URL(instance);
  return `${u.protocol}//${u.hostname}/*`;
}
