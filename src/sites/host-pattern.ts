/**
 * The match pattern of a host permission, `https://host/*`: what the browser is asked to grant
 * for a host ListLens reads beyond its built-in archives (an added public-inbox, a git web, a
 * MAINTAINERS source, a patchwork instance, a page the toolbar probed), and what the worker
 * checks before it fetches. One form for all of them, so the pattern the options page asks for
 * is the very one the worker checks: the scheme and the host name, any path, no port.
 *
 * Non-goals: asking for or checking permissions (options/host-grant.ts, background/browser/).
 */

/** The pattern for `url`, or null when it is no http(s) URL (a local file, not a URL at all). */
export function hostPattern(url: string | URL): string | null {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  return /^https?:$/.test(u.protocol) && u.hostname ? `${u.protocol}//${u.hostname}/*` : null;
}

/** The same for a URL already known to be http(s) (a stored instance or origin); throws for any other. */
export function originPattern(url: string | URL): string {
  const p = hostPattern(url);
  if (!p) throw new TypeError(`not an http(s) URL: ${String(url)}`);
  return p;
}
