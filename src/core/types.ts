/**
 * The shapes that flow out of src/core: one message's headers, the thread, the series,
 * the participants, the quote blocks of a body. The CLI's `--json`, the worker's cache and
 * the panel all speak these types, so a field added here is a field every consumer sees.
 *
 * Non-goals: no behaviour lives here, and nothing here may import from outside src/core.
 * Every type is plain JSON (strings, numbers, arrays, null) so it survives structured
 * clone, IndexedDB and `JSON.stringify` unchanged.
 */

/** A person as mail names them. `address` is lower-cased only when comparing, never here. */
export interface Person {
  name: string;
  address: string;
}

/**
 * What the headers alone tell about one message. This is enough for the tree and the
 * participants, which is why the headers-only pass stops here.
 */
export interface MessageHead {
  /**
   * Unique key of this message within one analysis. It is the bare Message-ID, except:
   * a message without one gets a stable synthetic id (`synthetic.<hash>@listlens.invalid`),
   * and of several messages reusing an id one keeps it and the others get `<id>#2`, `#3`, …
   * (see `messageId`; assignKeys says which, independent of input order).
   */
  id: string;
  /** The bare Message-ID as the mail carries it (equal to `id` unless reused or synthetic). */
  messageId: string;
  synthetic: boolean;
  /** The sane In-Reply-To, bare, or null. */
  inReplyTo: string | null;
  /** References then In-Reply-To, bare, oldest first, duplicates and junk dropped. */
  references: string[];
  /** Decoded subject, folded whitespace collapsed. Empty string when absent. */
  subject: string;
  /** The first From; `{name:'', address:''}` when absent or unparseable. */
  from: Person;
  /**
   * Set (to the list's name) when a list rewrote From to its own address, `'Name' via List`:
   * `from.name` is then the sender's name, and `from.address` the list's, which identifies
   * nobody. Absent otherwise (optional so heads cached before it still read).
   */
  via?: string;
  /** ISO 8601 (UTC) or null when missing or invalid. Never "now". */
  date: string | null;
  /** List-Id without angle brackets, or null. */
  listId: string | null;
  /** Position in the source (0-based), for stable ordering and lazy body decoding. */
  index: number;
}

/** The decoded body of one message, produced lazily after the headers pass. */
export interface MessageBody {
  /** text/plain when present, else a DOM-free rendering of text/html, else ''. */
  text: string;
  /** True when `text` was derived from HTML. */
  fromHtml: boolean;
  /** Names of attachments, for display only. */
  attachments: string[];
}

/** One entry of the JSON `messages` array: a message or a ghost. */
export interface ThreadMessage {
  id: string;
  /** Key of the parent in the tree (message or ghost), null for a root. */
  parent: string | null;
  /** A thread tied to this one by subject only (a reply that lost its References). */
  related: string | null;
  /** True for an id that is referenced but absent from the data. */
  ghost: boolean;
  subject: string;
  from: Person | null;
  date: string | null;
  /** Depth in the tree, 0 for roots. */
  depth: number;
  /** Keys of children, in date order (undated last, then by source order). */
  children: string[];
}

export interface Thread {
  /** Every message and ghost, in depth-first tree order (roots by date). */
  messages: ThreadMessage[];
  /** Keys of the roots, in date order. */
  roots: string[];
}

/** What a subject line says, as b4 and patchwork read it. */
export interface SubjectInfo {
  /** The subject with reply markers and every bracketed prefix removed. */
  base: string;
  /** `base` normalised for matching: lower case, whitespace collapsed. */
  key: string;
  isReply: boolean;
  isPatch: boolean;
  isRfc: boolean;
  isResend: boolean;
  /** 1 when not given, with `versionInferred` true. */
  version: number;
  versionInferred: boolean;
  /** Counter and expected total, 1/1 when not given (`counterInferred`). */
  counter: number;
  total: number;
  counterInferred: boolean;
  /** Other bracket chunks: `net-next`, list tags such as `Qemu-devel`, … */
  prefixes: string[];
}

export interface Trailer {
  /** Canonical case: `Reviewed-by`, `Acked-by`, … */
  name: string;
  value: string;
  /** The person named in the value, when it carries one. */
  person: Person | null;
  /** Key of the message that carried the trailer. */
  from: string;
  /**
   * Set when the person named imitates a participant (the value is that participant's
   * address): such a trailer is shown flagged and counted for nobody. Absent otherwise.
   */
  lookalikeOf?: string;
  /**
   * Where the series found it: in the patch itself (`patch`), in a reply below the patch
   * (`followup`), in a reply to the cover letter (`cover`: it counts for every patch of that
   * version). Set on a series' trailers; absent elsewhere.
   */
  origin?: 'patch' | 'followup' | 'cover';
  /** Key of the patch or cover letter it was given on (for `patch`, the patch itself). Set with `origin`. */
  on?: string;
  /**
   * Keys of other messages that gave the same trailer (same name, same person) to the same
   * patch: the giving is kept once and counted once, and each of those replies still gave it
   * (the tree marks them). Absent when none.
   */
  alsoFrom?: string[];
}

/**
 * A trailer shown and counted for nobody: `not-sender`, it names someone other than the one
 * who sent it ("given by X on behalf of Y", b4's trailer mismatch); `bot`, a line of a bot's
 * report (a syzbot template's `Tested-by:`).
 */
export interface TrailerEvidence extends Trailer {
  why: 'not-sender' | 'bot';
  /** Who sent the message that carries it. */
  sender: Person;
  /** For `bot`: the bot's name (src/core/mail/bots.ts). */
  bot?: string;
}

