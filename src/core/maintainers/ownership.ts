/**
 * Whose ack is still missing, per patch and per version, for each MAINTAINERS entry the
 * patch touches (issue 18). Per patch and entry:
 * - `acked`: a counted Acked-by or Reviewed-by valid on this version is from one of the
 *   entry's M: people, or one of them applied it;
 * - `own`: the patch's author is one of its M: people (a maintainer needs no one's leave
 *   for their own area; showing them as "waiting on" themselves would be false);
 * - `reviewed`: such a trailer is from one of its R: people, none from M:;
 * - `waiting` otherwise.
 * A person is "one of them" by address (b4's email_eq, series/trailers.ts) or by a full name
 * (two words at least, compared as mail/address.ts's comparableName compares names).
 *
 * Which trailers count and which are valid on a version is the ledger's business: the input
 * is what it counted, so this adds no second way to count trailers. Entries only a K:
 * keyword brought are kept (flagged) but owe no ack: a keyword says who may care, files say
 * who owns. The catch-all (THE REST) is kept apart and never counted.
 *
 * Per version, an entry's state is its worst over the patches whose files it owns; the
 * summary reads "4 of 6 subsystems acked; waiting on MEMORY MANAGEMENT - ZSWAP (M: …)",
 * where subsystems are the owning entries that have an M: at all (the others are named as
 * having no maintainer).
 *
 * Non-goals: matching files to entries (match.ts), deciding which trailers count (the ledger).
 */
import { comparableName } from '../mail/address.ts';
import { emailEq } from '../series/trailers.ts';
import type { Person } from '../types.ts';
import { matchPatch, type EntryMatch, type MaintainersIndex, type MatchOptions, type OwnerEntry, type PatchMatch } from './match.ts';

export type OwnerState = 'acked' | 'own' | 'reviewed' | 'waiting';

/** One patch of a version, as plain data (the ledger fills it). */
export interface OwnershipPatch {
  /** Every path the patch touches. */
  files: readonly string[];
  /** For K: keywords: `Subject: …`, a blank line and the body (see MatchInput). */
  text?: string;
  /** The trailers counted for this patch on this version (Acked-by and Reviewed-by matter). */
  trailers: ReadonlyArray<{ name: string; person: Person }>;
  /** Who applied it, when someone did. */
  appliedBy?: readonly Person[];
  author?: Person | null;
}

export interface EntryOwnership {
  entry: OwnerEntry;
  state: OwnerState;
  /** Whose trailer or application settled it (acked/reviewed/own); empty while waiting. */
  by: Person[];
  /** The patch's files it owns; empty when only a keyword brought it. */
  files: string[];
  keywordOnly: boolean;
}

export interface PatchOwnership {
  /** Most specific entry first. */
  entries: EntryOwnership[];
  rest: EntryOwnership[];
}

const COUNTED = new Set(['acked-by', 'reviewed-by']);
const RANK: Record<OwnerState, number> = { waiting: 0, reviewed: 1, own: 2, acked: 3 };

export function samePerson(a: Person, b: Person): boolean {
  if (a.address && b.address && emailEq(a.address, b.address)) return true;
  const name = comparableName(a.name);
  return name.includes(' ') && name === comparableName(b.name);
}

const among = (people: readonly Person[], p: Person): boolean => people.some((q) => samePerson(q, p));

function entryOwnership(entry: OwnerEntry, m: EntryMatch, patch: OwnershipPatch): EntryOwnership {
  const counted = patch.trailers.filter((t) => COUNTED.has(t.name.toLowerCase()));
  const base = { entry, files: m.files, keywordOnly: m.files.length === 0 };
  const acked = [...(patch.appliedBy ?? []).filter((p) => among(entry.maintainers, p)), ...counted.filter((t) => among(entry.maintainers, t.person)).map((t) => t.person)];
  if (acked.length) return { ...base, state: 'acked', by: acked };
  if (patch.author && among(entry.maintainers, patch.author)) return { ...base, state: 'own', by: [patch.author] };
  const reviewed = counted.filter((t) => among(entry.reviewers, t.person)).map((t) => t.person);
  if (reviewed.length) return { ...base, state: 'reviewed', by: reviewed };
  return { ...base, state: 'waiting', by: [] };
}

export function patchOwnership(ix: MaintainersIndex, patch: OwnershipPatch, opts: MatchOptions = {}): PatchOwnership {
  return ownershipOfMatch((i) => ix.entries[i]!, matchPatch(ix, { files: patch.files, text: patch.text }, opts), patch);
}

/**
 * The same from a match already made (the worker keeps each patch's match, made once per
 * MAINTAINERS copy while its text was at hand): `entryAt` gives the entries it names.
 */
export function ownershipOfMatch(entryAt: (index: number) => OwnerEntry, match: PatchMatch, patch: OwnershipPatch): PatchOwnership {
  const own = (m: EntryMatch): EntryOwnership => entryOwnership(entryAt(m.entry), m, patch);
  return { entries: match.entries.map(own), rest: match.rest.map(own) };
}

export interface VersionEntry {
  entry: OwnerEntry;
  /** Its worst state over the patches whose files it owns (over all, when keyword-only). */
  state: OwnerState;
  /** Per patch (index in the version's list) that it matched. */
  patches: Array<{ patch: number; state: OwnerState; keywordOnly: boolean }>;
  by: Person[];
  keywordOnly: boolean;
}

