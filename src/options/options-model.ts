/**
 * The options page's pure parts: reading what the reader typed as a public-inbox instance,
 * the words for cache usage and probe answers, and the adapters list with their switches.
 *
 * Non-goals: storage (src/settings-storage.ts), permissions and messages (options-store.ts).
 */
import { normalizeInstance } from '../sites/public-inbox-url.ts';
import type { ProbeAnswer } from '../protocol.ts';
import { bytes, plural } from '../panel/format.ts';

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
  if (!url) return { ok: false, reason: 'That is not a web address.' };
  if (existing.includes(url)) return { ok: false, reason: 'That instance is already in the list.' };
  return { ok: true, url };
}

export function usageText(u: { bytes: number; threads: number; limit: number } | null): string {
  if (!u) return 'Usage unknown.';
  return `${bytes(u.bytes)} used by ${plural(u.threads, 'thread')}, of ${bytes(u.limit)}.`;
}

export function probeText(a: ProbeAnswer): string {
  if (a.publicInbox === true) return 'Connected: this is a public-inbox archive.';
  if (!a.granted) return a.reason ?? 'ListLens has no permission for this host yet.';
  return a.reason ?? 'This does not look like a public-inbox archive.';
}

export interface AdapterSwitch {
  id: string;
  name: string;
  on: boolean;
}

export function adapterSwitches(adapters: Array<{ id: string; name: string }>, disabled: string[]): AdapterSwitch[] {
  const off = new Set(disabled);
  return adapters.map((a) => ({ id: a.id, name: a.name, on: !off.has(a.id) }));
}

/** The new `disabledAdapters` after switching `id` on or off. */
export function toggled(disabled: string[], id: string, on: boolean): string[] {
  const rest = disabled.filter((x) => x !== id);
  return on ? rest : [...rest, id];
}

/** The size limit field: whole megabytes within what settings.ts accepts. */
export function readLimit(typed: string): number | null {
  const n = Number(typed);
  return Number.isInteger(n) && n >= 10 && n <= 100_000 ? n : null;
}
