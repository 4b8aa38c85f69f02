/**
 * What one thread tells the ledger, in plain JSON: per version of each series in it, the
 * patches with their patch-ids, files and trailers (who, when, which message, origin), the
 * links to other versions, the "applied" replies; and the series the thread only answers.
 *
 *   threadFacts(analysis: Analysis, heads: MessageHead[], bodies: Map<string, string>): ThreadFacts
 *
 * The worker computes this once per thread, right after the analysis (the only time the
 * bodies are at hand), and caches it beside the thread: the ledger of a series is then built
 * from the cached facts of its threads without re-reading any mail.
 *
 * Trailer origin: `patch` (in the patch's own trailer block), `cover` (a reply to the cover
 * letter: it counts for every patch of that version, as b4 applies it), `followup` (a reply
 * to the patch or below it), as the series found them (series-version.ts); each trailer on a
 * patch keeps the patch-id of the message it was given on, for the ledger's carry-forward.
 * Trailers that count for nobody (given on someone else's behalf, a bot's template) are
 * `evidence`; bots' replies are `bots`. A patch's `code` is its code print (code-print.ts).
 * `senders` are who wrote in the thread (sender-history.ts), for checking a trailer's sender
 * against the series' history; "applied" replies keep who sent them, the commits a b4 ty
 * summary names and the sign-offs of a patch they carry, for applied-trust.ts.
 *
 * `FACTS_FORMAT` says which shape of facts this is: facts cached by an older shape lack
 * fields (a trailer's patch-id, evidence, code prints) or were read by older rules (4: a
 * one-line paragraph of prose is no patch trailer; 7: a version's `author` is who posted it)
 * and must be computed again.
 *
 * Non-goals: grouping threads into one series (version-group.ts), carrying trailers across
 * versions (ledger.ts).
 */
import { appliedSignal, type AppliedSignal } from './applied.ts';
import { diffStart, hasDiff } from '../patch/detect.ts';
import { patchIdentity } from '../patch/patch-id.ts';
import { parseSubject } from '../mail/subject.ts';
import { codePrint } from './code-print.ts';
import type { Analysis, BotReport, MessageHead, Person, Trailer, TrailerEvidence } from '../types.ts';
import { versionLinks, type VersionLinkRef } from './version-links.ts';
import { threadSenders, type SenderFacts } from './sender-history.ts';
import { senderAddress } from '../mail/masked.ts';
import { emailEq } from './trailers.ts';

export type TrailerOrigin = 'patch' | 'cover' | 'followup';

/** Who posted a version: its lead message's sender where that is a real address other than the series author's. */
function posterOf(lead: MessageHead | undefined, author: Person): Person {
  const a = lead ? senderAddress(lead) : null;
  return a && !emailEq(a, author.address) ? { ...lead!.from } : { ...author };
}

/** The shape of ThreadFacts: raised whenever a field is added or a rule changes what they hold, so older cached facts are recomputed. */
export const FACTS_FORMAT = 7;

export interface LedgerTrailer {
  name: string;
  value: string;
  /** Who the trailer names. */
  person: Person | null;
  /** Key of the message that carried it. */
  from: string;
  /** Who sent that message, and when. */
  sender: Person | null;
  date: string | null;
  origin: TrailerOrigin;
  /** Set when the person named imitates a participant (participants.ts): counted for nobody. */
  lookalikeOf?: string;
  /**
   * The patch-id of the patch message it was given on, where that is not the patch's own
   * (`PatchFacts.patchId`): a trailer of an older copy of a resent patch. Absent otherwise,
   * and for a cover-letter trailer, which was given on every patch of its version.
   */
  patchId?: string | null;
  /** Other messages that gave the same trailer to the same patch (types.ts `Trailer.alsoFrom`). */
  alsoFrom?: string[];
}

/** A trailer counted for nobody, with why (types.ts `TrailerEvidence`). */
export interface LedgerEvidence extends LedgerTrailer {
  why: TrailerEvidence['why'];
  bot?: string;
}

