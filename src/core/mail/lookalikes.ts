/**
 * Look-alike senders (issue 9, item 6): a participant whose address, domain or name is a
 * confusable of another participant's (`gregkh@linuxfoundаtion.org` with a Cyrillic `а`,
 * `Greg Kroah-Hartrnan`) gets `lookalikeOf: <the other one's address>`, and a word that
 * mixes scripts gets `mixedScript: true`. A trailer naming such a look-alike, or naming an
 * address or name that imitates a participant's, gets `lookalikeOf` too, and is counted
 * neither for the real person nor in a patch's R/A/T counts.
 *
 * Which of two confusable participants is the impostor: the one whose spelling carries a
 * disguise (a non-ASCII look-alike, an invisible character, mixed scripts); when neither or
 * both do, the one with fewer messages, then the one who wrote later. The real person has
 * usually written more, and first.
 *
 * Non-goals: judging a lone sender with no one to imitate (only `mixedScript` says something
 * then), people who never wrote to the thread beyond the trailers that name them.
 */
import { comparableName } from './address.ts';
import { hasDisguise, mixedScript, skeleton } from './confusables.ts';
import { isMaskedAddress } from './masked.ts';
import type { Participant, Person } from '../types.ts';

/** Names shorter than this in skeleton form (`Al`, `Bo`) collide by chance, not by design. */
const MIN_NAME = 4;

interface Owner {
  p: Participant;
  /** The spelling (address, domain or name) that produced the skeleton. */
  text: string;
}

type Kind = 'address' | 'domain' | 'name';

