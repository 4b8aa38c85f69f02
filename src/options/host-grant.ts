/**
 * Asking the browser for an optional feature's hosts from the options page (MAINTAINERS'
 * sources, patchwork's instance): the request (for sites/host-pattern.ts's patterns) started inside
 * the click's gesture (a browser shows the prompt only then, so nothing may be awaited
 * before `permissions.request`), then what to do once it is answered. The worker checks the
 * same grant before it fetches (background/optional-hosts.ts).
 *
 * Non-goals: public-inbox instances and git webs, which register content scripts as well
 * (options-store.ts, GitWebSection.tsx).
 */
import browser from 'webextension-polyfill';
import { hostPattern } from '../sites/host-pattern.ts';

/**
 * Asks for the hosts of `urls` now (call it from the click itself) and runs `granted` or
 * `refused` when the browser answers; nothing to ask (no http(s) URL): `granted` at once.
 */
export function withHosts(urls: string[], granted: () => void, refused: () => void): void {
  const origins = [...new Set(urls.map(hostPattern).filter((p): p is string => !!p))];
  if (!origins.length) return granted();
  void browser.permissions.request({ origins }).then((ok) => (ok ? granted() : refused()), refused);
}