export interface PatchFacts {
  counter: number;
  /** Message key of the patch. */
  id: string;
  subject: string;
  /** The subject without tags. */
  title: string;
  date: string | null;
  patchId: string | null;
  files: string[];
  /** Its own trailers and its follow-ups'; the cover's are in `VersionFacts.coverTrailers`. */
  trailers: LedgerTrailer[];
  /** Set when a partial reroll borrowed this patch from that earlier version. */
  borrowedFrom: number | null;
  /** Its code print (code-print.ts): whether a split or squash moved code. */
  code: string;
  /** Trailers in its replies that count for nobody. Absent when none. */
  evidence?: LedgerEvidence[];
}

export interface AppliedMark extends AppliedSignal {
  /** The reply that said it. */
  message: string;
  date: string | null;
  /** The patch (counter) it answers, or null for the cover (the whole version). */
  counter: number | null;
}

export interface VersionFacts {
  /** The cover letter's key, else the first patch's: names the version everywhere. */
  key: string;
  /** Key of the root of the thread the lead message is in: which thread this came from. */
  thread: string;
  /** Index of the series in its thread's analysis: versions of one series share it. */
  series: number;
  version: number;
  versionInferred: boolean;
  total: number;
  cover: string | null;
  subject: string;
  title: string;
  /**
   * Who posted it: the series' author (series.ts, who gets a mangled address mended), or the
   * lead message's own sender where that is another real address (the same name from an
   * address the series never used: version-group.ts checks it).
   */
  author: Person;
  date: string | null;
  changeId: string | null;
  /** What the lead message (cover or first patch) replies to: vN sent as a reply to vN-1. */
  inReplyTo: string | null;
  references: string[];
  /** Other versions named in the cover or changelogs. */
  links: VersionLinkRef[];
  /** Ids named by Patchew's `Supersedes:`. */
  supersedes: string[];
  patches: PatchFacts[];
  missing: number[];
  /** Follow-up trailers given on the cover letter: they count for every patch. */
  coverTrailers: LedgerTrailer[];
  /** Trailers in replies to the cover that count for nobody. Absent when none. */
  coverEvidence?: LedgerEvidence[];
  /** Bots' reports below the cover or a patch. Absent when none. */
  bots?: BotReport[];
  applied: AppliedMark[];
  /** Every message key of the cover and patches (for links and replies pointing at any). */
  messages: string[];
}

/** A series this thread only answers (its cover and patches are elsewhere: the seed's case). */
export interface AnsweredSeries {
  title: string;
  version: number;
  total: number;
  /** The earliest reply, and its date. */
  message: string;
  date: string | null;
}

export interface ThreadFacts {
  /** `FACTS_FORMAT` when computed; absent in facts cached before formats existed. */
  format?: number;
  /** Key of the input's first root (the worker's thread; an mbox may hold several roots). */
  thread: string;
  versions: VersionFacts[];
  answers: AnsweredSeries[];
  /** Who wrote in the thread (sender-history.ts): the history a trailer's sender is checked against. */
  senders: SenderFacts[];
}

const HEADER_NAMES = new Set(['from', 'author', 'to', 'date', 'subject', 'message-id', 'in-reply-to', 'references']);

function supersedes(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/^supersedes:[ \t]*(.*)$/gim)) for (const id of m[1]!.matchAll(/<([^<>\s]+)>/g)) out.push(id[1]!);
  return out;
}

/** The text of a body above its diff: where changelogs and links live. */
const aboveDiff = (body: string): string => {
  const at = diffStart(body);
  return at >= 0 ? body.slice(0, at) : body;
};

