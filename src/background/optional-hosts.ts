/**
 * Whether an optional feature's host permission is granted: the one check every feature
 * that reads a host beyond the archives makes before asking it (MAINTAINERS' sources,
 * patchwork's instance), so a feature switched on in Options still fetches nothing from a
 * host the browser was not granted (or had it withdrawn). The worker's entry wires it to
 * `permissions.contains` (`configureOptionalHosts`); outside an extension (Node tests) the
 * default says: not granted. The permission itself is asked for from the options page's
 * click (options/host-grant.ts), never by the worker, which has no user gesture.
 *
 * Non-goals: archives' and git webs' hosts (browser/permissions.ts, browser/git-hosts.ts).
 */
import { recorded } from '../errors.ts';

let has: (pattern: string) => Promise<boolean> = async () => false;

export function configureOptionalHosts(f: (pattern: string) => Promise<boolean>): void {
  has = f;
}

/** Whether the permission for `pattern` (`https://host/*`) is granted now. */
export async function originGranted(pattern: string): Promise<boolean> {
  return has(pattern).catch(recorded('optional host: permission', false));
}
