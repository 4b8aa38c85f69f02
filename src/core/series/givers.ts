/**
 * Which trailers a message gives, and which of them count: the one decision every path that
 * counts goes through (the series and its ledger, the tree's R/A/T marks, the participants).
 *
 *   giftOf(sender: Giver, body: string, key: string): Gift
 *
 * b4's rules (`LoreMessage.get_trailers`, `--sloppy-trailers` off):
 * - the lines are a follow-up's (trailers.ts: own lines above the signature; never quoted,
 *   diff or pasted lines, nor mail and commit headers such as `Author:` or `Cc:`);
 * - a person trailer counts when it is the sender's own: its address is the sender's
 *   (`email_eq`: case, a `+tag`, one domain label), or its display name is exactly the
 *   sender's. One difference from b4: a sender writing from a tagged address (`foo+x@`) is
 *   not thereby every `foo@` (syzbot's CI writes from `syzbot+ci…@` and its template names
 *   `syzbot@`); a tagged sender's own trailers still count by their name;
 * - of the trailers naming no person only `Fixes:` is taken (b4 0.12 takes no URL from a reply).
 * The others are kept as evidence, "given by X on behalf of Y", and never counted.
 * A bot's mail (bots.ts) gives nothing: it is a report; its template lines are evidence.
 *
 * Non-goals: which patch a message's trailers belong to (trailer-scope.ts); counting people
 * (trailers.ts `countTrailers`); look-alike senders (participants.ts flags them).
 */
import { comparableName } from '../mail/address.ts';
import { botOf, type Bot } from '../mail/bots.ts';
import { emailEq, parseTrailers } from './trailers.ts';
import type { Person, Trailer, TrailerEvidence } from '../types.ts';

/** Who sent a message: a MessageHead, or a ThreadMessage of the tree. */
export interface Giver {
  from: Person | null;
  /** Set when a list rewrote From (`'Name' via List`): the address is then the list's. */
  via?: string;
  subject?: string;
}

export interface Gift {
  /** The sender's own trailers: the only ones that count. */
  own: Trailer[];
  /** Trailers the message carries that count for nobody, with why. */
  evidence: TrailerEvidence[];
  /** Set when the sender is a bot: the message is a report, `own` is empty. */
  bot: Bot | null;
}

const NOBODY: Person = { name: '', address: '' };

/** The local part of an address carries a `+tag`. */
const tagged = (a: string): boolean => /^[^@]*\+[^@]*@/.test(a);

/**
 * Is the person a trailer names the sender? The address by b4's `email_eq` (a tagged sender
 * only by its exact address), or the display name exactly the sender's (reviewers write from
 * one address and sign with another). A list-rewritten From has no address of the sender's:
 * only the name can tell. b4 lets any From name with a comma pass (it compares that name
 * with itself); we do not.
 */
export function givenBySender(person: Person, sender: Giver): boolean {
  const named = person.address.toLowerCase();
  const from = sender.from?.address.toLowerCase() ?? '';
  if (!sender.via && named && from) {
    if (named === from) return true;
    if (!tagged(from) && emailEq(named, from)) return true;
  }
  const who = comparableName(person.name);
  return who.length > 1 && who === comparableName(sender.from?.name ?? '');
}

/** What a reply (or any message answering a patch) gives. `key` is its message key. */
export function giftOf(sender: Giver, body: string, key: string): Gift {
  const found = parseTrailers(body, key, { followup: true });
  const by = sender.from ?? NOBODY;
  const bot = botOf(sender.from, sender.subject ?? '');
  if (bot) return { own: [], evidence: found.map((t) => ({ ...t, why: 'bot', sender: { ...by }, bot: bot.name })), bot };
  const own: Trailer[] = [];
  const evidence: TrailerEvidence[] = [];
  for (const t of found) {
    if (t.person ? givenBySender(t.person, sender) : t.name === 'Fixes') own.push(t);
    else if (t.person) evidence.push({ ...t, why: 'not-sender', sender: { ...by } });
  }
  return { own, evidence, bot: null };
}
