/**
 * A public-inbox instance as the reader types it (options page, the CLI's `--instance`):
 * a bare host gets https://, anything but http(s) is refused, and the hosts ListLens already
 * reads are refused with a word saying so.
 *
 * Non-goals: storing the list (src/settings-storage.ts), asking for host permissions.
 */
import { normalizeInstance } from './public-inbox-url.ts';
import { adapters } from './index.ts';

export type InstanceInput = { ok: true; url: string } | { ok: false; reason: string };

/**
 * An instance as typed: a bare host gets https://, anything but http(s) is refused, query and
 * fragment are dropped. The inbox root is kept as typed (`https://yhbt.net/lore/`).
 */
export function readInstance(typed: string, existing: string[]): InstanceInput {
  const t = typed.trim();
  if (!t) return { ok: false, reason: 'Type the address of a public-inbox, such as https://lore.example.org/.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(t) ? t : 'https://' + t;
  if (!/^https?:\/\//i.test(withScheme)) return { ok: false, reason: 'Only http and https addresses can be archives.' };
  const url = normalizeInstance(withScheme);
  if (!url || !hostLike(new URL(url).hostname)) return { ok: false, reason: 'That is not a web address: type one such as https://lore.example.org/.' };
  const builtIn = builtInHost(url);
  if (builtIn) return { ok: false, reason: `${builtIn} is built in: ListLens already reads it, nothing to add.` };
  if (existing.includes(url)) return { ok: false, reason: 'That instance is already in the list.' };
  return { ok: true, url };
}

/**
 * A name a browser can reach: dotted (`lore.example.org`), `localhost`, or an IP literal.
 * The URL parser takes `https://notaurl/` as a host, which no archive is.
 */
function hostLike(host: string): boolean {
  if (host === 'localhost' || host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return true;
  return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i.test(host);
}

/**
 * The public-inbox adapter's own hosts that serve inboxes from their root
 * (`https://lore.kernel.org/*`). A mirror under a path (`https://yhbt.net/lore/*`) may still be
 * typed: the options tests take it as the example of a path prefix being kept.
 */
const BUILT_IN = (adapters.find((a) => a.id === 'public-inbox')?.hosts ?? []).map((p) => new URL(p.replace(/\*$/, ''))).filter((u) => u.pathname === '/').map((u) => u.hostname);

/** The built-in host an instance is on (either scheme, any path), or null. */
function builtInHost(url: string): string | null {
  const host = new URL(url).hostname;
  return BUILT_IN.includes(host) ? host : null;
}