function addressesOf(p: Participant): string[] {
  return [p.address, ...p.aliases].filter((a) => a && !isMaskedAddress(a)).map((a) => a.toLowerCase());
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** What identifies a participant in the thread: an address, or the masked one, or the name. */
function label(p: Participant): string {
  return p.address || p.maskedAddress || p.name;
}

/**
 * Skeleton indexes of every participant's addresses, domains and names: skeleton → spelling
 * → owners. Grouped by spelling so that a thousand people at one domain cost one entry to
 * look past, not a thousand (a flat list made every lookup scan them all).
 */
class Index {
  readonly by: Record<Kind, Map<string, Map<string, Participant[]>>> = { address: new Map(), domain: new Map(), name: new Map() };

  add(kind: Kind, text: string, p: Participant): void {
    const k = skeleton(text);
    if (kind === 'name' && k.replace(/\s/g, '').length < MIN_NAME) return;
    let spellings = this.by[kind].get(k);
    if (!spellings) this.by[kind].set(k, (spellings = new Map()));
    const owners = spellings.get(text);
    if (!owners) spellings.set(text, [p]);
    else if (owners[owners.length - 1] !== p) owners.push(p);
  }

  /** Participants other than `self` whose spelling of `kind` looks like `text` but differs. */
  imitated(kind: Kind, text: string, self: Participant | null): Owner[] {
    const k = skeleton(text);
    if (kind === 'name' && k.replace(/\s/g, '').length < MIN_NAME) return [];
    const out: Owner[] = [];
    for (const [other, owners] of this.by[kind].get(k) ?? []) {
      if (other === text) continue;
      for (const p of owners) if (p !== self) out.push({ p, text: other });
      if (out.length > 8) break; // enough to name one; a crowd of look-alikes is no better
    }
    return out;
  }
}

function buildIndex(people: Participant[]): Index {
  const index = new Index();
  for (const p of people) {
    for (const a of addressesOf(p)) {
      index.add('address', a, p);
      index.add('domain', domainOf(a), p);
    }
    if (p.name) index.add('name', comparableName(p.name), p);
  }
  return index;
}

function disguised(text: string): boolean {
  return hasDisguise(text) || mixedScript(text);
}

/** A person's addresses and domains by skeleton (skeleton → spellings), kept as they write. */
export interface Skeletons {
  addresses: Map<string, Set<string>>;
  domains: Map<string, Set<string>>;
}

export function newSkeletons(): Skeletons {
  return { addresses: new Map(), domains: new Map() };
}

function put(m: Map<string, Set<string>>, k: string, v: string): void {
  const set = m.get(k);
  if (set) set.add(v);
  else m.set(k, new Set([v]));
}

/** Adds a lower-cased address (and its domain) to `s`. */
export function addSkeleton(s: Skeletons, address: string): void {
  put(s.addresses, skeleton(address), address);
  const domain = domainOf(address);
  put(s.domains, skeleton(domain), domain);
}

/** Adds everything in `from` to `into` (two people found to be one). */
export function mergeSkeletons(into: Skeletons, from: Skeletons): void {
  for (const [k, set] of from.addresses) for (const v of set) put(into.addresses, k, v);
  for (const [k, set] of from.domains) for (const v of set) put(into.domains, k, v);
}

/**
 * May mail from `address` (lower-cased) join a person known by other addresses, by name? Not
 * when the address imitates one of theirs (`dhowells@rеdhat.com` next to
 * `dhowells@redhat.com`), or disguises itself: taking the real person's name is the point of
 * such an address. Constant time per person, however many addresses they have.
 */
export function mayJoinByName(address: string, theirs: Skeletons[]): boolean {
  if (disguised(address)) return false;
  const k = skeleton(address);
  const domain = domainOf(address);
  const d = skeleton(domain);
  for (const t of theirs) {
    for (const other of t.addresses.get(k) ?? []) if (other !== address) return false;
    for (const other of t.domains.get(d) ?? []) if (other !== domain) return false;
  }
  return true;
}

/** Sets `lookalikeOf` and `mixedScript` on the participants that earn them. */
export function markLookalikes(people: Participant[]): void {
  const index = buildIndex(people);
  const rank = new Map(people.map((p, i) => [p, i]));
  /** Is `a` the impostor of `b`, given the spellings that collide? */
  const impostor = (a: Participant, aText: string, b: Participant, bText: string): boolean => {
    const da = disguised(aText);
    const db = disguised(bText);
    if (da !== db) return da;
    if (a.messages !== b.messages) return a.messages < b.messages;
    const fa = a.first ?? '\uffff';
    const fb = b.first ?? '\uffff';
    if (fa !== fb) return fa > fb;
    return rank.get(a)! > rank.get(b)!;
  };
  for (const p of people) {
    const mine: Array<[Kind, string]> = [];
    for (const a of addressesOf(p)) mine.push(['address', a], ['domain', domainOf(a)]);
    if (p.name) mine.push(['name', comparableName(p.name)]);
    if (mine.some(([, text]) => mixedScript(text)) || (p.maskedAddress && mixedScript(p.maskedAddress))) p.mixedScript = true;
    if (p.lookalikeOf) continue;
    for (const [kind, text] of mine) {
      const other = index.imitated(kind, text, p).find((o) => !o.p.lookalikeOf && impostor(p, text, o.p, o.text));
      if (other) {
        p.lookalikeOf = label(other.p);
        break;
      }
    }
  }
}

/**
 * For trailers: given the participants (after `markLookalikes`), a function telling whether
 * the person a trailer names imitates a participant, and whom (their address), or null.
 */
export function lookalikeOfPerson(people: Participant[]): (who: Person) => string | null {
  const index = buildIndex(people);
  const byAddress = new Map<string, Participant>();
  for (const p of people) for (const a of addressesOf(p)) byAddress.set(a, p);
  const byName = new Map<string, Participant>();
  for (const p of people) {
    // an impostor may carry the real person's very name: the name is the real person's
    const k = comparableName(p.name);
    if (k && (!byName.has(k) || (byName.get(k)!.lookalikeOf && !p.lookalikeOf))) byName.set(k, p);
  }
  return (who) => {
    const address = who.address.trim().toLowerCase();
    const real = address && !isMaskedAddress(address);
    const self = real ? byAddress.get(address) : undefined;
    if (self) return self.lookalikeOf ?? null;
    if (real) {
      const like = index.imitated('address', address, null)[0] ?? index.imitated('domain', domainOf(address), null)[0];
      if (like) return label(like.p);
    }
    const name = comparableName(who.name);
    if (!name) return null;
    const named = byName.get(name);
    if (named) return named.lookalikeOf ?? null;
    const like = index.imitated('name', name, null)[0];
    return like ? label(like.p) : null;
  };
}
