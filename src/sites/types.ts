/**
 * The contract every archive adapter in src/sites/ fulfils: recognise a URL (and, only
 * where the URL is not enough, a page), and say which message it shows and where that
 * message's thread can be fetched as mbox.
 *
 * Non-goals: adapters never fetch. They are pure functions of a URL and, optionally, a
 * parsed page, so the content script, the worker, the CLI and the tests share them.
 */

/** What kind of page the reader is on. */
export type PageKind =
  | 'message'
  | 'thread'
  | 'index'
  | 'search'
  | 'not-found'
  | 'patch'
  | 'cover'
  | 'series'
  /** A commit on a git web (cgit, GitHub, GitLab): its discussion is searched for (git-web.ts). */
  | 'commit'
  | 'unknown';

/**
 * How sure the adapter is of `messageId`:
 * - `exact`: it is in the URL or the page;
 * - `search`: it must be found by a subject/author/date search, which may be wrong;
 * - `none`: not a message page, or nothing can be known.
 */
export type Confidence = 'exact' | 'search' | 'none';

/** Enough to search a public-inbox for a message whose id the archive hides. */
export interface SearchHint {
  subject: string;
  author: string | null;
  /** ISO date or null. */
  date: string | null;
}

export interface Resolution {
  /** Adapter id: `public-inbox`, `marc`, `spinics`, … */
  archive: string;
  kind: PageKind;
  /** The list's name as the archive spells it (`linux-mm`), or null. */
  list: string | null;
  /** Bare Message-ID, or null when it cannot be known from what was given. */
  messageId: string | null;
  /**
   * The public-inbox inbox URL, ending in `/`, where the thread lives
   * (`https://lore.kernel.org/linux-mm/`, `https://yhbt.net/lore/all/`), or null.
   * With confidence `search`, the inbox to search with `search`.
   */
  inboxUrl: string | null;
  /** `<inboxUrl><escaped mid>/` when both are known, else null. */
  threadUrl: string | null;
  confidence: Confidence;
  /** When the page itself is needed (to read the id, or search terms), what for. */
  needsPage: string | null;
  search: SearchHint | null;
  /** For list-level pages of a thread view: the message in view from `#m…`. */
  anchor?: string | null;
  /**
   * public-inbox T/ and t/ pages anchor each message as `#m<sha1 of its bare Message-ID>`:
   * that SHA-1 (hex) when the URL's fragment carries one, so the panel can match it
   * against the thread's messages without the page. Added by the sites adapters.
   */
  anchorSha1?: string | null;
  /**
   * A plain-text view whose headers carry the Message-ID the page hides, for the worker
   * to fetch (marc's `&q=raw`, a patchwork `/mbox/`, a HyperKitty `export?message=`).
   */
  rawUrl?: string | null;
  /**
   * The archive's own thread data, for lists that no public-inbox carries: a pipermail
   * monthly `.txt.gz` (the whole month: thread it and pick the message's thread), a
   * HyperKitty `export/….mbox.gz?thread=`, a patchwork `/series/<id>/mbox/`.
   */
  mboxUrl?: string | null;
  /**
   * Why there is no thread to fetch although the message is known or searchable: no
   * public-inbox is known to carry the list and the archive offers no thread of its own.
   */
  note?: string | null;
  /** On a git web's commit page (`kind: 'commit'`): the commit, and where its patch is. */
  commit?: CommitRef | null;
}

/** A commit as a git web page names it. */
export interface CommitRef {
  /** The commit as the URL names it: 7 to 64 hex digits, lower case (possibly abbreviated). */
  sha: string;
  /** The repository on its git web, ending in `/` (`https://git.kernel.org/pub/scm/…/linux.git/`). */
  repoUrl: string;
  /** The commit as `git format-patch` text (cgit's `/patch/?id=`, GitHub's and GitLab's `.patch`). */
  patchUrl: string;
  /** Host permission patterns that fetching `patchUrl` needs (a redirect's host included). */
  origins: string[];
}

/**
 * The parts of a page an adapter may read. It is the DOM `Document` in the browser;
 * tests pass a parsed fixture. Kept narrow so detection stays cheap.
 */
export type PageDocument = Pick<Document, 'querySelector' | 'querySelectorAll' | 'title'> & {
  /** Comment nodes' text, for hypermail's `<!-- id="…" -->`. */
  documentElement: Pick<HTMLElement, 'outerHTML'> | null;
};

export interface SiteExamples {
  /** URLs this adapter must recognise, with what it must find in them. */
  match: Array<[url: string, expected: Partial<Resolution>]>;
  /** URLs this adapter must not claim. */
  noMatch: string[];
}

export interface SiteAdapter {
  id: string;
  /** Human name for the options page. */
  name: string;
  /** Match patterns for the manifest's content script and host permissions. */
  hosts: string[];
  /** From the URL alone; null when the URL is not this archive's. */
  fromUrl(url: URL): Resolution | null;
  /**
   * From the page, for what the URL cannot tell. Called only when `fromUrl` returned a
   * resolution with `needsPage`, or for hosts the user added.
   */
  fromPage?(url: URL, doc: PageDocument): Resolution | null;
  /**
   * Git webs only: the page of commit `sha` in the repository at `tree` (a clone or web URL of
   * it), or null when `tree` is not this git web's.
   */
  commitUrl?(tree: URL, sha: string): string | null;
}

/*
 * Each adapter file also exports `examples: SiteExamples` beside the adapter, as its own
 * export: the adapter object never references it, so bundlers drop the examples from the
 * content script while the tests walk them.
 */
