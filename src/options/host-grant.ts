/**
 * Asking the browser for an optional feature's hosts from the options page (MAINTAINERS'
 * sources, patchwork's instance): the request (for sites/host-pattern.ts's patterns) started inside
 * the click's gesture (a browser shows the prompt only then, so nothing may be awaited
 * before `permissions.request`), then what to do once it is answered. The worker checks the
 * same grant before it fetches (background/optional-hosts.ts).
 *
 * Git webs (GitWebSection.tsx) ask through `withOrigins` too, for their own patterns.
 *
 * Non-goals: public-inbox instances, stored whatever the answer and asked again from their row
 * (options-store.ts).
 */
import browser from 'webextension-polyfill';
import { hostPattern } from '../sites/host-pattern.ts';

/**
 * Asks for the hosts of `urls` now (call it from the click itself) and runs `granted` or
 * `refused` when the browser answers; nothing to ask (no http(s) URL): `granted` at once.
 */
export function withHosts(urls: string[], granted: () => void, refused: () => void): void {
  withOrigins([...new Set(urls.map(hostPattern).filter((p): p is string => !!p))], granted, refused);
}

/**
 * Asks for match patterns `origins` now (from the click) and runs `granted`, or `refused`
 * with `failed` true when the browser would not even ask (no gesture, a pattern it rejects)
 * rather than the reader saying no; none to ask: `granted` at once.
 */
export function withOrigins(origins: string[], granted: () => void, refused: (failed: boolean) => void): void {
  if (!origins.length) return granted();
  void browser.permissions.request({ origins }).then(
    (ok) => (ok ? granted() : refused(false)),
    () => refused(true),
  );
}
