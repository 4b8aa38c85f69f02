/**
 * Unthreaded postings: a version whose patches were each sent as a thread of their own (no
 * cover, no In-Reply-To: `git send-email --no-thread`, a web mailer) arrives as one partial
 * version per thread, `[PATCH 3/9]` alone with 8 missing. Such strays from one author, with
 * one version number and one total, sent within a day and with counters that do not collide,
 * are one version, as patchwork groups a series by submitter, version and total (and as
 * series.ts's `mergeStrays` does inside one thread). Issue 15: a v1 of 9 unthreaded patches
 * was "0/9, 9 missing" and every v2 patch "+ new".
 *
 *   joinStrays(versions: VersionFacts[]): VersionFacts[]
 *
 * Linear after a sort: strays are bucketed by author, version and total, and each bucket is
 * swept in date order, a stray joining the group it follows while it fits. A version with a
 * cover may lead a group (patches that lost their link to it); two covers never join.
 *
 * Non-goals: telling two series apart by content (two unthreaded series of the same size,
 * sent the same day in interleaved order, would join: their counters collide first).
 */
import { isMaskedAddress } from '../mail/masked.ts';
import { comparableName } from '../mail/address.ts';
import type { VersionFacts } from './series-facts.ts';

const DAY = 864e5;
const MAX_TOTAL = 1000;

/**
 * One key per author for bucketing: the name (gmane and list rewrites change the address of
 * some copies of a series and leave the name), else the address without a `+tag`.
 */
function authorKey(v: VersionFacts): string {
  const n = comparableName(v.author.name);
  if (n.length > 1) return `n:${n}`;
  const a = v.author.address.trim().toLowerCase();
  return a.includes('@') && !isMaskedAddress(a) ? `a:${a.replace(/\+[^@]*@/, '@')}` : `?:${v.key}`;
}

const time = (d: string | null): number => (d ? Date.parse(d) : NaN);

function join(group: VersionFacts[]): VersionFacts {
  const lead = group.find((v) => v.cover) ?? group.slice().sort((a, b) => (a.patches[0]?.counter ?? 0) - (b.patches[0]?.counter ?? 0))[0]!;
  const patches = group.flatMap((v) => v.patches).sort((a, b) => a.counter - b.counter);
  const total = Math.max(...group.map((v) => v.total));
  const present = new Set(patches.map((p) => p.counter));
  const missing: number[] = [];
  if (total <= MAX_TOTAL) for (let c = 1; c <= total; c++) if (!present.has(c)) missing.push(c);
  const dates = group.map((v) => v.date).filter((d): d is string => !!d).sort();
  const links = new Map(group.flatMap((v) => v.links).map((l) => [l.messageId, l]));
  const bots = group.flatMap((v) => v.bots ?? []);
  const coverEvidence = group.flatMap((v) => v.coverEvidence ?? []);
  const out: VersionFacts = {
    ...lead,
    total,
    date: dates[0] ?? null,
    versionInferred: group.every((v) => v.versionInferred),
    changeId: group.find((v) => v.changeId)?.changeId ?? null,
    links: [...links.values()],
    supersedes: [...new Set(group.flatMap((v) => v.supersedes))],
    patches,
    missing,
    coverTrailers: group.flatMap((v) => v.coverTrailers),
    applied: group.flatMap((v) => v.applied),
    messages: [...new Set(group.flatMap((v) => v.messages))],
  };
  if (bots.length) out.bots = bots;
  if (coverEvidence.length) out.coverEvidence = coverEvidence;
  return out;
}

export function joinStrays(versions: VersionFacts[]): VersionFacts[] {
  const buckets = new Map<string, VersionFacts[]>();
  const out: VersionFacts[] = [];
  for (const v of versions) {
    // a complete posting, or a one-patch one, is nobody's stray
    if (v.total <= 1 || !v.missing.length) {
      out.push(v);
      continue;
    }
    const k = `${authorKey(v)}\n${v.version}\n${v.total}`;
    const b = buckets.get(k);
    if (b) b.push(v);
    else buckets.set(k, [v]);
  }
  for (const bucket of buckets.values()) {
    bucket.sort((a, b) => (time(a.date) || 0) - (time(b.date) || 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let group: VersionFacts[] = [];
    let counters = new Set<number>();
    let first = NaN;
    let covered = false;
    const flush = (): void => {
      if (group.length) out.push(group.length === 1 ? group[0]! : join(group));
    };
    for (const v of bucket) {
      const t = time(v.date);
      const fits = group.length > 0 && !(covered && v.cover) && (Number.isNaN(first) || Number.isNaN(t) || Math.abs(t - first) <= DAY) && v.patches.every((p) => !counters.has(p.counter));
      if (!fits) {
        flush();
        group = [];
        counters = new Set();
        first = t;
        covered = false;
      }
      group.push(v);
      for (const p of v.patches) counters.add(p.counter);
      covered ||= v.cover !== null;
      if (Number.isNaN(first)) first = t;
    }
    flush();
  }
  return out;
}