export function threadFacts(analysis: Analysis, heads: MessageHead[], bodies: Map<string, string>): ThreadFacts {
  const byId = new Map(heads.map((h) => [h.id, h]));
  const up = new Map<string, string | null>();
  const parentOf = new Map<string, string | null>();
  for (const m of analysis.messages) {
    up.set(m.id, m.parent ?? m.related);
    parentOf.set(m.id, m.parent);
  }
  const thread = analysis.roots[0] ?? heads[0]?.id ?? '';
  /** In-body pseudo-headers (`From:` above a commit message) are no trailers (b4 drops them). */
  const real = (t: Trailer): boolean => !HEADER_NAMES.has(t.name.toLowerCase());
  const trailer = (t: Trailer, origin: TrailerOrigin): LedgerTrailer => {
    const h = byId.get(t.from);
    const out: LedgerTrailer = { name: t.name, value: t.value, person: t.person, from: t.from, sender: h ? { ...h.from } : null, date: h?.date ?? null, origin };
    if (t.lookalikeOf) out.lookalikeOf = t.lookalikeOf;
    if (t.alsoFrom?.length) out.alsoFrom = t.alsoFrom.slice();
    return out;
  };
  const evidence = (t: TrailerEvidence): LedgerEvidence => {
    const out: LedgerEvidence = { ...trailer(t, t.origin ?? 'followup'), sender: { ...t.sender }, why: t.why };
    if (t.bot) out.bot = t.bot;
    return out;
  };
  /** Patch-ids and code prints by message key: a slot's copies and every reply's parent. */
  const identities = new Map<string, ReturnType<typeof patchIdentity>>();
  const identityOf = (id: string): ReturnType<typeof patchIdentity> => {
    let found = identities.get(id);
    if (!found) identities.set(id, (found = patchIdentity(bodies.get(id) ?? '')));
    return found;
  };
  /** The first of `targets` above `id` (itself excluded). */
  const above = (id: string, targets: Map<string, number | null>): [string, number | null] | null => {
    let cur = up.get(id) ?? null;
    for (let n = 0; cur && n < 200; n++) {
      if (targets.has(cur)) return [cur, targets.get(cur)!];
      cur = up.get(cur) ?? null;
    }
    return null;
  };

  /** The root above a message, by parents only (a subject tie is no thread). */
  const rootOf = (id: string): string => {
    let cur = id;
    for (let n = 0; n < 10_000; n++) {
      const p = parentOf.get(cur);
      if (!p) return cur;
      cur = p;
    }
    return cur;
  };
  const versions: VersionFacts[] = [];
  const items = new Set<string>();
  const targetsOf: Array<[VersionFacts, Map<string, number | null>]> = [];
  analysis.series.forEach((s, si) => {
    for (const v of s.versions) {
      const own = v.patches.filter((p) => p.borrowedFrom === null);
      const lead = v.cover ?? own[0]?.id ?? v.patches[0]?.id;
      if (!lead) continue;
      const leadHead = byId.get(lead);
      // where a reply lands: a patch (its counter) or the cover (null)
      const targets = new Map<string, number | null>();
      if (v.cover) targets.set(v.cover, null);
      // a resend or "update" of patch N is patch N: a reply to any copy answers N
      for (const p of own) for (const id of [p.id, ...(p.resends ?? [])]) targets.set(id, p.counter);
      for (const id of targets.keys()) items.add(id);
      const coverTrailers: LedgerTrailer[] = [];
      const coverEvidence: LedgerEvidence[] = [];
      // every patch carries the cover's follow-ups (as b4 applies them): kept once, for the version
      const coverSeen = new Set<string>();
      const once = (kind: string, t: Trailer): boolean => {
        const k = `${kind}\n${t.name}\n${t.value.toLowerCase()}\n${t.from}`;
        if (coverSeen.has(k)) return false;
        coverSeen.add(k);
        return true;
      };
      const patches: PatchFacts[] = v.patches.map((p) => {
        const { patchId, files } = identityOf(p.id);
        const trailers: LedgerTrailer[] = [];
        for (const t of p.trailers.filter(real)) {
          // the series says where each came from; a cover's follow-up on a borrowed patch
          // was given on an older cover, so it stays with the patch
          const origin: TrailerOrigin = t.origin ?? (t.from === p.id ? 'patch' : 'followup');
          if (origin === 'cover' && p.borrowedFrom === null) {
            if (once('given', t)) coverTrailers.push(trailer(t, 'cover'));
            continue;
          }
          const e = trailer(t, origin);
          // kept only where it is not the patch's own (a resend's copy): the cache stays small
          const given = origin !== 'cover' && t.on && t.on !== p.id ? identityOf(t.on).patchId : patchId;
          if (given !== patchId) e.patchId = given;
          trailers.push(e);
        }
        const ev: LedgerEvidence[] = [];
        for (const t of p.evidence ?? []) {
          if (t.origin === 'cover' && p.borrowedFrom === null) {
            if (once(t.why, t)) coverEvidence.push(evidence(t));
          } else ev.push(evidence(t));
        }
        const facts: PatchFacts = { counter: p.counter, id: p.id, subject: p.subject, title: parseSubject(p.subject).base, date: byId.get(p.id)?.date ?? null, patchId, files, trailers, borrowedFrom: p.borrowedFrom, code: codePrint(bodies.get(p.id) ?? '') };
        if (ev.length) facts.evidence = ev;
        return facts;
      });
      const texts = [v.cover, ...own.map((p) => p.id)].flatMap((id) => (id && bodies.has(id) ? [aboveDiff(bodies.get(id)!)] : []));
      const links = new Map<string, VersionLinkRef>();
      for (const t of texts) for (const l of versionLinks(t)) if (!links.has(l.messageId) && !targets.has(l.messageId)) links.set(l.messageId, l);
      const facts: VersionFacts = {
        key: lead,
        thread: rootOf(lead),
        series: si,
        version: v.version,
        versionInferred: v.versionInferred,
        total: v.total,
        cover: v.cover,
        subject: v.subject,
        title: parseSubject(v.subject).base,
        author: posterOf(leadHead, s.author),
        date: v.date,
        changeId: v.changeId ?? s.changeId,
        inReplyTo: leadHead?.inReplyTo ?? null,
        references: leadHead?.references.slice() ?? [],
        links: [...links.values()],
        supersedes: texts.flatMap(supersedes),
        patches,
        missing: v.missing.slice(),
        coverTrailers,
        applied: [],
        messages: [...targets.keys()],
      };
      if (coverEvidence.length) facts.coverEvidence = coverEvidence;
      if (v.bots?.length) facts.bots = v.bots.map((b) => ({ ...b }));
      versions.push(facts);
      targetsOf.push([facts, targets]);
    }
  });
  // after every version is known: a later version sent as a reply is no "applied" reply
  for (const [facts, targets] of targetsOf) facts.applied = appliedMarks(heads, bodies, targets, items, above, facts.author);
  return { format: FACTS_FORMAT, thread, versions, answers: answered(heads, items, versions), senders: threadSenders(heads) };
}

