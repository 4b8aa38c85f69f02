/**
 * Hostile shapes for the series core (issue 16), shared by `npm run bench:scale` and the
 * unit test that catches a hang (test/core/series/scale.test.ts):
 * - `similarPostings(n)`: n one-patch postings by one author whose titles share most words
 *   (`mm/frob: rework the frobnicator path for device 17`), each its own thread: every pair
 *   a loose match, none confirmed. Was 12.3 s at 1,000 and 41.5 s at 2,000 in the core (pair
 *   loops in version-group.ts, every candidate listed as uncertain under every series).
 * - `rewordedPatches(n)`: two versions of n patches that all touch one file, every title
 *   reworded and every patch-id changed. Was 2.7 s at 2,000, 9.6× the time at 500 (the exact
 *   files tier made every pair of one bucket).
 *
 * - `strangerReplies(n)`: a v9 and n strangers' v10 of its title, each a reply to its cover,
 *   each listed apart (`otherAuthors`), none merged.
 * - `sameNameReplies(n)`: the same in the author's very name, each from an address of its
 *   own: each merged and marked "address not seen before for this name". Took 3 s at 2,000
 *   when each check read every address the name had (sender-history.ts `newAddress`).
 *
 * Non-goals: timing (bench/scale.ts does), realistic series (bench/ledger.ts).
 */
import type { LedgerPatch } from '../src/core/series/patch-match.ts';
import type { ThreadFacts, VersionFacts } from '../src/core/series/series-facts.ts';

const author = { name: 'Alice Author', address: 'alice@example.org' };
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];
const word = (i: number): string => `${WORDS[i % WORDS.length]}${Math.floor(i / WORDS.length)}`;

/** One-version threads of one patch each, titles differing in one word. */
export function similarPostings(n: number): ThreadFacts[] {
  return Array.from({ length: n }, (_, i): ThreadFacts => {
    const key = `posting-${i}@example.org`;
    const v = onePatch(key, `mm/frob: rework the frobnicator path for device ${word(i)}`, i, author);
    return { thread: key, versions: [v], answers: [], senders: [] };
  });
}

/**
 * A v9 of Alice's and n strangers' `[PATCH v10]` of its title, each sent as a reply to its
 * cover from an address of their own (issue 16: each is listed apart, never merged): every
 * claim a pair the core must judge, none a tie.
 */
export function strangerReplies(n: number): ThreadFacts[] {
  const title = 'mm/frob: rework the frobnicator path';
  const v9 = onePatch('v9@example.org', title, 0, author);
  v9.version = 9;
  v9.versionInferred = false;
  const strangers = Array.from({ length: n }, (_, i): VersionFacts => {
    const v = onePatch(`stranger-${i}@example.org`, title, i + 1, { name: `Stranger ${word(i)}`, address: `s${i}@evil.example` });
    v.version = 10;
    v.versionInferred = false;
    v.inReplyTo = v9.key;
    v.thread = v9.key;
    v.series = i + 1;
    return v;
  });
  const senders = [v9, ...strangers].map((v) => ({ name: v.author.name, address: v.author.address, messages: 1, first: v.date }));
  return [{ thread: v9.key, versions: [v9, ...strangers], answers: [], senders }];
}

/** `strangerReplies`, every v10 in Alice's name from an address of its own. */
export function sameNameReplies(n: number): ThreadFacts[] {
  const [t] = strangerReplies(n);
  for (const v of t!.versions.slice(1)) v.author = { name: author.name, address: v.author.address };
  t!.senders = t!.versions.map((v) => ({ name: v.author.name, address: v.author.address, messages: 1, first: v.date }));
  return [t!];
}

function onePatch(key: string, title: string, i: number, by: { name: string; address: string }): VersionFacts {
  const date = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
  const v: VersionFacts = {
    key,
    thread: key,
    series: 0,
    version: 1,
    versionInferred: true,
    total: 1,
    cover: null,
    subject: `[PATCH] ${title}`,
    title,
    author: by,
    date,
    changeId: null,
    inReplyTo: null,
    references: [],
    links: [],
    supersedes: [],
    patches: [{ counter: 1, id: key, subject: `[PATCH] ${title}`, title, date, patchId: i.toString(16).padStart(40, '0'), files: [`drivers/frob/dev${i}.c`], trailers: [], borrowedFrom: null, code: '' }],
    missing: [],
    coverTrailers: [],
    applied: [],
    messages: [key],
  };
  return v;
}

/** Two versions of n patches touching one file, titles reworded, patch-ids changed. */
export function rewordedPatches(n: number): [LedgerPatch[], LedgerPatch[]] {
  const side = (v: number): LedgerPatch[] =>
    Array.from({ length: n }, (_, i) => ({
      counter: i + 1,
      title: v === 1 ? `frob: teach the walker step ${word(i)}` : `frob walker: handle case ${word(i + n)} now`,
      patchId: `${v}${i.toString(16).padStart(39, '0')}`,
      files: ['drivers/frob/walker.c'],
      code: '',
    }));
  return [side(1), side(2)];
}