export interface VersionOwnership {
  patches: PatchOwnership[];
  /** Owning entries in the order the patches meet them (keyword-only last); THE REST is in `rest`. */
  entries: VersionEntry[];
  rest: VersionEntry[];
  /** Over the entries owning files that have an M:. */
  counts: { subsystems: number; acked: number; own: number; reviewed: number; waiting: number };
  summary: string;
}

function merge(list: PatchOwnership[], pick: (p: PatchOwnership) => EntryOwnership[]): VersionEntry[] {
  const byEntry = new Map<number, VersionEntry>();
  list.forEach((p, patch) => {
    for (const e of pick(p)) {
      let v = byEntry.get(e.entry.index);
      if (!v) byEntry.set(e.entry.index, (v = { entry: e.entry, state: 'acked', patches: [], by: [], keywordOnly: true }));
      v.patches.push({ patch, state: e.state, keywordOnly: e.keywordOnly });
      for (const who of e.by) if (!among(v.by, who)) v.by.push(who);
      if (!e.keywordOnly) v.keywordOnly = false;
    }
  });
  for (const v of byEntry.values()) {
    const owning = v.patches.filter((p) => v.keywordOnly || !p.keywordOnly);
    v.state = owning.reduce<OwnerState>((worst, p) => (RANK[p.state] < RANK[worst] ? p.state : worst), 'acked');
    if (owning.length && owning.every((p) => p.state === 'own')) v.state = 'own';
  }
  return [...byEntry.values()];
}

const who = (people: Person[]): string => people.map((p) => p.name || p.address).join(', ');

function listed(entries: VersionEntry[], letter: 'M' | 'R'): string {
  const shown = entries.slice(0, 3).map((e) => {
    const people = letter === 'M' ? e.entry.maintainers : e.entry.reviewers;
    return people.length ? `${e.entry.name} (${letter}: ${who(people)})` : e.entry.name;
  });
  return entries.length > 3 ? `${shown.join(', ')} and ${entries.length - 3} more` : shown.join(', ');
}

export function summaryOf(entries: VersionEntry[]): { counts: VersionOwnership['counts']; summary: string } {
  const owning = entries.filter((e) => !e.keywordOnly);
  const counted = owning.filter((e) => e.entry.maintainers.length);
  const by = (s: OwnerState): VersionEntry[] => counted.filter((e) => e.state === s);
  const counts = { subsystems: counted.length, acked: by('acked').length, own: by('own').length, reviewed: by('reviewed').length, waiting: by('waiting').length };
  const parts: string[] = [];
  if (!counted.length) parts.push(owning.length ? 'no subsystem with a maintainer' : 'no subsystem but the catch-all');
  else parts.push(`${counts.acked + counts.own} of ${counts.subsystems} subsystem${counts.subsystems === 1 ? '' : 's'} acked${counts.own ? ` (${counts.own} by their own maintainer's patch${counts.own === 1 ? '' : 'es'})` : ''}`);
  if (counts.reviewed) parts.push(`reviewed, not acked: ${listed(by('reviewed'), 'M')}`);
  if (counts.waiting) parts.push(`waiting on ${listed(by('waiting'), 'M')}`);
  const unowned = owning.filter((e) => !e.entry.maintainers.length);
  if (unowned.length) parts.push(`no maintainer: ${unowned.map((e) => (e.entry.status ? `${e.entry.name} (${e.entry.status})` : e.entry.name)).join(', ')}`);
  return { counts, summary: parts.join('; ') };
}

/** Every patch of one version (in order): per patch, per entry, and the version's summary. */
export function versionOwnership(ix: MaintainersIndex, patches: readonly OwnershipPatch[], opts: MatchOptions = {}): VersionOwnership {
  return versionOwnershipOf(patches.map((p) => patchOwnership(ix, p, opts)));
}

/** A version's entries and summary from its patches' ownership, in order. */
export function versionOwnershipOf(per: PatchOwnership[]): VersionOwnership {
  const entries = merge(per, (p) => p.entries);
  // in the order the series meets them: by first patch, most specific first within it
  const order = new Map<number, number>();
  per.forEach((p, n) => p.entries.forEach((e, k) => order.has(e.entry.index) || order.set(e.entry.index, n * 1e6 + k)));
  entries.sort((a, b) => Number(a.keywordOnly) - Number(b.keywordOnly) || order.get(a.entry.index)! - order.get(b.entry.index)!);
  return { patches: per, entries, rest: merge(per, (p) => p.rest), ...summaryOf(entries) };
}

const mine = (people: readonly Person[], addresses: readonly string[]): boolean => people.some((p) => addresses.some((a) => emailEq(a, p.address)));

/**
 * Is this entry waiting on the reader (their own addresses)? As an M: person while it is not
 * acked, as an R: person while no one has reviewed or acked it.
 */
export function waitingOnMe(e: { entry: OwnerEntry; state: OwnerState }, addresses: readonly string[]): boolean {
  if (e.state === 'waiting' || e.state === 'reviewed') {
    if (mine(e.entry.maintainers, addresses)) return true;
  }
  return e.state === 'waiting' && mine(e.entry.reviewers, addresses);
}

/** Does any owning entry of the version wait on the reader, on a patch they did not write? */
export function versionWaitingOnMe(v: VersionOwnership, patches: readonly OwnershipPatch[], addresses: readonly string[]): boolean {
  return v.entries.some(
    (e) =>
      !e.keywordOnly &&
      e.patches.some((p) => !p.keywordOnly && waitingOnMe({ entry: e.entry, state: p.state }, addresses) && !(patches[p.patch]?.author && addresses.some((a) => emailEq(a, patches[p.patch]!.author!.address)))),
  );
}
