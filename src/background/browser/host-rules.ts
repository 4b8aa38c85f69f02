/**
 * WebExtension match patterns, pure and testable without a browser: whether a pattern
 * covers a URL, and the hosts a list of patterns names.
 *
 * Non-goals: asking the browser anything (permissions.ts does); an instance's URL and
 * permission pattern, and public-inbox's page traits (src/sites/public-inbox-url.ts).
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
