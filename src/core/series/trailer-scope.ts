/**
 * Which patch or cover letter a reply's trailers belong to, as b4 attaches them
 * (`LoreMailbox.get_series`): the nearest patch or cover above the reply in its thread,
 * through the replies between (a reply to a reply to 3/8 gives to 3/8). A reply below a
 * patch gives to that patch only; only a reply below the cover letter gives to every patch
 * of its version (series-version.ts spreads those). What a reply gives, and what counts, is
 * givers.ts's one decision; a bot's reply is kept as a report, with what it found and what
 * it names (bots.ts).
 *
 *   scopeReplies(heads, bodies, isItem, target): Map<target key, Scoped>
 *
 * Non-goals: finding patches and covers (series.ts), carrying trailers across versions
 * (ledger.ts).
 */
import { giftOf } from './givers.ts';
import { botFindings } from '../mail/bots.ts';
import type { BotReport, MessageHead, Trailer, TrailerEvidence } from '../types.ts';

/** A bot's report as it answers a patch or cover: what it found and what it names (bots.ts). */
export type ScopedBot = Omit<BotReport, 'counter'>;

/** What the replies below one patch or cover give. */
export interface Scoped {
  /** Counted trailers, with `on` set to the patch or cover they were given on. */
  given: Trailer[];
  evidence: TrailerEvidence[];
  bots: ScopedBot[];
}

export function scopeReplies(
  heads: MessageHead[],
  bodies: Map<string, string>,
  isItem: (id: string) => boolean,
  target: (id: string) => string | null,
): Map<string, Scoped> {
  const out = new Map<string, Scoped>();
  for (const head of heads) {
    if (isItem(head.id)) continue;
    const body = bodies.get(head.id);
    if (body === undefined) continue;
    const to = target(head.id);
    if (!to) continue;
    const gift = giftOf(head, body, head.id);
    if (!gift.own.length && !gift.evidence.length && !gift.bot) continue;
    let s = out.get(to);
    if (!s) out.set(to, (s = { given: [], evidence: [], bots: [] }));
    for (const t of gift.own) s.given.push({ ...t, on: to });
    for (const t of gift.evidence) s.evidence.push({ ...t, on: to });
    if (gift.bot) {
      const b: ScopedBot = { message: head.id, bot: gift.bot.name, kind: gift.bot.kind, date: head.date };
      const read = botFindings(gift.bot, head.subject, body);
      if (read.findings.length) b.findings = read.findings;
      if (read.names.length) b.names = read.names;
      if (read.namesVersion) b.namesVersion = read.namesVersion;
      s.bots.push(b);
    }
  }
  return out;
}
