/**
 * The ledger's columns: members of one version number (a version and its RESEND from
 * another thread) are one column, patches by counter, the later posting's patch in each slot.
 *
 * A slot's trailers are merged only when the two are the same patch (the same message, the
 * same patch-id, or the same title: a resend of patch N is patch N). Two different patches
 * that happen to share a counter never pool their trailers: a trailer belongs to the message
 * it answers (issue 15: a one-off's reviews were shown as follow-ups of another patch).
 *
 * Non-goals: rows and carry-forward (ledger.ts), grouping versions (version-group.ts).
 */
import type { PatchFacts, VersionFacts } from './series-facts.ts';
import type { Confirmation, VersionMember } from './version-group.ts';

export interface Column {
  version: number;
  facts: VersionFacts;
  confirmedBy: Confirmation[];
  /** A member of it is another author's takeover (version-group.ts). */
  takeover?: true;
  /** A member of it came from an address new for its author's name: the addresses the name wrote from before (version-group.ts). */
  newAddress?: string[];
}

function samePatch(a: PatchFacts, b: PatchFacts): boolean {
  return a.id === b.id || (a.patchId !== null && a.patchId === b.patchId) || (a.title.length > 0 && a.title.toLowerCase() === b.title.toLowerCase());
}

export function columns(members: VersionMember[]): Column[] {
  const out: Column[] = [];
  for (const m of members) {
    const last = out[out.length - 1];
    if (!last || last.version !== m.version) {
      out.push({ version: m.version, facts: m.facts, confirmedBy: m.confirmedBy.slice(), ...(m.takeover ? { takeover: true as const } : {}), ...(m.newAddress ? { newAddress: m.newAddress.slice() } : {}) });
      continue;
    }
    const slots = new Map(last.facts.patches.map((p) => [p.counter, p]));
    for (const p of m.facts.patches) {
      const had = slots.get(p.counter);
      if (!had || !samePatch(had, p)) {
        slots.set(p.counter, p);
        continue;
      }
      // the earlier copy's trailers were given on its patch-id, not on the later copy's
      const earlier = had.trailers.map((t) => (t.patchId !== undefined || had.patchId === p.patchId ? t : { ...t, patchId: had.patchId }));
      slots.set(p.counter, { ...p, trailers: [...p.trailers, ...earlier], ...(had.evidence || p.evidence ? { evidence: [...(p.evidence ?? []), ...(had.evidence ?? [])] } : {}) });
    }
    const patches = [...slots.values()].sort((a, b) => a.counter - b.counter);
    const total = Math.max(last.facts.total, m.facts.total);
    const missing: number[] = [];
    for (let c = 1; c <= total && total <= 1000; c++) if (!slots.has(c)) missing.push(c);
    const coverEvidence = [...(last.facts.coverEvidence ?? []), ...(m.facts.coverEvidence ?? [])];
    const bots = [...(last.facts.bots ?? []), ...(m.facts.bots ?? [])];
    last.facts = {
      ...m.facts,
      total,
      patches,
      missing,
      cover: m.facts.cover ?? last.facts.cover,
      coverTrailers: [...last.facts.coverTrailers, ...m.facts.coverTrailers],
      applied: [...last.facts.applied, ...m.facts.applied],
      ...(coverEvidence.length ? { coverEvidence } : {}),
      ...(bots.length ? { bots } : {}),
    };
    last.confirmedBy = [...new Set([...last.confirmedBy, ...m.confirmedBy])].sort();
    if (m.takeover) last.takeover = true;
    if (m.newAddress) last.newAddress = [...new Set([...(last.newAddress ?? []), ...m.newAddress])].sort();
  }
  return out;
}
