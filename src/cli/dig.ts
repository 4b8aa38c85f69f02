/**
 * `listlens dig <sha | commit URL | patch file> [--repo DIR] [--git-web URL] [--archive URL] [--json]`:
 * from a commit to its discussion, as the extension does on a commit page (issue 19): the
 * thread, the version applied (or the nearest, with its interdiff), the commit's trailers
 * against the list's, later fixes. A bare sha is read with git in `--repo` (default: the
 * current directory), or from the git web `--git-web` names.
 *
 * Versions are found as b4 finds them: the found thread, and the threads a search by the
 * series' patch-ids, change-id, author and title words turns up (core/series/version-query.ts),
 * at most `MAX_THREADS`; the core groups them (version-group.ts) and builds the ledger.
 *
 * Exit codes: 0 done (a commit without a discussion too: `found` is null), 1 usage,
 * 2 unreadable input, 3 network.
 *
 * Non-goals: caching, the extension's permissions (the reader named the hosts).
 */
import { readFileSync } from 'node:fs';
import type { AnalysisResult } from '../core/analyse.ts';
import { parseCommitPatch } from '../core/commit/commit-patch.ts';
import { fixesQuery, orderedLinks, patchIdQuery, pickByPatchId, pickBySubject, subjectQuery, type Found, type SearchHit } from '../core/commit/discussion-search.ts';
import { appliedVersion, ledgerRowOf, postedPatches, type AppliedVersion } from '../core/commit/applied-version.ts';
import { compareTrailers, type TrailerRow } from '../core/commit/trailer-compare.ts';
import { laterFixes, type LaterFix } from '../core/commit/later-fixes.ts';
import { parseSubject } from '../core/mail/subject.ts';
import type { Ledger } from '../core/series/ledger.ts';
import { threadFacts, type ThreadFacts } from '../core/series/series-facts.ts';
import { ledgersOf } from './ledgers.ts';
import { versionSearchQuery } from '../core/series/version-query.ts';
import { normalizeInstance, messageUrl } from '../sites/public-inbox-url.ts';
import { discussionOfLink } from '../sites/msgid-link.ts';
import { LORE_ALL } from '../sites/resolution.ts';
import { fetchThread, readCommit, searchMbox } from './dig-fetch.ts';
import { renderDig } from './render-dig.ts';
import { InputError } from './input.ts';
import type { Io } from './main.ts';
import { misuse, readCommandLine, type CommandSpec, type OptionTable } from './options.ts';

export const DIG_USAGE = `usage: listlens dig <sha | commit URL | patch file | -> [--repo DIR] [--git-web URL] [--archive URL] [--json]

  Finds where a commit was discussed on the list, strongest signal first: its Link: or
  Message-ID: trailer, its patch-id (public-inbox's patchid:), its subject and author (uncertain).
  Prints the thread, the version applied (or the nearest, with the interdiff), the commit's
  trailers against the list's, and later fixes (messages saying Fixes: <sha>).
  --repo DIR       the repository a bare sha is read from with git (default: .)
  --git-web URL    read a bare sha from this repository's git web instead (cgit, GitHub, GitLab)
  --archive URL    the public-inbox to search (default ${LORE_ALL})
  --json           print one object (docs/cli.md, "listlens dig")`;

/** Version threads read at most besides the found one. */
export const MAX_THREADS = 8;

export interface DigResult {
  commit: { sha: string | null; subject: string; author: { name: string; address: string }; date: string | null; patchId: string | null; trailers: Array<{ name: string; value: string }> };
  found: (Found & { url: string }) | null;
  thread: { messages: number; root: string | null; subject: string | null; tree: AnalysisResult['analysis']['messages'] } | null;
  series: Ledger | null;
  applied: AppliedVersion | null;
  trailers: TrailerRow[];
  fixes: LaterFix[];
}

const DIG = {
  name: 'listlens dig',
  usage: DIG_USAGE,
  options: {
    repo: { value: 'required', needs: 'a directory' },
    'git-web': { value: 'required', needs: 'a URL' },
    archive: { value: 'required', needs: 'a public-inbox URL' },
    json: {},
  },
  inputs: { noun: 'commit', one: true },
  helpTo: 'err',
} as const satisfies CommandSpec<OptionTable>;

const hitsOf = (r: AnalysisResult | null): SearchHit[] => (r ? r.heads.map((h) => ({ messageId: h.messageId, subject: h.subject, date: h.date, isReply: h.inReplyTo !== null })) : []);

function factsOf(r: AnalysisResult): { facts: ThreadFacts; bodies: Map<string, string> } {
  const bodies = new Map<string, string>();
  for (const [k, b] of r.bodies ?? []) bodies.set(k, b.text);
  return { facts: threadFacts(r.analysis, r.heads, bodies), bodies };
}

