/**
 * Who took part: one entry per person, however many addresses and spellings they used.
 * Every sender is somebody's mail: none is dropped.
 *
 * - The same address in any case is one person.
 * - One name with several addresses is one person; the address used most is the main one,
 *   the others are `aliases`. Names too short or generic to identify anybody do not merge.
 * - An address an archive masked (`joe@xxxxxxxx`, `akpm@...ux-foundation.org`, gmane's
 *   `joe-HASH@public.gmane.org`) never becomes a participant's address: its mail counts for
 *   the person of the same name when there is one. Otherwise the sender is a participant
 *   known by name, `masked: true`, `address` '', and the archive's spelling in
 *   `maskedAddress` (mail of one masked address and no name is one such participant).
 * - A list's address after a DMARC rewrite (`'Bob Jones' via kasan-dev <kasan-dev@…>`) is
 *   nobody's: every member writes from it, so it merges nobody. The mail counts for the
 *   person of that name, who is a participant of their own when they never wrote otherwise
 *   (shown with the list's address, the only one the mail gives).
 * - Roles: `author` of a series; `reviewer`, `acker`, `tester` by the trailers they gave.
 *   A trailer or series author is matched by address, and by name when the address is
 *   masked, mangled or never used to write here (gmane rewrote addresses inside bodies too).
 * - Trailers given: per canonical name, the number of distinct mails that carry a trailer
 *   naming this person (a Reviewed-by on the cover letter counts once, not once per patch).
 *   `Cc:` is left out: being copied is not something a person gives.
 * - Look-alikes (lookalikes.ts): a participant imitating another's address, domain or name
 *   gets `lookalikeOf`; a trailer naming a look-alike, or given in a reply by one, is flagged in the series (its patch's
 *   counts are recounted without it) and gives nobody a role or a count: roles and counts
 *   come only from trailers the one counter (trailers.ts `counted`) counts, so a reviewer
 *   here is a person some patch's R counts. Trailers that were never the sender's (given on
 *   someone's behalf, a bot's) are not in a series' trailers at all (givers.ts).
 *
 * Non-goals: people only named in trailers or Cc who never wrote to the thread.
 */
import { comparableName } from '../mail/address.ts';
import { addSkeleton, lookalikeOfPerson, markLookalikes, mayJoinByName, mergeSkeletons, newSkeletons, type Skeletons } from '../mail/lookalikes.ts';
import { isMaskedAddress, senderAddress } from '../mail/masked.ts';
import { counted, countTrailers } from '../series/trailers.ts';
import type { MessageHead, Participant, Person, Series, Trailer } from '../types.ts';

interface Acc {
  addresses: Map<string, { spelling: string; n: number; first: number }>;
  /** The addresses' skeletons, to tell a look-alike from a second address in constant time. */
  skeletons: Skeletons;
  /** The list address a DMARC-rewritten mail gave, shown only when no own address is known. */
  listAddress: string | null;
  /** The masked address a mail gave, shown (as masked) only when no other address is known. */
  maskedAddress: string | null;
  names: Map<string, number>;
  messages: number;
  first: string | null;
  last: string | null;
  roles: Set<string>;
  trailers: Map<string, Set<string>>;
  order: number;
  /** Folded into another person. */
  merged: boolean;
}

const ROLE_OF: Record<string, string> = { 'Reviewed-by': 'reviewer', 'Acked-by': 'acker', 'Tested-by': 'tester' };
/** Trailers that name a person without that person giving anything. */
const NOT_GIVEN = new Set(['Cc']);

/** A name that says who someone is: two characters or more, not an address, not a role. */
function nameKey(name: string): string | null {
  const k = comparableName(name);
  if (k.length < 2 || k.includes('@') || /^(root|admin|info|noreply|no-reply|unknown|me|test)$/.test(k)) return null;
  return k;
}

