/**
 * The options page's pure parts: the words for cache usage and probe answers, and the
 * adapters list with their switches. Reading a typed instance is src/sites/instances.ts (the
 * CLI's `--instance` reads the same way).
 *
 * Non-goals: storage (src/settings-storage.ts), permissions and messages (options-store.ts).
 */
import type { ProbeAnswer } from '../protocol.ts';
import { bytes, plural } from '../core/format.ts';
import { SIZE_LIMIT_RANGE } from '../settings.ts';

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
/** A size limit typed on the options page (LimitsSection), in MB, or null when out of its range. */
export function readSizeLimit(typed: string, which: keyof typeof SIZE_LIMIT_RANGE): number | null {
  const n = Number(typed);
  const [min, max] = SIZE_LIMIT_RANGE[which];
  return typed.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

export function readLimit(typed: string): number | null {
  const n = Number(typed);
  return Number.isInteger(n) && n >= 10 && n <= 100_000 ? n : null;
}