export async function digCommand(argv: string[], io: Io): Promise<number> {
  const line = readCommandLine(argv, DIG, io);
  if (typeof line === 'number') return line;
  const o = line.options;
  const archive = o.archive === undefined ? LORE_ALL : normalizeInstance(o.archive);
  if (!archive) return misuse(io, DIG, '--archive needs a public-inbox URL');
  const args = { input: line.inputs[0]!, repo: o.repo ?? '.', gitWeb: o['git-web'] ?? null, archive, json: o.json === true };
  try {
    const bytes = args.input === '-' ? new Uint8Array(readFileSync(0)) : await readCommit(args.input, args.repo, args.gitWeb, (p) => new Uint8Array(readFileSync(p)));
    const c = await parseCommitPatch(bytes);
    if (!c) throw new InputError(`${args.input}: no commit in it (expected git format-patch text)`, 2);
    const result = await dig(c, args.archive);
    io.out(args.json ? JSON.stringify(result, null, 2) + '\n' : renderDig(result));
    return 0;
  } catch (err) {
    io.err(`listlens dig: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof InputError ? err.exitCode : 3;
  }
}

async function dig(c: NonNullable<Awaited<ReturnType<typeof parseCommitPatch>>>, archive: string): Promise<DigResult> {
  const out: DigResult = {
    commit: { sha: c.sha, subject: c.subject, author: c.author, date: c.date, patchId: c.patchId, trailers: c.trailers.map((t) => ({ name: t.name, value: t.value })) },
    found: null,
    thread: null,
    series: null,
    applied: null,
    trailers: [],
    fixes: [],
  };
  // Links to lore read as links to the archive given (a mirror, or the tests' loopback one).
  const inboxOf = (i: string): string => (i === LORE_ALL ? archive : i);
  let found: (Found & { inbox: string }) | null = null;
  for (const link of orderedLinks(c)) {
    const d = discussionOfLink(link);
    if (d) {
      found = { messageId: d.messageId, inbox: inboxOf(d.inboxUrl), signal: 'link', uncertain: false, evidence: `Link: ${link}` };
      break;
    }
  }
  if (!found && c.messageIds[0]) found = { messageId: c.messageIds[0], inbox: archive, signal: 'message-id', uncertain: false, evidence: `Message-ID: <${c.messageIds[0]}>` };
  const byId = !found ? patchIdQuery(c) : null;
  if (byId) {
    const f = pickByPatchId(hitsOf(await searchMbox(archive, byId, false)), c);
    if (f) found = { ...f, inbox: archive };
  }
  const bySubject = !found ? subjectQuery(c) : null;
  if (bySubject) {
    const f = pickBySubject(hitsOf(await searchMbox(archive, bySubject, false)), c);
    if (f) found = { ...f, inbox: archive };
  }
  if (!found) return out;
  out.found = { messageId: found.messageId, signal: found.signal, uncertain: found.uncertain, evidence: found.evidence, url: messageUrl(found.inbox, found.messageId) };
  const main = await fetchThread(found.inbox, found.messageId);
  if (!main) return out;
  const root = main.analysis.roots[0] ?? found.messageId;
  out.thread = { messages: main.heads.length, root, subject: main.analysis.messages.find((m) => m.id === root)?.subject ?? null, tree: main.analysis.messages };
  const threads = [factsOf(main)];
  // the other versions, as b4 finds them
  const seed = threads[0]!.facts.versions[0];
  const query = seed ? versionSearchQuery({ title: seed.title, author: seed.author.address, changeId: seed.changeId, patchIds: seed.patches.flatMap((p) => (p.patchId ? [p.patchId] : [])), dates: [seed.date] }) : null;
  const known = new Set(main.heads.map((h) => h.messageId));
  const leads = query ? (await searchMbox(found.inbox, query, false))?.heads.filter((h) => !known.has(h.messageId) && parseSubject(h.subject).isPatch && !parseSubject(h.subject).isReply && parseSubject(h.subject).counter <= 1) ?? [] : [];
  for (const h of leads.slice(0, MAX_THREADS)) {
    if (known.has(h.messageId)) continue;
    const t = await fetchThread(found.inbox, h.messageId);
    if (!t) continue;
    for (const x of t.heads) known.add(x.messageId);
    threads.push(factsOf(t));
  }
  const bodies = new Map(threads.flatMap((t) => [...t.bodies]));
  // every series of the threads, as the extension's panel and listlens series build them
  const ledgers = ledgersOf(threads.map((t) => t.facts), root);
  for (const ledger of ledgers) {
    const row = ledgerRowOf(ledger, c, found.messageId);
    if (row < 0) continue;
    out.series = ledger;
    out.applied = appliedVersion(c, postedPatches(ledger, row), (id) => bodies.get(id) ?? null);
    const cell = out.applied ? ledger.rows[row]!.cells.find((x) => x?.id === out.applied!.id) : null;
    if (cell) out.trailers = compareTrailers(c, cell.trailers, cell.applied?.date ?? ledger.applied?.date ?? null);
    break;
  }
  const fq = c.sha ? fixesQuery(c.sha) : null;
  const fx = fq ? await searchMbox(found.inbox, fq, true) : null;
  if (fx && c.sha) out.fixes = laterFixes({ sha: c.sha, subject: c.subject }, fx.heads, factsOf(fx).bodies, [factsOf(fx).facts]);
  return out;
}
