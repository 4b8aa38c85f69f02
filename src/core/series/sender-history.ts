/**
 * Who wrote in a series' threads, once per address and name: the history a trailer's sender,
 * and a version's poster (version-group.ts), is checked against (issue 16, "same name,
 * another address").
 *
 *   threadSenders(heads: MessageHead[]): SenderFacts[]      per thread, kept in its facts
 *   senderCheck(threads: SenderFacts[][]): SenderCheck      over the threads of one series
 *   trailerVetter(threads): (t: LedgerTrailer) => Vetted     the ledger's check of each trailer
 *
 * `newAddress(sender)`: the addresses a name wrote from before it ever wrote from this one
 * (`Andrew Morton <akpm.reviews@evil.example>` after `akpm@linux-foundation.org`), or null;
 * the earliest NAMED of them, looking at the name's earliest LOOKED addresses at most, so a
 * name written from thousands of addresses costs each check a constant, not a pass over all.
 * Such a trailer still counts, as b4 counts it (reviewers do change addresses), and is shown
 * marked "address not seen before for this name". "Before" goes by date, a reply being no
 * earlier than the message it answers, so a forged old Date does not make an address older
 * than the thread it joined; a tie is marked too: when unsure, show it.
 *
 * `lookalikeOf(person)`: the address of the sender a person imitates (lookalikes.ts), among
 * every sender of the series' threads, so a look-alike of an address seen only in another
 * version's thread is caught as it is inside one thread.
 *
 * Non-goals: what a message gives (givers.ts) and what counts (trailers.ts `counted`); the
 * thread's participants (participants.ts), which merge one name's addresses as "aka".
 */
import { comparableName } from '../mail/address.ts';
import { lookalikeOfPerson, markLookalikes } from '../mail/lookalikes.ts';
import { isMaskedAddress, senderAddress } from '../mail/masked.ts';
import { emailEq } from './trailers.ts';
import type { LedgerTrailer } from './series-facts.ts';
import type { MessageHead, Participant, Person } from '../types.ts';

/** One address and name that wrote in a thread. */
export interface SenderFacts {
  name: string;
  /** Lower-cased; never a masked address or a list's (those name nobody). */
  address: string;
  messages: number;
  /** The earliest message's date, a reply no earlier than what it answers; null when undated. */
  first: string | null;
}

export interface SenderCheck {
  newAddress(sender: Person): string[] | null;
  lookalikeOf(person: Person): string | null;
}

/** Names that tell nobody apart. */
function nameKey(name: string): string | null {
  const k = comparableName(name);
  return k.length > 1 && !k.includes('@') ? k : null;
}

const LATE = '\uffff';
/** How many earlier addresses `newAddress` names, and how many of a name's earliest it looks at. */
const NAMED = 3;
const LOOKED = 64;

export function threadSenders(heads: MessageHead[]): SenderFacts[] {
  const byId = new Map(heads.map((h) => [h.id, h]));
  const when = new Map<string, string>();
  /** A message's date, raised to that of the message it answers (iterative: threads run deep). */
  const effective = (h: MessageHead): string => {
    const chain: MessageHead[] = [];
    const seen = new Set<string>();
    let cur: MessageHead | undefined = h;
    while (cur && !when.has(cur.id) && !seen.has(cur.id)) {
      seen.add(cur.id);
      chain.push(cur);
      cur = cur.inReplyTo ? byId.get(cur.inReplyTo) : undefined;
    }
    if (cur && seen.has(cur.id)) cur = undefined; // a loop of In-Reply-To: no floor
    let floor = cur ? (when.get(cur.id) ?? '') : '';
    for (let i = chain.length - 1; i >= 0; i--) {
      const own = chain[i]!.date ?? LATE;
      const d = floor && floor !== LATE && own < floor ? floor : own;
      when.set(chain[i]!.id, d);
      floor = d;
    }
    return when.get(h.id)!;
  };
  const out = new Map<string, SenderFacts>();
  for (const h of heads) {
    const address = senderAddress(h);
    if (!address) continue;
    const d = effective(h);
    const key = `${address}\n${comparableName(h.from.name)}`;
    const s = out.get(key);
    const first = d === LATE ? null : d;
    if (!s) out.set(key, { name: h.from.name.trim(), address, messages: 1, first });
    else {
      s.messages++;
      if (first && (!s.first || first < s.first)) s.first = first;
    }
  }
  return [...out.values()];
}

export function senderCheck(threads: SenderFacts[][]): SenderCheck {
  /** name → address → its earliest date ('\uffff' when undated) */
  const byName = new Map<string, Map<string, string>>();
  const byAddress = new Map<string, Participant>();
  for (const s of threads.flat()) {
    const k = nameKey(s.name);
    if (k) {
      let m = byName.get(k);
      if (!m) byName.set(k, (m = new Map()));
      const d = s.first ?? LATE;
      if (!m.has(s.address) || d < m.get(s.address)!) m.set(s.address, d);
    }
    const p = byAddress.get(s.address);
    if (!p) byAddress.set(s.address, { name: s.name, address: s.address, aliases: [], messages: s.messages, first: s.first, last: null, roles: [], trailers: {} });
    else {
      p.messages += s.messages;
      if (s.first && (!p.first || s.first < p.first)) p.first = s.first;
    }
  }
  let lookalike: ((who: Person) => string | null) | null = null;
  /** name → its addresses, earliest first (sorted once, when first asked) */
  const earliest = new Map<string, Array<[string, string]>>();
  return {
    newAddress(sender) {
      const k = nameKey(sender.name);
      const a = sender.address.trim().toLowerCase();
      if (!k || !a.includes('@') || isMaskedAddress(a)) return null;
      const known = byName.get(k);
      if (!known) return null;
      const mine = known.get(a) ?? LATE;
      let list = earliest.get(k);
      if (!list) earliest.set(k, (list = [...known].sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[0] < y[0] ? -1 : 1))));
      const before: string[] = [];
      for (let i = 0; i < list.length && i < LOOKED && before.length < NAMED && list[i]![1] <= mine; i++) if (!emailEq(a, list[i]![0])) before.push(list[i]![0]);
      return before.length ? before.sort() : null;
    },
    lookalikeOf(person) {
      if (!lookalike) {
        const people = [...byAddress.values()];
        markLookalikes(people);
        lookalike = lookalikeOfPerson(people);
      }
      return lookalike(person);
    },
  };
}

/** A trailer checked against the series' senders: `lookalikeOf` set where it imitates one, else `newAddress` where it is new for its name. */
export type Vetted = LedgerTrailer & { newAddress?: string[] };

/**
 * The ledger's check of a trailer, once per trailer object (a cover's is on every patch): a
 * follow-up's sender and the person it names against every sender of the series' threads
 * (look-alikes count for nobody), then the sender's address against its name's history.
 */
export function trailerVetter(threads: SenderFacts[][]): (e: LedgerTrailer) => Vetted {
  const check = senderCheck(threads);
  const vetted = new Map<LedgerTrailer, Vetted>();
  return (e) => {
    const had = vetted.get(e);
    if (had) return had;
    let out: Vetted = e;
    const given = e.origin !== 'patch' && e.sender;
    if (!e.lookalikeOf) {
      const of = (given ? check.lookalikeOf(e.sender!) : null) ?? (e.person ? check.lookalikeOf(e.person) : null);
      if (of) out = { ...out, lookalikeOf: of };
    }
    if (given && !out.lookalikeOf) {
      const known = check.newAddress(e.sender!);
      if (known) out = { ...out, newAddress: known };
    }
    vetted.set(e, out);
    return out;
  };
}