/** What a bot does, which says what its reports are (src/core/mail/bots.ts). */
export type BotKind = 'fuzzer' | 'build' | 'ci' | 'patchwork' | 'ai-review';

/**
 * What a finding is (src/core/mail/bots.ts reads it from the bot's own words): `crash` (an
 * oops, KASAN, BUG, a hang), `warning` (a WARNING splat or a build warning), `build error`,
 * `test failed`, `test passed`, `regression` (a measured slow-down), `review` (an AI
 * reviewer's question), `report` (a bot's mail saying something else).
 */
export type FindingKind = 'crash' | 'warning' | 'build error' | 'test failed' | 'test passed' | 'regression' | 'review' | 'report';

/** One thing a bot found, in its own words: "WARNING in folio_memcg", with where it says more. */
export interface BotFinding {
  title: string;
  kind: FindingKind;
  /** The bot's page for it (a dashboard, a CI run, its `Closes:` URL), or null. */
  link: string | null;
}

/** A bot's mail below a patch or a cover letter: a report, never a trailer. */
export interface BotReport {
  /** Key of the bot's message. */
  message: string;
  bot: string;
  kind: BotKind;
  date: string | null;
  /** The patch it answers (its counter), or null for the cover letter (the whole version). */
  counter: number | null;
  /** What it found, read from its text (bots.ts). Absent when it names nothing (a notice). */
  findings?: BotFinding[];
  /** Message-IDs its text names as what it tested ("patch link:", the series' lore URL). Absent when none. */
  names?: string[];
  /** The version (and patch) its text names (`[PATCH v3 2/5]`, `[v3]`). Absent when none. */
  namesVersion?: { version: number; counter: number | null };
}

export interface TrailerCounts {
  reviewed: number;
  acked: number;
  tested: number;
}

export interface SeriesPatch {
  counter: number;
  id: string;
  subject: string;
  /** From the patch itself, then from replies to it, then from replies to the cover. */
  trailers: Trailer[];
  counts: TrailerCounts;
  /** Set when a partial reroll borrowed this patch from an earlier version. */
  borrowedFrom: number | null;
  /** Trailers in replies to it (or to the cover) that count for nobody, with why. Absent when none. */
  evidence?: TrailerEvidence[];
  /** Keys of the other copies of this patch in its version (a resend, an "update"): replies to them are this patch's. Absent when none. */
  resends?: string[];
}

export interface SeriesVersion {
  version: number;
  /** The version number came from no subject and was inferred. */
  versionInferred: boolean;
  total: number;
  /** Key of the cover letter, or null. */
  cover: string | null;
  date: string | null;
  subject: string;
  patches: SeriesPatch[];
  /** Counters 1..total not present. */
  missing: number[];
  /** Fixes/Link/Closes trailers of the cover letter. */
  coverTrailers: Trailer[];
  changeId: string | null;
  /** Bots' reports below the cover or a patch of this version (counted for nothing). Absent when none. */
  bots?: BotReport[];
}

export interface Series {
  subject: string;
  author: Person;
  changeId: string | null;
  versions: SeriesVersion[];
}

export interface Participant {
  name: string;
  address: string;
  aliases: string[];
  messages: number;
  first: string | null;
  last: string | null;
  /** `author` (of a series), `reviewer`, `acker`, `tester`. */
  roles: string[];
  /** Trailers this person gave, by canonical name. */
  trailers: Record<string, number>;
  /**
   * Set when the only address this person's mail gives is one an archive masked or mangled
   * (gmane's `name-HASH@public.gmane.org`, `joe@xxxxxxxx`): `address` is then '' (the masked
   * one reaches nobody), `maskedAddress` is the spelling the archive shows, and the person is
   * known by name. Absent otherwise.
   */
  masked?: true;
  maskedAddress?: string;
  /**
   * The address (or, for a masked participant, the masked address or name) of the other
   * participant whose address, domain or name this one's imitates (a Unicode confusable, see
   * src/core/mail/lookalikes.ts). Absent for everybody else.
   */
  lookalikeOf?: string;
  /** A word of the name or address mixes scripts (Latin with Cyrillic, Greek…). Absent otherwise. */
  mixedScript?: true;
}

/** Where a message or a whole file could not be read, and why. */
export interface AnalysisError {
  /** A message key, `mbox:<offset>`, or a file name. */
  where: string;
  reason: string;
}

export type QuoteBlock =
  | { kind: 'text'; lines: string[] }
  | {
      kind: 'quote';
      depth: number;
      lines: string[];
      /** The "On …, X wrote:" line that introduced it, or null. */
      attribution: string | null;
      /** Who the attribution names, when it names someone. */
      author: string | null;
      /** Key of the quoted message in the thread, when it could be matched. */
      quotedId: string | null;
    }
  | { kind: 'signature'; lines: string[] }
  | { kind: 'diff'; lines: string[] }
  | { kind: 'footer'; lines: string[] };

export interface Progress {
  phase: 'download' | 'split' | 'headers' | 'bodies' | 'done';
  bytes: number;
  messages: number;
  /** While downloading: the bytes the archive announced (Content-Length), when it did. */
  total?: number | null;
}

/** The whole result: the CLI's `--json` object. */
export interface Analysis {
  messages: ThreadMessage[];
  roots: string[];
  participants: Participant[];
  series: Series[];
  errors: AnalysisError[];
}

/** A message of the context view: the current message and its ancestors (src/core/thread/context.ts). */
export interface ContextEntry {
  id: string;
  ghost: boolean;
  subject: string;
  from: Person | null;
  date: string | null;
  blocks: QuoteBlock[];
}