function appliedMarks(
  heads: MessageHead[],
  bodies: Map<string, string>,
  targets: Map<string, number | null>,
  items: Set<string>,
  above: (id: string, targets: Map<string, number | null>) => [string, number | null] | null,
  author: Person,
): AppliedMark[] {
  const out: AppliedMark[] = [];
  for (const h of heads) {
    if (items.has(h.id)) continue;
    const hit = above(h.id, targets);
    if (!hit) continue;
    const body = bodies.get(h.id);
    if (!body) continue;
    const s = appliedSignal(body, hasDiff(body), h.from, author);
    if (s) out.push({ ...s, message: h.id, date: h.date, counter: hit[1] });
  }
  return out;
}

/** Patch subjects answered here whose cover and patches are not in the thread. */
function answered(heads: MessageHead[], items: Set<string>, versions: VersionFacts[]): AnsweredSeries[] {
  const known = new Set(versions.map((v) => `${v.title.toLowerCase()}\n${v.version}`));
  const out = new Map<string, AnsweredSeries>();
  for (const h of heads) {
    if (items.has(h.id)) continue;
    const s = parseSubject(h.subject);
    if (!s.isReply || !s.isPatch || !s.base) continue;
    const k = `${s.base.toLowerCase()}\n${s.version}`;
    if (known.has(k)) continue;
    const have = out.get(k);
    if (have && (have.date ?? '\uffff') <= (h.date ?? '\uffff')) continue;
    out.set(k, { title: s.base, version: s.version, total: s.total, message: h.id, date: h.date });
  }
  return [...out.values()];
}