/**
 * Plain code-unit order, for ISO dates and trailer names: what `first < other` means above.
 * Not localeCompare: its first call in a fresh worker builds ICU's collator, 7 to 20 ms of a
 * cold analysis on this machine (bench/cold-profile.ts), for an order it would not change.
 */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildParticipants(heads: MessageHead[], series: Series[]): Participant[] {
  const byAddress = new Map<string, Acc>();
  const byName = new Map<string, Acc>();
  const everyone: Acc[] = [];
  const fresh = (): Acc => {
    const acc: Acc = { addresses: new Map(), skeletons: newSkeletons(), listAddress: null, maskedAddress: null, names: new Map(), messages: 0, first: null, last: null, roles: new Set(), trailers: new Map(), order: everyone.length, merged: false };
    everyone.push(acc);
    return acc;
  };
  /** Fold `b` into `a`: one person after all. */
  const merge = (a: Acc, b: Acc): Acc => {
    if (a === b) return a;
    for (const [k, v] of b.addresses) {
      const cur = a.addresses.get(k);
      if (cur) cur.n += v.n;
      else a.addresses.set(k, v);
      byAddress.set(k, a);
    }
    for (const [k, v] of b.names) {
      a.names.set(k, (a.names.get(k) ?? 0) + v);
      if (nameKey(k) && byName.get(nameKey(k)!) === b) byName.set(nameKey(k)!, a);
    }
    mergeSkeletons(a.skeletons, b.skeletons);
    a.listAddress ??= b.listAddress;
    a.maskedAddress ??= b.maskedAddress;
    a.messages += b.messages;
    if (b.first && (!a.first || b.first < a.first)) a.first = b.first;
    if (b.last && (!a.last || b.last > a.last)) a.last = b.last;
    a.order = Math.min(a.order, b.order);
    b.merged = true;
    return a;
  };

  const sorted = heads.slice().sort((a, b) => a.index - b.index);
  const viaList: MessageHead[] = [];
  const masked: MessageHead[] = [];
  for (const h of sorted) {
    const lower = senderAddress(h);
    if (lower === null) {
      (h.via ? viaList : masked).push(h);
      continue;
    }
    const address = h.from.address.trim();
    const nk = nameKey(h.from.name);
    let acc = byAddress.get(lower);
    let named = nk ? byName.get(nk) : undefined;
    // a look-alike address under the real person's name stays a person of its own
    const impostor = !!named && named !== acc && !mayJoinByName(lower, acc ? [acc.skeletons, named.skeletons] : [named.skeletons]);
    if (impostor) named = undefined;
    if (acc && named) acc = merge(acc, named);
    acc ??= named ?? fresh();
    const a = acc.addresses.get(lower);
    if (a) a.n++;
    else {
      acc.addresses.set(lower, { spelling: address, n: 1, first: h.index });
      addSkeleton(acc.skeletons, lower);
    }
    byAddress.set(lower, acc);
    if (nk && !impostor) byName.set(nk, acc);
    count(acc, h);
  }
  // After every own address is known, so a rewritten mail finds its sender by name.
  for (const h of viaList) {
    const nk = nameKey(h.from.name);
    if (!nk) continue;
    let acc = byName.get(nk);
    if (!acc) byName.set(nk, (acc = fresh()));
    acc.listAddress ??= h.from.address.trim();
    count(acc, h);
  }
  // Masked senders: the person of that name, else a participant of their own, known by
  // name or, without one, by the masked spelling (gmane's hash is one per real address).
  const byMasked = new Map<string, Acc>();
  for (const h of masked) {
    const nk = nameKey(h.from.name);
    const spelled = h.from.address.trim();
    // Mailman's stand-in for a sender it could not read: its name is no more trustworthy
    const unread = /^bogus@does\.not\.exist\.com$/i.test(spelled);
    const mk = spelled.includes('@') && !unread ? spelled.toLowerCase() : null;
    let acc = (nk ? byName.get(nk) : undefined) ?? (mk && !nk ? byMasked.get(mk) : undefined);
    if (!acc) {
      if (unread || (!nk && !mk)) continue; // nobody to show
      acc = fresh();
      if (nk) byName.set(nk, acc);
      else if (mk) byMasked.set(mk, acc);
    }
    if (mk) acc.maskedAddress ??= spelled;
    count(acc, h);
  }

  const people = everyone.filter((p) => !p.merged);
  people.sort((a, b) => b.messages - a.messages || byCodeUnit(a.first ?? '\uffff', b.first ?? '\uffff') || a.order - b.order);
  const out = new Map<Acc, Participant>();
  for (const p of people) {
    const addrs = [...p.addresses.values()].sort((a, b) => b.n - a.n || a.first - b.first);
    const name = [...p.names.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const address = addrs[0]?.spelling ?? p.listAddress ?? '';
    const entry: Participant = { name, address, aliases: addrs.slice(1).map((a) => a.spelling), messages: p.messages, first: p.first, last: p.last, roles: [], trailers: {} };
    if (!address && p.maskedAddress) {
      entry.masked = true;
      entry.maskedAddress = p.maskedAddress;
    }
    out.set(p, entry);
  }
  const result = [...out.values()];
  markLookalikes(result);
  const lookalike = lookalikeOfPerson(result);
  const headById = new Map(heads.map((h) => [h.id, h]));
  /** Whom the sender of a message imitates: by name alone where a list rewrote the address. */
  const senderLookalike = (id: string): string | null => {
    const h = headById.get(id);
    return h ? lookalike(h.via ? { name: h.from.name, address: '' } : h.from) : null;
  };

  /** The participant a person named in a trailer or a series is: by own address, else by name. */
  const find = (p: Person, byNameToo = true): Acc | undefined => {
    const a = p.address.trim().toLowerCase();
    const byAddr = a && !isMaskedAddress(a) ? byAddress.get(a) : undefined;
    if (byAddr || !byNameToo) return byAddr;
    const nk = nameKey(p.name);
    return nk ? byName.get(nk) : undefined;
  };
  for (const s of series) find(s.author)?.roles.add('author');
  for (const s of series) {
    for (const v of s.versions) {
      for (const t of v.coverTrailers) flag(t);
      for (const p of v.patches) {
        let flagged = false;
        for (const t of p.trailers) if (flag(t)) flagged = true;
        if (flagged) p.counts = countTrailers(p.trailers);
      }
      const all = [...v.coverTrailers, ...v.patches.flatMap((p) => (p.borrowedFrom === null ? p.trailers : []))];
      for (const t of all) {
        // what the one counter counts for nobody (a look-alike's word) is nobody's trailer
        if (NOT_GIVEN.has(t.name) || !counted(t)) continue;
        const acc = t.person ? find(t.person) : undefined;
        if (!acc) continue;
        const role = ROLE_OF[t.name];
        if (role) acc.roles.add(role);
        let carriers = acc.trailers.get(t.name);
        if (!carriers) acc.trailers.set(t.name, (carriers = new Set()));
        carriers.add(t.from);
      }
    }
  }

  const roleOrder = ['author', 'reviewer', 'acker', 'tester'];
  for (const [p, entry] of out) {
    for (const [k, v] of [...p.trailers.entries()].sort((a, b) => byCodeUnit(a[0], b[0]))) entry.trailers[k] = v.size;
    entry.roles = roleOrder.filter((r) => p.roles.has(r));
  }
  return result;

  /**
   * Marks a trailer naming a look-alike, or given in a reply by one (a look-alike signing
   * with the real person's name and address: issue 16); true when it is one.
   */
  function flag(t: Trailer): boolean {
    const of = (t.person ? lookalike(t.person) : null) ?? (t.origin && t.origin !== 'patch' ? senderLookalike(t.from) : null);
    if (of) t.lookalikeOf = of;
    return !!t.lookalikeOf;
  }
}

function count(acc: Acc, h: MessageHead): void {
  acc.messages++;
  const name = h.from.name.trim();
  if (name) acc.names.set(name, (acc.names.get(name) ?? 0) + 1);
  if (h.date) {
    if (!acc.first || h.date < acc.first) acc.first = h.date;
    if (!acc.last || h.date > acc.last) acc.last = h.date;
  }
}
